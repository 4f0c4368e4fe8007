// The Wisconsin Diagnostic Breast Cancer data as scikit-learn's load_breast_cancer
// (data/breast_cancer.csv): a header row, then 569 tumours: 30 real-valued measurements of the
// cell nuclei (the mean, standard error and worst value of ten features) and `target`,
// 0 = malignant (212), 1 = benign (357). Post 002 §10.1.6's binary classification example.

import { Tensor } from "../tensor";
import { verifyMd5 } from "./checksum";
import { checkFieldCount, classCounts, csvRows, parseIntField, parseNumberField } from "./csv";
import { DatasetError } from "./errors";
import { dataPath, readDataFile } from "./paths";

export const BREAST_CANCER_FILE = "breast_cancer.csv";
export const BREAST_CANCER_MD5 = "597f07978de0eb402b7f22d9f256e744";
/** y indexes this list (scikit-learn's target_names). */
export const BREAST_CANCER_CLASSES: readonly string[] = Object.freeze(["malignant", "benign"]);
export const BREAST_CANCER_CLASS_COUNTS: readonly number[] = Object.freeze([212, 357]);
const KINDS = ["radius", "texture", "perimeter", "area", "smoothness", "compactness", "concavity", "concave_points", "symmetry", "fractal_dimension"];
/** The 30 feature columns of X, in file order: mean_*, *_error, worst_* (scikit-learn's names, spaces as underscores). */
export const BREAST_CANCER_FEATURES: readonly string[] = Object.freeze([
  ...KINDS.map((k) => `mean_${k}`),
  ...KINDS.map((k) => `${k}_error`),
  ...KINDS.map((k) => `worst_${k}`),
]);
const HEADER = [...BREAST_CANCER_FEATURES, "target"];

export interface BreastCancerDataset {
  /** N×30 measurements. */
  X: Tensor;
  /** 0 = malignant, 1 = benign. */
  y: Int32Array;
  featureNames: string[];
  classNames: string[];
}

/** Parses text in breast_cancer.csv layout (header row required); `fileName` is used in error messages. */
export function parseBreastCancer(text: string, fileName: string = BREAST_CANCER_FILE): BreastCancerDataset {
  const rows = csvRows(text);
  if (rows.length === 0) throw new DatasetError(fileName, "empty file, expected a header row");
  const head = rows[0]!;
  if (head.fields.join(",") !== HEADER.join(",")) {
    const at = head.fields.findIndex((f, j) => f !== HEADER[j]);
    const why = at < 0 ? `${head.fields.length} columns, expected ${HEADER.length}` : `column ${at + 1} is ${JSON.stringify(head.fields[at])}, expected ${HEADER[at]}`;
    throw new DatasetError(fileName, `line ${head.line}: header: ${why}`, { line: head.line });
  }
  const n = rows.length - 1;
  const d = BREAST_CANCER_FEATURES.length;
  const X = new Float64Array(n * d);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i + 1]!;
    checkFieldCount(row, HEADER, fileName);
    for (let j = 0; j < d; j++) X[i * d + j] = parseNumberField(row, j, HEADER[j]!, fileName);
    y[i] = parseIntField(row, d, "target", fileName, 0, 1);
  }
  return { X: new Tensor(X, [n, d]), y, featureNames: [...BREAST_CANCER_FEATURES], classNames: [...BREAST_CANCER_CLASSES] };
}

export interface BreastCancerOptions {
  /** Folder holding breast_cancer.csv (default: the project's data folder). */
  dir?: string;
}

/** Loads data/breast_cancer.csv and checks its md5 and its 569 rows, 212 malignant and 357 benign. */
export function loadBreastCancer(options: BreastCancerOptions = {}): BreastCancerDataset {
  const path = dataPath(BREAST_CANCER_FILE, options.dir);
  const bytes = readDataFile(path, BREAST_CANCER_FILE);
  const ds = parseBreastCancer(bytes.toString("utf8"), BREAST_CANCER_FILE);
  verifyMd5(bytes, BREAST_CANCER_MD5, BREAST_CANCER_FILE, path);
  const counts = classCounts(ds.y, 2);
  if (counts.join() !== BREAST_CANCER_CLASS_COUNTS.join()) {
    throw new DatasetError(BREAST_CANCER_FILE, `expected 569 tumours, 212 malignant and 357 benign; got ${ds.y.length}, ${counts.join("/")}: ${path}`, { path });
  }
  return ds;
}
