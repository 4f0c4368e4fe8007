// Worker threads that share the kernel's memory and take tasks of a product
// alongside the main thread. They are unref'd: an idle pool never keeps a
// notebook kernel or a test run from exiting.
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import { CLOSED, Ctl, TAG_SHIFT, TASK_MASK } from "./control";
import { KernelExports, wasmModule } from "./module";
import { WasmMemory } from "./webassembly";
import { WORKER_SOURCE } from "./worker-source";

/** One product cut into tasks of taskRows rows of C (the last may be shorter). */
export interface Job {
  m: number; n: number; k: number;
  a: number; rs: number; ps: number; bp: number; c: number; ldc: number;
  fresh: number; mode: number; kc: number; taskRows: number; tasks: number;
}

/** The main thread's own instance and scratch area, for its share of the tasks. */
export interface MainThread {
  kernel: KernelExports;
  ap: number;
  scratch: number;
}

/**
 * Spins of the waiting loops before sleeping on the futex: an idle worker busy-waits
 * (as OpenBLAS's threads do) long enough for a training loop's next product, since one
 * woken from the futex arrives after the main thread has done most tasks alone, and
 * the main thread, waiting only for a worker's last task, spins for less.
 */
const WORKER_SPIN = 60000;
const MAIN_SPIN = 20000;
const WAIT_SLICE_MS = 50;

interface Member { worker: Worker; port: MessagePort; exited: boolean }

export class WorkerPool {
  private readonly ctl: Int32Array;
  private readonly members: Member[] = [];
  private jobs = 0;
  /** Test hook: the main thread leaves every task to the workers. */
  mainTakesTasks = true;

