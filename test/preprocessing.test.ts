// Standardisation (post 000 §3.4) against numpy: x_std[:, j] = (x[:, j] - x[:, j].mean()) / x[:, j].std().

import { test } from "node:test";
import assert from "node:assert/strict";
import { loadIris } from "../lib/src/data";
import { featureStats, standardize } from "../lib/src/preprocessing";
import { stack, tensor } from "../lib/src/tensor";

test("by hand: population std (ddof = 0), each column to mean 0 and std 1", () => {
  const X = tensor([[1, 10], [2, 10], [3, 40]]);
  const { mean, std } = featureStats(X);
  assert.deepEqual(Array.from(mean), [2, 20]);
  assert.equal(std[0], Math.sqrt(2 / 3)); // not sqrt(2 / 2): numpy's std divides by n
  assert.equal(std[1], Math.sqrt(200));
  const Z = standardize(X);
  assert.deepEqual(Z.shape, [3, 2]);
  assert.ok(Math.abs(Z.get(0, 0) + Math.sqrt(1.5)) < 1e-15);
  const zStats = featureStats(Z);
  zStats.mean.forEach((m) => assert.ok(Math.abs(m) < 1e-15));
  zStats.std.forEach((s) => assert.ok(Math.abs(s - 1) < 1e-15));
  assert.deepEqual(X.toArray(), [[1, 10], [2, 10], [3, 40]]); // the input is not modified
});

test("Iris rows 0-99, columns 0 and 2: μ, σ and scaled values equal numpy's to the last digit", () => {
  const first100 = loadIris().X.sliceRows(0, 100);
  const x = stack([first100.col(0), first100.col(2)]).T;
  const { mean, std } = featureStats(x);
  assert.deepEqual(Array.from(mean), [5.471000000000001, 2.8620000000000005]);
  assert.deepEqual(Array.from(std), [0.6384817930058775, 1.4413035766277695]);
  const z = standardize(x);
  assert.deepEqual(z.row(0).toArray(), [-0.5810659036233256, -1.01435951711204]);
  assert.deepEqual(z.row(99).toArray(), [0.3586633205653386, 0.8589446526571164]);
});

test("new points are scaled with the training set's stats", () => {
  const stats = featureStats(tensor([[0, 0], [2, 4]])); // μ = (1, 2), σ = (1, 2)
  assert.deepEqual(standardize(tensor([[3, 0]]), stats).toArray(), [[2, -1]]);
});

test("bad input is refused with the reason", () => {
  assert.throws(() => featureStats(tensor([[1, 5], [2, 5], [3, 5]])), /column 1 has zero variance \(all 3 values are 5\)/);
  assert.throws(() => featureStats(tensor([[0.1], [0.1], [0.1]])), /column 0 has zero variance/);
  assert.throws(() => standardize(tensor([[7]])), /column 0 has zero variance \(all 1 values are 7\)/);
  assert.throws(() => featureStats(tensor([1, 2, 3])), /X must be a matrix \(samples × features\), got shape \(3\)/);
  assert.throws(() => featureStats(tensor([]).reshape(0, 2)), /X \(0×2\) is empty/);
  assert.throws(() => featureStats(tensor([[1, 2], [Infinity, 3]])), /X\[1\]\[0\] = Infinity is not a finite number/);
  assert.throws(() => standardize(tensor([[1, NaN]]), { mean: Float64Array.of(0, 0), std: Float64Array.of(1, 1) }), /X\[0\]\[1\] = NaN/);
  const stats = featureStats(tensor([[0, 0], [2, 4]]));
  assert.throws(() => standardize(tensor([[1, 2, 3]]), stats), /X has 3 columns but the stats have 2 means and 2 standard deviations/);
  assert.throws(() => standardize(tensor([[1, 2]]), { mean: Float64Array.of(0, 0), std: Float64Array.of(1, 0) }), /σ of column 1 is 0/);
});
