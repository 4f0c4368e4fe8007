// What the course runner shows while it runs (scripts/course/progress.ts) and the run times it
// records (scripts/course/timings.ts): on a terminal one line rewritten in place, elsewhere a plain
// line per cell; the cells reported by the real kernel through nbconvert; notebooks/timings.json
// written by a full-profile run given --record-timings only.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run, runnerPaths } from "../scripts/course";
import { jupyterCommand, type CellStart } from "../scripts/course/jupyter";
import { serializeNotebook, type Cell, type Notebook } from "../scripts/course/notebook";
import { progressReporter, type Progress } from "../scripts/course/progress";
import { formatDuration, readTimings, recordTiming, serializeTimings, TIMINGS_FILE } from "../scripts/course/timings";

const base = mkdtempSync(join(tmpdir(), "nnts-course-progress-"));
after(() => rmSync(base, { recursive: true, force: true }));

function fakeStream(isTTY: boolean, columns = 80) {
  const written: string[] = [];
  return { stream: { isTTY, columns, write: (t: string) => written.push(t) }, written };
}

test("not a terminal: a plain line when each cell starts, nothing rewritten", (t) => {
  const { stream, written } = fakeStream(false);
  const logged: string[] = [];
  t.mock.method(console, "log", (...a: unknown[]) => void logged.push(a.join(" ")));
  const p = progressReporter(stream);
  p.notebook("08_two_layer_net_numerical.ipynb", "ci run1");
  p.cell({ cell: 1, cells: 12, firstLine: "import { TwoLayerNet } from \"nnts\";" });
  p.cell({ cell: 2, cells: 12, firstLine: "const net = new TwoLayerNet({ … });" });
  p.log("08_two_layer_net_numerical.ipynb  ci run1    11.6 s");
  p.done();
  assert.deepEqual(written, [
    "  08_two_layer_net_numerical.ipynb ci run1: cell 1/12: import { TwoLayerNet } from \"nnts\";\n",
    "  08_two_layer_net_numerical.ipynb ci run1: cell 2/12: const net = new TwoLayerNet({ … });\n",
  ]);
  assert.ok(written.every((w) => !w.includes("\r") && !w.includes("\x1b")), "no terminal control in a log");
  assert.deepEqual(logged, ["08_two_layer_net_numerical.ipynb  ci run1    11.6 s"]);
});

