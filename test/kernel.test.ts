import { test } from "node:test";
import assert from "node:assert/strict";
import { kernel, kernelNames, referenceKernel, useKernel } from "../lib/src/kernel";
import { copyRows } from "../lib/src/kernel/loops";
import { uninitializedArray } from "../lib/src/kernel/scratch";

// Textbook triple loop, the definition the kernels must agree with.
function naive(transA: boolean, transB: boolean, m: number, n: number, k: number, a: Float64Array, b: Float64Array): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
      c[i * n + j] = s;
    }
  return c;
}

function random(n: number, seed: number, zeros = 0): Float64Array {
  let s = seed;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out[i] = s / 2147483648 < zeros ? 0 : s / 1073741824 - 1;
  }
  return out;
}

test("gemm in all four transpose forms matches the definition, with and without accumulate", () => {
  for (const [m, n, k] of [[1, 1, 1], [3, 5, 7], [17, 4, 33], [0, 3, 2], [2, 3, 0]]) {
    for (const transA of [false, true]) for (const transB of [false, true]) {
      const a = random(m * k, m + 7 * k, 0.3), b = random(k * n, n + 3 * k);
      const expected = naive(transA, transB, m, n, k, a, b);
      const c = new Float64Array(m * n).fill(99);
      referenceKernel.gemm(transA, transB, m, n, k, a, b, c, false);
      c.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) <= 1e-12 * (1 + Math.abs(expected[i])), `${m}×${n}×${k} ${transA} ${transB}`));
      const acc = new Float64Array(m * n).fill(1);
      referenceKernel.gemm(transA, transB, m, n, k, a, b, acc, true);
      acc.forEach((v, i) => assert.ok(Math.abs(v - 1 - expected[i]) <= 1e-12 * (1 + Math.abs(expected[i]))));
    }
  }
});

test("element-wise loops: sigmoid, relu, their backward passes, softmax rows", () => {
  const x = Float64Array.of(-2, 0, 3);
  const y = new Float64Array(3);
  referenceKernel.sigmoid(x, y);
  assert.deepEqual([...y], [1 / (1 + Math.exp(2)), 0.5, 1 / (1 + Math.exp(-3))]);
  const g = new Float64Array(3);
  referenceKernel.sigmoidBackward(y, Float64Array.of(1, 2, 1), g);
  assert.equal(g[1], 0.5);
  referenceKernel.relu(x, y);
  assert.deepEqual([...y], [0, 0, 3]);
  referenceKernel.reluBackward(x, Float64Array.of(5, 5, 5), g);
  assert.deepEqual([...g], [0, 0, 5]);
  // As numpy's np.maximum(0, x) and DLFS's Relu (mask = x <= 0): NaN is not hidden as 0, and −0 gives +0.
  const odd = Float64Array.of(NaN, -0, -Infinity, Infinity), r = new Float64Array(4);
  referenceKernel.relu(odd, r);
  assert.ok(Number.isNaN(r[0]) && Object.is(r[1], 0) && r[2] === 0 && r[3] === Infinity, String([...r]));
  referenceKernel.reluBackward(odd, Float64Array.of(7, 7, 7, 7), r);
  assert.deepEqual([...r], [7, 0, 0, 7]);
  const s = new Float64Array(4);
  referenceKernel.softmaxRows(Float64Array.of(1000, 1000, -1000, 0), 2, 2, s);
  assert.deepEqual([...s.subarray(0, 2)], [0.5, 0.5]); // no overflow at ±1000
  assert.ok(Math.abs(s[2] + s[3] - 1) < 1e-15 && s[2] === 0);
});

test("the kernel is chosen by name and unknown names are refused", () => {
  assert.ok(kernelNames().includes("reference"));
  const before = kernel().name;
  assert.equal(useKernel("reference"), before); // returns the previous one
  assert.equal(kernel().name, "reference");
  useKernel(before);
  assert.equal(kernel().name, before);
  assert.throws(() => useKernel("gpu"), /no kernel "gpu"; available: reference/);
});

test("copyRows copies the chosen rows, value by value for narrow rows and by subarray for wide ones", () => {
  for (const width of [1, 10, 32, 33, 784]) {
    const rows = 7;
    const src = Float64Array.from({ length: rows * width }, (_, i) => i + 0.5);
    const indices = [6, 0, 3, 3];
    const out = new Float64Array(indices.length * width).fill(NaN);
    copyRows(src, width, indices, out);
    for (let r = 0; r < indices.length; r++) for (let j = 0; j < width; j++) {
      assert.equal(out[r * width + j], indices[r] * width + j + 0.5, `width ${width}, row ${r}, column ${j}`);
    }
  }
});

test("uninitializedArray: the asked length, each array its own memory (for outputs the kernels overwrite whole)", () => {
  for (const length of [0, 1, 5000, 39200]) {
    const a = uninitializedArray(length), b = uninitializedArray(length);
    assert.equal(a.length, length);
    assert.equal(a.byteOffset % 8, 0);
    a.fill(1);
    b.fill(2);
    assert.ok(a.every((v) => v === 1), `length ${length}: writing one array changed another`);
  }
  // What makes it safe for Affine's products: without accumulate, every element of C is written.
  for (const name of kernelNames()) {
    const previous = useKernel(name);
    try {
      for (const [m, n, k] of [[3, 5, 7], [100, 50, 784], [2, 3, 0]]) {
        const a = random(m * k, 11, 0.8), b = random(k * n, 12), bias = random(n, 13);
        const c = new Float64Array(m * n).fill(NaN);
        kernel().gemm(false, false, m, n, k, a, b, c, false, bias);
        const expected = naive(false, false, m, n, k, a, b);
        c.forEach((v, i) => assert.ok(Math.abs(v - expected[i] - bias[i % n]) <= 1e-12 * (1 + Math.abs(expected[i])), `${name} ${m}×${n}×${k} element ${i}: ${v}`));
      }
    } finally {
      useKernel(previous);
    }
  }
});
