// regressionMetrics (metrics.ts): RMSE, MAE and R² of one column, by hand, and the inputs it refuses.
import { test } from "node:test";
import assert from "node:assert/strict";
import { regressionMetrics } from "../lib/src/metrics";
import { Tensor, tensor } from "../lib/src/tensor";

test("RMSE, MAE and R² of a column, by hand; a 1-d tensor and an N×1 one give the same numbers", () => {
  // y − t = 0, −1, 1, −2: Σe² = 6, Σ|e| = 4; t's mean is 3 and Σ(t − 3)² = 8.
  const y = tensor([1, 2, 4, 3]), t = tensor([1, 3, 3, 5]);
  const want = { rmse: Math.sqrt(6 / 4), mae: 4 / 4, r2: 1 - 6 / 8 };
  assert.deepEqual(regressionMetrics(y, t), want);
  assert.deepEqual(regressionMetrics(y.reshape(4, 1), t), want);
  assert.deepEqual(regressionMetrics(y, t.reshape(4, 1)), want);
  // Predicting t's mean everywhere scores R² = 0; errors 4, 0, 0, −4 (Σe² = 32) score below it.
  assert.equal(regressionMetrics(tensor([3, 3, 3, 3]), t).r2, 0);
  assert.equal(regressionMetrics(tensor([5, 3, 3, 1]), t).r2, 1 - 32 / 8);
});

test("refused: N×K columns at once (R² is per column), a constant target, lengths that differ, NaN, a plain array", () => {
  const t = tensor([1, 3, 3, 5]);
  assert.throws(() => regressionMetrics(tensor([[1, 2], [2, 3], [4, 5], [3, 4]]), tensor([[1, 2], [3, 4], [3, 4], [5, 6]])),
    { message: "regressionMetrics: y must be one column of values, a 1-d tensor or N×1 (for N×K outputs, measure each column), got (4×2)" });
  assert.throws(() => regressionMetrics(t, t.reshape(1, 4)), { message: "regressionMetrics: t must be one column of values, a 1-d tensor or N×1 (for N×K outputs, measure each column), got (1×4)" });
  assert.throws(() => regressionMetrics(tensor([1, 2, 3, 4]), tensor([2, 2, 2, 2])),
    { message: "regressionMetrics: t must be targets that are not all equal (R² divides by their variance), got 4 values of 2" });
  assert.throws(() => regressionMetrics(tensor([1, 2, 3]), t), { message: "regressionMetrics: y and t must be columns of the same length, at least 2, got (3) and (4)" });
  assert.throws(() => regressionMetrics(tensor([1]), tensor([1])), { message: "regressionMetrics: y and t must be columns of the same length, at least 2, got (1) and (1)" });
  assert.throws(() => regressionMetrics(tensor([1, NaN, 3, 4]), t), { message: "regressionMetrics: y[1] must be a finite number, got NaN" });
  assert.throws(() => regressionMetrics([1, 2, 3, 4] as unknown as Tensor, t), { message: "regressionMetrics: y must be a Tensor of one column of values, got [1,2,3,4]" });
});
