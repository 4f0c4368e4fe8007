// A small n-dimensional array over Float64Array, row-major, in the spirit of numpy's
// ndarray but only with what the course needs. This is the one module that hands
// tensors to the kernel (./kernel): products, gathers, the element-wise loops of the
// layers and the optimizer's step, and where their arrays live.
import { kernel } from "./kernel";
import { isScratch, outputArray, withScratch } from "./kernel/scratch";
import { argumentError, checkIndex, checkSameShape, describe } from "./checks";
import { formatTensor } from "./tensor-format";
import { pairwiseSum } from "./pairwise-sum";

export { pairwiseSum } from "./pairwise-sum";

export type Shape = readonly number[];
/** Nested number arrays, as written in code: 3, [1, 2], [[1, 2], [3, 4]]. */
export type NestedArray = number | NestedArray[];

export function shapeString(shape: Shape): string {
  return "(" + shape.join("×") + ")";
}

export function shapeSize(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * The most values one tensor may hold: 2^27 float64, 1 GiB (MNIST's 60 000 training
 * images are 47 million). A larger request is refused before anything is allocated.
 */
export const MAX_TENSOR_VALUES = 2 ** 27;

function checkShape(shape: Shape, op: string): void {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) throw new Error(`${op}: bad shape ${JSON.stringify(shape)}: sizes must be integers ≥ 0`);
  }
  const size = shapeSize(shape);
  if (size > MAX_TENSOR_VALUES) {
    throw argumentError(op, "shape", `at most ${MAX_TENSOR_VALUES} values (MAX_TENSOR_VALUES, 1 GiB)`, `${shapeString(shape)}, ${size} values`);
  }
}

/** Whether two shapes are equal, axis by axis. */
export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** The shape two operands broadcast to, numpy's rule: align from the right, 1 stretches. */
export function broadcastShapes(a: Shape, b: Shape, op: string): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new Error(`${op}: shapes ${shapeString(a)} and ${shapeString(b)} do not broadcast (${da} ≠ ${db} in axis ${i})`);
    }
    out.push(da === 1 ? db : da);
  }
  return out;
}

type Operand = Tensor | number;

export class Tensor {
  readonly data: Float64Array;
  readonly shape: Shape;

  constructor(data: Float64Array, shape: Shape) {
    checkShape(shape, "Tensor");
    if (data.length !== shapeSize(shape)) {
      throw new Error(`Tensor: ${data.length} values cannot have shape ${shapeString(shape)} (${shapeSize(shape)} values)`);
    }
    this.data = data;
    this.shape = Object.freeze([...shape]);
  }

  get size(): number {
    return this.data.length;
  }
  get ndim(): number {
    return this.shape.length;
  }
  /** Rows of a matrix (first axis); 1 for a scalar. */
  get rows(): number {
    return this.shape.length === 0 ? 1 : this.shape[0];
  }
  /** Size of one row: the product of all axes but the first. */
  get cols(): number {
    return shapeSize(this.shape.slice(1));
  }

  // ---- element access -------------------------------------------------------

  private offset(index: readonly number[], op: string): number {
    if (index.length !== this.ndim) throw new Error(`${op}: ${index.length} indices for a ${this.ndim}-d tensor of shape ${shapeString(this.shape)}`);
    let off = 0;
    for (let a = 0; a < index.length; a++) off = off * this.shape[a] + checkIndex(op, `index ${a}`, index[a], this.shape[a]);
    return off;
  }

  get(...index: number[]): number {
    return this.data[this.offset(index, "get")];
  }
  set(value: number, ...index: number[]): this {
    this.data[this.offset(index, "set")] = value;
    return this;
  }
  /** The single value of a size-1 tensor. */
  item(): number {
    if (this.size !== 1) throw new Error(`item: tensor of shape ${shapeString(this.shape)} has ${this.size} values, not 1`);
    return this.data[0];
  }

  toArray(): NestedArray {
    const build = (axis: number, off: number): NestedArray => {
      if (axis === this.ndim) return this.data[off];
      const stride = shapeSize(this.shape.slice(axis + 1));
      return Array.from({ length: this.shape[axis] }, (_, i) => build(axis + 1, off + i * stride));
    };
    return build(0, 0);
  }

