// Headless execution with the real tslab kernel through Jupyter's own client
// (nbconvert). The kernel spec lives inside the project (.jupyter/), so no
// global Jupyter state is touched.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { writeFileAtomic } from "./files";
import { cellErrorText, firstSourceLine, partlyExecuted, type Notebook } from "./notebook";

export function jupyterCommand(): string {
  if (process.env.JUPYTER) return process.env.JUPYTER;
  // Debian's jupyter lives in /usr/bin; a python3 earlier on PATH may lack it.
  return existsSync("/usr/bin/jupyter") ? "/usr/bin/jupyter" : "jupyter";
}

// Loaded into the kernel before tslab (node --require): the kernel ends when the Jupyter client
// that started it is gone. The client starts it in a session of its own and shuts it down when
// it finishes, but not when it is killed, or interrupted while the kernel is still starting;
// without this the kernel would run on, orphaned, holding the client's stderr open.
const PARENT_WATCH = `// Written by the course runner (scripts/course/jupyter.ts).
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(0);
}, 1000).unref();
`;

/** Write a kernel spec named "tslab" that starts this project's own tslab. */
export function installKernelSpec(root: string): string {
  const jupyterDir = join(root, ".jupyter");
  const specDir = join(jupyterDir, "kernels", "tslab");
  mkdirSync(specDir, { recursive: true });
  // The project's own tslab; a root without node_modules (a test's folder) uses the runner's.
  const tslab = join(dirname(require.resolve("tslab/package.json", { paths: [root, __dirname] })), "bin", "tslab");
  const watch = join(specDir, "parent-watch.js");
  // "node" from the PATH of whoever starts Jupyter: a run under another Node.js (npm run
  // test:node24) gets its kernels on that Node, and the spec never names a temporary copy.
  const spec = {
    argv: ["node", "--require", watch, tslab, "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript",
    language: "typescript",
  };
  writeIfChanged(watch, PARENT_WATCH);
  writeIfChanged(join(specDir, "kernel.json"), JSON.stringify(spec, null, 1) + "\n");
  return jupyterDir;
}

/** Unchanged most of the time: then not rewritten, so runs started together do not race on it. */
function writeIfChanged(path: string, text: string): void {
  if (!existsSync(path) || readFileSync(path, "utf8") !== text) writeFileAtomic(path, text);
}

/** nbconvert writes a line starting with this to its stderr when a code cell starts (see NBCONVERT_CONFIG). */
export const PROGRESS_MARKER = "NNTS-PROGRESS ";

// nbconvert's configuration for the course: its ExecutePreprocessor, in the same place among the
// exporter's preprocessors, but one that, when a cell fails (error, time limit, dead kernel),
// saves the partly executed notebook and which cell failed to NNTS_FAILURE_FILE before the
// failure goes on as usual. nbconvert itself writes nothing for a failed run. Before each code
// cell it writes a progress line to stderr (PROGRESS_MARKER and the cell's number among the
// numbered cells, their count and its first line, as JSON), which the runner shows. And a thread that
// interrupts nbconvert (which then shuts its kernel down) when the runner is gone: killed with
// SIGKILL, it could not pass a SIGINT on.
const NBCONVERT_CONFIG = `# Written by the course runner (scripts/course/jupyter.ts) for each run.
import json, os, signal, sys, threading, time
import nbformat
from nbconvert.exporters.exporter import Exporter
from nbconvert.preprocessors import ExecutePreprocessor

PROGRESS_MARKER = "${PROGRESS_MARKER}"


def _code_cells(nb):
    return [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source.strip() != ""]


class CourseExecutePreprocessor(ExecutePreprocessor):
    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and cell.source.strip() != "":
            numbered = _code_cells(self.nb)
            first = next((l.strip() for l in cell.source.splitlines() if l.strip()), "")
            progress = {"cell": numbered.index(index) + 1, "cells": len(numbered), "firstLine": first}
            sys.stderr.write(PROGRESS_MARKER + json.dumps(progress) + "\\n")
            sys.stderr.flush()
        try:
            return super().preprocess_cell(cell, resources, index)
        except Exception:
            self.course_failed_cell = index
            raise

    def preprocess(self, nb, resources=None, km=None):
        self.course_failed_cell = None
        try:
            return super().preprocess(nb, resources, km)
        except Exception as e:
            path = os.environ.get("NNTS_FAILURE_FILE")
            if path:
                report = {"cellIndex": self.course_failed_cell, "exception": type(e).__name__,
                          "message": str(e), "notebook": json.loads(nbformat.writes(nb))}
                partial = path + ".partial"
                with open(partial, "w", encoding="utf-8") as f:
                    json.dump(report, f)
                    f.flush()
                    os.fsync(f.fileno())
                os.replace(partial, path)
            raise


def _watch_parent(parent=os.getppid()):
    while os.getppid() == parent:
        time.sleep(1)
    os.kill(os.getpid(), signal.SIGINT)


threading.Thread(target=_watch_parent, daemon=True).start()

c = get_config()
c.Exporter.default_preprocessors = [
    CourseExecutePreprocessor if p == "nbconvert.preprocessors.ExecutePreprocessor" else p
    for p in Exporter.class_traits()["default_preprocessors"].default()
]
`;

export interface ExecuteOptions {
  root: string;
  notebook: string;
  outputDir: string;
  profile: "full" | "ci";
  cellTimeoutSeconds: number;
  /** Aborting it stops the execution: nbconvert gets SIGINT and shuts its kernel down. */
  stop?: AbortSignal;
  /** Called when a code cell starts. */
  onCell?: (cell: CellStart) => void;
}

/** A code cell that starts: its number among the numbered code cells (see numberCells), their count, its first line. */
export interface CellStart {
  cell: number;
  cells: number;
  firstLine: string;
}

/** The cell a run stopped at. */
export interface CellFailure {
  /** Its index in the notebook's cells. */
  index: number;
  /** Its number as a reader sees it (numberCells: position among the non-empty code cells). */
  number: number | null;
  firstLine: string;
  /** The error as the cell reported it (stderr, traceback), or what the client said. */
  message: string;
  timedOut: boolean;
}

export interface ExecuteResult {
  ok: boolean;
  outputPath: string;
  seconds: number;
  /** What to print when the run failed: the failing cell and the full error. */
  failure?: string;
  /** The failing cell, when the client reported one. */
  cell?: CellFailure;
  /** The partly executed notebook (see partlyExecuted), when the client reported a failing cell. */
  partial?: Notebook;
  /** The run was stopped through `stop`. */
  interrupted?: boolean;
}

/** How long nbconvert gets to shut its kernel down after SIGINT before it is killed (its kernel then ends by its parent watch). */
const STOP_GRACE_MS = 20_000;

/**
 * How long the client waits for a new kernel to answer. A tslab kernel answers in a few
 * seconds, but on a busy shared machine one took over the client's default of 60 s once,
 * which failed a whole CI run.
 */
const KERNEL_STARTUP_SECONDS = 300;

export async function executeNotebook(o: ExecuteOptions): Promise<ExecuteResult> {
  const jupyterDir = join(o.root, ".jupyter");
  mkdirSync(o.outputDir, { recursive: true });
  const name = basename(o.notebook);
  const outputPath = join(o.outputDir, name);
  if (o.stop?.aborted) return { ok: false, outputPath, seconds: 0, interrupted: true };
  const configPath = join(o.outputDir, "nbconvert_config.py");
  writeFileAtomic(configPath, NBCONVERT_CONFIG);
  const failureFile = join(o.outputDir, name.replace(/\.ipynb$/, "") + ".failure.json");
  rmSync(failureFile, { force: true });
  const env = {
    ...process.env,
    JUPYTER_PATH: jupyterDir,
    JUPYTER_RUNTIME_DIR: join(jupyterDir, "runtime"),
    JUPYTER_CONFIG_DIR: join(jupyterDir, "config"),
    JUPYTER_DATA_DIR: join(jupyterDir, "data"),
    NNTS_PROFILE: o.profile,
    NNTS_FAILURE_FILE: failureFile,
    PYDEVD_DISABLE_FILE_VALIDATION: "1",
  };
  const start = process.hrtime.bigint();
  const r = await runToEnd(jupyterCommand(), [
    "nbconvert", "--config", configPath, "--to", "notebook", "--execute",
    "--ExecutePreprocessor.kernel_name=tslab",
    "--ExecutePreprocessor.record_timing=False",
    `--ExecutePreprocessor.startup_timeout=${KERNEL_STARTUP_SECONDS}`,
    `--ExecutePreprocessor.timeout=${o.cellTimeoutSeconds}`,
    "--output-dir", o.outputDir, "--output", name, o.notebook,
  ], env, o.stop, (line) => {
    if (!line.startsWith(PROGRESS_MARKER)) return false;
    try {
      o.onCell?.(JSON.parse(line.slice(PROGRESS_MARKER.length)) as CellStart);
    } catch {
      // a torn line: the next cell's line will do
    }
    return true;
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.interrupted) return { ok: false, outputPath, seconds, interrupted: true };
  if (r.error) return { ok: false, outputPath, seconds, failure: `could not start ${jupyterCommand()}: ${r.error.message}` };
  if (r.status === 0) return { ok: true, outputPath, seconds };
  const report = readFailureReport(failureFile);
  if (!report || report.cellIndex === null || !report.notebook.cells[report.cellIndex]) {
    return { ok: false, outputPath, seconds, failure: describeFailure(r.stderr) };
  }
  const partial = partlyExecuted(report.notebook, report.cellIndex);
  const cell = partial.cells[report.cellIndex];
  const timedOut = report.exception === "CellTimeoutError";
  let message: string;
  if (timedOut) {
    message = `the cell ran longer than its limit of ${o.cellTimeoutSeconds} s (raise it with --cell-timeout SECONDS)`;
  } else {
    const reported = cellErrorText(cell);
    const client = report.exception === "CellExecutionError" ? "" : `${report.exception}: ${report.message.trim()}`;
    message = [client, reported].filter((m) => m).join("\n") || `${report.exception}: ${report.message.trim()}`;
  }
  const failed: CellFailure = {
    index: report.cellIndex,
    number: cell.execution_count ?? null,
    firstLine: firstSourceLine(cell),
    message,
    timedOut,
  };
  const where = failed.number === null ? `cell at position ${failed.index + 1}` : `cell ${failed.number}`;
  return { ok: false, outputPath, seconds, cell: failed, partial, failure: `${where}: ${failed.firstLine}\n${failed.message}` };
}

interface FailureReport {
  cellIndex: number | null;
  exception: string;
  message: string;
  notebook: Notebook;
}

function readFailureReport(path: string): FailureReport | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as FailureReport;
  } catch {
    return undefined;
  }
}

