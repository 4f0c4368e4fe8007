// The course's own runner.
//   tsx scripts/course.ts --profile full   execute every notebook, record outputs in place
//   tsx scripts/course.ts --check          tests: committed outputs fresh and clean, every
//                                          notebook runs in the ci profile, twice, identically
//   tsx scripts/course.ts --reproduce      execute every notebook again (full profile) and fail on
//                                          any output that differs from the committed one: CI runs it
//                                          under a second Node.js; --ci-profile-for 08,11 runs those in
//                                          the ci profile against the outputs --check recorded
//   --only 03                               restrict to notebooks whose name starts with 03
//   --record-timings                        with a full-profile course run only: also write each
//                                          notebook's time to notebooks/timings.json (the book's
//                                          chapter map and README's table show them); without it
//                                          that committed file is left alone, so `npm run setup`
//                                          leaves a fresh clone clean. e.g. npm run course -- --record-timings
//   --cell-timeout SECONDS                  the time limit of one cell, in both modes (default:
//                                          1200 in the full profile, 300 in ci); the environment
//                                          variable NNTS_CELL_TIMEOUT sets it too, the option wins.
//                                          e.g. npm run course -- --cell-timeout 3600
// A notebook that fails is left as it was: its partly executed copy, up to the failing cell,
// goes to notebooks/NAME.failed.ipynb (ignored by git; removed when the notebook next runs
// through), and the runner prints the failing cell's number, its first line and its error.
// Ctrl-C (or SIGTERM) stops the run and its kernel and removes its scratch folder; what a
// killed run leaves (NAME.partial files, scratch folders) is removed at the next start.
// While a notebook runs, the runner shows which notebook and cell is running (course/progress.ts);
// a full-profile course run given --record-timings records each notebook's time in
// notebooks/timings.json (course/timings.ts).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { processExists, removePartialFiles } from "./course/files";
import { executeNotebook, installKernelSpec, killExecutions, type ExecuteResult } from "./course/jupyter";
import { codeCells, firstSourceLine, libraryBuildProblem, libraryHash, numberCells, outputProblems, readNotebook, serializeNotebook, sourceHash, writeNotebook, type Notebook } from "./course/notebook";
import { progressReporter, silentProgress, type Progress } from "./course/progress";
import { recordTiming } from "./course/timings";

export type Profile = "full" | "ci";

// Per-cell limits: a hung cell fails instead of hanging the run (Jupyter's client has none by
// default). The slowest cells, in notebook 08 (numerical gradients), take a few minutes in the
// full profile, and the whole notebook about five; 1200 s leaves room for a busy machine.
export const CELL_TIMEOUT: Record<Profile, number> = { full: 1200, ci: 300 };
export const CELL_TIMEOUT_ENV = "NNTS_CELL_TIMEOUT";

export interface Args {
  mode: "course" | "check" | "reproduce";
  /** --reproduce: notebooks (name prefixes) re-executed in the ci profile, against the outputs of --check's ci run. */
  ciProfileFor?: string[];
  profile: Profile;
  only?: string;
  /** Seconds per cell; undefined: CELL_TIMEOUT of the profile that runs. */
  cellTimeout?: number;
  /** A full-profile course run: write each notebook's time to notebooks/timings.json. */
  recordTimings?: boolean;
}

export class UsageError extends Error {}

