// Reading, writing and inspecting .ipynb files. Written the way nbformat writes
// them (keys sorted, one-space indent, trailing newline) so diffs stay small.
import { createHash, type Hash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import * as ts from "typescript";
import { writeFileAtomic } from "./files";

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

/** Written atomically (see files.ts): a run killed half-way leaves the old file whole. */
export function writeNotebook(path: string, nb: Notebook): void {
  writeFileAtomic(path, serializeNotebook(nb));
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

// ---- A failed run ----------------------------------------------------------------------

/** The first line of a cell's source that is not blank, trimmed. */
export function firstSourceLine(cell: Cell): string {
  return sourceText(cell).split(/\r?\n/).find((l) => l.trim() !== "")?.trim() ?? "";
}

function outputText(out: Output): string {
  return Array.isArray(out.text) ? out.text.join("") : out.text ?? "";
}

const ANSI_ESCAPE = /\x1b\[[0-9;]*[A-Za-z]/g;

/**
 * What a failed cell said about its error. tslab writes the message and stack to stderr and
 * sends an error with no name or value, so the stderr streams come first; a kernel that sends
 * a proper error output is read from its traceback, or its name and value.
 */
export function cellErrorText(cell: Cell): string {
  const outputs = cell.outputs ?? [];
  const stderr = outputs.filter((o) => o.output_type === "stream" && o.name === "stderr").map(outputText).join("").trim();
  if (stderr) return stderr;
  const errors = outputs.filter((o) => o.output_type === "error").map((o) => {
    const traceback = Array.isArray(o.traceback) ? (o.traceback as string[]).join("\n").replace(ANSI_ESCAPE, "").trim() : "";
    const value = [o.ename, o.evalue].filter((v) => v).join(": ");
    return traceback && value && !traceback.includes(value) ? `${traceback}\n${value}` : traceback || value;
  });
  return errors.filter((e) => e).join("\n");
}

/**
 * The partly executed notebook of a run that stopped at cells[failedIndex], as saved next to the
 * notebook: the cells after it lose their outputs (they did not run; what they held came from
 * the committed notebook), and the code cells are numbered as in a finished run.
 */
export function partlyExecuted(nb: Notebook, failedIndex: number): Notebook {
  const copy = JSON.parse(JSON.stringify(nb)) as Notebook;
  copy.cells.forEach((cell, i) => {
    if (i > failedIndex && cell.cell_type === "code") cell.outputs = [];
  });
  delete copy.metadata.nnts;
  numberCells(copy);
  copy.cells.forEach((cell, i) => {
    if (i > failedIndex && cell.cell_type === "code") cell.execution_count = null;
  });
  return copy;
}

// ---- The stamp: what can change a notebook's outputs ----------------------------------
// A notebook's outputs depend on its code cells and on the library as the kernel loads it:
// the compiled JavaScript in lib/dist (what `import … from "nnts"` runs) and the built wasm
// kernel. Comments are stripped from the JavaScript, so an edit to a comment, a doc or a
// type in lib/src leaves the stamp alone; markdown and outputs are not in it.

/** The compiled library, relative to the project root. */
export const LIBRARY_DIST = "lib/dist";
/** The built wasm kernel, relative to LIBRARY_DIST; hashed when it exists. */
export const WASM_MODULE = "kernel/wasm/kernel.wasm";

/** lib/dist is missing or holds no compiled JavaScript. */
export class LibraryNotBuiltError extends Error {}

/** Plain code-unit order, the same on every platform and locale. */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Files under `dir`, as paths relative to it with "/" separators, sorted. */
function filesUnder(dir: string): string[] {
  const walk = (abs: string, rel: string): string[] =>
    readdirSync(abs, { withFileTypes: true }).flatMap((e) => {
      if (e.isDirectory()) return walk(join(abs, e.name), rel + e.name + "/");
      return e.isFile() ? [rel + e.name] : [];
    });
  return walk(dir, "").sort(byCodeUnit);
}

/**
 * The files the stamp covers, relative to the root with "/" separators, sorted:
 * every .js file under lib/dist, and lib/dist/kernel/wasm/kernel.wasm if it was built.
 */
export function libraryFiles(root: string): string[] {
  const dist = join(root, ...LIBRARY_DIST.split("/"));
  if (!existsSync(dist) || !statSync(dist).isDirectory()) {
    throw new LibraryNotBuiltError(`${LIBRARY_DIST} is missing: run npm run build`);
  }
  const files = filesUnder(dist).filter((f) => f.endsWith(".js") || f === WASM_MODULE);
  if (!files.some((f) => f.endsWith(".js"))) {
    throw new LibraryNotBuiltError(`${LIBRARY_DIST} holds no compiled JavaScript: run npm run build`);
  }
  return files.map((f) => `${LIBRARY_DIST}/${f}`);
}

const commentFreePrinter = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

/**
 * JavaScript without its comments, printed by the TypeScript compiler from its syntax tree,
 * so `//` or `/*` inside strings, templates and regular expressions is kept, and layout is
 * normalised. Text that does not parse is returned unchanged (any edit then counts).
 */
export function stripJsComments(js: string, fileName = "file.js"): string {
  const file = ts.createSourceFile(fileName, js, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const parseErrors = (file as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics;
  if (parseErrors === undefined || parseErrors.length > 0) return js;
  return commentFreePrinter.printFile(file);
}

/** Length-prefixed, so that no two different sequences of fields hash alike. */
function addField(h: Hash, data: string | Uint8Array): void {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  h.update(`${bytes.length}:`);
  h.update(bytes);
}

/** A hash of the compiled library (see libraryFiles); throws LibraryNotBuiltError without lib/dist. */
export function libraryHash(root: string): string {
  const h = createHash("sha256");
  h.update("nnts-library-v2\0");
  for (const file of libraryFiles(root)) {
    const bytes = readFileSync(join(root, ...file.split("/")));
    addField(h, file);
    addField(h, file.endsWith(".js") ? stripJsComments(bytes.toString("utf8"), file) : bytes);
  }
  return h.digest("hex");
}

/**
 * A hash of a notebook's code cells and of the compiled library they ran against: the outputs
 * are stale when it changes. Pass `library` (from libraryHash) to hash many notebooks at once.
 */
export function sourceHash(root: string, nb: Notebook, library: string = libraryHash(root)): string {
  const h = createHash("sha256");
  h.update("nnts-notebook-v2\0");
  addField(h, library);
  for (const cell of codeCells(nb)) addField(h, sourceText(cell));
  return h.digest("hex");
}

/**
 * Why lib/dist does not reflect lib/src, or undefined: missing, a compiled file older than its
 * source or without one (left from a deleted source, it would change the stamp), or a wasm
 * kernel older than its generator. Only what `npm run build` fixes; the stamp does not use it.
 */
export function libraryBuildProblem(root: string): string | undefined {
  const src = join(root, "lib", "src");
  const dist = join(root, ...LIBRARY_DIST.split("/"));
  if (!existsSync(dist)) return `${LIBRARY_DIST} is missing: run npm run build`;
  if (!existsSync(src)) return undefined;
  const sources = filesUnder(src).filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"));
  const compiled = new Set(sources.map((f) => f.replace(/\.ts$/, ".js")));
  for (const f of sources) {
    const js = join(dist, ...f.replace(/\.ts$/, ".js").split("/"));
    if (!existsSync(js)) return `${LIBRARY_DIST}/${f.replace(/\.ts$/, ".js")} is missing: run npm run build`;
    if (statSync(js).mtimeMs < statSync(join(src, ...f.split("/"))).mtimeMs) {
      return `${LIBRARY_DIST} is older than lib/src/${f}: run npm run build`;
    }
  }
  for (const f of filesUnder(dist)) {
    if (f.endsWith(".js") && !compiled.has(f)) {
      return `${LIBRARY_DIST}/${f} has no source in lib/src: delete ${LIBRARY_DIST} and run npm run build`;
    }
  }
  const wasm = join(dist, ...WASM_MODULE.split("/"));
  const wasmSources = sources.filter((f) => f.startsWith("kernel/wasm/"));
  if (wasmSources.length > 0) {
    if (!existsSync(wasm)) return `${LIBRARY_DIST}/${WASM_MODULE} is missing: run npm run build`;
    const built = statSync(wasm).mtimeMs;
    const newer = wasmSources.find((f) => statSync(join(src, ...f.split("/"))).mtimeMs > built);
    if (newer) return `${LIBRARY_DIST}/${WASM_MODULE} is older than lib/src/${newer}: run npm run build`;
  }
  return undefined;
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

