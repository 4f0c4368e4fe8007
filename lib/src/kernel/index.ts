import { referenceKernel } from "./reference";
import { Kernel } from "./types";

export type { Kernel } from "./types";
export { referenceKernel } from "./reference";

// One setting chooses the backend; faster ones register themselves here.
const kernels = new Map<string, Kernel>([[referenceKernel.name, referenceKernel]]);
let current: Kernel = referenceKernel;

export function registerKernel(kernel: Kernel): void {
  kernels.set(kernel.name, kernel);
}

/** The kernel every Tensor operation and layer uses. */
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
