// How good a regression is (post 002 §10.1.5): the errors in the target's own units and the
// share of the target's variance the predictions explain, as scikit-learn's metrics compute
// them (mean_squared_error, mean_absolute_error, r2_score).
import { argumentError, checkAllFinite, describe } from "./checks";
import { Tensor } from "./tensor";

export interface RegressionMetrics {
  /** √(mean (y − t)²), in the target's units. */
  rmse: number;
  /** mean |y − t|. */
  mae: number;
  /** R² = 1 − Σ(y − t)² / Σ(t − mean t)²: 1 is perfect, 0 is no better than predicting the mean, below 0 worse. */
  r2: number;
}

/** RMSE, MAE and R² of predictions y against targets t (the same number of values, in any shape). */
export function regressionMetrics(y: Tensor, t: Tensor): RegressionMetrics {
  const fn = "regressionMetrics";
  if (!(y instanceof Tensor) || !(t instanceof Tensor) || y.size !== t.size || t.size < 2) {
    throw argumentError(fn, "y and t", "tensors of the same number (≥ 2) of values", `${describe(y instanceof Tensor ? y.shape : y)} and ${describe(t instanceof Tensor ? t.shape : t)}`);
  }
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
