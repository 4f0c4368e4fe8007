// nnts: the course library. One import gives a notebook everything it needs.
export * from "./tensor";
export * from "./kernel";
export * from "./profile";
export * from "./random";
export * from "./data";
export * from "./activations";
export * from "./losses";
export * from "./plot";
export * from "./models/slope-classifier";
export { show, LiveDisplay, textDisplay, setDisplayWriter } from "./display/show";
export type { Displayable, MimeBundle } from "./display/show";
export * from "./layers";
export * from "./models/perceptron";
export * from "./models/sklearn-perceptron";
export * from "./models/logic-gates";
export * from "./init";
export * from "./models/softmax-regression";