  constructor(memory: WasmMemory, workers: number, area: (thread: number) => { ap: number; scratch: number }) {
    this.ctl = new Int32Array(memory.buffer, 0, 1024);
    for (const w of [Ctl.FAILED, Ctl.DEAD, Ctl.CRASH]) Atomics.store(this.ctl, w, 0);
    const gen = Atomics.add(this.ctl, Ctl.GEN, 1) + 1;
    const seq0 = Atomics.load(this.ctl, Ctl.SEQ);
    for (let index = 0; index < workers; index++) {
      const { port1, port2 } = new MessageChannel();
      const { ap, scratch } = area(index + 1);
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { module: wasmModule(), memory, index, port: port2, seq0, gen, spin: WORKER_SPIN, ap, scratch },
        transferList: [port2],
        stdout: false,
        stderr: false,
      });
      const member: Member = { worker, port: port1, exited: false };
      worker.on("exit", () => { member.exited = true; });
      worker.on("error", () => { /* reported through DEAD/FAILED, or by the exit above */ });
      worker.unref();
      port1.unref();
      this.members.push(member);
    }
  }

  get size(): number {
    return this.members.length;
  }

  /** Products run so far. */
  get jobsRun(): number {
    return this.jobs;
  }

  /** False once a worker failed or exited: the owner then makes a new pool. */
  get healthy(): boolean {
    return !this.members.some((m) => m.exited) && Atomics.load(this.ctl, Ctl.FAILED) === 0 && Atomics.load(this.ctl, Ctl.DEAD) === 0;
  }

  /** Test hook: 1 makes the next task a worker claims throw, 2 makes that worker exit. */
  crashNextTask(kind: 1 | 2): void {
    Atomics.store(this.ctl, Ctl.CRASH, kind);
  }

  /** Runs every task of `job` on the workers and this thread; returns when all are done. */
  run(job: Job, main: MainThread, describe: () => string): void {
    const ctl = this.ctl;
    if (job.tasks > TASK_MASK - 1) throw new Error(`wasm kernel: ${job.tasks} tasks in one job, at most ${TASK_MASK - 1}`);
    const tag = (++this.jobs & (0xffffffff >>> TAG_SHIFT)) << TAG_SHIFT;
    Atomics.store(ctl, Ctl.NEXT, tag | CLOSED); // a late worker cannot claim while the parameters change
    const params: [number, number][] = [[Ctl.M, job.m], [Ctl.N, job.n], [Ctl.K, job.k], [Ctl.A, job.a], [Ctl.RS, job.rs],
      [Ctl.PS, job.ps], [Ctl.BP, job.bp], [Ctl.C, job.c], [Ctl.LDC, job.ldc], [Ctl.FRESH, job.fresh], [Ctl.MODE, job.mode], [Ctl.KC, job.kc],
      [Ctl.TASK_ROWS, job.taskRows], [Ctl.TASKS, job.tasks]];
    for (const [word, value] of params) Atomics.store(ctl, word, value);
    Atomics.store(ctl, Ctl.DONE, 0);
    Atomics.store(ctl, Ctl.NEXT, tag);
    Atomics.add(ctl, Ctl.SEQ, 1);
    Atomics.notify(ctl, Ctl.SEQ);
    try {
      if (this.mainTakesTasks) this.takeTasks(job, main, tag);
    } catch (e) {
      this.abort(tag);
      throw e;
    }
    this.waitForTasks(job, tag, describe);
  }

  private takeTasks(job: Job, main: MainThread, tag: number): void {
    const ctl = this.ctl;
    for (;;) {
      const v = Atomics.load(ctl, Ctl.NEXT);
      const t = v & TASK_MASK;
      if ((v & ~TASK_MASK) !== tag || t >= job.tasks) return;
      if (Atomics.compareExchange(ctl, Ctl.NEXT, v, v + 1) !== v) continue;
      const i0 = t * job.taskRows;
      main.kernel.block(i0, Math.min(job.m, i0 + job.taskRows), job.n, job.k, job.a, job.rs, job.ps, job.bp,
        job.c, job.ldc, job.fresh, job.mode, job.kc, main.ap, main.scratch);
      Atomics.add(ctl, Ctl.DONE, 1);
    }
  }

  private waitForTasks(job: Job, tag: number, describe: () => string): void {
    const ctl = this.ctl;
    let spins = 0;
    for (;;) {
      const done = Atomics.load(ctl, Ctl.DONE);
      if (done >= job.tasks) return;
      const failed = Atomics.load(ctl, Ctl.FAILED), dead = Atomics.load(ctl, Ctl.DEAD);
      if (failed || dead) {
        const index = (failed || dead) - 1;
        const cause = failed
          ? `failed during ${describe()}: ${String(receiveMessageOnPort(this.members[index].port)?.message ?? "(no message)")}`
          : `exited unexpectedly (exit code ${Atomics.load(ctl, Ctl.EXIT_CODE)}) during ${describe()}`;
        this.abort(tag);
        throw new Error(`wasm kernel: worker thread ${index + 1} ${cause}; the workers will be restarted`);
      }
      if (++spins > MAIN_SPIN) {
        Atomics.wait(ctl, Ctl.DONE, done, WAIT_SLICE_MS);
        spins = 0;
      }
    }
  }

  /** After a failure: let nobody claim more, wait for tasks still running, then stop the workers. */
  private abort(tag: number): void {
    Atomics.store(this.ctl, Ctl.NEXT, tag | CLOSED);
    const deadline = Date.now() + 10_000;
    for (let w = 0; w < this.members.length; w++) {
      while (Atomics.load(this.ctl, Ctl.BUSY + w) === 1 && Date.now() < deadline) Atomics.wait(this.ctl, Ctl.DONE, Atomics.load(this.ctl, Ctl.DONE), 5);
    }
    this.close();
  }

  /** Stops the workers: they see a newer generation when they wake, and are terminated anyway. */
  close(): void {
    Atomics.add(this.ctl, Ctl.GEN, 1);
    Atomics.add(this.ctl, Ctl.SEQ, 1);
    Atomics.notify(this.ctl, Ctl.SEQ);
    for (const m of this.members) void m.worker.terminate();
  }
}
