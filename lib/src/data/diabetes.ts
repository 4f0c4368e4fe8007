// Efron et al.'s diabetes data as scikit-learn's load_diabetes(scaled=False) (data/diabetes.csv):
// a header row, then 442 patients: ten baseline variables (age, sex coded 1/2, body-mass index,
// blood pressure, six blood serum measurements s1-s6) and `target`, a measure of disease
// progression one year later (an integer 25-346). Post 002 §10.1.5's regression example.

import { Tensor } from "../tensor";
import { verifyMd5 } from "./checksum";
import { checkFieldCount, csvRows, parseNumberField } from "./csv";
import { DatasetError } from "./errors";
import { dataPath, readDataFile } from "./paths";

export const DIABETES_FILE = "diabetes.csv";
export const DIABETES_MD5 = "7d832a242c006d803dc3dcb27e612368";
export const DIABETES_ROWS = 442;
/** The ten feature columns of X, in file order (scikit-learn's feature_names). */
export const DIABETES_FEATURES: readonly string[] = Object.freeze(["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]);
const HEADER = [...DIABETES_FEATURES, "target"];

export interface DiabetesDataset {
  /** N×10 raw (unscaled) baseline variables. */
  X: Tensor;
  /** N disease-progression values (25-346). */
  y: Tensor;
  featureNames: string[];
}

/** Parses text in diabetes.csv layout (header row required); `fileName` is used in error messages. */
export function parseDiabetes(text: string, fileName: string = DIABETES_FILE): DiabetesDataset {
  const rows = csvRows(text);
  if (rows.length === 0) throw new DatasetError(fileName, "empty file, expected a header row");
  const head = rows[0]!;
  if (head.fields.join(",") !== HEADER.join(",")) {
    throw new DatasetError(fileName, `line ${head.line}: header is ${head.fields.join(",")}, expected ${HEADER.join(",")}`, { line: head.line });
  }
  const n = rows.length - 1;
  const d = DIABETES_FEATURES.length;
  const X = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i + 1]!;
    checkFieldCount(row, HEADER, fileName);
    for (let j = 0; j < d; j++) X[i * d + j] = parseNumberField(row, j, HEADER[j]!, fileName);
    y[i] = parseNumberField(row, d, "target", fileName);
  }
  return { X: new Tensor(X, [n, d]), y: new Tensor(y, [n]), featureNames: [...DIABETES_FEATURES] };
}

export interface DiabetesOptions {
  /** Folder holding diabetes.csv (default: the project's data folder). */
  dir?: string;
}

/** Loads data/diabetes.csv: parsed first (errors name line, column and field), then its md5 and 442 rows are checked. */
export function loadDiabetes(options: DiabetesOptions = {}): DiabetesDataset {
  const path = dataPath(DIABETES_FILE, options.dir);
  const bytes = readDataFile(path, DIABETES_FILE);
  const ds = parseDiabetes(bytes.toString("utf8"), DIABETES_FILE);
  verifyMd5(bytes, DIABETES_MD5, DIABETES_FILE, path);
  if (ds.y.size !== DIABETES_ROWS) throw new DatasetError(DIABETES_FILE, `expected ${DIABETES_ROWS} patients, found ${ds.y.size}: ${path}`, { path });
  return ds;
}
