// Optimizers (post 001 names them, post 004 보충2 writes momentum out; after Deep Learning
// from Scratch §6.1, common/optimizer.py): one interface, parameters updated in place.
import { checkFraction, checkPositive, checkSameShape, firstNonFinite } from "./checks";
import { subScaledAll, Tensor, tidy } from "./tensor";

export type NamedTensors = Record<string, Tensor>;

export interface Optimizer {
  readonly name: string;
  /** One step: every params[key] moves using grads[key] (same keys, same shapes), in place. */
  update(params: NamedTensors, grads: NamedTensors): void;
}

function nonFiniteError(key: string, g: Tensor, op: string): Error {
  const bad = firstNonFinite(g.data);
  return new Error(`${op}: gradient "${key}" has a non-finite value ${g.data[bad]} at flat index ${bad}`);
}

/** Same keys, same shapes: a mistake here would silently corrupt the weights. */
function checkShapes(params: NamedTensors, grads: NamedTensors, op: string): void {
  for (const key of Object.keys(grads)) {
    if (!(key in params)) throw new Error(`${op}: gradient "${key}" has no parameter; parameters are ${Object.keys(params).join(", ")}`);
  }
  for (const [key, p] of Object.entries(params)) {
    const g = grads[key];
    if (!g) throw new Error(`${op}: no gradient for parameter "${key}"`);
    checkSameShape(op, `grads.${key}`, g.shape, `params.${key}'s`, p.shape);
  }
}

/** checkShapes, and finite gradients (checked before any parameter changes). */
function checkPair(params: NamedTensors, grads: NamedTensors, op: string): void {
  checkShapes(params, grads, op);
  for (const key of Object.keys(params)) if (firstNonFinite(grads[key].data) >= 0) throw nonFiniteError(key, grads[key], op);
}

/** State kept from earlier updates must still fit, checked before anything is changed. */
function checkStateSizes(stores: Map<string, Float64Array>[], params: NamedTensors, op: string): void {
  for (const store of stores) {
    for (const [key, p] of Object.entries(params)) {
      const s = store.get(key);
      if (s && s.length !== p.size) throw new Error(`${op}: parameter "${key}" changed size from ${s.length} to ${p.size} between updates`);
    }
  }
}

/** A per-parameter state buffer (velocity, squared-gradient sum…), created as zeros on first use. */
function stateFor(store: Map<string, Float64Array>, key: string, size: number): Float64Array {
  let s = store.get(key);
  if (!s) {
    s = new Float64Array(size);
    store.set(key, s);
  }
  return s;
}

/** θ ← θ − η∇J: plain (stochastic) gradient descent. */
export class SGD implements Optimizer {
  readonly name = "SGD";
  readonly lr: number;
  constructor({ lr = 0.01 }: { lr?: number } = {}) {
    checkPositive("SGD", "lr", lr);
    this.lr = lr;
  }
  update(params: NamedTensors, grads: NamedTensors): void {
    checkShapes(params, grads, "SGD.update");
    // θ −= lr·g for every parameter, none of them unless every g is finite.
    const keys = Object.keys(params);
    const bad = subScaledAll(keys.map((k) => params[k]), this.lr, keys.map((k) => grads[k]));
    if (bad >= 0) throw nonFiniteError(keys[bad], grads[keys[bad]], "SGD.update");
  }
}

/**
 * Post 004's form: v ← γv + η∇J, θ ← θ − v. The velocity remembers past gradients
 * (v = η∇J_t + γη∇J_{t−1} + γ²η∇J_{t−2} + …), so steps that agree add up and steps that
 * flip sign cancel. DLFS writes v ← αv − η∇, θ ← θ + v: its v is this v negated, and
 * since negation is exact in floating point, both give the same bits.
 */
export class Momentum implements Optimizer {
  readonly name = "Momentum";
  readonly lr: number;
  readonly momentum: number;
  private readonly velocity = new Map<string, Float64Array>();
  constructor({ lr = 0.01, momentum = 0.9 }: { lr?: number; momentum?: number } = {}) {
    checkPositive("Momentum", "lr", lr);
    checkFraction("Momentum", "momentum γ", momentum);
    this.lr = lr;
    this.momentum = momentum;
  }
  update(params: NamedTensors, grads: NamedTensors): void {
    checkPair(params, grads, "Momentum.update");
    checkStateSizes([this.velocity], params, "Momentum.update");
    for (const [key, p] of Object.entries(params)) {
      const v = stateFor(this.velocity, key, p.size);
      const g = grads[key].data, d = p.data;
      for (let i = 0; i < d.length; i++) {
        v[i] = this.momentum * v[i] + this.lr * g[i];
        d[i] -= v[i];
      }
    }
  }
}

