// Finds and compiles the kernel's WebAssembly, which `npm run build` writes into lib/dist.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { WasmMemory, WasmModule, WebAssemblyApi } from "./webassembly";

const FILE = "kernel.wasm";

/**
 * Where the built kernel is: beside this file when running the compiled library
 * (lib/dist/kernel/wasm), or in lib/dist when running the sources with tsx
 * (lib/src/kernel/wasm → lib/dist/kernel/wasm). Undefined if it was never built.
 */
export function wasmFile(): string | undefined {
  const candidates = [join(__dirname, FILE), resolve(__dirname, "..", "..", "..", "dist", "kernel", "wasm", FILE)];
  return candidates.find((path) => existsSync(path));
}

let compiled: WasmModule | undefined;

/** The compiled module (once per process), or a clear error naming what to run. */
export function wasmModule(): WasmModule {
  if (compiled) return compiled;
  const file = wasmFile();
  if (!file) throw new Error(`wasm kernel: ${FILE} not found next to ${__dirname} nor in lib/dist/kernel/wasm; run \`npm run build\``);
  const bytes = readFileSync(file);
  if (!WebAssemblyApi.validate(bytes)) throw new Error(`wasm kernel: ${file} is not valid WebAssembly (it needs SIMD and threads); rebuild with \`npm run build\``);
  compiled = new WebAssemblyApi.Module(bytes);
  return compiled;
}

/** The memory every thread shares: 64 KiB pages, up to the 4 GiB a 32-bit address reaches. */
export const MAX_PAGES = 65536;

export interface KernelExports {
  packB(b: number, k: number, n: number, trans: number, bp: number): void;
  block(i0: number, i1: number, n: number, k: number, a: number, rs: number, ps: number, bp: number,
        c: number, ldc: number, fresh: number, mode: number, kcMax: number, ap: number, scratch: number): void;
  addBias(c: number, rows: number, n: number, bias: number): void;
  clip(x: number, out: number, n: number, lo: number, hi: number): void;
  relu(x: number, out: number, n: number): void;
  reluBackward(x: number, dout: number, out: number, n: number): void;
  subScaled(x: number, g: number, out: number, n: number, f: number): void;
  sigmoid(x: number, out: number, n: number): void;
  softmaxRows(x: number, out: number, rows: number, cols: number): void;
  exp(x: number, out: number, n: number): void;
  gatherRows(dst: number, src: number, rowBytes: number, indices: number, count: number): void;
  nonzeros(p: number, count: number): number;
  allFinite(p: number, count: number): number;
}

export function instantiate(memory: WasmMemory): KernelExports {
  return new WebAssemblyApi.Instance(wasmModule(), { env: { memory } }).exports as unknown as KernelExports;
}
