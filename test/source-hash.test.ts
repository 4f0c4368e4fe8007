// The notebooks' stamp (scripts/course/notebook.ts): it follows what can change an output,
// code cells and the compiled library without its comments, and nothing else.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { libraryFiles, libraryHash, LibraryNotBuiltError, sourceHash, stripJsComments, type Notebook } from "../scripts/course/notebook";

const base = mkdtempSync(join(tmpdir(), "nnts-source-hash-"));
after(() => rmSync(base, { recursive: true, force: true }));

const A_JS = `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.scale = scale;
const URL = "http://example.org//data"; // where the data comes from
/** Multiplies by the factor. */
function scale(x) {
    return x * 2; /* the factor */
}
`;
const B_JS = `"use strict";
const a_1 = require("../a");
exports.twice = (x) => (0, a_1.scale)(x);
`;
const WASM = Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

let trees = 0;
/** A fresh project root with a small lib/dist, and optionally a wasm kernel. */
function fakeTree(withWasm = true): string {
  const root = join(base, `tree${++trees}`);
  write(root, "lib/dist/a.js", A_JS);
  write(root, "lib/dist/sub/b.js", B_JS);
  write(root, "lib/dist/a.d.ts", "export declare function scale(x: number): number;\n");
  if (withWasm) {
    write(root, "lib/dist/kernel/wasm/kernel.wasm", WASM);
    write(root, "lib/dist/kernel/wasm/kernel.wat", "(module)\n");
  }
  return root;
}

function write(root: string, path: string, data: string | Uint8Array): void {
  const file = join(root, ...path.split("/"));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, data);
}

function notebook(): Notebook {
  return {
    cells: [
      { cell_type: "markdown", metadata: {}, source: ["# Scaling\n", "We double a number.\n"] },
      { cell_type: "code", metadata: {}, source: ['import { scale } from "nnts";\n', "scale(21)"], outputs: [], execution_count: null },
      { cell_type: "code", metadata: {}, source: "", outputs: [], execution_count: null },
    ],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  };
}

/** The stamp before and after `change` edits the tree or the notebook. */
function beforeAfter(change: (root: string, nb: Notebook) => void, withWasm = true): [string, string] {
  const root = fakeTree(withWasm);
  const nb = notebook();
  const before = sourceHash(root, nb);
  change(root, nb);
  return [before, sourceHash(root, nb)];
}

test("the stamp covers the compiled JavaScript and the wasm kernel only, by relative path in sorted order", () => {
  const root = fakeTree();
  assert.deepEqual(libraryFiles(root), ["lib/dist/a.js", "lib/dist/kernel/wasm/kernel.wasm", "lib/dist/sub/b.js"]);
  const nb = notebook();
  assert.equal(sourceHash(root, nb), sourceHash(root, nb, libraryHash(root)));
  assert.match(sourceHash(root, nb), /^[0-9a-f]{64}$/);
  // The same files elsewhere give the same stamp: no absolute path goes into it.
  assert.equal(sourceHash(fakeTree(), nb), sourceHash(root, nb));
});

test("a comment-only change to a JavaScript file keeps the stamp", () => {
  const [before, after] = beforeAfter((root) => {
    const edited = A_JS
      .replace("// where the data comes from", "// where the data lives, see the README")
      .replace("/** Multiplies by the factor. */", "/**\n * Multiplies by the factor.\n * @param x a number\n */")
      .replace("/* the factor */", "")
      + "// a trailing remark\n";
    write(root, "lib/dist/a.js", "/*! header */\n" + edited);
  });
  assert.equal(after, before);
});

test("a code change in a JavaScript file changes the stamp", () => {
  const [before, after] = beforeAfter((root) => write(root, "lib/dist/a.js", A_JS.replace("x * 2;", "x * 3;")));
  assert.notEqual(after, before);
  const [before2, after2] = beforeAfter((root) => write(root, "lib/dist/sub/c.js", B_JS));
  assert.notEqual(after2, before2, "a new compiled file");
});

test('a change inside a string containing "//" changes the stamp', () => {
  const [before, after] = beforeAfter((root) => write(root, "lib/dist/a.js", A_JS.replace("http://example.org//data", "http://example.org//other")));
  assert.notEqual(after, before);
  const [before2, after2] = beforeAfter((root) => write(root, "lib/dist/sub/b.js", B_JS + 'exports.s = "a // b /* c */";\n'));
  assert.notEqual(after2, before2, "a string that looks like comments");
  assert.match(stripJsComments('const s = `x // ${y /* in */} /* z */`; // gone\n'), /`x \/\/ \$\{y\} \/\* z \*\/`/);
});

test("a markdown cell edit keeps the stamp; so do outputs and other files in lib/dist", () => {
  const [before, after] = beforeAfter((root, nb) => {
    nb.cells[0].source = "# Scaling, again\nWe double a number, twice.\n";
    nb.cells[1].outputs = [{ output_type: "execute_result", data: { "text/plain": "42" }, execution_count: 1 }];
    nb.cells[1].execution_count = 1;
    nb.metadata.nnts = { profile: "full", sourceHash: "x" };
    write(root, "lib/dist/a.d.ts", "export declare function scale(x: number, y?: number): number;\n");
    write(root, "lib/dist/kernel/wasm/kernel.wat", "(module (func))\n");
  });
  assert.equal(after, before);
});

test("a code cell edit changes the stamp", () => {
  const [before, after] = beforeAfter((_root, nb) => { nb.cells[1].source = 'import { scale } from "nnts";\nscale(22)'; });
  assert.notEqual(after, before);
  const [before2, after2] = beforeAfter((_root, nb) => { nb.cells[2].source = "1"; });
  assert.notEqual(after2, before2, "an empty code cell filled");
});

test("a change to the wasm kernel changes the stamp, and so does building it", () => {
  const [before, after] = beforeAfter((root) => write(root, "lib/dist/kernel/wasm/kernel.wasm", Uint8Array.from([...WASM, 0x00])));
  assert.notEqual(after, before);
  const [without, withIt] = beforeAfter((root) => write(root, "lib/dist/kernel/wasm/kernel.wasm", WASM), false);
  assert.notEqual(withIt, without);
});

test("without lib/dist the stamp says to run npm run build", () => {
  const root = join(base, "empty");
  mkdirSync(join(root, "lib", "src"), { recursive: true });
  assert.throws(() => sourceHash(root, notebook()), (e: unknown) => e instanceof LibraryNotBuiltError && /lib\/dist is missing: run npm run build/.test(e.message));
  mkdirSync(join(root, "lib", "dist"));
  assert.throws(() => libraryHash(root), /run npm run build/);
});
