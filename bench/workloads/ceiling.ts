// The ceiling the wasm products are to be read against: float64 multiply-and-add on
// 128-bit vectors (two lanes, no fused multiply-add in Node 20), every operand in
// registers, on one thread and on two at once. No product can go faster per thread.
import { Worker } from "node:worker_threads";
import wabtInit from "wabt";
import { median } from "./workload";

/** Independent running sums: enough that no sum waits for its previous add. */
const SUMS = 12;
const ITERATIONS = 20_000_000;
const FLOPS = ITERATIONS * SUMS * 4; // per iteration, each sum: one f64x2.mul and one f64x2.add, two lanes
const REPEATS = 5;

async function peakModule(): Promise<Uint8Array> {
  const sums = Array.from({ length: SUMS }, (_, i) => `$s${i}`);
  const wat = `(module (func (export "run") (param $n i32) (result f64)
    (local $x v128) (local $y v128) ${sums.map((s) => `(local ${s} v128)`).join(" ")}
    (local.set $x (f64x2.splat (f64.const 1.0000001)))
    (local.set $y (f64x2.splat (f64.const 0.9999999)))
    (loop $again
      ${sums.map((s) => `(local.set ${s} (f64x2.add (local.get ${s}) (f64x2.mul (local.get $x) (local.get $y))))`).join("\n      ")}
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $again (local.get $n)))
    (f64x2.extract_lane 0 ${sums.map((s) => `(local.get ${s})`).reduce((a, b) => `(f64x2.add ${a} ${b})`)})))`;
  const wabt = await wabtInit();
  const module = wabt.parseWat("peak.wat", wat, { simd: true });
  try {
    return new Uint8Array(module.toBinary({}).buffer);
  } finally {
    module.destroy();
  }
}

// Each worker compiles the loop and runs it in short calls first: V8 optimises a wasm
// function for its later calls, never during a long one. Then it times one long run.
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { run } = new WebAssembly.Instance(new WebAssembly.Module(workerData)).exports;
for (let i = 0; i < 200; i++) run(20000);
parentPort.on("message", (n) => { const t0 = performance.now(); run(n); parentPort.postMessage((performance.now() - t0) / 1000); });
`;

export interface Ceiling {
  /** GFLOP/s of one thread alone. */
  oneThread: number;
  /** GFLOP/s of two threads running at once, summed. */
  twoThreads: number;
}

/** Times the loop on one thread, then on two at once (GFLOP/s, the same 2·mul+add count as the products). */
export async function measureCeiling(): Promise<Ceiling> {
  const wasm = await peakModule();
  const workers = [0, 1].map(() => new Worker(WORKER, { eval: true, workerData: wasm }));
  try {
    const timeOn = (ws: Worker[]) => Promise.all(ws.map((w) => new Promise<number>((done, fail) => {
      w.once("message", done);
      w.once("error", fail);
      w.postMessage(ITERATIONS);
    })));
    const gflops = (seconds: number[]) => seconds.reduce((sum, s) => sum + FLOPS / s / 1e9, 0);
    const one: number[] = [], two: number[] = [];
    for (let r = 0; r < REPEATS; r++) {
      one.push(gflops(await timeOn([workers[0]])));
      two.push(gflops(await timeOn(workers)));
    }
    return { oneThread: median(one), twoThreads: median(two) };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