/** Small constant that keeps 1/√h finite before a parameter has seen any gradient. */
export const OPTIMIZER_EPSILON = 1e-7;

/**
 * AdaGrad: h ← h + ∇J², θ ← θ − η∇J / (√h + ε). Each parameter gets its own step size,
 * which shrinks where gradients have been large.
 */
export class AdaGrad implements Optimizer {
  readonly name = "AdaGrad";
  readonly lr: number;
  private readonly squares = new Map<string, Float64Array>();
  constructor({ lr = 0.01 }: { lr?: number } = {}) {
    checkPositive("AdaGrad", "lr", lr);
    this.lr = lr;
  }
  update(params: NamedTensors, grads: NamedTensors): void {
    checkPair(params, grads, "AdaGrad.update");
    checkStateSizes([this.squares], params, "AdaGrad.update");
    for (const [key, p] of Object.entries(params)) {
      const h = stateFor(this.squares, key, p.size);
      const g = grads[key].data, d = p.data;
      for (let i = 0; i < d.length; i++) {
        h[i] += g[i] * g[i];
        d[i] -= (this.lr * g[i]) / (Math.sqrt(h[i]) + OPTIMIZER_EPSILON);
      }
    }
  }
}

/**
 * Adam: momentum on the gradient (m) and AdaGrad-like scaling by its running square (v),
 * both as exponential averages, with the start-up bias corrected through the step size
 * lr_t = lr·√(1 − β₂ᵗ) / (1 − β₁ᵗ), as DLFS's optimizer.py does.
 */
export class Adam implements Optimizer {
  readonly name = "Adam";
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  private iter = 0;
  private readonly m = new Map<string, Float64Array>();
  private readonly v = new Map<string, Float64Array>();
  constructor({ lr = 0.001, beta1 = 0.9, beta2 = 0.999 }: { lr?: number; beta1?: number; beta2?: number } = {}) {
    checkPositive("Adam", "lr", lr);
    checkFraction("Adam", "beta1", beta1);
    checkFraction("Adam", "beta2", beta2);
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
  }
  update(params: NamedTensors, grads: NamedTensors): void {
    checkPair(params, grads, "Adam.update");
    checkStateSizes([this.m, this.v], params, "Adam.update");
    this.iter++;
    const lrT = (this.lr * Math.sqrt(1 - this.beta2 ** this.iter)) / (1 - this.beta1 ** this.iter);
    for (const [key, p] of Object.entries(params)) {
      const m = stateFor(this.m, key, p.size);
      const v = stateFor(this.v, key, p.size);
      const g = grads[key].data, d = p.data;
      for (let i = 0; i < d.length; i++) {
        m[i] += (1 - this.beta1) * (g[i] - m[i]);
        v[i] += (1 - this.beta2) * (g[i] * g[i] - v[i]);
        d[i] -= (lrT * m[i]) / (Math.sqrt(v[i]) + OPTIMIZER_EPSILON);
      }
    }
  }
}

/**
 * Whether the optimizer is one of this module's, which keep no tensor made during an
 * update (their state is in arrays of their own).
 */
export function keepsNoTensors(optimizer: Optimizer): boolean {
  return optimizer instanceof SGD || optimizer instanceof Momentum || optimizer instanceof AdaGrad || optimizer instanceof Adam;
}

/**
 * A training loop's step: the gradient `gradient()` computes, inside tidy, then the
 * optimizer's update. This module's optimizers update inside the same tidy, reading the
 * gradients where they are; an optimizer written elsewhere may keep a tensor it made (a
 * velocity made with mul and add), which tidy would reuse, so it gets the gradients
 * copied out and updates outside.
 */
export function updateFromGradient(optimizer: Optimizer, params: NamedTensors, gradient: () => NamedTensors): void {
  if (keepsNoTensors(optimizer)) tidy(() => optimizer.update(params, gradient()));
  else optimizer.update(params, tidy(gradient));
}
