// The ceiling the wasm products are to be read against: the most float64 multiplies and
// adds on 128-bit vectors (two lanes, no fused multiply-add in Node 20) that wasm code
// compiled by V8 does here, every operand in registers, on one thread and on two at
// once. A dense product, which also loads its operands and stores its results, cannot
// go faster per thread.
import { Worker } from "node:worker_threads";
import wabtInit from "wabt";
import { median } from "./workload";

/**
 * Chains of multiplies (m = m·x) and of adds taking them (s = s + m): each operation
 * waits for the previous one of its chain, so no operation can be taken out of the loop,
 * and the chains' latency sets the pace; seven of each and x fill the 15 vector registers
 * V8 allocates (with more, it spills them to memory).
 */
const CHAINS_PER_KIND = 7;
const ITERATIONS = 40_000_000;
/** Per iteration: one f64x2.mul or f64x2.add per chain, two lanes each. */
const FLOPS = ITERATIONS * 2 * CHAINS_PER_KIND * 2;
const REPEATS = 5;

async function ceilingModule(): Promise<Uint8Array> {
  const chains = Array.from({ length: CHAINS_PER_KIND }, (_, i) => i);
  const wat = `(module (func (export "run") (param $n i32) (result f64)
    (local $x v128) ${chains.map((i) => `(local $m${i} v128) (local $s${i} v128)`).join(" ")}
    (local.set $x (f64x2.splat (f64.const 0.99999999)))
    ${chains.map((i) => `(local.set $m${i} (f64x2.splat (f64.const ${i + 1})))`).join(" ")}
    (loop $again
      ${chains.map((i) => `(local.set $m${i} (f64x2.mul (local.get $m${i}) (local.get $x)))\n      (local.set $s${i} (f64x2.add (local.get $s${i}) (local.get $m${i})))`).join("\n      ")}
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $again (local.get $n)))
    (f64x2.extract_lane 0 ${chains.flatMap((i) => [`(local.get $m${i})`, `(local.get $s${i})`]).reduce((a, b) => `(f64x2.add ${a} ${b})`)})))`;
  const wabt = await wabtInit();
  const module = wabt.parseWat("ceiling.wat", wat, { simd: true });
  try {
    return new Uint8Array(module.toBinary({}).buffer);
  } finally {
    module.destroy();
  }
}

// V8 optimises a wasm function in the background for its later calls, never during a
// long one: each worker makes short calls until they stop getting faster, then says
// it is ready. A timed run reports when it started and ended, on the shared clock.
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { run } = new WebAssembly.Instance(new WebAssembly.Module(workerData)).exports;
const now = () => performance.timeOrigin + performance.now();
let best = Infinity, stale = 0;
for (let call = 0; call < 2000 && stale < 20; call++) {
  const t0 = now();
  run(50000);
  const t = now() - t0;
  if (t < best * 0.98) { best = t; stale = 0; } else stale++;
}
parentPort.postMessage("ready");
parentPort.on("message", (n) => { const start = now(); run(n); parentPort.postMessage({ start, end: now() }); });
`;

export interface Ceiling {
  /** GFLOP/s of one thread alone. */
  oneThread: number;
  /** GFLOP/s of two threads started together: both runs' flops over the time from the first start to the last end. */
  twoThreads: number;
}

interface Span { start: number; end: number }

/** Each worker's next message, or its error or exit, whichever comes first. */
function nextMessage(worker: Worker): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const done = (settle: () => void) => {
      worker.off("message", onMessage).off("error", onError).off("exit", onExit);
      settle();
    };
    const onMessage = (value: unknown) => done(() => resolve(value));
    const onError = (e: Error) => done(() => reject(e));
    const onExit = (code: number) => done(() => reject(new Error(`bench: a ceiling worker exited with code ${code}`)));
    worker.on("message", onMessage).on("error", onError).on("exit", onExit);
  });
}

/** Times the loops on one thread, then on two at once (GFLOP/s, counted as the products' are). */
export async function measureCeiling(): Promise<Ceiling> {
  const wasm = await ceilingModule();
  const workers = [0, 1].map(() => new Worker(WORKER, { eval: true, workerData: wasm }));
  try {
    await Promise.all(workers.map(nextMessage));
    const timeOn = async (ws: Worker[]): Promise<number> => {
      const replies = ws.map(nextMessage);
      for (const w of ws) w.postMessage(ITERATIONS);
      const spans = (await Promise.all(replies)) as Span[];
      const seconds = (Math.max(...spans.map((s) => s.end)) - Math.min(...spans.map((s) => s.start))) / 1000;
      return (ws.length * FLOPS) / seconds / 1e9;
    };
    const one: number[] = [], two: number[] = [];
    for (let r = 0; r < REPEATS; r++) {
      one.push(await timeOn([workers[0]]));
      two.push(await timeOn(workers));
    }
    return { oneThread: median(one), twoThreads: median(two) };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
