// One error type for every dataset loader, so messages have one shape:
//   DatasetError: <file>: <what went wrong, with line/column or byte offset>
// e.g. "DatasetError: train-images-idx3-ubyte: truncated at byte 1016: header declares
// 47040000 data bytes from byte 16 (60000×28×28), file has 1000".

export interface DatasetErrorDetails {
  /** Full path of the file, when the error is about a file on disk. */
  path?: string;
  /** 1-based line number (text files). */
  line?: number;
  /** 1-based column (field) number (text files). */
  column?: number;
  /** 0-based byte offset (binary files). */
  byte?: number;
}

export class DatasetError extends Error {
  override readonly name = "DatasetError";
  /** The file's short name as it appears at the start of the message. */
  readonly file: string;
  readonly path?: string;
  readonly line?: number;
  readonly column?: number;
  readonly byte?: number;

  constructor(file: string, message: string, details: DatasetErrorDetails = {}) {
    super(`${file}: ${message}`);
    this.file = file;
    this.path = details.path;
    this.line = details.line;
    this.column = details.column;
    this.byte = details.byte;
  }
}

/** "line 12, column 3 (petal length)" — the location prefix used by the text parsers. */
export function lineLocation(line: number, column?: number, columnName?: string): string {
  let s = `line ${line}`;
  if (column !== undefined) s += `, column ${column}`;
  if (columnName !== undefined) s += ` (${columnName})`;
  return s;
}

/** Quotes a field for an error message, shortening very long ones. */
export function showField(s: string): string {
  const t = s.length > 40 ? s.slice(0, 37) + "..." : s;
  return JSON.stringify(t);
}
