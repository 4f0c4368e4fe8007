// Argument checks, with one message shape everywhere:
//   "<function>: <argument> must be <what was expected>, got <what came>"
// so that a learner who passes a wrong value reads which call, which argument, what
// it needed and what it got, before anything has been computed.

/** A tensor's shape (as tensor.ts's Shape; this module comes before tensor.ts). */
type Shape = readonly number[];

/** How a value that came is written in a message: numbers as they are, anything else as JSON. */
export function describe(value: unknown): string {
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (value === undefined) return "undefined";
  if (typeof value === "function") return "a function";
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A shape as the course prints it: (2×3). */
export function describeShape(shape: Shape): string {
  return "(" + shape.join("×") + ")";
}

/** The error every check throws. */
export function argumentError(fn: string, arg: string, expected: string, got: string): Error {
  return new Error(`${fn}: ${arg} must be ${expected}, got ${got}`);
}

/** An integer ≥ min (and ≤ max when given). */
export function checkInteger(fn: string, arg: string, value: unknown, min: number, max?: number): number {
  const ok = typeof value === "number" && Number.isInteger(value) && value >= min && (max === undefined || value <= max);
  const expected = max !== undefined ? `an integer in ${min}..${max}` : min === -Infinity ? "an integer" : `an integer ≥ ${min}`;
  if (!ok) throw argumentError(fn, arg, expected, describe(value));
  return value as number;
}

/** A seed of the numpy-compatible stream: an integer in [0, 2^32 − 1]. */
export function checkSeed(fn: string, arg: string, value: unknown): number {
  if (!(typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 0xffffffff)) {
    throw argumentError(fn, arg, "an integer in [0, 2^32 − 1]", describe(value));
  }
  return value;
}

/** A bit, 0 or 1: the logic gates' and McCulloch–Pitts neurons' inputs (their weights were chosen for 0 and 1 only). */
export function checkBit(fn: string, arg: string, value: unknown): void {
  if (value !== 0 && value !== 1) throw argumentError(fn, arg, "0 or 1", describe(value));
}

/** A finite number. */
export function checkFinite(fn: string, arg: string, value: unknown): number {
  if (!(typeof value === "number" && Number.isFinite(value))) throw argumentError(fn, arg, "a finite number", describe(value));
  return value;
}

/** A finite number > 0 (a learning rate, a step size). */
export function checkPositive(fn: string, arg: string, value: unknown): number {
  if (!(typeof value === "number" && Number.isFinite(value) && value > 0)) throw argumentError(fn, arg, "a finite number > 0", describe(value));
  return value;
}

/** A finite number ≥ 0 (a standard deviation, a penalty). */
export function checkNonNegative(fn: string, arg: string, value: unknown): number {
  if (!(typeof value === "number" && Number.isFinite(value) && value >= 0)) throw argumentError(fn, arg, "a finite number ≥ 0", describe(value));
  return value;
}

/** A number in [0, 1) (a momentum, a decay rate). */
export function checkFraction(fn: string, arg: string, value: unknown): number {
  if (!(typeof value === "number" && value >= 0 && value < 1)) throw argumentError(fn, arg, "a number in [0, 1)", describe(value));
  return value;
}

/** A number in [min, max], both ends included (scikit-learn's momentum in [0, 1]). */
export function checkInRange(fn: string, arg: string, value: unknown, min: number, max: number): number {
  if (!(typeof value === "number" && value >= min && value <= max)) throw argumentError(fn, arg, `a number in [${min}, ${max}]`, describe(value));
  return value;
}

/** One of a few names, e.g. an activation. */
export function checkOneOf<T extends string>(fn: string, arg: string, value: unknown, options: readonly T[]): T {
  if (!options.includes(value as T)) throw argumentError(fn, arg, `one of ${options.map((o) => JSON.stringify(o)).join(", ")}`, describe(value));
  return value as T;
}

/** Two shapes that must be equal, e.g. a gradient and its parameter. */
export function checkSameShape(fn: string, arg: string, shape: Shape, expectedName: string, expected: Shape): void {
  if (!(shape.length === expected.length && shape.every((d, i) => d === expected[i]))) {
    throw argumentError(fn, arg, `of ${expectedName} shape ${describeShape(expected)}`, describeShape(shape));
  }
}

/** Class labels: integers in 0..classes − 1, one per value. */
export function checkLabels(fn: string, arg: string, labels: ArrayLike<number>, classes: number): void {
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i];
    if (!(Number.isInteger(c) && c >= 0 && c < classes)) throw argumentError(fn, `${arg}[${i}]`, `a class label in 0..${classes - 1}`, describe(c));
  }
}

/**
 * An index into an axis of `size` entries, numpy's way: an integer in −size..size − 1,
 * negative ones counting from the end. Returns it as 0..size − 1.
 */
export function checkIndex(fn: string, arg: string, value: unknown, size: number): number {
  if (!(typeof value === "number" && Number.isInteger(value) && value >= -size && value < size)) {
    throw argumentError(fn, arg, size === 0 ? "an index, but the axis is empty" : `an integer in ${-size}..${size - 1}`, describe(value));
  }
  return value < 0 ? value + size : value;
}

/**
 * Index of the first ±∞ or NaN, or −1. A whole data set or a gradient is checked this
 * way on every training run or step, so a Float64Array first gets one pass without a
 * branch per value (v·0 is 0 unless v is ±∞ or NaN; four sums), and the search runs
 * only if that pass fails.
 */
export function firstNonFinite(values: ArrayLike<number>): number {
  if (values instanceof Float64Array) {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, i = 0;
    for (; i + 4 <= values.length; i += 4) {
      s0 += values[i] * 0;
      s1 += values[i + 1] * 0;
      s2 += values[i + 2] * 0;
      s3 += values[i + 3] * 0;
    }
    for (; i < values.length; i++) s0 += values[i] * 0;
    if (s0 + s1 + s2 + s3 === 0) return -1;
  }
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return i;
  return -1;
}

/** Every value finite (scikit-learn refuses NaN input the same way), named by row and column when `width` is given. */
export function checkAllFinite(fn: string, arg: string, values: ArrayLike<number>, width?: number): void {
  const i = firstNonFinite(values);
  if (i < 0) return;
  const at = width ? `[${Math.floor(i / width)}][${i % width}]` : `[${i}]`;
  throw argumentError(fn, `${arg}${at}`, "a finite number", describe(values[i]));
}

/** One-hot rows: each row of `cols` values has one 1 and zeros elsewhere. */
export function checkOneHot(fn: string, arg: string, values: ArrayLike<number>, cols: number): void {
  for (let r = 0; r * cols < values.length; r++) {
    let ones = 0;
    for (let j = 0; j < cols; j++) {
      const v = values[r * cols + j];
      if (v === 1) ones++;
      else if (v !== 0) throw argumentError(fn, `${arg}[${r}][${j}]`, "0 or 1 (one-hot rows)", describe(v));
    }
    if (ones !== 1) throw argumentError(fn, `${arg}[${r}]`, "a one-hot row (a single 1)", `${ones} ones`);
  }
}
