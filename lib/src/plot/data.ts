// Input normalisation shared by the plot builders: number arrays in, plain finite
// numbers out, and an honest count of what had to be left out.

/** Numbers as the course has them: plain arrays, typed arrays, or a Tensor (via `.data`). */
export type Numbers = ArrayLike<number> | { readonly data: ArrayLike<number> };

/** Class labels per point: class indices (into `classNames`) or names. */
export type Labels = ArrayLike<number | string> | { readonly data: ArrayLike<number> };

function unwrap<T>(v: ArrayLike<T> | { readonly data: ArrayLike<number> }, what: string): ArrayLike<T | number> {
  if (v === null || v === undefined) throw new Error(`${what}: expected an array, got ${v}`);
  if (Array.isArray(v) || ArrayBuffer.isView(v)) return v as ArrayLike<T>;
  const data = (v as { data?: unknown }).data;
  if (Array.isArray(data) || ArrayBuffer.isView(data)) return data as ArrayLike<number>;
  if (typeof (v as ArrayLike<T>).length === "number") return v as ArrayLike<T>;
  throw new Error(`${what}: expected an array of numbers, a Float64Array or a Tensor`);
}

/** The numbers of `v` as an array-like (no copy for arrays, typed arrays and tensors). */
export function numbers(v: Numbers, what: string): ArrayLike<number> {
  return unwrap<number>(v, what);
}

/** Labels of `v` as an array-like. */
export function labelArray(v: Labels, what: string): ArrayLike<number | string> {
  return unwrap<number | string>(v, what);
}

/**
 * Names of classes: an array indexed by class number (["setosa", "versicolor"]), or
 * a map from label to name for labels that are not indices ({ "-1": "setosa", "1": "versicolor" }).
 */
export type ClassNames = readonly string[] | Readonly<Record<string, string>>;

/** The display name of a class label. */
export function className(label: number | string, classNames: ClassNames | undefined): string {
  if (classNames === undefined) return String(label);
  if (Array.isArray(classNames)) {
    if (typeof label === "number" && Number.isInteger(label) && label >= 0 && label < classNames.length) return classNames[label];
    return String(label);
  }
  const named = (classNames as Readonly<Record<string, string>>)[String(label)];
  return named ?? String(label);
}

function namesInOrder(classNames: ClassNames): string[] {
  if (Array.isArray(classNames)) return [...(classNames as readonly string[])];
  const record = classNames as Readonly<Record<string, string>>;
  const keys = Object.keys(record);
  const numeric = keys.every((k) => k.trim() !== "" && Number.isFinite(Number(k)));
  if (numeric) keys.sort((a, b) => Number(a) - Number(b));
  return keys.map((k) => record[k]);
}

/** Class domain in a stable order: the given names, then any other labels seen (numbers numerically). */
export function classDomain(labels: Iterable<number | string>, classNames: ClassNames | undefined): string[] {
  const domain = classNames ? namesInOrder(classNames) : [];
  const known = new Set(domain);
  const extra: (number | string)[] = [];
  const seen = new Set<string>();
  for (const l of labels) {
    const name = className(l, classNames);
    if (known.has(name) || seen.has(name)) continue;
    seen.add(name);
    extra.push(l);
  }
  extra.sort((a, b) =>
    typeof a === "number" && typeof b === "number" ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0,
  );
  for (const l of extra) domain.push(className(l, classNames));
  return domain;
}

/** Round to 6 significant digits: plenty for a plot, and keeps the spec JSON short. */
export function tidy(v: number): number {
  if (v === 0 || !Number.isFinite(v)) return v === 0 ? 0 : v;
  return Number(v.toPrecision(6));
}

export function plural(n: number, singular: string, pluralForm = singular + "s"): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

/** Counts what a builder drops, and words it for the subtitle and text/plain. */
export class Dropped {
  nonFinite = 0;
  nonPositive = 0;
  private readonly extra: string[] = [];

  /** Whether (x, y) can be drawn; counts it otherwise. `logX`/`logY`: the axis is logarithmic. */
  keep(x: number, y: number, logX = false, logY = false): boolean {
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      this.nonFinite++;
      return false;
    }
    if ((logX && x <= 0) || (logY && y <= 0)) {
      this.nonPositive++;
      return false;
    }
    return true;
  }

  /** Whether a single value is finite; counts it otherwise. */
  finite(v: number): boolean {
    if (Number.isFinite(v)) return true;
    this.nonFinite++;
    return false;
  }

  note(text: string): void {
    this.extra.push(text);
  }

  get total(): number {
    return this.nonFinite + this.nonPositive;
  }

  notes(): string[] {
    const out: string[] = [];
    if (this.nonFinite > 0) out.push(`${plural(this.nonFinite, "non-finite value")} not shown`);
    if (this.nonPositive > 0) out.push(`${plural(this.nonPositive, "value")} ≤ 0 not shown (log scale)`);
    return out.concat(this.extra);
  }
}

export function checkSameLength(what: string, a: ArrayLike<unknown>, aName: string, b: ArrayLike<unknown>, bName: string): void {
  if (a.length !== b.length) {
    throw new Error(`${what}: ${aName} has ${a.length} values but ${bName} has ${b.length}`);
  }
}

/** [min, max] of the finite values, or null when there are none. */
export function finiteExtent(values: Iterable<number>): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}