  copy(): Tensor {
    return new Tensor(this.data.slice(), this.shape);
  }

  // ---- shape ------------------------------------------------------------------

  /** Same data, new shape; one size may be -1 and is inferred. Shares memory. */
  reshape(...shape: number[]): Tensor {
    const dims = shape.length === 1 && Array.isArray(shape[0]) ? (shape[0] as unknown as number[]) : shape;
    dims.forEach((d, i) => {
      if (!(Number.isInteger(d) && d >= -1)) throw argumentError("reshape", `size ${i}`, "an integer ≥ 0, or -1 to infer it", String(d));
    });
    const known = dims.filter((d) => d !== -1);
    const unknown = dims.length - known.length;
    if (unknown > 1) throw new Error(`reshape: only one size can be -1, got ${shapeString(dims)}`);
    let full = dims;
    if (unknown === 1) {
      const rest = shapeSize(known);
      if (rest === 0 || this.size % rest !== 0) throw new Error(`reshape: cannot reshape ${shapeString(this.shape)} (${this.size} values) to ${shapeString(dims)}`);
      full = dims.map((d) => (d === -1 ? this.size / rest : d));
    }
    if (shapeSize(full) !== this.size) throw new Error(`reshape: cannot reshape ${shapeString(this.shape)} (${this.size} values) to ${shapeString(full)}`);
    return new Tensor(this.data, full);
  }

  flatten(): Tensor {
    return new Tensor(this.data.slice(), [this.size]);
  }

