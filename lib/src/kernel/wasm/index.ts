// The fast kernel: matrix products in WebAssembly SIMD (f64x2) on the main thread
// and, for large products, on worker threads sharing its memory; the element-wise
// loops that pay run in wasm too (see below).
import { availableParallelism } from "node:os";
import * as loops from "../loops";
import { Kernel } from "../types";
import { MAX_THREADS } from "./control";
import { WasmGemm, WasmGemmSettings } from "./gemm";
import { wasmFile } from "./module";

export type { WasmGemmSettings } from "./gemm";

/**
 * Products below this many flops (2·m·n·k) stay on one thread, since waking the
 * workers and waiting for them is not reliably repaid there (bench/README.md has the
 * crossover); above it, ThreadChoice still picks one thread whenever the pool turns
 * out slower (a busy machine).
 */
export const DEFAULT_PARALLEL_MIN_FLOPS = 1_000_000;

function defaultThreads(): number {
  const env = process.env.NNTS_THREADS;
  if (env !== undefined && env !== "") {
    const t = Number(env);
    if (!Number.isInteger(t) || t < 1 || t > MAX_THREADS) throw new Error(`NNTS_THREADS must be an integer 1..${MAX_THREADS}, got "${env}"`);
    return t;
  }
  return Math.min(MAX_THREADS, availableParallelism());
}

const settings: WasmGemmSettings = { threads: defaultThreads(), parallelMinFlops: DEFAULT_PARALLEL_MIN_FLOPS, adaptive: true };
let driver: WasmGemm | undefined;

/** The driver behind the wasm kernel, started on first use. */
export function gemmDriver(): WasmGemm {
  driver ??= new WasmGemm(settings);
  return driver;
}

/** True when the built kernel.wasm is there (after `npm run build`). */
export function wasmKernelAvailable(): boolean {
  return wasmFile() !== undefined;
}

/**
 * Changes how many threads large products use, where "large" starts, and whether
 * the pool is used only while it is measured faster. Results depend on none of
 * these. Returns the previous settings.
 */
export function configureWasmKernel(change: Partial<WasmGemmSettings>): WasmGemmSettings {
  const previous = { ...settings };
  if (change.threads !== undefined) {
    if (!Number.isInteger(change.threads) || change.threads < 1 || change.threads > MAX_THREADS)
      throw new Error(`configureWasmKernel: threads must be an integer 1..${MAX_THREADS}, got ${change.threads}`);
    settings.threads = change.threads;
  }
  if (change.parallelMinFlops !== undefined) {
    if (!(change.parallelMinFlops >= 0)) throw new Error(`configureWasmKernel: parallelMinFlops must be ≥ 0, got ${change.parallelMinFlops}`);
    settings.parallelMinFlops = change.parallelMinFlops;
  }
  if (change.adaptive !== undefined) settings.adaptive = change.adaptive;
  return previous;
}

/** Bytes held by kernelArray()'s arrays in the wasm memory and not yet garbage-collected. */
export function wasmArrayBytes(): number {
  return driver?.arrayBytes ?? 0;
}

/** Bytes the wasm kernel's products have copied into and out of its memory so far (see kernelArray). */
export function wasmCopiedBytes(): number {
  return driver?.copiedBytes ?? 0;
}

/** Stops the worker threads now (they never keep a process alive; this frees them early). */
export function closeWasmKernel(): void {
  driver?.close();
}

/**
 * ReLU, its backward pass, sigmoid, softmax and SGD's update run in wasm from this many
 * values on (below, the call costs more than the loop); results are the same either way.
 */
export const WASM_ELEMENTWISE_MIN = 256;

/**
 * An element-wise loop runs in wasm where that beats JavaScript even with the copies
 * in and out — ReLU and its backward pass (no mispredicted sign branch), sigmoid and
 * softmax (exp-wat.ts's bit-exact port of Math.exp instead of a call per value), SGD's
 * update of weights already in the kernel's memory (see subScaled below) — while
 * sigmoid's branch-free backward pass costs about what its copy would and stays in JavaScript.
 */
export const wasmKernel: Kernel = {
  name: "wasm",
  gemm(transA, transB, m, n, k, a, b, c, accumulate, bias) {
    gemmDriver().gemm(transA, transB, m, n, k, a, b, c, accumulate, bias);
  },
  allocate(length) {
    return gemmDriver().array(length);
  },
  gatherRows(src, width, indices, out) {
    gemmDriver().gatherRows(src, width, indices, out);
  },
  clip(x, lo, hi, out) {
    // Only for values in the kernel's memory: copying them in and out costs more than the JS loop.
    if (x.length < WASM_ELEMENTWISE_MIN || !gemmDriver().holds(x)) loops.clip(x, lo, hi, out);
    else gemmDriver().clip(x, lo, hi, out);
  },
  relu(x, out) {
    if (x.length < WASM_ELEMENTWISE_MIN) loops.relu(x, out);
    else gemmDriver().relu(x, out);
  },
  reluBackward(x, dout, out) {
    if (x.length < WASM_ELEMENTWISE_MIN) loops.reluBackward(x, dout, out);
    else gemmDriver().reluBackward(x, dout, out);
  },
  subScaled(x, factor, g, out) {
    // Only for weights in the kernel's memory: copying them in and out costs more than the JS loop.
    if (x.length < WASM_ELEMENTWISE_MIN || !gemmDriver().holds(x)) loops.subScaled(x, factor, g, out);
    else gemmDriver().subScaled(x, factor, g, out);
  },
  sigmoidBackward: loops.sigmoidBackward,
  sigmoid(x, out) {
    if (x.length < WASM_ELEMENTWISE_MIN) loops.sigmoid(x, out);
    else gemmDriver().sigmoid(x, out);
  },
  softmaxRows(x, rows, cols, out) {
    if (rows * cols < WASM_ELEMENTWISE_MIN) loops.softmaxRows(x, rows, cols, out);
    else gemmDriver().softmaxRows(x, rows, cols, out);
  },
  subScaledAll(xs, factor, gs) {
    return gemmDriver().subScaledAll(xs, factor, gs, WASM_ELEMENTWISE_MIN);
  },
};