test("a terminal: one line rewritten in place, cut to the width, with the cell's time; cleared before the runner's own line", (t) => {
  const { stream, written } = fakeStream(true, 60);
  const logged: string[] = [];
  t.mock.method(console, "log", (...a: unknown[]) => void logged.push(a.join(" ")));
  let now = 1_000_000;
  const p = progressReporter(stream, () => now);
  p.notebook("11_neuralnet_mlp_mnist.ipynb");
  assert.equal(written.at(-1), "\r\x1b[K11_neuralnet_mlp_mnist.ipynb: starting the kernel");
  p.cell({ cell: 7, cells: 15, firstLine: "const nn = new NeuralNetMLP({ nHidden: 100, l2: 0.01, epochs: 200 });" });
  const line = written.at(-1)!;
  assert.ok(line.startsWith("\r\x1b[K11_neuralnet_mlp_mnist.ipynb: cell 7/15: const nn"), line);
  assert.equal(line.length - "\r\x1b[K".length, 59, "cut to the terminal's width less one");
  assert.ok(line.endsWith("…"));
  now += 134_000;
  p.cell({ cell: 8, cells: 15, firstLine: "y" });
  assert.equal(written.at(-1), "\r\x1b[K11_neuralnet_mlp_mnist.ipynb: cell 8/15: y", "a new cell starts at 0 s");
  p.log("11_neuralnet_mlp_mnist.ipynb   547.4 s");
  assert.equal(written.at(-1), "\r\x1b[K", "the progress line is cleared before the runner's line");
  assert.deepEqual(logged, ["11_neuralnet_mlp_mnist.ipynb   547.4 s"]);
  p.done();
  assert.ok(!written.some((w) => w.includes("\n")), "nothing but the one line");
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("a terminal: a long cell shows its time, redrawn every second", async () => {
  const { stream, written } = fakeStream(true, 200);
  let now = 0;
  const p = progressReporter(stream, () => now);
  p.notebook("08_two_layer_net_numerical.ipynb");
  p.cell({ cell: 5, cells: 9, firstLine: "const grads = network.numericalGradient(xBatch, tBatch);" });
  now = 134_000; // the clock the reporter reads; the redraw itself is on the real one
  await sleep(1300);
  assert.equal(written.at(-1), "\r\x1b[K08_two_layer_net_numerical.ipynb: cell 5/9 (2 min 14 s): const grads = network.numericalGradient(xBatch, tBatch);");
  p.done();
  const count = written.length;
  await sleep(1300);
  assert.equal(written.length, count, "no redraw once done");
});

test("timings: sorted, one decimal, merged with what is there; durations for the chapter map", () => {
  const dir = join(base, "timings");
  mkdirSync(dir);
  assert.deepEqual(readTimings(dir), {});
  recordTiming(dir, "02_b.ipynb", 5.26);
  recordTiming(dir, "01_a.ipynb", 220.64);
  recordTiming(dir, "02_b.ipynb", 4.4);
  assert.equal(readFileSync(join(dir, TIMINGS_FILE), "utf8"), '{\n "01_a.ipynb": 220.6,\n "02_b.ipynb": 4.4\n}\n');
  assert.deepEqual(readTimings(dir), { "01_a.ipynb": 220.6, "02_b.ipynb": 4.4 });
  assert.equal(serializeTimings({ b: 1, a: 2 }), '{\n "a": 2,\n "b": 1\n}\n');
  writeFileSync(join(dir, TIMINGS_FILE), '{"01_a.ipynb": "fast"}');
  assert.throws(() => readTimings(dir), /01_a\.ipynb: expected seconds/);
  assert.deepEqual([0.2, 4.4, 52.4, 59.6, 60, 220.6, 547.4, 600].map(formatDuration), ["1 s", "4 s", "52 s", "1 min", "1 min", "3 min 41 s", "9 min 7 s", "10 min"]);
});

const haveJupyter = spawnSync(jupyterCommand(), ["nbconvert", "--version"], { encoding: "utf8" }).status === 0;
const needsJupyter = haveJupyter ? {} : { skip: "Jupyter's nbconvert is not installed" };

const code = (source: string): Cell => ({ cell_type: "code", execution_count: null, metadata: {}, outputs: [], source });
const notebook = (cells: Cell[]): Notebook => ({
  cells,
  metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" } },
  nbformat: 4,
  nbformat_minor: 5,
});

test("the real kernel: each numbered cell is reported as it starts; a full-profile run records its time only when asked (--record-timings), a ci run never", needsJupyter, async () => {
  const root = join(base, "project");
  mkdirSync(join(root, "notebooks"), { recursive: true });
  mkdirSync(join(root, "lib", "dist"), { recursive: true });
  writeFileSync(join(root, "lib", "dist", "index.js"), "exports.x = 1;\n"); // what the stamp hashes
  const nb = notebook([
    { cell_type: "markdown", metadata: {}, source: "# A notebook" },
    code('console.log("one");'),
    code("   "),
    code('\n// the second cell\nconsole.log("two");'),
  ]);
  writeFileSync(join(root, "notebooks", "01_a.ipynb"), serializeNotebook(nb));
  const seen: CellStart[] = [];
  const names: string[] = [];
  const logged: string[] = [];
  const progress: Progress = {
    notebook: (n, l) => void names.push(`${n}${l ? " " + l : ""}`),
    cell: (c) => void seen.push(c),
    log: (text) => void logged.push(text),
    done() {},
  };

  assert.equal(await run({ mode: "course", profile: "ci", recordTimings: true }, runnerPaths(root), undefined, progress), true, logged.join("\n"));
  assert.deepEqual(seen, [{ cell: 1, cells: 2, firstLine: 'console.log("one");' }, { cell: 2, cells: 2, firstLine: "// the second cell" }]);
  assert.deepEqual(names, ["01_a.ipynb"]);
  assert.match(logged.join("\n"), /^01_a\.ipynb\s+[\d.]+ s$/m, "the runner's line goes through the progress reporter");
  assert.ok(!existsSync(join(root, "notebooks", TIMINGS_FILE)), "a ci-profile run records no time");

  // What npm run setup runs: the committed timings.json stays as it was.
  assert.equal(await run({ mode: "course", profile: "full" }, runnerPaths(root), undefined, progress), true, logged.join("\n"));
  assert.ok(!existsSync(join(root, "notebooks", TIMINGS_FILE)), "a full-profile run records no time unless asked");

  assert.equal(await run({ mode: "course", profile: "full", recordTimings: true }, runnerPaths(root), undefined, progress), true, logged.join("\n"));
  const timings = readTimings(join(root, "notebooks"));
  assert.deepEqual(Object.keys(timings), ["01_a.ipynb"]);
  assert.ok(timings["01_a.ipynb"] > 0 && timings["01_a.ipynb"] < 300, String(timings["01_a.ipynb"]));
});