  /** Matrix transpose (a copy); a 1-d tensor is returned unchanged, as numpy does. */
  get T(): Tensor {
    return this.transpose();
  }
  transpose(): Tensor {
    if (this.ndim < 2) return this;
    if (this.ndim !== 2) throw new Error(`transpose: only 1-d and 2-d tensors, got ${shapeString(this.shape)}`);
    const [m, n] = this.shape;
    const out = new Float64Array(m * n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[j * m + i] = this.data[i * n + j];
    return new Tensor(out, [n, m]);
  }

  // ---- rows ----------------------------------------------------------------------

  /**
   * The rows (first-axis entries) at `indices`, copied: numpy's x[indices]. With
   * `out`, they are written there (it must hold exactly those values) and the tensor
   * returned is a view of it: a training loop reuses one batch array this way.
   */
  take(indices: ArrayLike<number>, out?: Float64Array): Tensor {
    if (this.ndim === 0) throw new Error("take: a scalar has no rows");
    const n = this.rows;
    const w = shapeSize(this.shape.slice(1));
    if (out && out.length !== indices.length * w) {
      throw new Error(`take: out has ${out.length} values, ${indices.length} rows of ${shapeString(this.shape.slice(1))} need ${indices.length * w}`);
    }
    let negative = false;
    for (let r = 0; r < indices.length; r++) {
      const i = indices[r];
      if (!(Number.isInteger(i) && i >= -n && i < n)) throw argumentError("take", `indices[${r}]`, n === 0 ? "a row index, but there are no rows" : `a row index in ${-n}..${n - 1}`, String(i));
      negative ||= i < 0;
    }
    checkShape([indices.length, ...this.shape.slice(1)], "take");
    out ??= outputArray(indices.length * w);
    // Negative indices count from the end, as numpy's x[[-1]] does.
    kernel().gatherRows(this.data, w, negative ? Int32Array.from(indices, (i) => (i < 0 ? i + n : i)) : indices, out);
    return new Tensor(out, [indices.length, ...this.shape.slice(1)]);
  }

  /** Rows start..end-1 (a copy): numpy's x[start:end]. */
  sliceRows(start: number, end = this.rows): Tensor {
    if (this.ndim === 0) throw new Error("sliceRows: a scalar has no rows");
    for (const [arg, v] of [["start", start], ["end", end]] as const) {
      if (!(Number.isInteger(v) || Math.abs(v) === Infinity)) throw argumentError("sliceRows", arg, "an integer (or ±Infinity)", String(v));
    }
    const n = this.rows; // out-of-range ends are clipped, as numpy's slices are
    const s = Math.max(0, Math.min(n, start < 0 ? start + n : start));
    const e = Math.max(s, Math.min(n, end < 0 ? end + n : end));
    const w = shapeSize(this.shape.slice(1));
    return new Tensor(this.data.slice(s * w, e * w), [e - s, ...this.shape.slice(1)]);
  }

  /** Row i as a tensor of the remaining axes (a copy). */
  row(i: number): Tensor {
    if (this.ndim === 0) throw new Error("row: a scalar has no rows");
    return this.take([checkIndex("row", "i", i, this.rows)]).reshape(...this.shape.slice(1));
  }

  /** Column j of a matrix as a vector (a copy). */
  col(j: number): Tensor {
    if (this.ndim !== 2) throw new Error(`col: needs a matrix, got ${shapeString(this.shape)}`);
    const [m, n] = this.shape;
    j = checkIndex("col", "j", j, n);
    const out = new Float64Array(m);
    for (let i = 0; i < m; i++) out[i] = this.data[i * n + j];
    return new Tensor(out, [m]);
  }

  // ---- element-wise ----------------------------------------------------------------

  map(fn: (v: number, i: number) => number): Tensor {
    const out = outputArray(this.size);
    for (let i = 0; i < out.length; i++) out[i] = fn(this.data[i], i);
    return new Tensor(out, this.shape);
  }

  add(other: Operand): Tensor { return binary(this, other, "add", (a, b) => a + b); }
  sub(other: Operand): Tensor { return binary(this, other, "sub", (a, b) => a - b); }
  mul(other: Operand): Tensor { return binary(this, other, "mul", (a, b) => a * b); }
  div(other: Operand): Tensor { return binary(this, other, "div", (a, b) => a / b); }
  pow(other: Operand): Tensor { return binary(this, other, "pow", (a, b) => a ** b); }
  maximum(other: Operand): Tensor { return binary(this, other, "maximum", (a, b) => (a > b || Number.isNaN(a) ? a : b)); }
  /** 1 where equal, 0 elsewhere (numpy's ==, as numbers so it can be summed). */
  eq(other: Operand): Tensor { return binary(this, other, "eq", (a, b) => (a === b ? 1 : 0)); }
  gt(other: Operand): Tensor { return binary(this, other, "gt", (a, b) => (a > b ? 1 : 0)); }

  /** σ(x) = 1 / (1 + e^−x), element by element, in the kernel. */
  sigmoid(): Tensor { return elementwise([this], ([a], out) => kernel().sigmoid(a, out), "sigmoid"); }
  /** max(0, x), element by element, in the kernel; NaN stays NaN, as with np.maximum(0, x). */
  relu(): Tensor { return elementwise([this], ([a], out) => kernel().relu(a, out), "relu"); }

  /** numpy's clip: each value limited to [lo, hi]; NaN stays NaN. */
  clip(lo: number, hi: number): Tensor {
    if (typeof lo !== "number" || Number.isNaN(lo)) throw argumentError("clip", "lo", "a number", describe(lo));
    if (typeof hi !== "number" || !(hi >= lo)) throw argumentError("clip", "hi", `a number ≥ lo (${lo})`, describe(hi));
    return elementwise([this], ([a], out) => kernel().clip(a, lo, hi, out), "clip");
  }
  neg(): Tensor { return this.map((v) => -v); }
  exp(): Tensor { return this.map(Math.exp); }
  log(): Tensor { return this.map(Math.log); }
  sqrt(): Tensor { return this.map(Math.sqrt); }
  abs(): Tensor { return this.map(Math.abs); }
  square(): Tensor { return this.map((v) => v * v); }

  /** In-place this -= factor · other (same shape): the parameter update of every optimizer. */
  subScaledInPlace(factor: number, other: Tensor): this {
    checkSameShape("subScaledInPlace", "other", other.shape, "this tensor's", this.shape);
    kernel().subScaled(this.data, factor, other.data, this.data);
    return this;
  }

  // ---- reductions ------------------------------------------------------------------

  /** Sum of all values, or along `axis` (which is removed from the shape). */
  sum(axis?: number): Tensor {
    // numpy sums contiguous runs pairwise; doing the same keeps printed digits identical.
    if (axis === undefined) return scalar(pairwiseSum(this.data, 0, this.size, 1));
    const ax = normAxis(this, axis, "sum");
    const { outer, len, inner } = axisSplit(this.shape, ax);
    if (inner !== 1) {
      // Across rows, as numpy does: each output starts at 0 and adds its column's values one
      // row after the other (so a column of −0 sums to +0, as in numpy); four columns at a
      // time in registers, 2–3× faster than adding into out row by row.
      const out = new Float64Array(outer * inner), d = this.data;
      for (let o = 0; o < outer; o++) {
        const base = o * len * inner, to = o * inner;
        let i = 0;
        for (; i + 4 <= inner; i += 4) {
          let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
          for (let k = 0, at = base + i; k < len; k++, at += inner) {
            s0 += d[at];
            s1 += d[at + 1];
            s2 += d[at + 2];
            s3 += d[at + 3];
          }
          out[to + i] = s0;
          out[to + i + 1] = s1;
          out[to + i + 2] = s2;
          out[to + i + 3] = s3;
        }
        for (; i < inner; i++) {
          let s0 = 0;
          for (let k = 0, at = base + i; k < len; k++, at += inner) s0 += d[at];
          out[to + i] = s0;
        }
      }
      return new Tensor(out, this.shape.filter((_, a) => a !== ax));
    }
    const out = new Float64Array(outer);
    for (let o = 0; o < outer; o++) out[o] = pairwiseSum(this.data, o * len, len, 1);
    return new Tensor(out, this.shape.filter((_, a) => a !== ax));
  }
  mean(axis?: number): Tensor {
    const n = axis === undefined ? this.size : this.shape[normAxis(this, axis, "mean")];
    if (n === 0) throw new Error(`mean: empty ${axis === undefined ? "tensor" : "axis"} of shape ${shapeString(this.shape)}`);
    return this.sum(axis).div(n);
  }
  max(axis?: number): Tensor { return reduce(this, axis, "max", -Infinity, (acc, v) => (v > acc || Number.isNaN(v) ? v : acc)); }
  min(axis?: number): Tensor { return reduce(this, axis, "min", Infinity, (acc, v) => (v < acc || Number.isNaN(v) ? v : acc)); }
  /** Population standard deviation (numpy's default ddof = 0). */
  std(axis?: number): Tensor {
    const mu = this.mean(axis);
    const centred = axis === undefined ? this.sub(mu.item()) : this.sub(keepAxis(mu, this, normAxis(this, axis, "std")));
    return centred.square().mean(axis).sqrt();
  }

  /** Index of the largest value (the first one on ties), overall or along `axis`. */
  argmax(axis?: number): Tensor {
    if (axis === undefined) {
      if (this.size === 0) throw new Error("argmax: empty tensor");
      // As numpy: the first NaN wins (NaN counts as the largest), else the first maximum.
      let best = 0;
      for (let i = 1; i < this.size && this.data[best] === this.data[best]; i++) {
        if (this.data[i] > this.data[best] || this.data[i] !== this.data[i]) best = i;
      }
      return new Tensor(Float64Array.of(best), []);
    }
    const ax = normAxis(this, axis, "argmax");
    const { outer, len, inner } = axisSplit(this.shape, ax);
    if (len === 0) throw new Error(`argmax: axis ${axis} of shape ${shapeString(this.shape)} is empty`);
    const out = new Float64Array(outer * inner);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const base = o * len * inner + i;
        let best = 0;
        let bestV = this.data[base];
        for (let k = 1; k < len && bestV === bestV; k++) {
          const v = this.data[base + k * inner];
          if (v > bestV || v !== v) { best = k; bestV = v; }
        }
        out[o * inner + i] = best;
      }
    }
    return new Tensor(out, this.shape.filter((_, a) => a !== ax));
  }

  // ---- products ------------------------------------------------------------------------

  /** numpy's dot/matmul for 1-d and 2-d operands. */
  matmul(other: Tensor): Tensor { return matmul(this, other); }
  dot(other: Tensor): Tensor { return matmul(this, other); }

  // ---- comparison and display -----------------------------------------------------

  allClose(other: Tensor, rtol = 1e-9, atol = 1e-12): boolean {
    if (!sameShape(this.shape, other.shape)) return false;
    for (let i = 0; i < this.size; i++) {
      const a = this.data[i], b = other.data[i];
      if (!(Math.abs(a - b) <= atol + rtol * Math.abs(b)) && !(a === b)) return false;
    }
    return true;
  }

  toString(): string {
    return formatTensor(this);
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return formatTensor(this);
  }
}

