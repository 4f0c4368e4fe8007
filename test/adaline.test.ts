// AdalineGD against the post's own Python (post 000 §3.3), run with numpy 1.24 on
// data/iris.data: rows 0-99, columns 0 and 2, setosa → −1, versicolor → 1.
// The reference lists below are `ada.costs` printed by that code (/usr/bin/python3).

import { test } from "node:test";
import assert from "node:assert/strict";
import { loadIris } from "../lib/src/data";
import { AdalineGD } from "../lib/src/models/adaline";
import { standardize } from "../lib/src/preprocessing";
import { Rng } from "../lib/src/random";
import { stack, tensor } from "../lib/src/tensor";

const iris = loadIris();
const first100 = iris.X.sliceRows(0, 100);
const x = stack([first100.col(0), first100.col(2)]).T; // sepal length, petal length
const y = Array.from(iris.y.subarray(0, 100), (c) => (c === 0 ? -1 : 1));
const xStd = standardize(x);

// AdalineGD(n_iter=10, eta=0.01).fit(x, y).costs
const REF_ETA_001 = [
  51.08122709777622, 3212.00173306383, 5006791.287179792, 7811818375.781584, 12188352557082.29,
  1.901681925486388e16, 2.967090202540123e19, 4.629388412448577e22, 7.2229813084097985e25, 1.126962232016363e29,
];
// AdalineGD(n_iter=10, eta=0.0001).fit(x, y).costs
const REF_ETA_00001 = [
  51.08122709777622, 48.734405003475466, 47.268121538341724, 46.127493074312454, 45.1157715314193,
  44.16300470536643, 43.24413592828169, 42.350009099392544, 41.47710358023412, 40.62389994660111,
];
// AdalineGD(n_iter=15, eta=0.01).fit(x_std, y).costs
const REF_STANDARDISED = [
  50.97692262073463, 34.46294520163306, 23.572819267222197, 16.38559493990226, 11.642197678719517,
  8.511668206880152, 6.445593148344746, 5.082032707243379, 4.182115219320865, 3.588191062636885,
  3.1962152330448794, 2.937520500299582, 2.766788124224708, 2.654108813243642, 2.579743145670435,
];
// and its final ada.w (the bias is ~1e-16: rounding noise around 0, compared absolutely)
const REF_STANDARDISED_W = [1.709743457922742e-16, -0.12602214732841188, 1.1050630571245712];

/** Agreement to about 12 significant digits (summation order differs from BLAS in the last bits). */
function assertCloseList(actual: readonly number[], expected: readonly number[], rtol = 1e-12): void {
  assert.equal(actual.length, expected.length, "length");
  actual.forEach((a, i) => assert.ok(Math.abs(a - expected[i]) <= rtol * Math.abs(expected[i]), `epoch ${i + 1}: ${a} vs ${expected[i]}`));
}

test("initial weights are RandomState(1).normal(0, 0.01, 3); the first cost is J of those weights", () => {
  const w = Rng.numpy(1).normalArray(0, 0.01, 3);
  assert.deepEqual(Array.from(w), [0.01624345363663242, -0.006117564136500754, -0.005281717522634557]); // numpy's draw
  let j = 0;
  for (let i = 0; i < 100; i++) j += (y[i] - (w[0] + w[1] * x.get(i, 0) + w[2] * x.get(i, 1))) ** 2 / 2;
  const ada = new AdalineGD({ eta: 0.01, nIter: 1 }).fit(x, y);
  assert.equal(ada.costs[0], 51.08122709777622); // numpy's first cost, to the last digit
  assert.deepEqual(ada.weightHistory.map((v) => Array.from(v)), [Array.from(w), Array.from(ada.w)]);
  assert.ok(Math.abs(ada.costs[0] - j) < 1e-12);
});

test("cost lists match the post's code: eta 0.01 diverges, eta 0.0001 crawls", () => {
  const fast = new AdalineGD({ nIter: 10, eta: 0.01 }).fit(x, y);
  const slow = new AdalineGD({ nIter: 10, eta: 0.0001 }).fit(x, y);
  assertCloseList(fast.costs, REF_ETA_001);
  assertCloseList(slow.costs, REF_ETA_00001);
  assert.equal(fast.divergedAt, null); // huge, but still finite after 10 epochs
  for (let i = 1; i < 10; i++) assert.ok(fast.costs[i] > fast.costs[i - 1] && slow.costs[i] < slow.costs[i - 1]);
});

