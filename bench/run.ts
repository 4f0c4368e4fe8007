// `npm run bench`: the TS kernels and numpy on the same workloads, in the same
// session, interleaved round by round (this machine is shared, so timings are
// noisy: every entry is a median over rounds). Writes bench/results.json and
// bench/results.md, which the README quotes.
//
//   npm run bench                      everything (about 8–10 minutes on 2 cores)
//   npm run bench -- --rounds 3        fewer rounds
//   npm run bench -- --only gemm       workloads whose id starts with "gemm"
//   npm run bench -- --iters 2000      a shorter train_neuralnet (the default is the post's 10000)
import { execFileSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { configureWasmKernel, DEFAULT_PARALLEL_MIN_FLOPS, useKernel } from "nnts";
import { measureCeiling } from "./workloads/ceiling";
import { crossoverWorkloads, gemmWorkloads } from "./workloads/gemm";
import { e2eWorkloads } from "./workloads/e2e";
import { pythonWorkloads } from "./workloads/list-of-neurons";
import { questWorkloads } from "./workloads/quest-animals";
import { median, Variant, Workload } from "./workloads/workload";

const root = resolve(__dirname, "..");
const dataDir = join(root, ".cache", "bench", "mnist");

function options() {
  const args = process.argv.slice(2);
  const value = (name: string, fallback: string) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
  };
  for (const a of args) if (a.startsWith("--") && !["--rounds", "--only", "--iters"].includes(a)) throw new Error(`bench: unknown option ${a}`);
  const rounds = Number(value("--rounds", "5"));
  const iters = Number(value("--iters", "10000"));
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`bench: --rounds must be an integer ≥ 1`);
  if (!Number.isInteger(iters) || iters < 1) throw new Error(`bench: --iters must be an integer ≥ 1`);
  return { rounds, iters, only: value("--only", "") };
}

