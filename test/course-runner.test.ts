// The course runner (scripts/course.ts) on throwaway notebooks in a temporary project folder:
// what it prints and saves when a cell fails, its arguments, its atomic writes, and what it
// removes of killed runs. The notebooks here are plain TypeScript (no library import), run by
// the real tslab kernel through Jupyter's client; those tests are skipped without Jupyter.
import { test, after, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import {
  CELL_TIMEOUT, cleanStaleFiles, failedNotebookPath, notebookNames, parseArgs, run, runnerPaths, UsageError, type Args,
} from "../scripts/course";
import { PARTIAL_SUFFIX, processExists, writeFileAtomic } from "../scripts/course/files";
import { installKernelSpec, jupyterCommand } from "../scripts/course/jupyter";
import { readNotebook, serializeNotebook, type Cell, type Notebook } from "../scripts/course/notebook";

const repo = join(__dirname, "..");
const base = mkdtempSync(join(tmpdir(), "nnts-course-runner-"));
after(() => rmSync(base, { recursive: true, force: true }));

const haveJupyter = spawnSync(jupyterCommand(), ["nbconvert", "--version"], { encoding: "utf8" }).status === 0;
const needsJupyter = haveJupyter ? {} : { skip: "Jupyter's nbconvert is not installed" };

let roots = 0;
/** A fresh project folder with the given notebooks in notebooks/. */
function project(notebooks: Record<string, Notebook>): string {
  const root = join(base, `project${++roots}`);
  mkdirSync(join(root, "notebooks"), { recursive: true });
  for (const [name, nb] of Object.entries(notebooks)) writeFileSync(join(root, "notebooks", name), serializeNotebook(nb));
  return root;
}

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

const code = (source: string, outputs: Cell["outputs"] = []): Cell => ({ cell_type: "code", execution_count: null, metadata: {}, outputs, source });
const markdown = (source: string): Cell => ({ cell_type: "markdown", metadata: {}, source });
const notebook = (cells: Cell[]): Notebook => ({
  cells,
  metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" } },
  nbformat: 4,
  nbformat_minor: 5,
});

/** The notebook of the failure test: its third code cell throws; an empty code cell is not counted. */
const failing = notebook([
  markdown("# A notebook that fails"),
  code('console.log("first");'),
  code(""),
  code('const second = 2;\nconsole.log("second", second);'),
  markdown("The next cell fails."),
  code('// the third cell\nthrow new Error("third cell fails");\n'),
  code('console.log("fourth");', [{ output_type: "stream", name: "stdout", text: ["an output from an earlier run\n"] }]),
]);

/** Run the runner as `tsx scripts/course.ts` would, on a project folder; returns what it printed. */
async function runOn(root: string, args: Partial<Args>, t: TestContext): Promise<{ ok: boolean; printed: string }> {
  const lines: string[] = [];
  const log = t.mock.method(console, "log", (...a: unknown[]) => void lines.push(a.join(" ")));
  try {
    const ok = await run({ mode: "course", profile: "ci", ...args }, runnerPaths(root));
    return { ok, printed: lines.join("\n") };
  } finally {
    log.mock.restore();
  }
}

test("a failing cell: the notebook, the cell's number and first line, the full message; the partly executed copy is saved and the notebook left alone", needsJupyter, async (t) => {
  const root = project({ "01_fails.ipynb": failing });
  const src = join(root, "notebooks", "01_fails.ipynb");
  const before = readFileSync(src);

  const { ok, printed } = await runOn(root, {}, t);

  assert.equal(ok, false);
  assert.match(printed, /^01_fails\.ipynb\s+FAILED after [\d.]+ s$/m);
  assert.match(printed, /^ {4}cell 3: \/\/ the third cell$/m, printed);
  assert.match(printed, /^ {4}Error: third cell fails$/m, "the message tslab wrote to stderr");
  assert.doesNotMatch(printed, /<Error>:/);
  assert.match(printed, /^ {4}the partly executed notebook: notebooks\/01_fails\.failed\.ipynb$/m);
  assert.ok(!printed.includes(root), "no machine path of the runner's own");

  assert.deepEqual(readFileSync(src), before, "the notebook is byte-identical");
  const saved = readNotebook(failedNotebookPath(src));
  const codeCells = saved.cells.filter((c) => c.cell_type === "code");
  assert.deepEqual(codeCells.map((c) => c.execution_count), [1, null, 2, 3, null]);
  assert.deepEqual(codeCells[0].outputs?.map((o) => o.text), [["first\n"]]);
  const errorText = (codeCells[3].outputs ?? []).map((o) => [o.text ?? ""].flat().join("")).join("");
  assert.match(errorText, /Error: third cell fails/);
  assert.deepEqual(codeCells[4].outputs, [], "a cell after the failure did not run: no output of an earlier run");
  assert.equal(saved.metadata.nnts, undefined, "not stamped");

  assert.ok(!existsSync(runnerPaths(root).scratch), "the scratch folder is removed after a failed run");
  assert.deepEqual(readdirSync(join(root, "notebooks")).sort(), ["01_fails.failed.ipynb", "01_fails.ipynb"], "no .partial left");
  assert.deepEqual(notebookNames(join(root, "notebooks")), ["01_fails.ipynb"], "a .failed.ipynb is not a notebook to run");

  // Fixed, the notebook runs through: its outputs are recorded and the failed copy goes.
  const fixed = structuredClone(failing);
  fixed.cells[5] = code('console.log("third");');
  writeFileSync(src, serializeNotebook(fixed));
  write(join(root, "lib", "dist", "index.js"), "exports.x = 1;\n"); // what the stamp hashes
  const again = await runOn(root, {}, t);
  assert.equal(again.ok, true, again.printed);
  assert.ok(!existsSync(failedNotebookPath(src)));
  const recorded = readNotebook(src);
  assert.deepEqual(recorded.cells.filter((c) => c.cell_type === "code").map((c) => c.execution_count), [1, null, 2, 3, 4]);
  assert.equal(recorded.metadata.nnts?.profile, "ci");
  assert.deepEqual(readdirSync(join(root, "notebooks")), ["01_fails.ipynb"]);
});

test("a cell over the time limit (--cell-timeout): its number, and the limit to raise", needsJupyter, async (t) => {
  const root = project({
    "02_slow.ipynb": notebook([code('console.log("quick");'), code("await new Promise((r) => setTimeout(r, 60_000));"), code('console.log("never");')]),
  });
  const src = join(root, "notebooks", "02_slow.ipynb");
  const before = readFileSync(src);
  const { ok, printed } = await runOn(root, { cellTimeout: 3 }, t);
  assert.equal(ok, false);
  assert.match(printed, /^ {4}cell 2: await new Promise/m, printed);
  assert.match(printed, /ran longer than its limit of 3 s \(raise it with --cell-timeout SECONDS\)/);
  assert.deepEqual(readFileSync(src), before);
  assert.ok(existsSync(failedNotebookPath(src)));
  assert.ok(!existsSync(runnerPaths(root).scratch));
});

test("argument errors: --only and --profile need a value, --cell-timeout whole seconds, --record-timings a full-profile course run", () => {
  const usage = (argv: string[], env: NodeJS.ProcessEnv = {}) => assert.throws(() => parseArgs(argv, env), UsageError, argv.join(" "));
  usage(["--only"]);
  usage(["--only", ""]);
  usage(["--only", "--check"]);
  usage(["--profile"]);
  usage(["--profile", "--only", "03"]);
  usage(["--profile", "fast"]);
  usage(["--cell-timeout"]);
  for (const bad of ["0", "-5", "1.5", "ten", "60s"]) usage(["--cell-timeout", bad]);
  usage([], { NNTS_CELL_TIMEOUT: "soon" });
  usage(["--colour"]);
  usage(["--record-timings", "--check"]);
  usage(["--reproduce", "--record-timings"]);
  usage(["--record-timings", "--profile", "ci"]);
  assert.throws(() => parseArgs(["--check", "--record-timings"], {}), /--record-timings goes with a full-profile course run, not with --check/);
  assert.throws(() => parseArgs(["--profile", "ci", "--record-timings"], {}), /--record-timings records full-profile times: not with --profile ci/);
  assert.throws(() => parseArgs(["--only"], {}), /--only needs a value/);

  assert.deepEqual(parseArgs([], {}), { mode: "course", profile: "full", only: undefined, cellTimeout: undefined, ciProfileFor: undefined, recordTimings: false });
  assert.deepEqual(parseArgs(["--profile", "ci", "--only", "03", "--cell-timeout", "3600"], {}), { mode: "course", profile: "ci", only: "03", cellTimeout: 3600, ciProfileFor: undefined, recordTimings: false });
  assert.equal(parseArgs(["--profile", "full", "--record-timings"], {}).recordTimings, true, "what npm run course -- --record-timings passes");
  assert.equal(parseArgs(["--record-timings", "--only", "03"], {}).recordTimings, true, "the full profile is the default");
  assert.deepEqual(parseArgs(["--reproduce", "--ci-profile-for", "08,11"], {}).ciProfileFor, ["08", "11"]);
  assert.throws(() => parseArgs(["--ci-profile-for", "08"], {}), /--ci-profile-for goes with --reproduce/);
  assert.throws(() => parseArgs(["--reproduce", "--ci-profile-for"], {}), /--ci-profile-for needs a value/);
  assert.equal(parseArgs(["--check"], { NNTS_CELL_TIMEOUT: "900" }).cellTimeout, 900);
  assert.equal(parseArgs(["--cell-timeout", "60"], { NNTS_CELL_TIMEOUT: "900" }).cellTimeout, 60, "the option wins");

  // The default limit fits notebook 08's slowest cells (minutes), and is not an hour.
  assert.ok(CELL_TIMEOUT.full >= 600 && CELL_TIMEOUT.full < 3600, String(CELL_TIMEOUT.full));

  // The command line stops before running anything.
  for (const args of [["--only"], ["--profile"], ["--cell-timeout", "0"], ["--check", "--record-timings"]]) {
    const r = spawnSync(process.execPath, ["--import", "tsx", join(repo, "scripts", "course.ts"), ...args], { cwd: repo, encoding: "utf8" });
    assert.equal(r.status, 2, args.join(" ") + ": " + r.stdout + r.stderr);
    assert.match(r.stderr, /^course: .*\nusage: .*\[--record-timings\]/);
  }
});

test("writeFileAtomic: the new content, and no .partial left, on success and on failure", () => {
  const dir = join(base, "atomic");
  mkdirSync(dir);
  const path = join(dir, "a.ipynb");
  writeFileAtomic(path, "one\n");
  writeFileAtomic(path, "two\n");
  assert.equal(readFileSync(path, "utf8"), "two\n");
  writeFileAtomic(join(dir, "b.bin"), Uint8Array.from([0, 1, 2]));
  assert.deepEqual([...readFileSync(join(dir, "b.bin"))], [0, 1, 2]);
  assert.deepEqual(readdirSync(dir).sort(), ["a.ipynb", "b.bin"]);

  mkdirSync(join(dir, "a-folder"));
  assert.throws(() => writeFileAtomic(join(dir, "a-folder"), "x")); // cannot replace a folder
  assert.throws(() => writeFileAtomic(join(dir, "missing", "c.ipynb"), "x"));
  assert.deepEqual(readdirSync(dir).sort(), ["a-folder", "a.ipynb", "b.bin"]);
});

/** The id of a process that has ended. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", ""]);
  assert.ok(r.pid);
  return r.pid;
}

test("cleanup at the start of a run: what a killed run left (.partial files, its scratch folder) is removed", () => {
  const root = project({ "01_a.ipynb": notebook([code("1")]) });
  const paths = runnerPaths(root);
  const nb = join(root, "notebooks");
  write(join(nb, "01_a.ipynb" + PARTIAL_SUFFIX), "half a notebook");
  write(join(nb, "01_a.failed.ipynb" + PARTIAL_SUFFIX), "half a notebook");
  const killed = join(paths.scratchRoot, String(deadPid()));
  write(join(killed, "ci", "01_a.ipynb"), "{}");
  write(join(killed, "ci", "01_a.ipynb" + PARTIAL_SUFFIX), "{");
  write(join(paths.scratch, "full", "old.ipynb"), "{}"); // an earlier process with this run's id
  write(join(paths.scratchRoot, "stray.json" + PARTIAL_SUFFIX), "{");
  write(join(root, ".jupyter", "kernels", "tslab", "kernel.json" + PARTIAL_SUFFIX), "{");

  const removed = cleanStaleFiles(paths);

  assert.equal(removed.length, 6, removed.join("\n"));
  assert.deepEqual(readdirSync(nb), ["01_a.ipynb"]);
  assert.deepEqual(readdirSync(paths.scratchRoot), []);
  assert.deepEqual(readdirSync(join(root, ".jupyter", "kernels", "tslab")), []);
  assert.deepEqual(cleanStaleFiles(paths), [], "nothing left to remove");
});

test("cleanup leaves a live run alone: its scratch folder, and the .partial files it may be writing", (t) => {
  const root = project({ "01_a.ipynb": notebook([code("1")]) });
  const paths = runnerPaths(root);
  const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60_000)"], { stdio: "ignore" });
  t.after(() => other.kill());
  assert.ok(other.pid);
  const live = join(paths.scratchRoot, String(other.pid));
  write(join(live, "ci", "01_a.ipynb"), "{}");
  const partial = join(root, "notebooks", "01_a.ipynb" + PARTIAL_SUFFIX);
  write(partial, "being written");
  const killed = join(paths.scratchRoot, String(deadPid()));
  write(join(killed, "x"), "");

  assert.deepEqual(cleanStaleFiles(paths), [killed]);
  assert.ok(existsSync(join(live, "ci", "01_a.ipynb")));
  assert.ok(existsSync(partial));
});

/** Processes started for the project in `root` (Linux): the runner passes them its paths in their environment. */
function processesOf(root: string, command = ""): number[] {
  return readdirSync("/proc").filter((d) => /^\d+$/.test(d)).filter((d) => {
    try {
      return readFileSync(`/proc/${d}/environ`, "utf8").includes(root) && readFileSync(`/proc/${d}/cmdline`, "utf8").includes(command);
    } catch {
      return false;
    }
  }).map(Number);
}

async function waitFor(what: string, condition: () => boolean, seconds: number): Promise<void> {
  const end = Date.now() + seconds * 1000;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const needsProc = { skip: needsJupyter.skip ?? (existsSync("/proc/self/cmdline") ? undefined : "needs /proc") };

/**
 * Start the runner on a notebook whose second cell waits two minutes, send `signal` once the
 * kernel has run for `afterMs`, and wait for the runner to exit. Processes it leaves are killed
 * after the test (by id), and the test then fails on them.
 */
async function interrupt(t: TestContext, signal: NodeJS.Signals, afterMs: number) {
  const root = project({ "01_long.ipynb": notebook([code('console.log("started");'), code("await new Promise((r) => setTimeout(r, 120_000));")]) });
  const src = join(root, "notebooks", "01_long.ipynb");
  const before = readFileSync(src);
  const driver = `const c = require(process.argv[1]); c.runWithSignals({ mode: "course", profile: "ci" }, c.runnerPaths(process.argv[2])).then((code) => process.exit(code));`;
  const child = spawn(process.execPath, ["--import", "tsx", "-e", driver, join(repo, "scripts", "course.ts"), root], { cwd: repo, stdio: ["ignore", "pipe", "pipe"] });
  t.after(() => {
    child.kill("SIGKILL");
    for (const pid of processesOf(root)) process.kill(pid, "SIGKILL");
  });
  let printed = "";
  child.stdout.on("data", (d) => (printed += d));
  child.stderr.on("data", (d) => (printed += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on("exit", (code, signal) => r({ code, signal })));
  await waitFor("the kernel", () => processesOf(root, "tslab").length > 0, 60);
  await new Promise((r) => setTimeout(r, afterMs));
  const scratch = runnerPaths(root, undefined, child.pid).scratch;
  assert.ok(existsSync(scratch));
  child.kill(signal);
  const exit = await exited;
  // nbconvert shuts its kernel down; if the runner could not tell it to, nbconvert notices it is gone.
  await waitFor("nbconvert and the kernel to end", () => processesOf(root).length === 0, 15);
  assert.deepEqual(readFileSync(src), before);
  assert.ok(!existsSync(failedNotebookPath(src)), "an interrupted run is not a failure of the notebook");
  return { root, exit, printed, scratch };
}

// 1.5 s after the kernel process appears it is still starting (on a 2-core machine): nbconvert,
// interrupted then, exits without shutting it down, and only the kernel's parent watch ends it.
for (const [signal, code] of [["SIGTERM", 143], ["SIGINT", 130]] as const) {
  test(`${signal} while the kernel starts: the kernel ends, the scratch folder is removed, exit code ${code}`, needsProc, async (t) => {
    const { exit, printed, scratch } = await interrupt(t, signal, 1500);
    assert.deepEqual(exit, { code, signal: null }, printed);
    assert.match(printed, new RegExp(`${signal}: stopping the run`));
    assert.ok(!existsSync(scratch), "scratch folder removed");
  });
}

test("SIGINT during a cell: the same", needsProc, async (t) => {
  const { exit, printed, scratch } = await interrupt(t, "SIGINT", 4000);
  assert.deepEqual(exit, { code: 130, signal: null }, printed);
  assert.ok(!existsSync(scratch));
});

test("the kernel spec loads a parent watch: a kernel whose Jupyter client is gone ends", async () => {
  const root = project({});
  installKernelSpec(root);
  const spec = JSON.parse(readFileSync(join(root, ".jupyter", "kernels", "tslab", "kernel.json"), "utf8")) as { argv: string[] };
  assert.equal(spec.argv[1], "--require");
  const watch = spec.argv[2];
  assert.ok(existsSync(watch));
  // A parent that starts a "kernel" in a session of its own, as Jupyter's client does, and exits.
  const parent = `const c = require("node:child_process").spawn(process.execPath, ["--require", process.argv[1], "-e", "setInterval(() => {}, 1000)"], { detached: true, stdio: "ignore" });
    console.log(c.pid); setTimeout(() => process.exit(0), 1000);`;
  const r = spawnSync(process.execPath, ["-e", parent, watch], { encoding: "utf8" });
  const orphan = Number(r.stdout.trim());
  assert.ok(orphan > 0, r.stderr);
  try {
    await waitFor("the orphaned kernel to end", () => !processExists(orphan), 10);
  } finally {
    if (processExists(orphan)) process.kill(orphan, "SIGKILL");
  }
});

test("SIGKILL: nbconvert and the kernel end by themselves, and the next run's cleanup removes the scratch folder", needsProc, async (t) => {
  const { root, exit, scratch } = await interrupt(t, "SIGKILL", 2000);
  assert.deepEqual(exit, { code: null, signal: "SIGKILL" });
  assert.ok(existsSync(scratch), "no handler runs on SIGKILL");
  assert.deepEqual(cleanStaleFiles(runnerPaths(root)), [scratch]);
  assert.deepEqual(readdirSync(runnerPaths(root).scratchRoot), []);
});