test("standardised Iris with eta 0.01: cost matches and decreases monotonically; all 100 classified", () => {
  const ada = new AdalineGD({ nIter: 15, eta: 0.01 }).fit(xStd, y);
  assertCloseList(ada.costs, REF_STANDARDISED);
  for (let i = 1; i < ada.costs.length; i++) assert.ok(ada.costs[i] < ada.costs[i - 1], `epoch ${i + 1} did not decrease`);
  assert.ok(Math.abs(ada.w[0] - REF_STANDARDISED_W[0]) < 1e-14);
  assertCloseList(Array.from(ada.w.subarray(1)), REF_STANDARDISED_W.slice(1));
  assert.deepEqual(Array.from(ada.predict(xStd).data), y);
});

test("same seed ⇒ same weights; another seed ⇒ other initial weights", () => {
  const a = new AdalineGD({ nIter: 5, seed: 7 }).fit(xStd, y);
  const b = new AdalineGD({ nIter: 5, seed: 7 }).fit(xStd, y);
  const c = new AdalineGD({ nIter: 5, seed: 8 }).fit(xStd, y);
  assert.deepEqual(Array.from(a.w), Array.from(b.w));
  assert.deepEqual(a.costs, b.costs);
  assert.notDeepEqual(Array.from(a.w), Array.from(c.w));
  assert.notEqual(a.costs[0], c.costs[0]);
});

test("a long diverging run completes: cost overflows at epoch 98, weights at 193 (as numpy); predict then refuses", () => {
  const ada = new AdalineGD({ nIter: 200, eta: 0.01 }).fit(x, y);
  assert.equal(ada.costs.length, 200);
  assert.equal(ada.divergedAt, 98);
  assertCloseList(ada.costs.slice(95, 97), [4.639767791157429e303, 7.239175684799856e306]); // numpy's costs[95:97]
  assert.equal(ada.costs[97], Infinity); // numpy: inf (errors² overflow while the weights are ~1e157)
  assert.ok(Number.isNaN(ada.costs[199]));
  assert.throws(() => ada.predict(x), /weights are not finite \(training diverged at epoch 98\)/);
  // after 100 epochs the weights are huge but finite: predict still answers (−1 everywhere, 50%, as numpy)
  const ada100 = new AdalineGD({ nIter: 100, eta: 0.01 }).fit(x, y);
  assert.ok(ada100.w.every(Number.isFinite));
  assert.deepEqual([...new Set(ada100.predict(x).data)], [-1]);
});

test("net input and prediction by hand", () => {
  const ada = new AdalineGD({ nIter: 1 }).fit(tensor([[1], [-1]]), [1, -1]);
  ada.w = Float64Array.of(0.5, 2);
  assert.deepEqual(Array.from(ada.netInput(tensor([[1], [-1], [-0.25]])).data), [2.5, -1.5, 0]);
  assert.deepEqual(Array.from(ada.predict(tensor([[1], [-1], [-0.25]])).data), [1, -1, 1]); // φ(z) = 0 → 1
});

test("bad input is refused with the reason", () => {
  assert.throws(() => new AdalineGD({ eta: 0 }), /AdalineGD: eta must be a finite number > 0, got 0/);
  assert.throws(() => new AdalineGD({ eta: NaN }), /eta must be a finite number > 0, got NaN/);
  assert.throws(() => new AdalineGD({ eta: -0.1 }), /got -0.1/);
  assert.throws(() => new AdalineGD({ nIter: 2.5 }), /nIter must be an integer ≥ 1, got 2.5/);
  assert.throws(() => new AdalineGD({ seed: -1 }), /seed must be an integer in \[0, 2\^32 − 1\], got -1/);
  const ada = new AdalineGD();
  assert.throws(() => ada.fit(x, y.slice(0, 99)), /X \(100×2\) has 100 rows but y has 99 targets/);
  assert.throws(() => ada.fit(tensor([]).reshape(0, 2), []), /X \(0×2\) is empty/);
  assert.throws(() => ada.fit(tensor([1, 2]), [1, -1]), /X must be a matrix \(samples × features\), got shape \(2\)/);
  assert.throws(() => ada.fit(tensor([[1, NaN], [0, 1]]), [1, -1]), /X\[0\]\[1\] = NaN is not a finite number/);
  assert.throws(() => ada.fit(tensor([[1], [2]]), [1, 0]), /y\[1\] = 0: targets must be −1 or 1/);
  assert.throws(() => ada.fit(tensor([[1], [2]]), tensor([[1, -1]])), /y must be a vector of targets, got shape \(1×2\)/);
  assert.throws(() => new AdalineGD().predict(x), /call fit first/);
  const fitted = new AdalineGD({ nIter: 1 }).fit(xStd, y);
  assert.throws(() => fitted.predict(tensor([[1, 2, 3]])), /X must be samples × 2 features \(as in fit\), got \(1×3\)/);
});