// ---- creation -----------------------------------------------------------------------

function nestedShape(x: NestedArray): number[] {
  const shape: number[] = [];
  let cur: NestedArray = x;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    cur = cur[0];
    if (cur === undefined) break;
  }
  return shape;
}

/** A tensor from numbers written as nested arrays; ragged input is an error. */
export function tensor(values: NestedArray | Float64Array | readonly number[], shape?: Shape): Tensor {
  if (values instanceof Float64Array) return new Tensor(values, shape ?? [values.length]);
  const inferred = nestedShape(values as NestedArray);
  const out = new Float64Array(shapeSize(inferred));
  let k = 0;
  const walk = (x: NestedArray, axis: number, path: number[]): void => {
    if (axis === inferred.length) {
      if (typeof x !== "number") throw new Error(`tensor: expected a number at [${path.join("][")}], got ${JSON.stringify(x)}`);
      out[k++] = x;
      return;
    }
    if (!Array.isArray(x) || x.length !== inferred[axis]) {
      throw new Error(`tensor: ragged nested array at [${path.join("][")}]: expected ${inferred[axis]} entries, got ${Array.isArray(x) ? x.length : "a number"}`);
    }
    x.forEach((v, i) => walk(v, axis + 1, [...path, i]));
  };
  walk(values as NestedArray, 0, []);
  const t = new Tensor(out, inferred);
  return shape ? t.reshape(...shape) : t;
}