/** The command line (and NNTS_CELL_TIMEOUT); throws UsageError. */
export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): Args {
  let mode: Args["mode"] = "course";
  let ciProfileFor: string[] | undefined;
  let profileGiven = false;
  let profile: Profile = "full";
  let only: string | undefined;
  let cellTimeout: number | undefined;
  let recordTimings = false;
  if (env[CELL_TIMEOUT_ENV] !== undefined && env[CELL_TIMEOUT_ENV] !== "") {
    cellTimeout = parseSeconds(env[CELL_TIMEOUT_ENV], CELL_TIMEOUT_ENV);
  }
  const value = (i: number, example: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v === "" || v.startsWith("--")) throw new UsageError(`${argv[i]} needs a value, e.g. ${argv[i]} ${example}`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--check") mode = "check";
    else if (a === "--reproduce") mode = "reproduce";
    else if (a === "--ci-profile-for") ciProfileFor = value(i++, "08,11").split(",");
    else if (a === "--profile") {
      profileGiven = true;
      const p = value(i++, "full");
      if (p !== "full" && p !== "ci") throw new UsageError(`--profile must be full or ci, got ${p}`);
      profile = p;
    } else if (a === "--only") only = value(i++, "03");
    else if (a === "--cell-timeout") cellTimeout = parseSeconds(value(i++, "3600"), "--cell-timeout");
    else if (a === "--record-timings") recordTimings = true;
    else throw new UsageError(`unknown argument ${a}`);
  }
  if (ciProfileFor && mode !== "reproduce") throw new UsageError("--ci-profile-for goes with --reproduce");
  if (profileGiven && mode !== "course") throw new UsageError(`--profile goes with a course run, not with --${mode}`);
  if (recordTimings && mode !== "course") throw new UsageError(`--record-timings goes with a full-profile course run, not with --${mode}`);
  if (recordTimings && profile !== "full") throw new UsageError(`--record-timings records full-profile times: not with --profile ${profile}`);
  return { mode, profile, only, cellTimeout, ciProfileFor, recordTimings };
}

function parseSeconds(text: string | undefined, what: string): number {
  const n = /^\d+$/.test(text ?? "") ? Number(text) : NaN;
  if (!(n >= 1 && Number.isSafeInteger(n))) throw new UsageError(`${what} must be a whole number of seconds, 1 or more, got ${text}`);
  return n;
}

/** Where a run reads and writes. */
export interface RunnerPaths {
  /** The project root: .jupyter/ (kernel spec), .cache/, lib/dist. */
  root: string;
  notebooksDir: string;
  /** Holds one scratch folder per run, named by its process id. */
  scratchRoot: string;
  /** This run's scratch folder, so that two runs at once do not clear each other's files. */
  scratch: string;
}

export function runnerPaths(root: string, notebooksDir = join(root, "notebooks"), pid = process.pid): RunnerPaths {
  const scratchRoot = join(root, ".cache", "notebooks");
  return { root, notebooksDir, scratchRoot, scratch: join(scratchRoot, String(pid)) };
}

/** The notebook's partly executed copy after a failure: NAME.failed.ipynb next to it. */
export function failedNotebookPath(notebookPath: string): string {
  return notebookPath.replace(/\.ipynb$/, "") + ".failed.ipynb";
}

/**
 * What killed runs leave behind, removed at the start of a run: the scratch folders of runs whose
 * process is gone (SIGKILL skips every handler) or that carry this run's id, NAME.partial files
 * (files.ts) in the scratch root and the kernel spec folder, and those in the notebooks folder
 * unless another run is alive (it may be writing one). Returns the removed paths.
 */
export function cleanStaleFiles(paths: RunnerPaths): string[] {
  const removed: string[] = [];
  let otherRunAlive = false;
  if (existsSync(paths.scratchRoot)) {
    for (const entry of readdirSync(paths.scratchRoot, { withFileTypes: true })) {
      const path = join(paths.scratchRoot, entry.name);
      if (!entry.isDirectory() || !/^\d+$/.test(entry.name)) continue;
      if (path !== paths.scratch && processExists(Number(entry.name))) {
        otherRunAlive = true;
        continue;
      }
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    }
    removed.push(...removePartialFiles(paths.scratchRoot));
    removed.push(...removePartialFiles(join(paths.scratchRoot, "ci-outputs")));
  }
  removed.push(...removePartialFiles(join(paths.root, ".jupyter", "kernels", "tslab")));
  if (!otherRunAlive) removed.push(...removePartialFiles(paths.notebooksDir));
  return removed;
}

export function notebookNames(notebooksDir: string, only?: string): string[] {
  const names = readdirSync(notebooksDir).filter((n) => /^\d\d_.*\.ipynb$/.test(n) && !n.endsWith(".failed.ipynb")).sort();
  const chosen = only ? names.filter((n) => n.startsWith(only)) : names;
  if (chosen.length === 0) throw new UsageError(`no notebooks${only ? ` starting with "${only}"` : ""} in ${basename(notebooksDir)}/`);
  return chosen;
}

