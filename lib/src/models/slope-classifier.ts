// Post 004 Chapter 1, after Make Your Own Neural Network part 1 (the caterpillar and ladybird
// classifier, worked by hand in the book: slope A, y = A·x, E = t − y, ΔA = L·(E / x)): a
// line through the origin that separates two kinds of bug. Learning nudges the slope A by
// the error of one example.

import { argumentError, checkFinite, describe } from "../checks";

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
    checkFinite("SlopeClassifier", "slope", slope);
  }

  predict(x: number): number {
    return this.slope * x;
  }

  /**
   * One update towards `target` at `x`. Since t = (A + ΔA)·x and E = t − y,
   * the exact correction is ΔA = E / x; a learning rate L < 1 takes only part of it.
   */
  train(x: number, target: number, learningRate = 1): SlopeStep {
    const fn = "SlopeClassifier.train";
    if (!(Number.isFinite(x) && x !== 0)) throw argumentError(fn, "x", "a non-zero finite number (ΔA = E / x)", describe(x));
    checkFinite(fn, "target", target);
    if (!(learningRate > 0 && learningRate <= 1)) throw argumentError(fn, "learningRate", "a number in (0, 1]", describe(learningRate));
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