export function full(shape: Shape, value: number): Tensor {
  checkShape(shape, "full");
  return new Tensor(outputArray(shapeSize(shape)).fill(value), shape);
}
export function zeros(shape: Shape): Tensor { return full(shape, 0); }
export function ones(shape: Shape): Tensor { return full(shape, 1); }
export function scalar(v: number): Tensor { return new Tensor(Float64Array.of(v), []); }

/** start, start+step, … < stop, like numpy.arange. */
export function arange(start: number, stop?: number, step = 1): Tensor {
  if (stop === undefined) { stop = start; start = 0; }
  if (step === 0 || !Number.isFinite(step)) throw new Error(`arange: step must be a non-zero finite number, got ${step}`);
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = start + i * step;
  return new Tensor(out, [n]);
}

/** n evenly spaced values from start to stop inclusive, like numpy.linspace. */
export function linspace(start: number, stop: number, n = 50): Tensor {
  if (!Number.isInteger(n) || n < 0) throw new Error(`linspace: n must be an integer ≥ 0, got ${n}`);
  const out = new Float64Array(n);
  const step = n > 1 ? (stop - start) / (n - 1) : 0;
  for (let i = 0; i < n; i++) out[i] = start + i * step;
  if (n > 1) out[n - 1] = stop;
  return new Tensor(out, [n]);
}

/** Stack equal-shape tensors along a new first axis (numpy.stack(axis=0)). */
export function stack(items: readonly Tensor[]): Tensor {
  if (items.length === 0) throw new Error("stack: nothing to stack");
  const shape = items[0].shape;
  const out = new Float64Array(items.length * items[0].size);
  items.forEach((t, i) => {
    if (!sameShape(t.shape, shape)) throw new Error(`stack: item ${i} has shape ${shapeString(t.shape)}, item 0 has ${shapeString(shape)}`);
    out.set(t.data, i * t.size);
  });
  return new Tensor(out, [items.length, ...shape]);
}

