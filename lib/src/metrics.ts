// How good a regression is (post 002 §10.1.5): the errors in the target's own units and the
// share of the target's variance the predictions explain, as scikit-learn's metrics compute
// them (mean_squared_error, mean_absolute_error, r2_score).
import { argumentError, checkAllFinite, describe, describeShape } from "./checks";
import { Tensor } from "./tensor";

export interface RegressionMetrics {
  /** √(mean (y − t)²), in the target's units. */
  rmse: number;
  /** mean |y − t|. */
  mae: number;
  /** R² = 1 − Σ(y − t)² / Σ(t − mean t)²: 1 is perfect, 0 is no better than predicting the mean, below 0 worse. */
  r2: number;
}

/**
 * RMSE, MAE and R² of one column of predictions y against its targets t, each a 1-d tensor or
 * an N×1 one (N ≥ 2). R² is measured around the column's own mean; for an N×K output, call
 * this on each column (scikit-learn's r2_score averages those K values, it does not pool them).
 */
export function regressionMetrics(y: Tensor, t: Tensor): RegressionMetrics {
  const fn = "regressionMetrics";
  for (const [arg, v] of [["y", y], ["t", t]] as const) {
    if (!(v instanceof Tensor)) throw argumentError(fn, arg, "a Tensor of one column of values", describe(v));
    if (!(v.ndim === 1 || (v.ndim === 2 && v.shape[1] === 1))) {
      throw argumentError(fn, arg, "one column of values, a 1-d tensor or N×1 (for N×K outputs, measure each column)", describeShape(v.shape));
    }
  }
  if (y.size !== t.size || t.size < 2) throw argumentError(fn, "y and t", "columns of the same length, at least 2", `${describeShape(y.shape)} and ${describeShape(t.shape)}`);
  checkAllFinite(fn, "y", y.data);
  checkAllFinite(fn, "t", t.data);
  const n = t.size;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += t.data[i];
  mean /= n;
  let squares = 0, absolute = 0, spread = 0;
  for (let i = 0; i < n; i++) {
    const e = y.data[i] - t.data[i];
    squares += e * e;
    absolute += Math.abs(e);
    spread += (t.data[i] - mean) ** 2;
  }
  if (spread === 0) throw argumentError(fn, "t", "targets that are not all equal (R² divides by their variance)", `${n} values of ${t.data[0]}`);
  return { rmse: Math.sqrt(squares / n), mae: absolute / n, r2: 1 - squares / spread };
}
