export * from "./tensor";
export * from "./kernel";
export * from "./profile";
export { show, LiveDisplay, textDisplay, setDisplayWriter } from "./display/show";
export type { Displayable, MimeBundle } from "./display/show";
