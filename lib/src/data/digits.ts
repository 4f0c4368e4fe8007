// UCI optical digits as scikit-learn's load_digits (data/digits.csv.gz): 1797 rows of 64
// pixel values 0-16 (an 8×8 image, row by row) then the class 0-9, no header.

import { gunzipSync } from "node:zlib";
import { Tensor } from "../tensor";
import { checkFieldCount, csvRows, parseIntField } from "./csv";
import { DatasetError } from "./errors";
import { dataPath, readDataFile } from "./paths";

export const DIGITS_FILE = "digits.csv.gz";
export const DIGITS_ROWS = 1797;

const PIXEL_NAMES: readonly string[] = Object.freeze(
  Array.from({ length: 64 }, (_, k) => `pixel_${Math.floor(k / 8)}_${k % 8}`),
);
const COLUMNS = [...PIXEL_NAMES, "class"];

export interface DigitsDataset {
  /** N×64 pixel values 0-16, as floats. */
  X: Tensor;
  /** Class 0-9. */
  y: Int32Array;
  /** The same pixels as N×8×8 (its own copy of the data). */
  images: Tensor;
  /** Image i as an 8×8 tensor (a copy). */
  image(i: number): Tensor;
  /** "0".."9". */
  classNames: string[];
  /** scikit-learn's names pixel_<row>_<col>. */
  featureNames: string[];
}

/** Parses the (already gunzipped) CSV text; `fileName` is used in error messages. */
export function parseDigits(text: string, fileName: string = DIGITS_FILE): DigitsDataset {
  const rows = csvRows(text);
  if (rows.length === 0) throw new DatasetError(fileName, "no data rows");
  const n = rows.length;
  const X = new Float64Array(n * 64);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    checkFieldCount(row, COLUMNS, fileName);
    for (let j = 0; j < 64; j++) X[i * 64 + j] = parseIntField(row, j, PIXEL_NAMES[j]!, fileName, 0, 16);
    y[i] = parseIntField(row, 64, "class", fileName, 0, 9);
  }
  const images = new Tensor(X.slice(), [n, 8, 8]);
  return {
    X: new Tensor(X, [n, 64]),
    y,
    images,
    image(i: number): Tensor {
      if (!Number.isInteger(i) || i < 0 || i >= n) throw new RangeError(`digits.image(${i}): index must be an integer in 0..${n - 1}`);
      return new Tensor(images.data.slice(i * 64, (i + 1) * 64), [8, 8]);
    },
    classNames: Array.from({ length: 10 }, (_, k) => String(k)),
    featureNames: [...PIXEL_NAMES],
  };
}

export interface DigitsOptions {
  /** Folder holding digits.csv.gz (default: the project's data folder). */
  dir?: string;
}

/** Loads data/digits.csv.gz (gunzipped with node's zlib) and checks it has 1797 rows. */
export function loadDigits(options: DigitsOptions = {}): DigitsDataset {
  const path = dataPath(DIGITS_FILE, options.dir);
  const gz = readDataFile(path, DIGITS_FILE);
  let text: string;
  try {
    text = gunzipSync(gz).toString("utf8");
  } catch (e) {
    throw new DatasetError(DIGITS_FILE, `not a valid gzip file (${(e as Error).message}): ${path}`, { path });
  }
  const ds = parseDigits(text, DIGITS_FILE);
  if (ds.y.length !== DIGITS_ROWS) {
    throw new DatasetError(DIGITS_FILE, `expected ${DIGITS_ROWS} rows, found ${ds.y.length}: ${path}`, { path });
  }
  return ds;
}
