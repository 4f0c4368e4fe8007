// UCI Zoo (data/zoo.csv, from R's mlbench): a header row, then 101 animals:
// animal (name), 15 boolean attributes 0/1, legs, type (a class name).

import { Tensor } from "../tensor";
import { checkFieldCount, classCounts, csvRows, parseClassField, parseIntField } from "./csv";
import { DatasetError } from "./errors";
import { dataPath, readDataFile } from "./paths";

export const ZOO_FILE = "zoo.csv";
/**
 * The fixed class order (UCI's type 1-7, mlbench's factor levels); y indexes this list.
 * Counts in zoo.csv: 41/20/5/13/4/8/10.
 */
export const ZOO_CLASSES: readonly string[] = Object.freeze([
  "mammal",
  "bird",
  "reptile",
  "fish",
  "amphibian",
  "insect",
  "mollusc.et.al",
]);
export const ZOO_CLASS_COUNTS: readonly number[] = Object.freeze([41, 20, 5, 13, 4, 8, 10]);
/** The 16 feature columns of X, in file order: 15 booleans with `legs` at index 12. */
export const ZOO_FEATURES: readonly string[] = Object.freeze([
  "hair",
  "feathers",
  "eggs",
  "milk",
  "airborne",
  "aquatic",
  "predator",
  "toothed",
  "backbone",
  "breathes",
  "venomous",
  "fins",
  "legs",
  "tail",
  "domestic",
  "catsize",
]);
const HEADER = ["animal", ...ZOO_FEATURES, "type"];

export interface ZooDataset {
  /** Animal names (column `animal`), e.g. "aardvark", "frog.1". */
  names: string[];
  /** N×16: the 15 booleans as 0/1 and `legs` (column 12) as a count. */
  X: Tensor;
  /** Class index into classNames. */
  y: Int32Array;
  featureNames: string[];
  classNames: string[];
}

/** Parses text in zoo.csv layout (header row required); `fileName` is used in error messages. */
export function parseZoo(text: string, fileName: string = ZOO_FILE): ZooDataset {
  const rows = csvRows(text);
  if (rows.length === 0) throw new DatasetError(fileName, "empty file, expected a header row");
  const head = rows[0]!;
  if (head.fields.join(",") !== HEADER.join(",")) {
    throw new DatasetError(fileName, `line ${head.line}: header is ${head.fields.join(",")}, expected ${HEADER.join(",")}`, {
      line: head.line,
    });
  }
  const n = rows.length - 1;
  const X = new Float64Array(n * 16);
  const y = new Int32Array(n);
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const row = rows[i + 1]!;
    checkFieldCount(row, HEADER, fileName);
    if (row.fields[0] === "") throw new DatasetError(fileName, `line ${row.line}, column 1 (animal): empty name`, { line: row.line, column: 1 });
    names.push(row.fields[0]!);
    for (let j = 0; j < 16; j++) {
      const name = ZOO_FEATURES[j]!;
      X[i * 16 + j] = name === "legs" ? parseIntField(row, j + 1, name, fileName, 0, 1000) : parseIntField(row, j + 1, name, fileName, 0, 1);
    }
    y[i] = parseClassField(row, 17, "type", fileName, ZOO_CLASSES);
  }
  return { names, X: new Tensor(X, [n, 16]), y, featureNames: [...ZOO_FEATURES], classNames: [...ZOO_CLASSES] };
}

export interface ZooOptions {
  /** Folder holding zoo.csv (default: the project's data folder). */
  dir?: string;
}

/** Loads data/zoo.csv and checks 101 rows with class counts 41/20/5/13/4/8/10. */
export function loadZoo(options: ZooOptions = {}): ZooDataset {
  const path = dataPath(ZOO_FILE, options.dir);
  const ds = parseZoo(readDataFile(path, ZOO_FILE).toString("utf8"), ZOO_FILE);
  const counts = classCounts(ds.y, ZOO_CLASSES.length);
  if (ds.y.length !== 101 || counts.join() !== ZOO_CLASS_COUNTS.join()) {
    throw new DatasetError(
      ZOO_FILE,
      `expected 101 animals with class counts ${ZOO_CLASS_COUNTS.join("/")}; got ${ds.y.length}, ${counts.join("/")}: ${path}`,
      { path },
    );
  }
  return ds;
}
