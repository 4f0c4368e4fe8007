// Whether a product runs on one thread or on the pool, learnt from how long each
// took. On a machine shared with other programs two threads can be slower than
// one (a worker gets only part of a core, or is preempted mid-task), and on an
// idle one they are nearly twice as fast; which holds changes minute by minute.
// Results never depend on the choice: only the speed does.

/**
 * Each mode is judged by the fastest of its last WINDOW times. Interference only
 * ever makes a call slower, so one slow call (the worker preempted, still compiling
 * its code, a garbage collection in the middle) must not count against a mode; with
 * a running average it did: a training loop ran a 100-image product on one thread
 * (124 µs) instead of two (70 µs) in 23% of its calls, for 15 calls after each slow
 * sample of the pool (now 16%, mostly the checks below), and an iteration of the loop
 * took 610 µs instead of 560 (medians of six runs each). A lasting change still shows
 * within WINDOW calls of a mode.
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

  /** The fastest recent time, NaN before the first. */
  best(): number {
    return this.times.length === 0 ? NaN : Math.min(...this.times);
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
    const many = t.many.best(), one = t.one.best();
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
