// Reading, writing and inspecting .ipynb files. Written the way nbformat writes
// them (keys sorted, one-space indent, trailing newline) so diffs stay small.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

export interface Output {
  output_type: "stream" | "display_data" | "execute_result" | "error";
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  execution_count?: number | null;
  ename?: string;
  evalue?: string;
  [key: string]: unknown;
}
export interface Cell {
  cell_type: "code" | "markdown" | "raw";
  source: string | string[];
  outputs?: Output[];
  execution_count?: number | null;
  metadata: Record<string, unknown>;
  [key: string]: unknown;
}
export interface Notebook {
  cells: Cell[];
  metadata: Record<string, unknown> & { nnts?: CourseStamp };
  nbformat: number;
  nbformat_minor: number;
}
/** What the course runner records in a notebook it executed. */
export interface CourseStamp {
  profile: string;
  sourceHash: string;
}

export const VEGA_LITE = "application/vnd.vegalite.v5+json";

export function readNotebook(path: string): Notebook {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Notebook;
  } catch (e) {
    throw new Error(`${path}: not a readable notebook: ${(e as Error).message}`);
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}

export function serializeNotebook(nb: Notebook): string {
  return JSON.stringify(sortKeys(nb), null, 1) + "\n";
}

export function writeNotebook(path: string, nb: Notebook): void {
  writeFileSync(path, serializeNotebook(nb));
}

export function sourceText(cell: Cell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

export function codeCells(nb: Notebook): Cell[] {
  return nb.cells.filter((c) => c.cell_type === "code");
}

/** Number the code cells 1, 2, … so readers see the order (tslab leaves them null headless). */
export function numberCells(nb: Notebook): void {
  let n = 0;
  for (const cell of codeCells(nb)) {
    if (sourceText(cell).trim() === "") { cell.execution_count = null; continue; }
    cell.execution_count = ++n;
    for (const out of cell.outputs ?? []) if (out.output_type === "execute_result") out.execution_count = n;
  }
}

function libraryFiles(root: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  return walk(join(root, "lib", "src")).filter((f) => f.endsWith(".ts")).sort();
}

/** A hash of a notebook's code and of the library source it ran against: outputs are stale when it changes. */
export function sourceHash(root: string, nb: Notebook): string {
  const h = createHash("sha256");
  h.update("nnts-notebook-v1\0");
  for (const cell of codeCells(nb)) h.update(sourceText(cell) + "\0");
  for (const file of libraryFiles(root)) h.update(relative(root, file) + "\0" + readFileSync(file, "utf8") + "\0");
  return h.digest("hex");
}

/** Problems a reader would see in the outputs: errors, stderr, plots without a picture. */
export function outputProblems(nb: Notebook): string[] {
  const problems: string[] = [];
  codeCells(nb).forEach((cell, i) => {
    const where = `code cell ${i + 1}`;
    for (const out of cell.outputs ?? []) {
      if (out.output_type === "error") problems.push(`${where}: ${out.ename}: ${out.evalue}`);
      if (out.output_type === "stream" && out.name === "stderr") {
        const text = Array.isArray(out.text) ? out.text.join("") : out.text ?? "";
        problems.push(`${where}: wrote to stderr: ${text.trim().split("\n")[0]}`);
      }
      if (out.data && VEGA_LITE in out.data && !("image/svg+xml" in out.data)) problems.push(`${where}: a Vega-Lite plot without its SVG`);
    }
  });
  return problems;
}

/** Only the outputs, for comparing two executions. */
export function outputsOnly(nb: Notebook): string {
  return JSON.stringify(codeCells(nb).map((c) => c.outputs ?? []));
}
