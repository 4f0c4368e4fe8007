// A deliberately small CSV reader for the course's files: comma-separated, no quoting, one
// record per line. Blank lines are skipped, like pandas.read_csv(skip_blank_lines=True); \r\n
// line ends and a UTF-8 byte-order mark are accepted. Line numbers are 1-based physical lines.

import { DatasetError, lineLocation, showField } from "./errors";

export interface CsvRow {
  /** 1-based line number in the file. */
  line: number;
  fields: string[];
}

/** Splits text into non-blank rows of comma-separated fields. */
export function csvRows(text: string): CsvRow[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split("\n");
  const rows: CsvRow[] = [];
  for (let i = 0; i < lines.length; i++) {
    let l = lines[i]!;
    if (l.endsWith("\r")) l = l.slice(0, -1);
    if (l.trim() === "") continue;
    rows.push({ line: i + 1, fields: l.split(",") });
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
