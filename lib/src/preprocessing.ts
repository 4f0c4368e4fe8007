// Feature scaling (post 000 §3.4): standardisation x′ = (x − μ) / σ, column by column,
// so every feature has mean 0 and standard deviation 1 and gradient descent takes
// similar steps in every direction.
import { pairwiseSum, shapeString, Tensor } from "./tensor";

/** The mean μ and population standard deviation σ of each column (numpy's x[:, j].mean() and .std()). */
export interface FeatureStats {
  mean: Float64Array;
  std: Float64Array;
}

function checkMatrix(X: Tensor, op: string): void {
  if (X.ndim !== 2) throw new Error(`${op}: X must be a matrix (samples × features), got shape ${shapeString(X.shape)}`);
  const [n, d] = X.shape;
  if (n === 0 || d === 0) throw new Error(`${op}: X ${shapeString(X.shape)} is empty`);
  for (let i = 0; i < X.size; i++) {
    if (!Number.isFinite(X.data[i])) throw new Error(`${op}: X[${Math.floor(i / d)}][${i % d}] = ${X.data[i]} is not a finite number`);
  }
}

/**
 * μ_j and σ_j of every column, computed as numpy does for the post's `x[:, j].mean()` and
 * `x[:, j].std()` (pairwise sums, ddof = 0), so the standardised values match to the last digit.
 * A column with one repeated value has σ = 0 and cannot be standardised: that is an error.
 */
export function featureStats(X: Tensor): FeatureStats {
  checkMatrix(X, "featureStats");
  const [n, d] = X.shape;
  const mean = new Float64Array(d);
  const std = new Float64Array(d);
  const centred = new Float64Array(n);
  for (let j = 0; j < d; j++) {
    const mu = pairwiseSum(X.data, j, n, d) / n;
    let min = Infinity, max = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = X.data[i * d + j];
      min = Math.min(min, v);
      max = Math.max(max, v);
      centred[i] = (v - mu) * (v - mu);
    }
    const sigma = Math.sqrt(pairwiseSum(centred, 0, n, 1) / n);
    if (min === max || sigma === 0) {
      throw new Error(`featureStats: column ${j} has zero variance (all ${n} values are ${min}); (x − μ)/σ would divide by 0`);
    }
    mean[j] = mu;
    std[j] = sigma;
  }
  return { mean, std };
}

/**
 * x′ = (x − μ) / σ per column (a new tensor). Without `stats` they are taken from X itself;
 * pass the training set's stats to scale new points the same way.
 */
export function standardize(X: Tensor, stats: FeatureStats = featureStats(X)): Tensor {
  checkMatrix(X, "standardize");
  const [n, d] = X.shape;
  if (stats.mean.length !== d || stats.std.length !== d) {
    throw new Error(`standardize: X has ${d} columns but the stats have ${stats.mean.length} means and ${stats.std.length} standard deviations`);
  }
  stats.std.forEach((s, j) => {
    if (!(s > 0) || !Number.isFinite(s)) throw new Error(`standardize: σ of column ${j} is ${s}; it must be a positive finite number`);
  });
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) out[i * d + j] = (X.data[i * d + j] - stats.mean[j]) / stats.std[j];
  }
  return new Tensor(out, [n, d]);
}
