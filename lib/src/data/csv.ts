// The course's CSV reader. d3-dsv splits the text into records (RFC 4180: quoted fields may hold
// commas, "" and line breaks; records end at \n, \r\n or \r); this file skips blank lines, like
// pandas.read_csv(skip_blank_lines=True), accepts a UTF-8 byte-order mark, numbers each record by
// its 1-based line in the file, and checks fields with errors that name the file, line and field.

import { csvParseRows } from "d3-dsv";
import { DatasetError, lineLocation, showField } from "./errors";

export interface CsvRow {
  /** 1-based line number in the file (where the record starts). */
  line: number;
  fields: string[];
}

const LINE_BREAK = /\r\n|\r|\n/g;

/** Splits text into non-blank rows of comma-separated fields. */
export function csvRows(text: string): CsvRow[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows: CsvRow[] = [];
  let line = 1;
  for (const fields of csvParseRows(text)) {
    if (fields.length > 1 || (fields[0] ?? "").trim() !== "") rows.push({ line, fields });
    // The next record starts on the next line, further down by any line breaks quoted in this one.
    line += 1;
    for (const f of fields) line += f.match(LINE_BREAK)?.length ?? 0;
  }
  return rows;
}

/** Throws unless the row has exactly `names.length` fields; the names go into the message. */
export function checkFieldCount(row: CsvRow, names: readonly string[], file: string): void {
  if (row.fields.length !== names.length) {
    const list = names.length <= 8 ? ` (${names.join(", ")})` : "";
    throw new DatasetError(
      file,
      `${lineLocation(row.line)}: ${row.fields.length} fields, expected ${names.length}${list}`,
      { line: row.line },
    );
  }
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parses a decimal number field (no surrounding spaces, no NaN/empty). */
export function parseNumberField(row: CsvRow, col: number, name: string, file: string): number {
  const s = row.fields[col]!;
  if (!DECIMAL.test(s)) {
    const why = s === "" ? "empty value" : `${showField(s)} is not a number`;
    throw new DatasetError(file, `${lineLocation(row.line, col + 1, name)}: ${why}`, { line: row.line, column: col + 1 });
  }
  return Number(s);
}

/** Parses an integer field and checks min ≤ value ≤ max. */
export function parseIntField(row: CsvRow, col: number, name: string, file: string, min: number, max: number): number {
  const s = row.fields[col]!;
  if (!/^[+-]?\d+$/.test(s) || Number(s) < min || Number(s) > max) {
    const why = s === "" ? "empty value" : `${showField(s)} is not an integer in ${min}..${max}`;
    throw new DatasetError(file, `${lineLocation(row.line, col + 1, name)}: ${why}`, { line: row.line, column: col + 1 });
  }
  return Number(s);
}

/** Looks a field up in a list of allowed values and returns its index. */
export function parseClassField(row: CsvRow, col: number, name: string, file: string, classes: readonly string[]): number {
  const s = row.fields[col]!;
  const k = classes.indexOf(s);
  if (k < 0) {
    throw new DatasetError(
      file,
      `${lineLocation(row.line, col + 1, name)}: unknown class ${showField(s)}; expected one of ${classes.join(", ")}`,
      { line: row.line, column: col + 1 },
    );
  }
  return k;
}

/** Counts how many labels fall in each class 0..k-1. */
export function classCounts(y: ArrayLike<number>, k: number): number[] {
  const c = new Array<number>(k).fill(0);
  for (let i = 0; i < y.length; i++) c[y[i]!]!++;
  return c;
}
