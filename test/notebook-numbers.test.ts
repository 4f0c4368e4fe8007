// Numbers the notebooks print that are checked against numpy and the posts — post 001's sigmoid
// run and its unguarded cross-entropy (08), the forward pass with biases by hand (05), the ReLU
// kink in the gradient check (09) — read from the committed (full profile) outputs: the course's
// --check makes sure those outputs are fresh, this test that they are the right ones. The
// notebooks check themselves in the ci profile too (a cell throws when a number differs from
// numpy's), and the library functions behind them have their own unit tests.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..");

interface Cell {
  id: string;
  cell_type: string;
  outputs?: { output_type: string; name?: string; text?: string | string[] }[];
}

/** The printed text (stdout) of the code cell with this id in notebook NN_*.ipynb. */
function printed(chapter: string, id: string): string {
  const name = readdirSync(join(root, "notebooks")).find((n) => n.startsWith(chapter + "_") && n.endsWith(".ipynb") && !n.endsWith(".failed.ipynb"));
  assert.ok(name, `no notebook ${chapter}`);
  const nb = JSON.parse(readFileSync(join(root, "notebooks", name), "utf8")) as { cells: Cell[] };
  const cell = nb.cells.find((c) => c.id === id);
  assert.ok(cell && cell.cell_type === "code", `${name}: no code cell ${id}`);
  return (cell.outputs ?? [])
    .filter((o) => o.output_type === "stream" && o.name === "stdout")
    .map((o) => (Array.isArray(o.text) ? o.text.join("") : o.text ?? ""))
    .join("");
}

test("08: post 001's sigmoid run prints numpy's 17 lines, character for character (test/fixtures/sigmoid-train-neuralnet.json)", () => {
  const fixture = JSON.parse(readFileSync(join(__dirname, "fixtures", "sigmoid-train-neuralnet.json"), "utf8"));
  const lines = printed("08", "sigmoid-run-code").split("\n").filter((l) => l.startsWith("train acc, test acc | "));
  assert.equal(fixture.runs.float64.lines.length, 17);
  assert.deepEqual(lines, fixture.runs.float64.lines);
  assert.deepEqual(fixture.runs.float32.lines, fixture.runs.float64.lines, "DLFS's float32 pixels print the same lines");
  assert.match(printed("08", "sigmoid-numpy-code"), /the 17 printed lines equal numpy's first 17, character for character: true/);
  assert.match(printed("08", "sigmoid-numpy-code"), /after 10 000 iterations, the same accuracies as numpy \(0\.9491, 0\.9468\): true/);
});

test("08: the post's unguarded cross_entropy_error next to the guarded one", () => {
  const out = printed("08", "cee-post-code");
  assert.match(out, /correct class 2 \(y = 0\.6\): guarded 0\.510825457099338, the post's 0\.5108256237659907/);
  assert.match(out, /correct class 3 \(y = 0\): guarded 16\.11809565095832, the post's Infinity/);
});

test("05: the forward pass with biases by hand: a1 with 0.30000000000000004, y as numpy", () => {
  const out = printed("05", "forward-bias-code");
  assert.match(out, /a1 = x·W1 \+ b1\s+\[0\.30000000000000004, 0\.7, 1\.1\]/);
  assert.match(out, /y = a3 = z2·W3 \+ b3\s+\[0\.3168270764110298, 0\.6962790898619668\]/);
  assert.match(out, /to the last bit: true/);
});

test("09: the ReLU kink: seed 4, hidden unit 33 of image 1, and the check agrees without its column", () => {
  const out = printed("09", "kink-code");
  assert.match(out, /closest to 0: a1 of image 1, hidden unit 33 = /);
  assert.match(out, /in column\(s\) 33;/);
  const mean = /W1's mean difference without them: ([\d.e+-]+)/.exec(out);
  assert.ok(mean && Number(mean[1]) < 1e-9, out);
  assert.match(printed("09", "cell-40"), /b2:1\.2\de-10/);
});
