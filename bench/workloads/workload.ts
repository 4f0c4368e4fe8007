// What every benchmark entry shares: TS variants (a kernel and its settings), the
// numpy side, their timings across rounds, and a row of the results table.
import { WasmGemmSettings } from "nnts";

export interface Variant {
  name: string;
  kernel: "reference" | "wasm";
  settings?: Partial<WasmGemmSettings>;
  /** The operands are made with resident, in the wasm kernel's memory: the products copy nothing. */
  kernelArrays?: boolean;
  samples: number[];
  check?: unknown;
}

export interface NumpyResult { seconds: number[]; check?: unknown }

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** Seconds of `run`, repeated to fill about `budget` seconds (at least once, at most maxReps). */
export function timeRepeatedly(run: () => unknown, budget: number, maxReps: number, warmUp: boolean): number[] {
  let first = 0;
  if (warmUp) {
    const t0 = performance.now();
    run();
    first = (performance.now() - t0) / 1000;
  }
  const reps = warmUp ? Math.max(1, Math.min(maxReps, Math.floor(budget / Math.max(first, 1e-6)))) : 1;
  const out: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    run();
    out.push((performance.now() - t0) / 1000);
  }
  return out;
}

export abstract class Workload {
  readonly numpy: number[] = [];
  readonly numpyOneThread: number[] = [];
  numpyCheck?: unknown;

  constructor(readonly id: string, readonly title: string, readonly group: "gemm" | "crossover" | "e2e" | "python", readonly variants: Variant[]) {}

  /** Rounds this workload takes part in, out of `total`. */
  rounds(total: number): number {
    return total;
  }

  /** When > 0, the variants take turns call by call, this many times per round (see timeOnce). */
  readonly alternations: number = 0;

  setup?(): void;
  /** Timed runs of one TS variant in this round, in seconds. */
  abstract time(variant: Variant): number[] | Promise<number[]>;

  /** One timed run, in seconds (for alternating workloads, whose time() is synchronous). */
  timeOnce(variant: Variant): number {
    const times = this.time(variant);
    if (!Array.isArray(times)) throw new Error(`bench: ${this.id} alternates calls, so its time() must be synchronous`);
    return times[0];
  }
  /** Tasks for bench/numpy_bench.py (ids must be unique). */
  abstract numpyTasks(oneThread: boolean): object[];

  takeNumpy(results: Record<string, NumpyResult>, oneThread: boolean): void {
    const r = results[this.numpyId(oneThread)];
    if (!r) return;
    (oneThread ? this.numpyOneThread : this.numpy).push(...r.seconds);
    if (!oneThread && r.check !== undefined) this.numpyCheck = r.check;
  }

  protected numpyId(oneThread: boolean): string {
    return `${this.id}${oneThread ? ":1" : ""}`;
  }

  summary(): object {
    return {
      id: this.id, title: this.title, group: this.group,
      variants: this.variants.map((v) => ({ name: v.name, medianSeconds: median(v.samples), samples: v.samples, check: v.check })),
      numpy: { medianSeconds: median(this.numpy), samples: this.numpy, check: this.numpyCheck },
      numpyOneThread: { medianSeconds: median(this.numpyOneThread), samples: this.numpyOneThread },
    };
  }

  abstract tableHeader(): string[];
  abstract tableRow(): string;
}
