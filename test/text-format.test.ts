// scripts/course/text-format.ts, the plain-text form chapters are drafted in: notebook → text →
// notebook keeps every markdown and code cell, on a small notebook and on a committed chapter;
// the command line the README gives; and what the text form cannot hold is refused.

import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Cell, Notebook, readNotebook, serializeNotebook } from "../scripts/course/notebook";
import { notebookToText, textToNotebook } from "../scripts/course/text-format";

const root = join(__dirname, "..");
const script = join(root, "scripts", "course", "text-format.ts");
const tmp = mkdtempSync(join(tmpdir(), "nnts-text-format-test-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** What the text form keeps of a cell: its type and its source, as nbformat's list of lines. */
const kept = (nb: Notebook) => nb.cells.map((c) => ({ cell_type: c.cell_type, source: c.source }));

const markdown = (id: string, source: string[]): Cell => ({ cell_type: "markdown", id, metadata: {}, source });
const code = (id: string, source: string[]): Cell => ({
  cell_type: "code", execution_count: 3, id, metadata: { tags: ["x"] }, source,
  outputs: [{ output_type: "stream", name: "stdout", text: ["8\n"] }],
});

const small: Notebook = {
  cells: [
    markdown("a1", ["# Title\n", "\n", "Some *text*, then a blank line and a list:\n", "\n", "- one\n", "- two"]),
    code("b2", ["import { tensor } from \"nnts\";\n", "\n", "// a comment, and `// %%` inside a line is fine\n", "const x = tensor([1, 2]);\n", "console.log(`${x.sum().item()}`);"]),
    markdown("c3", ["One line."]),
    code("d4", ["x"]),
  ],
  metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" }, nnts: { profile: "full", sourceHash: "0" } },
  nbformat: 4,
  nbformat_minor: 5,
};

const smallText = `// %% [markdown]
# Title

Some *text*, then a blank line and a list:

- one
- two

// %%
import { tensor } from "nnts";

// a comment, and \`// %%\` inside a line is fine
const x = tensor([1, 2]);
console.log(\`\${x.sum().item()}\`);

// %% [markdown]
One line.

// %%
x
`;

test("a small notebook → text → notebook keeps every cell's type and source", () => {
  const text = notebookToText(small);
  assert.equal(text, smallText);
  const back = textToNotebook(text);
  assert.deepEqual(kept(back), kept(small));
  // what is not kept: outputs, execution counts, ids, cell and notebook metadata other than the kernel
  assert.deepEqual(back.cells.map((c) => c.id), ["cell-01", "cell-02", "cell-03", "cell-04"]);
  assert.deepEqual(back.cells[1], { cell_type: "code", execution_count: null, id: "cell-02", metadata: {}, outputs: [], source: small.cells[1]!.source });
  assert.deepEqual(back.metadata.kernelspec, { display_name: "TypeScript", language: "typescript", name: "tslab" });
  assert.equal(back.metadata.nnts, undefined);
  assert.deepEqual([back.nbformat, back.nbformat_minor], [4, 5]);
  // text → notebook → text gives the text back, and converting twice gives the same file
  assert.equal(notebookToText(back), text);
  assert.equal(serializeNotebook(textToNotebook(text)), serializeNotebook(back));
});

test("a committed chapter → text → notebook keeps every markdown and code cell", () => {
  const path = join(root, "notebooks", "05_activation_functions.ipynb");
  const nb = readNotebook(path);
  assert.ok(nb.cells.filter((c) => c.cell_type === "markdown").length > 10 && nb.cells.filter((c) => c.cell_type === "code").length > 10);
  const text = notebookToText(nb);
  const back = textToNotebook(text);
  assert.deepEqual(kept(back), kept(nb));
  assert.deepEqual(back.metadata.kernelspec, nb.metadata.kernelspec);
  assert.deepEqual(back.metadata.language_info, nb.metadata.language_info);
  assert.equal(notebookToText(back), text);
});

test("text: blank lines around a cell are dropped, CRLF is read as LF, empty cells stay empty", () => {
  const nb = textToNotebook("\n\n// %%\n\n\nconst a = 1;\n\nconst b = 2;\n\n\n// %% [markdown]\n// %%\n");
  assert.deepEqual(kept(nb), [
    { cell_type: "code", source: ["const a = 1;\n", "\n", "const b = 2;"] },
    { cell_type: "markdown", source: [] },
    { cell_type: "code", source: [] },
  ]);
  assert.deepEqual(kept(textToNotebook(smallText.replace(/\n/g, "\r\n"))), kept(small));
  assert.deepEqual(textToNotebook("").cells, []);
});

test("what the text form cannot hold is refused, not changed", () => {
  assert.throws(() => textToNotebook("const a = 1;\n// %%\nb"), /text before the first cell marker: "const a = 1;"/);
  const withMarker: Notebook = { ...small, cells: [markdown("m", ["Cells start at a line\n", "// %% [markdown]\n", "like that one."])] };
  assert.throws(() => notebookToText(withMarker), /cell 1, line 2 reads "\/\/ %% \[markdown\]", which the text form takes for a cell marker/);
  const codeMarker: Notebook = { ...small, cells: [small.cells[0]!, code("c", ["a\n", "// %%"])] };
  assert.throws(() => notebookToText(codeMarker), /cell 2, line 2 reads "\/\/ %%"/);
  const raw: Notebook = { ...small, cells: [{ cell_type: "raw", id: "r", metadata: {}, source: ["raw"] }] };
  assert.throws(() => notebookToText(raw), /cell 1 is a raw cell: only markdown and code cells have a text form/);
});

test("the command line in the README: to-text, to-notebook, and usage", () => {
  const run = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", script, ...args], { cwd: root, encoding: "utf8" });
  const ipynb = join(tmp, "small.ipynb");
  const txt = join(tmp, "small.nb.txt");
  const again = join(tmp, "again.ipynb");
  writeFileSync(ipynb, serializeNotebook(small));
  let r = run("to-text", ipynb, txt);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(txt, "utf8"), smallText);
  r = run("to-notebook", txt, again);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(again, "utf8"), serializeNotebook(textToNotebook(smallText)));
  assert.deepEqual(kept(readNotebook(again)), kept(small));
  r = run("to-notebook", txt);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /usage: text-format\.ts to-notebook X\.nb\.txt X\.ipynb \| to-text X\.ipynb X\.nb\.txt/);
});