function pad(name: string): string {
  return name.padEnd(40);
}

/** A failed execution: its partly executed copy is saved next to the notebook; the report to print. */
function reportFailure(paths: RunnerPaths, src: string, r: ExecuteResult, what: string): string {
  let text = r.failure ?? "";
  if (r.partial) {
    const saved = failedNotebookPath(src);
    writeNotebook(saved, r.partial);
    text += `\nthe partly executed notebook: ${relative(paths.root, saved)}`;
  }
  return `${pad(basename(src))} ${what ? what + " " : ""}FAILED after ${r.seconds.toFixed(1)} s\n${indent(text)}`;
}

/** A notebook that ran through has no failed copy any more. */
function clearFailure(src: string): void {
  rmSync(failedNotebookPath(src), { force: true });
}

/**
 * Execute into scratch, then stamp and number it; the committed file changes only on success.
 * With `recordTimings`, in the full profile, each notebook's time goes into notebooks/timings.json.
 */
export async function runCourse(paths: RunnerPaths, names: string[], profile: Profile, cellTimeout = CELL_TIMEOUT[profile], stop?: AbortSignal, progress: Progress = silentProgress, recordTimings = false): Promise<boolean> {
  let ok = true;
  let library: string | undefined;
  for (const name of names) {
    if (stop?.aborted) return false;
    const src = join(paths.notebooksDir, name);
    progress.notebook(name);
    const r = await executeNotebook({ root: paths.root, notebook: src, outputDir: join(paths.scratch, profile), profile, cellTimeoutSeconds: cellTimeout, stop, onCell: (c) => progress.cell(c) });
    progress.done();
    if (r.interrupted) return false;
    if (!r.ok) {
      progress.log(reportFailure(paths, src, r, ""));
      ok = false;
      continue;
    }
    clearFailure(src);
    const nb = readNotebook(r.outputPath);
    numberCells(nb);
    library ??= libraryHash(paths.root);
    nb.metadata.nnts = { profile, sourceHash: sourceHash(paths.root, nb, library) };
    const problems = outputProblems(nb);
    writeNotebook(src, nb);
    if (recordTimings && profile === "full") recordTiming(paths.notebooksDir, name, r.seconds);
    progress.log(`${pad(name)} ${r.seconds.toFixed(1).padStart(7)} s${problems.length ? "  PROBLEMS:\n" + indent(problems.join("\n")) : ""}`);
    if (problems.length) ok = false;
  }
  return ok;
}