/** Join along the first axis (numpy.concatenate(axis=0)). */
export function concatRows(items: readonly Tensor[]): Tensor {
  if (items.length === 0) throw new Error("concatRows: nothing to join");
  const rest = items[0].shape.slice(1);
  let rows = 0;
  items.forEach((t, i) => {
    if (t.ndim === 0 || !sameShape(t.shape.slice(1), rest)) throw new Error(`concatRows: item ${i} has shape ${shapeString(t.shape)}, rows must have shape ${shapeString(rest)}`);
    rows += t.shape[0];
  });
  const out = new Float64Array(rows * shapeSize(rest));
  let off = 0;
  for (const t of items) { out.set(t.data, off); off += t.size; }
  return new Tensor(out, [rows, ...rest]);
}

/** One-hot rows for integer labels 0..classes-1. */
export function oneHot(labels: ArrayLike<number>, classes: number): Tensor {
  const out = new Float64Array(labels.length * classes);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i];
    if (!Number.isInteger(c) || c < 0 || c >= classes) throw new Error(`oneHot: label ${c} at index ${i} is not an integer in 0..${classes - 1}`);
    out[i * classes + c] = 1;
  }
  return new Tensor(out, [labels.length, classes]);
}

// ---- internals --------------------------------------------------------------------------

function asTensor(x: Operand): Tensor {
  return typeof x === "number" ? scalar(x) : x;
}

function binary(a: Tensor, bIn: Operand, op: string, f: (x: number, y: number) => number): Tensor {
  const b = asTensor(bIn);
  const ad = a.data, bd = b.data;
  // Fast paths: same shape, and a scalar.
  if (sameShape(a.shape, b.shape)) {
    const out = outputArray(ad.length);
    if (!arithmetic(op, ad, bd, 1, out)) for (let i = 0; i < out.length; i++) out[i] = f(ad[i], bd[i]);
    return new Tensor(out, a.shape);
  }
  if (b.size === 1 && b.ndim <= a.ndim) {
    const s = bd[0];
    const out = outputArray(ad.length);
    if (!arithmetic(op, ad, bd, 0, out)) for (let i = 0; i < out.length; i++) out[i] = f(ad[i], s);
    return new Tensor(out, a.shape);
  }
  const shape = broadcastShapes(a.shape, b.shape, op);
  checkShape(shape, op);
  const out = outputArray(shapeSize(shape));
  const sa = broadcastStrides(a.shape, shape), sb = broadcastStrides(b.shape, shape);
  const idx = new Array(shape.length).fill(0);
  let ia = 0, ib = 0;
  for (let k = 0; k < out.length; k++) {
    out[k] = f(ad[ia], bd[ib]);
    // Advance the multi-index like an odometer, keeping both source offsets in step.
    for (let ax = shape.length - 1; ax >= 0; ax--) {
      idx[ax]++;
      ia += sa[ax];
      ib += sb[ax];
      if (idx[ax] < shape[ax]) break;
      ia -= sa[ax] * shape[ax];
      ib -= sb[ax] * shape[ax];
      idx[ax] = 0;
    }
  }
  return new Tensor(out, shape);
}

/**
 * out[i] = a[i] op b[i·bStep] for the four arithmetic operators, each its own loop:
 * one loop calling a different `f` per operator runs several times slower once V8
 * has seen more than one. False for any other operator.
 */
function arithmetic(op: string, a: Float64Array, b: Float64Array, bStep: 0 | 1, out: Float64Array): boolean {
  const n = out.length;
  switch (op) {
    case "add": for (let i = 0, j = 0; i < n; i++, j += bStep) out[i] = a[i] + b[j]; return true;
    case "sub": for (let i = 0, j = 0; i < n; i++, j += bStep) out[i] = a[i] - b[j]; return true;
    case "mul": for (let i = 0, j = 0; i < n; i++, j += bStep) out[i] = a[i] * b[j]; return true;
    case "div": for (let i = 0, j = 0; i < n; i++, j += bStep) out[i] = a[i] / b[j]; return true;
    default: return false;
  }
}

/** Strides of `shape` seen inside `target`, 0 where an axis is stretched or missing. */
function broadcastStrides(shape: Shape, target: Shape): number[] {
  const strides = new Array(target.length).fill(0);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const t = target.length - shape.length + i;
    strides[t] = shape[i] === 1 ? 0 : stride;
    stride *= shape[i];
  }
  return strides;
}