/** One run of bench/numpy_bench.py; OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset in this command only. */
function runNumpy(tasks: object[], threads?: number): { blas: unknown; numpy: string; results: Record<string, { seconds: number[]; check?: unknown }> } {
  const specFile = join(root, ".cache", "bench", "spec.json");
  writeFileSync(specFile, JSON.stringify({ data: dataDir, tasks }));
  const env = { ...process.env, ...(threads ? { OPENBLAS_NUM_THREADS: String(threads) } : {}) };
  const out = execFileSync("env", ["-u", "OPENBLAS_CORETYPE", "-u", "OPENBLAS_L2_SIZE", "/usr/bin/python3", join(__dirname, "numpy_bench.py"), specFile],
    { env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out);
}

/**
 * Debian's python3-numpy runs on whatever libblas.so.3 is installed; without OpenBLAS
 * (or another optimised BLAS) that is the Fortran reference BLAS, 10–50× slower, and the
 * ratios would flatter the TS kernels. numpy_bench.py names the OpenBLAS behind
 * libblas.so.3 if there is one, and times a 512×512 product: ~8 GFLOP/s on the reference
 * BLAS here, ~200 on OpenBLAS. Stop before timing anything unless one of them says optimised.
 */
const NUMPY_MIN_GFLOPS = 25;

function requireOptimisedBlas(blas: unknown): void {
  const info = blas as { config?: string; probe_gflops?: number; loaded?: string[] };
  const gflops = info.probe_gflops ?? 0;
  if (info.config !== undefined || gflops >= NUMPY_MIN_GFLOPS) return;
  throw new Error(
    `bench: numpy multiplies two 512×512 matrices at ${gflops.toFixed(1)} GFLOP/s and libblas.so.3 is not OpenBLAS: ` +
      `it runs on an unoptimised BLAS (loaded: ${(info.loaded ?? []).join(", ") || "none found"}), so it is no fair reference; ` +
      "install OpenBLAS (Debian: apt-get install libopenblas0-pthread) and run again",
  );
}

/** Runs `f` with the kernel and settings of a variant, then puts the previous ones back. */
async function withVariant<T>(v: Variant, f: () => T | Promise<T>): Promise<T> {
  const previous = configureWasmKernel(v.settings ?? {});
  const previousKernel = useKernel(v.kernel);
  try {
    return await f();
  } finally {
    useKernel(previousKernel);
    configureWasmKernel(previous);
  }
}

async function main(): Promise<void> {
  const { rounds, iters, only } = options();
  mkdirSync(dataDir, { recursive: true });
  const all: Workload[] = [...gemmWorkloads(dataDir), ...crossoverWorkloads(), ...e2eWorkloads(dataDir, iters), ...pythonWorkloads(), ...questWorkloads()];
  const workloads = all.filter((w) => w.id.startsWith(only));
  if (workloads.length === 0) throw new Error(`bench: no workload id starts with "${only}"; ids: ${all.map((w) => w.id).join(", ")}`);
  const load: number[][] = [loadavg()];
  let blas: unknown, numpyVersion = "";
  const started = new Date();
  requireOptimisedBlas(runNumpy([]).blas);
  console.log(`bench: ${workloads.length} workloads, ${rounds} rounds; load average ${loadavg().map((v) => v.toFixed(2)).join(" ")}`);

  const ceiling = { oneThread: [] as number[], twoThreads: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    const measured = await measureCeiling();
    ceiling.oneThread.push(measured.oneThread);
    ceiling.twoThreads.push(measured.twoThreads);
    for (const w of workloads) {
      if (round >= w.rounds(rounds)) continue;
      w.setup?.();
      if (w.alternations > 0) {
        // Variants take turns call by call, so that they meet the same load from other programs.
        for (let r = 0; r < w.alternations; r++) for (const v of w.variants) v.samples.push(await withVariant(v, () => w.timeOnce(v)));
      } else for (const v of w.variants) v.samples.push(...(await withVariant(v, () => w.time(v))));
    }
    // numpy right after, in the same round: with its default threads, then with one.
    for (const threads of [undefined, 1]) {
      const tasks = workloads.filter((w) => round < w.rounds(rounds)).flatMap((w) => w.numpyTasks(threads === 1));
      if (tasks.length === 0) continue;
      const r = runNumpy(tasks, threads);
      if (threads === undefined) { blas = r.blas; numpyVersion = r.numpy; }
      for (const w of workloads) w.takeNumpy(r.results, threads === 1);
    }
    load.push(loadavg());
    console.log(`round ${round + 1}/${rounds} done; load average ${loadavg().map((v) => v.toFixed(2)).join(" ")}`);
  }

  const machine = {
    date: started.toISOString(),
    cpu: `${cpus()[0]?.model ?? "?"} × ${cpus().length}`,
    node: process.version,
    v8: process.versions.v8,
    numpy: numpyVersion,
    blas,
    loadAverage1min: { min: Math.min(...load.map((l) => l[0])), max: Math.max(...load.map((l) => l[0])), samples: load.map((l) => l[0]) },
    parallelMinFlops: DEFAULT_PARALLEL_MIN_FLOPS,
    ceilingGflops: { oneThread: median(ceiling.oneThread), twoThreads: median(ceiling.twoThreads), samples: ceiling },
  };
  const results = workloads.map((w) => w.summary());
  // A run of some workloads (--only) leaves the full results in place.
  const base = only ? "results-partial" : "results";
  writeFileSync(join(__dirname, `${base}.json`), JSON.stringify({ machine, results }, null, 2) + "\n");
  const md = markdown(machine, workloads, rounds);
  writeFileSync(join(__dirname, `${base}.md`), md);
  console.log("\n" + md);
}

type Machine = Record<string, unknown> & { loadAverage1min: { min: number; max: number }; ceilingGflops: { oneThread: number; twoThreads: number } };

function markdown(machine: Machine, workloads: Workload[], rounds: number): string {
  const blas = machine.blas as { corename?: string; config?: string; threads?: number } | undefined;
  const lines = [
    "# Benchmark: the TS kernels and numpy, same machine, same session",
    "",
    `Written by \`npm run bench\` on ${machine.date}: ${machine.cpu}, Node ${machine.node} (V8 ${machine.v8}), numpy ${machine.numpy}` +
      ` with ${blas?.config ?? "its BLAS"} (kernel ${blas?.corename ?? "?"}, ${blas?.threads ?? "?"} threads).`,
    `Each entry is the median of all timed runs over ${rounds} rounds; TS and numpy alternate round by round.`,
    `The machine is shared: the 1-minute load average ranged from ${machine.loadAverage1min.min.toFixed(2)} to ${machine.loadAverage1min.max.toFixed(2)} during the run` +
      " (2 cores; above 2, other work competed for them). GFLOP/s = 2·m·n·k / time.",
    "",
    `The ceiling of the wasm products on this machine: float64 multiplies and adds on 128-bit vectors, every operand in registers` +
      ` (\`workloads/ceiling.ts\`), ran at ${machine.ceilingGflops.oneThread.toFixed(1)} GFLOP/s on one thread and` +
      ` ${machine.ceilingGflops.twoThreads.toFixed(1)} on two at once (median over the rounds). A dense product also loads its operands` +
      " and stores its results, so it stays below this (the MNIST rows skip zeros but count the flops they skip); see README.md for how far below and why.",
    "",
  ];
  for (const group of ["gemm", "crossover", "e2e", "python"] as const) {
    const ws = workloads.filter((w) => w.group === group);
    if (ws.length === 0) continue;
    lines.push(...ws[0].tableHeader(), ...ws.map((w) => w.tableRow()), "");
  }
  return lines.join("\n");
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
