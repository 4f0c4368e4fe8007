// The code each worker thread runs, as source text: workers start it with
// `eval: true`, so the same text works from lib/dist and from the sources under tsx.
import { CLOSED, Ctl, TAG_SHIFT, TASK_MASK } from "./control";

/**
 * A worker instantiates the kernel on the shared memory, then loops: wait for the
 * main thread to bump SEQ (spinning briefly first, since products often come
 * back to back), claim tasks of MR-aligned rows until none is left, sleep again.
 * A task is claimed by compare-and-swap on NEXT, which also carries the job's
 * tag, so a worker that wakes late never runs a task of a job it did not read.
 * Exceptions are caught and reported (FAILED, the stack on `port`); an exit is
 * reported by the exit hook (DEAD). Either wakes the main thread.
 */
export const WORKER_SOURCE = `
"use strict";
const { workerData } = require("node:worker_threads");
const { module, memory, index, port, seq0, gen, spin, ap, scratch } = workerData;
const C = ${JSON.stringify(Ctl)};
const ctl = new Int32Array(memory.buffer, 0, 1024);
process.on("exit", (code) => {
  Atomics.store(ctl, C.BUSY + index, 0);
  if (Atomics.compareExchange(ctl, C.DEAD, 0, index + 1) === 0) Atomics.store(ctl, C.EXIT_CODE, code);
  Atomics.notify(ctl, C.DONE);
});
const kernel = new WebAssembly.Instance(module, { env: { memory } }).exports;

function work() {
  const tag = Atomics.load(ctl, C.NEXT) >>> ${TAG_SHIFT};
  const m = ctl[C.M], n = ctl[C.N], k = ctl[C.K], a = ctl[C.A], rs = ctl[C.RS], ps = ctl[C.PS];
  const bp = ctl[C.BP], c = ctl[C.C], ldc = ctl[C.LDC], fresh = ctl[C.FRESH], mode = ctl[C.MODE], kc = ctl[C.KC];
  const taskRows = ctl[C.TASK_ROWS], tasks = ctl[C.TASKS];
  for (;;) {
    const v = Atomics.load(ctl, C.NEXT);
    const t = v & ${TASK_MASK};
    if (v >>> ${TAG_SHIFT} !== tag || t >= tasks || t === ${CLOSED}) return;
    if (Atomics.compareExchange(ctl, C.NEXT, v, v + 1) !== v) continue;
    Atomics.store(ctl, C.BUSY + index, 1);
    const crash = Atomics.exchange(ctl, C.CRASH, 0);
    if (crash === 2) process.exit(70);
    if (crash === 1) throw new Error("simulated failure (test hook)");
    const i0 = t * taskRows;
    kernel.block(i0, Math.min(m, i0 + taskRows), n, k, a, rs, ps, bp, c, ldc, fresh, mode, kc, ap, scratch);
    Atomics.store(ctl, C.BUSY + index, 0);
    if (Atomics.add(ctl, C.DONE, 1) + 1 === tasks) Atomics.notify(ctl, C.DONE);
  }
}

let seen = seq0;
for (;;) {
  let spins = 0;
  while (Atomics.load(ctl, C.SEQ) === seen) {
    if (++spins > spin) { Atomics.wait(ctl, C.SEQ, seen); spins = 0; }
  }
  seen = Atomics.load(ctl, C.SEQ);
  if (Atomics.load(ctl, C.GEN) !== gen) break;
  try {
    work();
  } catch (e) {
    Atomics.store(ctl, C.BUSY + index, 0);
    port.postMessage(String(e));
    Atomics.compareExchange(ctl, C.FAILED, 0, index + 1);
    Atomics.notify(ctl, C.DONE);
  }
}
`;
