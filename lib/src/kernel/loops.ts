// The plain JavaScript loops both kernels share: the reference kernel is made of them,
// and the wasm kernel runs them where a call into wasm would cost more than the loop.

/**
 * Row r of out (width values) = row indices[r] of src: numpy's x[indices], indices
 * already checked. Narrow rows (one-hot labels) are copied value by value, which is
 * faster than a subarray and a set per row.
 */
export function copyRows(src: Float64Array, width: number, indices: ArrayLike<number>, out: Float64Array): void {
  if (width > 32) {
    for (let r = 0; r < indices.length; r++) out.set(src.subarray(indices[r] * width, (indices[r] + 1) * width), r * width);
    return;
  }
  for (let r = 0; r < indices.length; r++) {
    const from = indices[r] * width, to = r * width;
    for (let j = 0; j < width; j++) out[to + j] = src[from + j];
  }
}

/**
 * Whether none of the values is ±∞ or NaN, in one cheap pass: v·0 is 0 unless v is
 * not finite, summed in four independent sums (it runs on every SGD step).
 */
export function allFiniteFast(d: Float64Array): boolean {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  const end4 = d.length - (d.length % 4);
  for (let i = 0; i < end4; i += 4) {
    s0 += d[i] * 0;
    s1 += d[i + 1] * 0;
    s2 += d[i + 2] * 0;
    s3 += d[i + 3] * 0;
  }
  for (let i = end4; i < d.length; i++) s0 += d[i] * 0;
  return s0 + s1 + s2 + s3 === 0;
}

/** x and out hold rows×cols values at least (both kernels check the same way). */
export function checkRows(op: string, x: Float64Array, out: Float64Array, rows: number, cols: number): void {
  const n = rows * cols;
  if (x.length < n) throw new Error(`${op}: x has ${x.length} values, ${rows} rows of ${cols} need ${n}`);
  if (out.length < n) throw new Error(`${op}: out has ${out.length} values, ${rows} rows of ${cols} need ${n}`);
}

/** subScaledAll's arguments: one gradient per array, as long as it. */
export function checkSteps(xs: Float64Array[], gs: Float64Array[]): void {
  if (xs.length !== gs.length) throw new Error(`subScaledAll: ${xs.length} arrays but ${gs.length} gradients`);
  xs.forEach((x, i) => {
    if (gs[i].length !== x.length) throw new Error(`subScaledAll: gradient ${i} has ${gs[i].length} values, its array ${x.length}`);
  });
}

export function subScaled(x: Float64Array, factor: number, g: Float64Array, out: Float64Array): void {
  const n = x.length, n4 = n - (n % 4);
  // Four independent updates per turn let the processor overlap them.
  let i = 0;
  for (; i < n4; i += 4) {
    out[i] = x[i] - factor * g[i];
    out[i + 1] = x[i + 1] - factor * g[i + 1];
    out[i + 2] = x[i + 2] - factor * g[i + 2];
    out[i + 3] = x[i + 3] - factor * g[i + 3];
  }
  for (; i < n; i++) out[i] = x[i] - factor * g[i];
}

/** SGD's step over all arrays, only if every gradient is finite: −1, or the index of the first that is not. */
export function subScaledAll(xs: Float64Array[], factor: number, gs: Float64Array[]): number {
  checkSteps(xs, gs);
  const bad = gs.findIndex((g) => !allFiniteFast(g));
  if (bad >= 0) return bad;
  xs.forEach((x, i) => subScaled(x, factor, gs[i], x));
  return -1;
}

export function sigmoid(x: Float64Array, out: Float64Array): void {
  for (let i = 0; i < x.length; i++) out[i] = 1 / (1 + Math.exp(-x[i]));
}

export function sigmoidBackward(y: Float64Array, dout: Float64Array, out: Float64Array): void {
  for (let i = 0; i < y.length; i++) out[i] = dout[i] * y[i] * (1 - y[i]);
}

export function clip(x: Float64Array, lo: number, hi: number, out: Float64Array): void {
  for (let i = 0; i < x.length; i++) out[i] = x[i] < lo ? lo : x[i] > hi ? hi : x[i]; // NaN stays NaN, as np.clip
}

export function relu(x: Float64Array, out: Float64Array): void {
  for (let i = 0; i < x.length; i++) out[i] = x[i] <= 0 ? 0 : x[i]; // NaN stays NaN, as np.maximum(0, x)
}

export function reluBackward(x: Float64Array, dout: Float64Array, out: Float64Array): void {
  for (let i = 0; i < x.length; i++) out[i] = x[i] <= 0 ? 0 : dout[i]; // DLFS's mask (x <= 0): NaN lets dout through
}

export function softmaxRows(x: Float64Array, rows: number, cols: number, out: Float64Array): void {
  checkRows("softmaxRows", x, out, rows, cols);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let max = -Infinity;
    for (let j = 0; j < cols; j++) if (x[o + j] > max) max = x[o + j];
    let sum = 0;
    for (let j = 0; j < cols; j++) {
      const e = Math.exp(x[o + j] - max);
      out[o + j] = e;
      sum += e;
    }
    for (let j = 0; j < cols; j++) out[o + j] /= sum;
  }
}
