// MNIST as plain arrays for the end-to-end workloads, and the same bytes written
// out for the numpy side, so both sides train on identical data.
import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { loadMnistRaw, resident } from "nnts";

export interface MnistArrays {
  /** N×784 pixels, normalised. */
  x: Float64Array;
  labels: Uint8Array;
  count: number;
}

export function mnistArrays(kind: "train" | "test", normalize: "unit" | "symmetric"): MnistArrays {
  const raw = loadMnistRaw(kind);
  const table = new Float64Array(256);
  // numpy: x / 255.0, or ((x / 255.) - .5) * 2, element by element: the same doubles.
  for (let v = 0; v < 256; v++) table[v] = normalize === "unit" ? v / 255 : (v / 255 - 0.5) * 2;
  const x = resident([raw.count * 784]).data; // in the kernel's memory, as loadMnist does
  for (let i = 0; i < x.length; i++) x[i] = table[raw.images[i]];
  return { x, labels: raw.labels.subarray(0, raw.count), count: raw.count };
}

/** Writes {train,test}-{images,labels}.u8 into `dir` for bench/numpy_bench.py. */
export function exportMnistForNumpy(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const kind of ["train", "test"] as const) {
    const images = join(dir, `${kind}-images.u8`);
    if (existsSync(images)) continue;
    const raw = loadMnistRaw(kind);
    writeFileSync(join(dir, `${kind}-labels.u8`), raw.labels.subarray(0, raw.count));
    writeFileSync(images, raw.images.subarray(0, raw.count * 784));
  }
}
