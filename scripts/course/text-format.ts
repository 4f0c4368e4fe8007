// A plain-text form of a notebook for authoring and review: cells separated by
// a line `// %% [markdown]` or `// %%` (code), as in jupytext's percent format,
// but markdown written as-is rather than commented out.
//   tsx scripts/course/text-format.ts to-notebook notebooks/x.nb.txt notebooks/x.ipynb
//   tsx scripts/course/text-format.ts to-text notebooks/x.ipynb notebooks/x.nb.txt
// Outputs are not kept: `npm run course` records them. Neither are cell ids and metadata
// (converting back numbers the cells cell-01, cell-02, …), nor blank lines at the start or
// end of a cell. A raw cell, or a cell with a line that reads as a marker, cannot be written
// as text and is refused rather than changed.
import { readFileSync, writeFileSync } from "node:fs";
import { Cell, Notebook, readNotebook, serializeNotebook, sourceText } from "./notebook";

const MARKDOWN = "// %% [markdown]";
const CODE = "// %%";

function splitLines(text: string): string[] {
  // nbformat stores sources as a list of lines, each but the last ending in \n.
  const lines = text.split("\n");
  return lines.map((l, i) => (i < lines.length - 1 ? l + "\n" : l)).filter((l) => l !== "");
}

export function textToNotebook(text: string): Notebook {
  const cells: Cell[] = [];
  let current: { type: "markdown" | "code"; lines: string[] } | null = null;
  const flush = () => {
    if (!current) return;
    const source = splitLines(current.lines.join("\n").replace(/^\n+|\n+$/g, ""));
    // Stable ids, so that converting the same text twice gives the same file.
    const id = `cell-${String(cells.length + 1).padStart(2, "0")}`;
    cells.push(current.type === "code"
      ? { cell_type: "code", execution_count: null, id, metadata: {}, outputs: [], source }
      : { cell_type: "markdown", id, metadata: {}, source });
  };
  for (const line of text.replace(/\r\n/g, "\n").split("\n")) {
    if (line === MARKDOWN || line === CODE) {
      flush();
      current = { type: line === MARKDOWN ? "markdown" : "code", lines: [] };
    } else if (current) current.lines.push(line);
    else if (line.trim() !== "") throw new Error(`text before the first cell marker: "${line}"`);
  }
  flush();
  return {
    cells,
    metadata: {
      kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" },
      language_info: { codemirror_mode: { mode: "typescript", name: "javascript", typescript: true }, file_extension: ".ts", mimetype: "text/typescript", name: "typescript", version: "3.7.2" },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

export function notebookToText(nb: Notebook): string {
  return nb.cells.map((c, i) => {
    if (c.cell_type !== "markdown" && c.cell_type !== "code") throw new Error(`cell ${i + 1} is a ${c.cell_type} cell: only markdown and code cells have a text form`);
    const source = sourceText(c);
    const lines = source.split(/\r?\n/);
    const marker = lines.findIndex((l) => l === MARKDOWN || l === CODE);
    if (marker >= 0) throw new Error(`cell ${i + 1}, line ${marker + 1} reads "${lines[marker]}", which the text form takes for a cell marker`);
    return (c.cell_type === "markdown" ? MARKDOWN : CODE) + "\n" + source + "\n";
  }).join("\n");
}

if (require.main === module) {
  const [cmd, from, to] = process.argv.slice(2);
  if (cmd === "to-notebook" && from && to) writeFileSync(to, serializeNotebook(textToNotebook(readFileSync(from, "utf8"))));
  else if (cmd === "to-text" && from && to) writeFileSync(to, notebookToText(readNotebook(from)));
  else {
    console.error("usage: text-format.ts to-notebook X.nb.txt X.ipynb | to-text X.ipynb X.nb.txt");
    process.exit(2);
  }
}
