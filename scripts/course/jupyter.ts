// Headless execution with the real tslab kernel through Jupyter's own client
// (nbconvert). The kernel spec lives inside the project (.jupyter/), so no
// global Jupyter state is touched.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export function jupyterCommand(): string {
  if (process.env.JUPYTER) return process.env.JUPYTER;
  // Debian's jupyter lives in /usr/bin; a python3 earlier on PATH may lack it.
  return existsSync("/usr/bin/jupyter") ? "/usr/bin/jupyter" : "jupyter";
}

/** Write a kernel spec named "tslab" that starts this project's own tslab. */
export function installKernelSpec(root: string): string {
  const jupyterDir = join(root, ".jupyter");
  const specDir = join(jupyterDir, "kernels", "tslab");
  mkdirSync(specDir, { recursive: true });
  const tslab = join(dirname(require.resolve("tslab/package.json", { paths: [root] })), "bin", "tslab");
  const spec = {
    argv: [process.execPath, tslab, "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript",
    language: "typescript",
  };
  writeFileSync(join(specDir, "kernel.json"), JSON.stringify(spec, null, 1) + "\n");
  return jupyterDir;
}

export interface ExecuteOptions {
  root: string;
  notebook: string;
  outputDir: string;
  profile: "full" | "ci";
  cellTimeoutSeconds: number;
}

export interface ExecuteResult {
  ok: boolean;
  outputPath: string;
  seconds: number;
  /** What the client said when the run failed: the failing cell's source and the error. */
  failure?: string;
}

export function executeNotebook(o: ExecuteOptions): ExecuteResult {
  const jupyterDir = join(o.root, ".jupyter");
  mkdirSync(o.outputDir, { recursive: true });
  const name = basename(o.notebook);
  const env = {
    ...process.env,
    JUPYTER_PATH: jupyterDir,
    JUPYTER_RUNTIME_DIR: join(jupyterDir, "runtime"),
    JUPYTER_CONFIG_DIR: join(jupyterDir, "config"),
    JUPYTER_DATA_DIR: join(jupyterDir, "data"),
    NNTS_PROFILE: o.profile,
    PYDEVD_DISABLE_FILE_VALIDATION: "1",
  };
  const start = process.hrtime.bigint();
  const r = spawnSync(jupyterCommand(), [
    "nbconvert", "--to", "notebook", "--execute",
    "--ExecutePreprocessor.kernel_name=tslab",
    "--ExecutePreprocessor.record_timing=False",
    `--ExecutePreprocessor.timeout=${o.cellTimeoutSeconds}`,
    "--output-dir", o.outputDir, "--output", name, o.notebook,
  ], { env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const outputPath = join(o.outputDir, name);
  if (r.error) return { ok: false, outputPath, seconds, failure: `could not start ${jupyterCommand()}: ${r.error.message}` };
  if (r.status !== 0) return { ok: false, outputPath, seconds, failure: describeFailure(r.stderr) };
  return { ok: true, outputPath, seconds };
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