/** Everything `npm test` asks of the notebooks. */
export async function check(paths: RunnerPaths, names: string[], cellTimeout = CELL_TIMEOUT.ci, stop?: AbortSignal, progress: Progress = silentProgress): Promise<boolean> {
  const failures: string[] = [];
  const library = libraryHash(paths.root);
  for (const name of names) {
    if (stop?.aborted) return false;
    const path = join(paths.notebooksDir, name);
    const committed = readNotebook(path);
    const stamp = committed.metadata.nnts;
    if (!stamp || stamp.profile !== "full") failures.push(`${name}: committed without outputs of the full profile: run npm run course`);
    else if (stamp.sourceHash !== sourceHash(paths.root, committed, library)) failures.push(`${name}: stale outputs: its code cells or the compiled library (lib/dist) changed since they were recorded: run npm run course`);
    if (readFileSync(path, "utf8") !== serializeNotebook(committed)) failures.push(`${name}: not in the course's canonical format: run npm run course`);
    for (const p of outputProblems(committed)) failures.push(`${name} (committed): ${p}`);

    // Two executions in the ci profile must both be clean and give the same bytes.
    const runs: string[] = [];
    for (const run of ["run1", "run2"]) {
      progress.notebook(name, `ci ${run}`);
      const r = await executeNotebook({ root: paths.root, notebook: path, outputDir: join(paths.scratch, "ci-" + run), profile: "ci", cellTimeoutSeconds: cellTimeout, stop, onCell: (c) => progress.cell(c) });
      progress.done();
      if (r.interrupted) return false;
      if (!r.ok) {
        const report = reportFailure(paths, path, r, `ci ${run}`);
        failures.push(`${name} (ci ${run}): execution failed\n${report.split("\n").slice(1).join("\n")}`);
        progress.log(report);
        break;
      }
      clearFailure(path);
      const nb = readNotebook(r.outputPath);
      for (const p of outputProblems(nb)) failures.push(`${name} (ci ${run}): ${p}`);
      runs.push(readFileSync(r.outputPath, "utf8"));
      if (run === "run1") {
        numberCells(nb);
        mkdirSync(ciOutputsDir(paths), { recursive: true });
        writeNotebook(join(ciOutputsDir(paths), name), nb);
      }
      progress.log(`${pad(name)} ci ${run} ${r.seconds.toFixed(1).padStart(7)} s`);
    }
    if (runs.length === 2 && runs[0] !== runs[1]) failures.push(`${name}: two executions in the ci profile gave different outputs`);
  }
  for (const f of failures) console.log("not ok: " + f);
  const failedNames = new Set(failures.map((f) => f.split(/[: ]/)[0]));
  console.log(`notebooks: ${names.length - failedNames.size} passed, ${failedNames.size} failed`);
  return failures.length === 0;
}

/** Where --check keeps its ci-profile outputs, for --reproduce under another Node.js. */
function ciOutputsDir(paths: RunnerPaths): string {
  return join(paths.root, ".cache", "notebooks", "ci-outputs");
}

/** Each code cell's outputs as text: what two executions of a notebook must agree on. */
function outputsOf(nb: Notebook): string[] {
  return codeCells(nb).map((c) => JSON.stringify(c.outputs ?? []));
}

/**
 * Executes the notebooks again (on whatever Node.js runs this) and compares every output with
 * the committed ones: the full profile, or for `ciProfileFor` the ci profile against the
 * outputs --check recorded. Records nothing in the notebooks (a failing one leaves NAME.failed.ipynb).
 */
export async function reproduce(paths: RunnerPaths, names: string[], ciProfileFor: string[], cellTimeout?: number, stop?: AbortSignal, progress: Progress = silentProgress): Promise<boolean> {
  const failures: string[] = [];
  for (const name of names) {
    if (stop?.aborted) return false;
    const profile: Profile = ciProfileFor.some((prefix) => name.startsWith(prefix)) ? "ci" : "full";
    const referencePath = profile === "full" ? join(paths.notebooksDir, name) : join(ciOutputsDir(paths), name);
    if (!existsSync(referencePath)) {
      failures.push(`${name}: no ci-profile outputs to compare with: run tsx scripts/course.ts --check first`);
      continue;
    }
    const src = join(paths.notebooksDir, name);
    progress.notebook(name, profile);
    const r = await executeNotebook({ root: paths.root, notebook: src, outputDir: join(paths.scratch, "reproduce"), profile, cellTimeoutSeconds: cellTimeout ?? CELL_TIMEOUT[profile], stop, onCell: (c) => progress.cell(c) });
    progress.done();
    if (r.interrupted) return false;
    if (!r.ok) {
      const report = reportFailure(paths, src, r, profile);
      progress.log(report);
      failures.push(`${name} (${profile}): execution failed`);
      continue;
    }
    const nb = readNotebook(r.outputPath);
    numberCells(nb);
    const [got, want] = [outputsOf(nb), outputsOf(readNotebook(referencePath))];
    const differing = want.map((w, k) => (w === got[k] ? -1 : k)).filter((k) => k >= 0 && k < got.length);
    if (got.length !== want.length) failures.push(`${name} (${profile}): ${got.length} code cells, the reference has ${want.length}`);
    for (const k of differing.slice(0, 3)) {
      const at = [...got[k]].findIndex((ch, i) => ch !== want[k][i]);
      failures.push(`${name} (${profile}), code cell ${k + 1} (${firstSourceLine(codeCells(nb)[k])}): output differs at character ${at}: ` +
        `${JSON.stringify(want[k].slice(Math.max(0, at - 30), at + 30))} recorded, ${JSON.stringify(got[k].slice(Math.max(0, at - 30), at + 30))} now`);
    }
    progress.log(`${pad(name)} ${profile} ${r.seconds.toFixed(1).padStart(7)} s  ${differing.length === 0 && got.length === want.length ? "same outputs" : `${differing.length} cells differ`}`);
  }
  for (const f of failures) console.log("not ok: " + f);
  const failedNames = new Set(failures.map((f) => f.split(/[: ]/)[0]));
  console.log(`notebooks reproduced on Node.js ${process.versions.node}: ${names.length - failedNames.size} passed, ${failedNames.size} failed`);
  return failures.length === 0;
}

