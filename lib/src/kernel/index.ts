import { referenceKernel } from "./reference";
import { Kernel } from "./types";
import { wasmKernel, wasmKernelAvailable } from "./wasm";

export type { Kernel } from "./types";
export { referenceKernel } from "./reference";
export { wasmKernel, wasmKernelAvailable, configureWasmKernel, closeWasmKernel, wasmArrayBytes, wasmCopiedBytes, DEFAULT_PARALLEL_MIN_FLOPS } from "./wasm";
export type { WasmGemmSettings } from "./wasm";

// One setting chooses the backend: NNTS_KERNEL=reference|wasm in the environment,
// or useKernel(name) at run time. The default is the fast "wasm" kernel when it has
// been built (`npm run build`), else the readable reference kernel.
const kernels = new Map<string, Kernel>([[referenceKernel.name, referenceKernel]]);
if (wasmKernelAvailable()) kernels.set(wasmKernel.name, wasmKernel);

let current: Kernel = initialKernel();

function initialKernel(): Kernel {
  const wanted = process.env.NNTS_KERNEL;
  if (wanted === undefined || wanted === "") return kernels.get("wasm") ?? referenceKernel;
  if (wanted === "wasm" && !kernels.has("wasm")) throw new Error(`NNTS_KERNEL=wasm, but kernel.wasm has not been built; run \`npm run build\``);
  const chosen = kernels.get(wanted);
  if (!chosen) throw new Error(`NNTS_KERNEL: no kernel "${wanted}"; available: ${[...kernels.keys()].join(", ")}`);
  return chosen;
}

export function registerKernel(kernel: Kernel): void {
  kernels.set(kernel.name, kernel);
}

/** The kernel every Tensor operation uses (only tensor.ts calls it: see lib/README.md). */
export function kernel(): Kernel {
  return current;
}

/** Switch backend by name, e.g. useKernel("reference"). Returns the previous name. */
export function useKernel(name: string): string {
  const next = kernels.get(name);
  if (!next) throw new Error(`useKernel: no kernel "${name}"; available: ${[...kernels.keys()].join(", ")}`);
  const previous = current.name;
  current = next;
  return previous;
}

export function kernelNames(): string[] {
  return [...kernels.keys()];
}
