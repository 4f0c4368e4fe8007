import { test } from "node:test";
import assert from "node:assert/strict";
import { forwardDiff, gradientDescent, numericalDiff, numericalGradient } from "../lib/src/gradient";
import { Tensor, tensor } from "../lib/src/tensor";

const relErr = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
const norm = (x: Tensor) => Math.hypot(...x.data);
const rounded = (x: Tensor) => [...x.data].map((v) => +v.toFixed(6));
const f2 = (x: Tensor) => x.data[0] * x.data[0] + x.data[1] * x.data[1]; // DLFS function_2

test("numericalDiff matches analytic derivatives to a relative error < 1e-6", () => {
  const f1 = (x: number) => 0.01 * x ** 2 + 0.1 * x; // DLFS function_1, f′(x) = 0.02x + 0.1
  assert.equal(numericalDiff(f1, 5), 0.1999999999990898); // the book's digits
  assert.equal(numericalDiff(f1, 10), 0.2999999999986347);
  for (const x of [5, 10, -3.5]) assert.ok(relErr(numericalDiff(f1, x), 0.02 * x + 0.1) < 1e-6);
  for (const x of [-2, 0.3, 1, 4]) {
    assert.ok(relErr(numericalDiff(Math.exp, x), Math.exp(x)) < 1e-6, `exp at ${x}`);
    assert.ok(relErr(numericalDiff(Math.sin, x), Math.cos(x)) < 1e-6, `sin at ${x}`);
  }
});

test("the central difference beats the forward difference; h = 1e-50 rounds to 0", () => {
  const f1 = (x: number) => 0.01 * x ** 2 + 0.1 * x;
  // numpy: (f1(x + 1e-4) - f1(x)) / 1e-4, off from 0.2 and 0.3 by f1″·h/2 = 1e-6
  assert.equal(forwardDiff(f1, 5), 0.20000099999917254);
  assert.equal(forwardDiff(f1, 10), 0.3000009999976072);
  // Taylor: the forward difference is off by f″(x)·h/2, the central one by f‴(x)·h²/6; for exp at 1 both are e·…
  const h = 1e-4;
  const central = numericalDiff(Math.exp, 1) - Math.E;
  const forward = forwardDiff(Math.exp, 1) - Math.E;
  assert.ok(relErr(forward, (Math.E * h) / 2) < 1e-3, `forward off by ${forward}`);
  assert.ok(relErr(central, (Math.E * h * h) / 6) < 1e-3, `central off by ${central}`);
  assert.equal(forwardDiff(Math.exp, 1), 2.718417747082924); // numpy (np.exp(1+h)-np.exp(1))/h
  assert.equal(numericalDiff(Math.exp, 1), 2.718281832989611); // numpy (np.exp(1+h)-np.exp(1-h))/(2*h)
  // h = 1e-50 is lost when added to 5 (5 + 1e-50 === 5), so f(x + h) = f(x − h) and the difference is 0
  assert.equal(numericalDiff(f1, 5, 1e-50), 0);
  assert.equal(forwardDiff(f1, 5, 1e-50), 0);
});

test("numericalGradient handles any shape and matches the analytic gradient", () => {
  // f(X) = Σ exp(X/2) + X³, ∂f/∂X = exp(X/2)/2 + 3X², positive for every X here
  const x = tensor([[[0.5, 0.7], [1.1, -0.4]], [[2, 0.9], [1.3, 0.25]], [[1.7, -1.2], [0.6, 1.9]]]);
  const f = (t: Tensor) => t.data.reduce((s, v) => s + Math.exp(v / 2) + v * v * v, 0);
  const g = numericalGradient(f, x);
  assert.deepEqual(g.shape, [3, 2, 2]);
  for (let i = 0; i < x.size; i++) {
    const v = x.data[i];
    assert.ok(relErr(g.data[i], Math.exp(v / 2) / 2 + 3 * v * v) < 1e-6, `element ${i}`);
  }
  assert.deepEqual(rounded(numericalGradient(f2, tensor([3, 4]))), [6, 8]);
  assert.deepEqual(rounded(numericalGradient(f2, tensor([0, 2]))), [0, 4]);
  assert.deepEqual(rounded(numericalGradient(f2, tensor([3, 0]))), [6, 0]);
});