function normAxis(t: Tensor, axis: number, op: string): number {
  const ax = axis < 0 ? axis + t.ndim : axis;
  if (!Number.isInteger(ax) || ax < 0 || ax >= t.ndim) throw new Error(`${op}: axis ${axis} out of range for shape ${shapeString(t.shape)}`);
  return ax;
}

function axisSplit(shape: Shape, ax: number): { outer: number; len: number; inner: number } {
  return { outer: shapeSize(shape.slice(0, ax)), len: shape[ax], inner: shapeSize(shape.slice(ax + 1)) };
}

/** Put a reduced axis back as size 1 so the result broadcasts against the source. */
function keepAxis(reduced: Tensor, source: Tensor, ax: number): Tensor {
  const shape = [...source.shape];
  shape[ax] = 1;
  return reduced.reshape(...shape);
}

function reduce(t: Tensor, axis: number | undefined, op: string, init: number, f: (acc: number, v: number) => number): Tensor {
  if (axis === undefined) {
    if (t.size === 0 && op !== "sum") throw new Error(`${op}: empty tensor`);
    let acc = init;
    for (let i = 0; i < t.size; i++) acc = f(acc, t.data[i]);
    return scalar(acc);
  }
  const ax = normAxis(t, axis, op);
  const { outer, len, inner } = axisSplit(t.shape, ax);
  if (len === 0 && op !== "sum") throw new Error(`${op}: axis ${axis} of shape ${shapeString(t.shape)} is empty`);
  const out = new Float64Array(outer * inner).fill(init);
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < len; k++) {
      const base = (o * len + k) * inner;
      for (let i = 0; i < inner; i++) out[o * inner + i] = f(out[o * inner + i], t.data[base + i]);
    }
  }
  return new Tensor(out, t.shape.filter((_, a) => a !== ax));
}

// ---- what the kernel computes ----------------------------------------------------------

export interface MatmulOptions {
  /** Multiply by aᵀ instead of a (a is read as stored, no copy is made). */
  transposeA?: boolean;
  /** Multiply by bᵀ instead of b. */
  transposeB?: boolean;
  /** A vector added to every row of the product: x·W + b in one step. */
  bias?: Tensor;
}

/**
 * numpy's dot for 1-d and 2-d operands, with TensorFlow.js's transposeA/transposeB
 * (x.T·dout without building x.T) and an optional bias added after the product.
 */
export function matmul(a: Tensor, b: Tensor, options: MatmulOptions = {}): Tensor {
  const { transposeA = false, transposeB = false, bias } = options;
  const fail = (why: string): never => {
    throw new Error(`matmul: ${shapeString(a.shape)}${transposeA ? "ᵀ" : ""}·${shapeString(b.shape)}${transposeB ? "ᵀ" : ""}: ${why}`);
  };
  if (a.ndim === 0 || b.ndim === 0 || a.ndim > 2 || b.ndim > 2) fail("only 1-d and 2-d operands");
  if ((transposeA && a.ndim !== 2) || (transposeB && b.ndim !== 2)) fail("only a matrix can be transposed");
  // A vector on the left is a 1×k row, on the right a k×1 column; those axes are dropped again.
  const [m, k] = a.ndim === 2 ? (transposeA ? [a.shape[1], a.shape[0]] : a.shape) : [1, a.shape[0]];
  const [k2, n] = b.ndim === 2 ? (transposeB ? [b.shape[1], b.shape[0]] : b.shape) : [b.shape[0], 1];
  if (k !== k2) fail(`inner sizes ${k} ≠ ${k2}`);
  if (bias && !(bias.ndim === 1 && bias.size === n)) fail(`bias has shape ${shapeString(bias.shape)}, the product's rows need (${n})`);
  checkShape([m, n], "matmul");
  const out = outputArray(m * n);
  kernel().gemm(transposeA, transposeB, m, n, k, a.data, b.data, out, false, bias?.data);
  const shape = [...(a.ndim === 2 ? [m] : []), ...(b.ndim === 2 ? [n] : [])];
  return new Tensor(out, shape);
}

