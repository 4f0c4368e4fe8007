// Whether a product runs on one thread or on the pool, learnt from how long each
// took. On a machine shared with other programs two threads can be slower than
// one (a worker gets only part of a core, or is preempted mid-task), and on an
// idle one they are faster; which holds changes minute by minute.
// Results never depend on the choice: only the speed does.

/**
 * Each mode is judged by the mean of its last WINDOW times without the slowest one,
 * because interference only ever makes a call slower: one slow call (the worker
 * preempted, a garbage collection in the middle) should not count against a mode, yet
 * a mode that is slow more often than that, as the pool on a busy machine, still loses.
 */
const WINDOW = 5;
/** Each shape's choice is checked against the other mode once every EXPLORE calls. */
const EXPLORE = 16;
const MAX_SHAPES = 256;

class RecentTimes {
  private readonly times: number[] = [];
  private next = 0;

  add(seconds: number): void {
    if (this.times.length < WINDOW) this.times.push(seconds);
    else this.times[this.next] = seconds;
    this.next = (this.next + 1) % WINDOW;
  }

  /** The mean of the recent times without the slowest (the one time, while there is only one); NaN before the first. */
  typical(): number {
    const n = this.times.length;
    if (n <= 1) return n === 0 ? NaN : this.times[0];
    let sum = 0, slowest = -Infinity;
    for (const t of this.times) {
      sum += t;
      if (t > slowest) slowest = t;
    }
    return (sum - slowest) / (n - 1);
  }
}

interface Timing {
  one: RecentTimes;
  many: RecentTimes;
  calls: number;
}

export class ThreadChoice {
  private readonly timings = new Map<string, Timing>();

  /** True when the product of this shape should use the pool. */
  parallel(shape: string): boolean {
    let t = this.timings.get(shape);
    if (!t) {
      if (this.timings.size >= MAX_SHAPES) this.timings.clear();
      t = { one: new RecentTimes(), many: new RecentTimes(), calls: 0 };
      this.timings.set(shape, t);
    }
    t.calls++;
    const many = t.many.typical(), one = t.one.typical();
    if (Number.isNaN(many)) return true;
    if (Number.isNaN(one)) return false;
    const faster = many < one;
    return t.calls % EXPLORE === 0 ? !faster : faster;
  }

  record(shape: string, parallel: boolean, seconds: number): void {
    const t = this.timings.get(shape);
    if (!t) return;
    (parallel ? t.many : t.one).add(seconds);
  }
}