test("numericalGradient leaves x bit for bit as it was, even when f throws", () => {
  const values = [0.1, 1 / 3, -0, 1e300, -7.123456789e-200, 5e-324, 123456.789];
  const x = tensor(values).reshape(7, 1);
  const bytes = () => new Uint8Array(x.data.buffer, x.data.byteOffset, x.data.byteLength).slice();
  const before = bytes();
  let seenPerturbed = false;
  numericalGradient((t) => {
    if (t.data.some((v, i) => !Object.is(v, values[i]))) seenPerturbed = true; // f sees the moved value
    return t.data[0] * 2 + t.data[1];
  }, x);
  assert.ok(seenPerturbed);
  assert.deepEqual(bytes(), before);
  assert.ok(Object.is(x.data[2], -0));
  let calls = 0;
  assert.throws(() => numericalGradient(() => { if (++calls === 3) throw new Error("boom"); return 1; }, x), /boom/);
  assert.deepEqual(bytes(), before);
});

test("gradientDescent from (−3, 4): lr 0.1 reaches 0, lr 10 diverges, lr 1e-10 stays put", () => {
  const init = tensor([-3, 4]);
  const good = gradientDescent(f2, init, 0.1, 100);
  assert.ok(norm(good.x) < 1e-6, `|x| = ${norm(good.x)}`);
  assert.deepEqual(good.x.toArray(), [-6.111107928998789e-10, 8.148143905314271e-10]); // DLFS: [-6.11110793e-10, 8.14814391e-10]
  assert.equal(good.path.length, 101);
  assert.deepEqual(good.path[0].toArray(), [-3, 4]);
  // numpy, DLFS gradient_descent with step_num 1, 2: x − 0.1·2x = 0.8x, up to the difference's rounding
  assert.deepEqual(good.path[1].toArray(), [-2.399999999999622, 3.200000000000088]);
  assert.deepEqual(good.path[2].toArray(), [-1.9199999999982538, 2.5599999999976717]);
  assert.deepEqual(good.path[100].toArray(), good.x.toArray());
  assert.notEqual(good.path[100], good.x); // a copy, so the path cannot change afterwards
  assert.deepEqual(init.toArray(), [-3, 4]); // the start is not modified
  const big = gradientDescent(f2, init, 10, 100);
  assert.ok(norm(big.x) > 1e12);
  assert.deepEqual(big.x.toArray(), [-25898374737328.363, -1295248616896.5398]); // DLFS: [-2.58983747e+13, -1.29524862e+12]
  const tiny = gradientDescent(f2, init, 1e-10, 100);
  assert.ok(norm(tiny.x.sub(init)) < 1e-6);
  assert.deepEqual(tiny.x.toArray(), [-2.999999939999995, 3.9999999199999934]); // DLFS: [-2.99999994, 3.99999992]
});

test("bad input gets a clear error", () => {
  const x0 = tensor([1, 2]);
  for (const lr of [0, -0.1, NaN, Infinity]) assert.throws(() => gradientDescent(f2, x0, lr, 10), /learning rate lr must be a finite number > 0, got/);
  assert.throws(() => gradientDescent(f2, x0, 0.1, -1), /steps must be an integer ≥ 0, got -1/);
  assert.throws(() => gradientDescent(f2, x0, 0.1, 2.5), /steps must be an integer ≥ 0, got 2.5/);
  assert.equal(gradientDescent(f2, x0, 0.1, 0).path.length, 1);
  assert.throws(() => numericalGradient(() => NaN, tensor([[1, 2], [3, 4]])), /f returned NaN when x\[0, 0\] was moved by \+h from 1 \(x has shape \(2×2\)\)/);
  assert.throws(() => numericalGradient((t) => (t.data[3] < 4 ? Infinity : 0), tensor([[1, 2], [3, 4]])), /f returned Infinity when x\[1, 1\] was moved by −h/);
  assert.throws(() => numericalGradient(f2, tensor([1, NaN])), /x\[1\] = NaN is not finite/);
  assert.throws(() => gradientDescent(() => NaN, x0, 0.1, 3), /f returned NaN/);
  assert.throws(() => numericalDiff(() => NaN, 1), /numericalDiff: f returned NaN at x \+ h = 1.0001/);
  assert.throws(() => numericalDiff(Math.sin, Infinity), /x must be a finite number, got Infinity/);
  assert.throws(() => numericalDiff(Math.sin, 1, 0), /step h must be a finite number > 0, got 0/);
  assert.throws(() => numericalGradient(f2, x0, -1e-4), /step h must be a finite number > 0, got -0.0001/);
});
