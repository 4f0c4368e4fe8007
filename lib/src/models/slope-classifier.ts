// Post 004, Chapter 1: a line through the origin, y = A·x, that separates two
// kinds of bug. Learning means nudging the slope A by the error of one example.

/** What one update did, in the slide's terms. */
export interface SlopeStep {
  x: number;
  target: number;
  /** y = A·x before the update */
  y: number;
  /** E = t − y */
  error: number;
  /** ΔA = L·(E / x) */
  deltaA: number;
  slopeBefore: number;
  slopeAfter: number;
}

export class SlopeClassifier {
  constructor(public slope: number) {
    if (!Number.isFinite(slope)) throw new Error(`SlopeClassifier: the slope must be a finite number, got ${slope}`);
  }

  predict(x: number): number {
    return this.slope * x;
  }

  /**
   * One update towards `target` at `x`. Since t = (A + ΔA)·x and E = t − y,
   * the exact correction is ΔA = E / x; a learning rate L < 1 takes only part of it.
   */
  train(x: number, target: number, learningRate = 1): SlopeStep {
    if (!Number.isFinite(x) || x === 0) throw new Error(`SlopeClassifier.train: x must be a non-zero finite number (ΔA = E / x), got ${x}`);
    if (!Number.isFinite(target)) throw new Error(`SlopeClassifier.train: the target must be finite, got ${target}`);
    if (!(learningRate > 0 && learningRate <= 1)) throw new Error(`SlopeClassifier.train: the learning rate must be in (0, 1], got ${learningRate}`);
    const slopeBefore = this.slope;
    const y = this.predict(x);
    const error = target - y;
    const deltaA = learningRate * (error / x);
    this.slope += deltaA;
    return { x, target, y, error, deltaA, slopeBefore, slopeAfter: this.slope };
  }

  /** The side of the line a point (x, y) falls on: +1 above, −1 below, 0 on it. */
  side(x: number, y: number): number {
    return Math.sign(y - this.predict(x));
  }
}
