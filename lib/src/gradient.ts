// Numerical differentiation and gradient descent (post 003 §4.3–4.4, post 001 "최적화",
// after Deep Learning from Scratch ch. 4): derivatives from function values alone.
import { shapeString, Tensor } from "./tensor";

/** The step of the central difference: small, but not so small that x + h rounds to x. */
export const DIFF_STEP = 1e-4;

function checkFiniteValue(value: number, op: string, where: string): number {
  if (!Number.isFinite(value)) throw new Error(`${op}: f returned ${value} at ${where}; the function must give finite values`);
  return value;
}

function checkStep(h: number, op: string): void {
  if (!(Number.isFinite(h) && h > 0)) throw new Error(`${op}: the step h must be a finite number > 0, got ${h}`);
}

/**
 * f′(x) ≈ (f(x + h) − f(x − h)) / 2h, the central difference. Its error shrinks like h²,
 * the forward difference (f(x + h) − f(x)) / h only like h.
 */
export function numericalDiff(f: (x: number) => number, x: number, h = DIFF_STEP): number {
  const op = "numericalDiff";
  if (!Number.isFinite(x)) throw new Error(`${op}: x must be a finite number, got ${x}`);
  checkStep(h, op);
  const fPlus = checkFiniteValue(f(x + h), op, `x + h = ${x + h}`);
  const fMinus = checkFiniteValue(f(x - h), op, `x − h = ${x - h}`);
  return (fPlus - fMinus) / (2 * h);
}

/** (f(x + h) − f(x)) / h: shown next to the central difference to compare their errors. */
export function forwardDiff(f: (x: number) => number, x: number, h = DIFF_STEP): number {
  const op = "forwardDiff";
  if (!Number.isFinite(x)) throw new Error(`${op}: x must be a finite number, got ${x}`);
  checkStep(h, op);
  const fPlus = checkFiniteValue(f(x + h), op, `x + h = ${x + h}`);
  const fx = checkFiniteValue(f(x), op, `x = ${x}`);
  return (fPlus - fx) / h;
}

function indexString(shape: readonly number[], flat: number): string {
  const idx: number[] = [];
  for (let a = shape.length - 1; a >= 0; a--) {
    idx.unshift(flat % shape[a]);
    flat = Math.floor(flat / shape[a]);
  }
  return `[${idx.join(", ")}]`;
}

/**
 * The gradient ∂f/∂x of a scalar function of a tensor of any shape, one element at a time:
 * each x[i] is moved to x[i] + h and x[i] − h in place, f(x) is evaluated twice, and x[i] is
 * put back to the very value it had (bit for bit, even if f throws). f sees the perturbed x
 * itself, so f may also read x through another reference (a network's weights).
 * Costs 2 · x.size evaluations of f.
 */
export function numericalGradient(f: (x: Tensor) => number, x: Tensor, h = DIFF_STEP): Tensor {
  const op = "numericalGradient";
  checkStep(h, op);
  const data = x.data;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) throw new Error(`${op}: x${indexString(x.shape, i)} = ${data[i]} is not finite`);
  }
  const grad = new Float64Array(x.size);
  for (let i = 0; i < data.length; i++) {
    const saved = data[i];
    try {
      data[i] = saved + h;
      const fPlus = f(x);
      data[i] = saved - h;
      const fMinus = f(x);
      if (!Number.isFinite(fPlus) || !Number.isFinite(fMinus)) {
        throw new Error(`${op}: f returned ${Number.isFinite(fPlus) ? fMinus : fPlus} when x${indexString(x.shape, i)} was moved by ${Number.isFinite(fPlus) ? "−" : "+"}h from ${saved} (x has shape ${shapeString(x.shape)}); the function must give finite values`);
      }
      grad[i] = (fPlus - fMinus) / (2 * h);
    } finally {
      data[i] = saved;
    }
  }
  return new Tensor(grad, x.shape);
}

export interface GradientDescentResult {
  /** Where the descent ended. */
  x: Tensor;
  /** Every point visited: path[0] is the start, path[steps] the end (copies). */
  path: Tensor[];
}

/**
 * `steps` updates x ← x − lr · ∇f(x) from `init` (not modified), with the gradient taken
 * numerically, as Deep Learning from Scratch's gradient_descent does.
 */
export function gradientDescent(f: (x: Tensor) => number, init: Tensor, lr: number, steps: number): GradientDescentResult {
  const op = "gradientDescent";
  if (!(Number.isFinite(lr) && lr > 0)) throw new Error(`${op}: the learning rate lr must be a finite number > 0, got ${lr}`);
  if (!(Number.isInteger(steps) && steps >= 0)) throw new Error(`${op}: steps must be an integer ≥ 0, got ${steps}`);
  const x = init.copy();
  const path = [x.copy()];
  for (let s = 0; s < steps; s++) {
    const grad = numericalGradient(f, x);
    x.subScaledInPlace(lr, grad);
    path.push(x.copy());
  }
  return { x, path };
}
