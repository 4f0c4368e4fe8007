// Fisher's Iris in the UCI file layout (data/iris.data), the file post 000 reads with
// pandas.read_csv(header=None): 150 rows "sepal length,sepal width,petal length,petal width,class"
// and a trailing blank line (skipped, as pandas does). Row i of X is pandas row i.

import { Tensor } from "../tensor";
import { verifyMd5 } from "./checksum";
import { checkFieldCount, classCounts, csvRows, parseClassField, parseNumberField } from "./csv";
import { DatasetError } from "./errors";
import { dataPath, readDataFile } from "./paths";

export const IRIS_FILE = "iris.data";
/** md5 of UCI's iris.data (with its two documented errata, as post 000 reads it). */
export const IRIS_MD5 = "42615765a885ddf54427f12c34a0a070";
/** Class names as written in the file; y is the index into this list. */
export const IRIS_CLASSES: readonly string[] = Object.freeze(["Iris-setosa", "Iris-versicolor", "Iris-virginica"]);
/** Feature names in column order (scikit-learn's spelling). */
export const IRIS_FEATURES: readonly string[] = Object.freeze([
  "sepal length (cm)",
  "sepal width (cm)",
  "petal length (cm)",
  "petal width (cm)",
]);

const COLUMNS = ["sepal length", "sepal width", "petal length", "petal width", "class"];

export interface IrisDataset {
  /** N×4 features, columns as in featureNames (pandas columns 0-3). */
  X: Tensor;
  /** Class index 0-2 into classNames (pandas column 4 mapped). */
  y: Int32Array;
  /** The raw class strings of column 4, e.g. "Iris-setosa" (what df.iloc[:, 4] holds). */
  species: string[];
  classNames: string[];
  featureNames: string[];
}

/** Parses text in iris.data layout; `fileName` is used in error messages. */
export function parseIris(text: string, fileName: string = IRIS_FILE): IrisDataset {
  const rows = csvRows(text);
  if (rows.length === 0) throw new DatasetError(fileName, "no data rows");
  const n = rows.length;
  const X = new Float64Array(n * 4);
  const y = new Int32Array(n);
  const species: string[] = [];
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    checkFieldCount(row, COLUMNS, fileName);
    for (let j = 0; j < 4; j++) X[i * 4 + j] = parseNumberField(row, j, COLUMNS[j]!, fileName);
    y[i] = parseClassField(row, 4, "class", fileName, IRIS_CLASSES);
    species.push(row.fields[4]!);
  }
  return { X: new Tensor(X, [n, 4]), y, species, classNames: [...IRIS_CLASSES], featureNames: [...IRIS_FEATURES] };
}

export interface IrisOptions {
  /** Folder holding iris.data (default: the project's data folder, see findDataDir). */
  dir?: string;
}

/**
 * Loads data/iris.data: 150×4 features, labels 0-2 (50 each). The file is parsed first (errors
 * name line, column and field), then its md5 is checked against IRIS_MD5.
 */
export function loadIris(options: IrisOptions = {}): IrisDataset {
  const path = dataPath(IRIS_FILE, options.dir);
  const bytes = readDataFile(path, IRIS_FILE);
  const ds = parseIris(bytes.toString("utf8"), IRIS_FILE);
  verifyMd5(bytes, IRIS_MD5, IRIS_FILE, path);
  const counts = classCounts(ds.y, 3);
  if (ds.y.length !== 150 || counts.some((c) => c !== 50)) {
    throw new DatasetError(IRIS_FILE, `expected 150 rows, 50 per class; got ${ds.y.length} rows, ${counts.join("/")}`, { path });
  }
  return ds;
}