/** Applies one of the kernel's element-wise loops to equal-shaped inputs. */
function elementwise(inputs: Tensor[], loop: (ins: Float64Array[], out: Float64Array) => void, op: string): Tensor {
  const shape = inputs[0].shape;
  inputs.forEach((t, i) => checkSameShape(op, `input ${i}`, t.shape, "the first input's", shape));
  const out = outputArray(inputs[0].size);
  loop(inputs.map((t) => t.data), out);
  return new Tensor(out, shape);
}


/** dout · y · (1 − y): sigmoid's backward pass from its output y. */
export function sigmoidBackward(y: Tensor, dout: Tensor): Tensor {
  return elementwise([y, dout], ([a, d], out) => kernel().sigmoidBackward(a, d, out), "sigmoidBackward");
}


/** dout where x > 0, else 0: ReLU's backward pass (DLFS's mask x <= 0). */
export function reluBackward(x: Tensor, dout: Tensor): Tensor {
  return elementwise([x, dout], ([a, d], out) => kernel().reluBackward(a, d, out), "reluBackward");
}

/** Softmax of each row (the last axis), the row's maximum subtracted first. */
export function softmaxRows(x: Tensor): Tensor {
  if (x.ndim === 0) throw argumentError("softmaxRows", "x", "a tensor of rows (1-d or more)", "a scalar");
  const cols = x.shape[x.ndim - 1];
  if (cols === 0) throw argumentError("softmaxRows", "x", "rows of at least one value", shapeString(x.shape));
  const out = outputArray(x.size);
  kernel().softmaxRows(x.data, x.size / cols, cols, out);
  return new Tensor(out, x.shape);
}

/**
 * xs[i] −= factor · gs[i] for every pair, in place, but only if every gradient is
 * finite: returns −1 after the step, or the index of the first gradient that is not
 * (and then nothing has changed).
 */
export function subScaledAll(xs: readonly Tensor[], factor: number, gs: readonly Tensor[]): number {
  if (xs.length !== gs.length) throw new Error(`subScaledAll: ${xs.length} tensors but ${gs.length} gradients`);
  xs.forEach((x, i) => {
    checkSameShape("subScaledAll", `gs[${i}]`, gs[i].shape, `xs[${i}]'s`, x.shape);
  });
  return kernel().subScaledAll(xs.map((x) => x.data), factor, gs.map((g) => g.data));
}

/**
 * A tensor for data that many products read (weights, a data set, a reused batch):
 * a copy of `source`, or zeros of that shape. The kernel keeps it where its products
 * read it without copying; to every other piece of code it is an ordinary tensor.
 */
export function resident(source: Tensor | Shape): Tensor {
  const shape = source instanceof Tensor ? source.shape : source;
  checkShape(shape, "resident");
  const data = kernel().allocate(shapeSize(shape));
  if (source instanceof Tensor) data.set(source.data);
  return new Tensor(data, shape);
}

/**
 * Runs fn and returns what it returns (a tensor, a number, or arrays and records of
 * them), letting the kernel reuse the memory of every other tensor that products,
 * activations, element-wise operations (arithmetic, comparisons, map and what goes
 * through it), clip, full/ones/zeros and take made inside it (TensorFlow.js's
 * tf.tidy). A tensor made inside fn and
 * kept elsewhere (in a layer, in a variable outside, in a class instance it returns)
 * must not be read after it returns.
 */
export function tidy<T>(fn: () => T): T {
  return withScratch(() => keepResults(fn()));
}

/** The results of fn with every tensor that lives in reused memory copied out of it. */
function keepResults<T>(value: T): T {
  if (value instanceof Tensor) return (isScratch(value.data) ? value.copy() : value) as T;
  if (value instanceof Float64Array) return (isScratch(value) ? value.slice() : value) as T;
  if (Array.isArray(value)) return value.map(keepResults) as T;
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, keepResults(v)])) as T;
  if (value !== null && typeof value === "object" && typeof (value as { then?: unknown }).then === "function") {
    throw new Error("tidy: fn returned a promise; an async function's tensors outlive the call, so it cannot run inside tidy");
  }
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = keepResults(v);
    return out as T;
  }
  return value;
}