interface RunResult {
  status: number | null;
  stderr: string;
  error?: Error;
  interrupted: boolean;
}

const running = new Set<ChildProcess>();

/** Kill every nbconvert still running (a second Ctrl-C); their kernels end by their parent watch. */
export function killExecutions(): void {
  for (const child of running) child.kill("SIGKILL");
}

/** The tail of stderr is enough to say why a run failed. */
const STDERR_KEEP = 1 << 20;

/**
 * Run a command to its end. It gets its own process group, so a Ctrl-C at the terminal reaches
 * only the runner, which passes one SIGINT on when `stop` is aborted: nbconvert then shuts its
 * kernel down (a SIGTERM would leave the kernel running, as it lives in a session of its own).
 * Each whole line of stderr goes to `onLine` first; a line it takes (returns true) is not kept.
 */
function runToEnd(command: string, args: string[], env: NodeJS.ProcessEnv, stop?: AbortSignal, onLine?: (line: string) => boolean): Promise<RunResult> {
  return new Promise((resolve) => {
    let stderr = "";
    let pending = "";
    let interrupted = false;
    let killTimer: NodeJS.Timeout | undefined;
    let exitTimer: NodeJS.Timeout | undefined;
    const child = spawn(command, args, { env, stdio: ["ignore", "ignore", "pipe"], detached: process.platform !== "win32" });
    running.add(child);
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      pending += chunk;
      const end = pending.lastIndexOf("\n") + 1;
      for (const line of pending.slice(0, end).split("\n").slice(0, -1)) {
        if (!onLine?.(line)) stderr += line + "\n";
      }
      pending = pending.slice(end);
      if (stderr.length > 2 * STDERR_KEEP) stderr = stderr.slice(-STDERR_KEEP);
    });
    const onStop = (): void => {
      interrupted = true;
      child.kill("SIGINT");
      killTimer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
    };
    stop?.addEventListener("abort", onStop, { once: true });
    let settled = false;
    const finish = (r: Omit<RunResult, "interrupted" | "stderr">): void => {
      if (settled) return;
      settled = true;
      running.delete(child);
      stderr += pending;
      pending = "";
      stop?.removeEventListener("abort", onStop);
      clearTimeout(killTimer);
      clearTimeout(exitTimer);
      resolve({ ...r, stderr, interrupted });
    };
    child.on("error", (error) => finish({ status: null, error }));
    child.on("close", (status) => finish({ status }));
    // "close" waits for stderr to close too, which a process nbconvert left behind may hold.
    child.on("exit", (status) => {
      exitTimer = setTimeout(() => finish({ status }), 5000);
    });
  });
}

function describeFailure(stderr: string): string {
  const marker = stderr.indexOf("An error occurred while executing the following cell");
  const text = marker >= 0 ? stderr.slice(marker) : stderr;
  if (/CellTimeoutError|timed out/i.test(stderr)) return "a cell exceeded its time limit\n" + lastLines(text, 30);
  return lastLines(text, 40);
}

function lastLines(text: string, n: number): string {
  return text.trim().split("\n").slice(-n).join("\n");
}
