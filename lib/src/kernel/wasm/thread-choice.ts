// Whether a product runs on one thread or on the pool, learnt from how long each
// took. On a machine shared with other programs two threads can be slower than
// one (a worker gets only part of a core, or is preempted mid-task), and on an
// idle one they are nearly twice as fast; which holds changes minute by minute.
// Results never depend on the choice: only the speed does.

interface Timing {
  /** Running averages of the seconds per call, NaN until measured. */
  one: number;
  many: number;
  calls: number;
}

/** Each shape's choice is checked against the other mode once every EXPLORE calls. */
const EXPLORE = 16;
const WEIGHT = 0.25;
const MAX_SHAPES = 256;

export class ThreadChoice {
  private readonly timings = new Map<string, Timing>();

  /** True when the product of this shape should use the pool. */
  parallel(shape: string): boolean {
    let t = this.timings.get(shape);
    if (!t) {
      if (this.timings.size >= MAX_SHAPES) this.timings.clear();
      t = { one: NaN, many: NaN, calls: 0 };
      this.timings.set(shape, t);
    }
    t.calls++;
    if (Number.isNaN(t.many)) return true;
    if (Number.isNaN(t.one)) return false;
    const faster = t.many < t.one;
    return t.calls % EXPLORE === 0 ? !faster : faster;
  }

  record(shape: string, parallel: boolean, seconds: number): void {
    const t = this.timings.get(shape);
    if (!t) return;
    const old = parallel ? t.many : t.one;
    const next = Number.isNaN(old) ? seconds : old + WEIGHT * (seconds - old);
    if (parallel) t.many = next;
    else t.one = next;
  }
}
