// Step 1 of post 004's Quest: the post's load_csv, str_to_float and str_to_int, with the check
// that a dataset holds only numbers after them, which names a row by its line in the file.
// Kept apart so that quest-animals.ts reads as Brownlee's functions and the quest's steps; it
// re-exports these and imports checkNumericDataset.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { argumentError, checkInteger, describe } from "../checks";
import { csvRows } from "../data/csv";
import { DatasetError } from "../data/errors";

/** A CSV value before and after the conversions, which work in place as the post's do. */
export type CsvValue = string | number;

// The line each loaded row came from, so that a conversion can name it; by identity, so the
// row may lose its first field (the animal's name) and keep its line.
const lineOfRow = new WeakMap<object, { file: string; line: number }>();

/** load_csv on text: the rows of fields, blank lines skipped; every row must have the first row's number of fields. */
export function parseCsv(text: string, fileName = "text"): string[][] {
  const rows = csvRows(text);
  const dataset: string[][] = [];
  for (const row of rows) {
    const first = rows[0];
    if (row.fields.length !== first.fields.length) {
      throw new DatasetError(fileName, `line ${row.line}: ${row.fields.length} fields, expected ${first.fields.length} as on line ${first.line}`, { line: row.line });
    }
    lineOfRow.set(row.fields, { file: fileName, line: row.line });
    dataset.push(row.fields);
  }
  return dataset;
}

/** load_csv(filename): the file's rows as lists of strings (the header too, if it has one). */
export function loadCsv(filename: string): string[][] {
  return parseCsv(readFileSync(filename, "utf8"), basename(filename));
}

/** Where a row came from, for messages: "line 7 of zoo.csv" or "row 5". */
function whereIs(dataset: readonly (readonly unknown[])[], r: number): string {
  const origin = lineOfRow.get(dataset[r]);
  return origin ? `line ${origin.line} of ${origin.file}` : `row ${r}`;
}

function checkColumn(fn: string, dataset: readonly (readonly unknown[])[], column: number): void {
  if (!Array.isArray(dataset) || dataset.length === 0) throw argumentError(fn, "dataset", "a non-empty list of rows", describe(dataset));
  checkInteger(fn, "column", column, 0, dataset[0].length - 1);
}

// Python's float() takes a decimal with spaces around it; the attributes must be finite numbers.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** str_to_float(dataset, column): the column's strings become numbers, in place. */
export function strToFloat(dataset: CsvValue[][], column: number): void {
  checkColumn("strToFloat", dataset, column);
  dataset.forEach((row, r) => {
    const value = row[column];
    if (typeof value === "number") return; // converted already
    const text = String(value).trim();
    if (!DECIMAL.test(text)) {
      throw argumentError("strToFloat", `column ${column} of ${whereIs(dataset, r)}`, "a number", JSON.stringify(value));
    }
    row[column] = Number(text);
  });
}

/**
 * str_to_int(dataset, column): each class name becomes its number, in place; returns the lookup.
 * Numbered in sorted order: the post numbers them in Python's set order, which changes from run
 * to run with the hash seed (JavaScript's Set would keep the order of first appearance instead).
 */
export function strToInt(dataset: CsvValue[][], column: number): Record<string, number> {
  checkColumn("strToInt", dataset, column);
  const classValues = dataset.map((row) => String(row[column]));
  const unique = [...new Set(classValues)].sort();
  const lookup: Record<string, number> = {};
  unique.forEach((value, i) => (lookup[value] = i));
  dataset.forEach((row, r) => (row[column] = lookup[classValues[r]]));
  return lookup;
}

/** Rows of equal length holding finite numbers only (after str_to_float and str_to_int). */
export function checkNumericDataset(fn: string, dataset: readonly (readonly unknown[])[]): void {
  if (!Array.isArray(dataset) || dataset.length === 0) throw argumentError(fn, "dataset", "a non-empty list of rows", describe(dataset));
  const width = Array.isArray(dataset[0]) ? dataset[0].length : 0;
  dataset.forEach((row, r) => {
    if (!Array.isArray(row) || row.length !== width || width < 2) throw argumentError(fn, `dataset[${r}]`, `a row of ${width} ≥ 2 numbers, as dataset[0]`, describe(row));
    row.forEach((value, c) => {
      if (!(typeof value === "number" && Number.isFinite(value))) {
        throw argumentError(fn, `column ${c} of ${whereIs(dataset, r)}`, "a finite number (convert the columns with strToFloat and strToInt first)", describe(value));
      }
    });
  });
}