function indent(text: string): string {
  return text.split("\n").map((l) => "    " + l).join("\n");
}

/**
 * One run: clean what killed runs left, execute, and remove this run's scratch folder whatever
 * happens (success, failure, exception, or `stop` aborted by a signal).
 */
export async function run(args: Args, paths: RunnerPaths, stop?: AbortSignal, progress: Progress = silentProgress): Promise<boolean> {
  try {
    for (const p of cleanStaleFiles(paths)) console.log(`removed ${relative(paths.root, p)}, left by a run that was killed`);
    const names = notebookNames(paths.notebooksDir, args.only);
    installKernelSpec(paths.root);
    if (args.mode === "reproduce") return await reproduce(paths, names, args.ciProfileFor ?? [], args.cellTimeout, stop, progress);
    return args.mode === "check"
      ? await check(paths, names, args.cellTimeout ?? CELL_TIMEOUT.ci, stop, progress)
      : await runCourse(paths, names, args.profile, args.cellTimeout ?? CELL_TIMEOUT[args.profile], stop, progress, args.recordTimings ?? false);
  } finally {
    progress.done();
    rmSync(paths.scratch, { recursive: true, force: true });
  }
}

const SIGNAL_EXIT: Record<"SIGINT" | "SIGTERM", number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * `run` with SIGINT and SIGTERM handled: the first stops the run (the running kernel is shut
 * down, the scratch folder removed) and gives exit code 130 or 143; a second exits at once,
 * after killing nbconvert (its kernel ends by itself, see PARENT_WATCH in course/jupyter.ts) and
 * removing the scratch folder. Returns the exit code.
 */
export async function runWithSignals(args: Args, paths: RunnerPaths, progress: Progress = progressReporter()): Promise<number> {
  const controller = new AbortController();
  let received: "SIGINT" | "SIGTERM" | undefined;
  const onSignal = (signal: "SIGINT" | "SIGTERM"): void => {
    if (received) {
      killExecutions();
      rmSync(paths.scratch, { recursive: true, force: true });
      process.exit(SIGNAL_EXIT[signal]);
    }
    received = signal;
    progress.log(`\n${signal}: stopping the run (again to quit at once)`);
    controller.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    const ok = await run(args, paths, controller.signal, progress);
    return received ? SIGNAL_EXIT[received] : ok ? 0 : 1;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

const USAGE = "usage: tsx scripts/course.ts [--profile full|ci | --check | --reproduce [--ci-profile-for 08,11]] [--only PREFIX] [--cell-timeout SECONDS] [--record-timings]\n" +
  "  --record-timings (a full-profile course run only) also writes each notebook's time to notebooks/timings.json";

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`course: ${e.message}\n${USAGE}`);
    return 2;
  }
  const root = resolve(__dirname, "..");
  // The stamp hashes lib/dist: it must be built from the lib/src in the tree.
  const buildProblem = libraryBuildProblem(root);
  if (buildProblem) {
    console.log("not ok: " + buildProblem);
    return 1;
  }
  try {
    return await runWithSignals(args, runnerPaths(root));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`course: ${e.message}`);
    return 2;
  }
}

if (require.main === module) {
  main().then((code) => process.exit(code), (e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
