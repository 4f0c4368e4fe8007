// Notebooks run in two profiles: `full` reproduces the posts (the committed
// outputs), `ci` is a short run for the tests. The course runner sets
// NNTS_PROFILE for the kernel; a reader's JupyterLab leaves it unset, so `full`.
import { kernelEnv } from "./display/tslab";

export type ProfileName = "full" | "ci";
export const PROFILE_ENV = "NNTS_PROFILE";

export function profileName(): ProfileName {
  const value = kernelEnv(PROFILE_ENV) ?? "full";
  if (value !== "full" && value !== "ci") {
    throw new Error(`${PROFILE_ENV} must be "full" or "ci", got "${value}"`);
  }
  return value;
}

/** The value for the running profile: `epochs = profile({ full: 200, ci: 3 })`. */
export function profile<T>(choices: { full: T; ci: T }): T {
  return choices[profileName()];
}
