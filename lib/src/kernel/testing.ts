// Entry points for the tests only: nothing in the library imports this module.
import { gemmDriver } from "./wasm";

export { scratchBlockValues, withScratch, outputArray, isScratch, uninitializedArray } from "./scratch";
export { WASM_ELEMENTWISE_MIN } from "./wasm";
export * as loops from "./loops";

/** Makes the next task a worker claims throw (1) or exit its thread (2), and keeps the main thread out of the tasks while `exclusive`. */
export function wasmWorkerCrashForTest(kind: 1 | 2, exclusive: boolean): void {
  const pool = gemmDriver().testPool();
  pool.mainTakesTasks = !exclusive;
  pool.crashNextTask(kind);
}

/** out[i] = exp(x[i]) by the kernel's exp (exp-wat.ts), to compare with Math.exp. */
export function wasmExpForTest(x: Float64Array, out: Float64Array): void {
  gemmDriver().exp(x, out);
}
