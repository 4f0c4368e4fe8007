// Feature scaling (post 000 §3.4): standardisation x′ = (x − μ) / σ, column by column,
// so every feature has mean 0 and standard deviation 1 and gradient descent takes
// similar steps in every direction. And post 004 §4.4's split of a data set into
// training and test rows, scikit-learn's train_test_split.
import { argumentError, checkSeed, describe } from "./checks";
import { Rng } from "./random";
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

export interface TrainTestSplitOptions {
  /** Test rows: a fraction in (0, 1) (rounded up) or a whole number of rows. Default 0.25 when trainSize is unset too. */
  testSize?: number;
  /** Training rows: a fraction in (0, 1) (rounded down) or a whole number; default all rows not in the test set. */
  trainSize?: number;
  /** Seed of numpy's RandomState(seed) that permutes the rows; default a fresh one, as random_state=None. */
  randomState?: number;
}

/** train_test_split's four arrays, named, and the rows of X each set took. */
export interface TrainTestSplit {
  XTrain: Tensor;
  XTest: Tensor;
  yTrain: Tensor;
  yTest: Tensor;
  trainIndex: number[];
  testIndex: number[];
}

/**
 * scikit-learn's train_test_split (sklearn/model_selection/_split.py) with shuffling and no
 * stratification: ShuffleSplit's permutation = RandomState(randomState).permutation(n), the
 * test rows first (perm[:nTest]), then the training rows (perm[nTest:nTest + nTrain]), with
 * nTest = ⌈testSize·n⌉ and nTrain = n − nTest for fractions. y is one label (or value) per row of X.
 */
export function trainTestSplit(X: Tensor, y: Tensor | ArrayLike<number>, options: TrainTestSplitOptions = {}): TrainTestSplit {
  const fn = "trainTestSplit";
  if (!(X instanceof Tensor) || X.ndim === 0 || X.shape[0] === 0) throw argumentError(fn, "X", "a tensor with rows", X instanceof Tensor ? shapeString(X.shape) : describe(X));
  const n = X.shape[0];
  const yTensor = y instanceof Tensor ? y : new Tensor(Float64Array.from(y), [y.length]);
  if (yTensor.ndim === 0 || yTensor.shape[0] !== n) throw argumentError(fn, "y", `one entry per row of X (${n})`, `${yTensor.ndim === 0 ? "a scalar" : yTensor.shape[0] + " rows"}`);
  const { testSize, trainSize, randomState } = options;
  // _validate_shuffle_split: numpy tells a count (int) from a fraction (float) by type; here a whole number ≥ 1 is a count.
  const rows = (arg: string, size: number | undefined, round: (x: number) => number): number | undefined => {
    if (size === undefined) return undefined;
    const count = typeof size === "number" && Number.isInteger(size) && size >= 1 && size < n;
    const fraction = typeof size === "number" && !Number.isInteger(size) && size > 0 && size < 1;
    if (!count && !fraction) throw argumentError(fn, arg, `a fraction in (0, 1) or a whole number of rows in 1..${n - 1}`, describe(size));
    return count ? size : round(size * n);
  };
  let nTest = rows("testSize", testSize === undefined && trainSize === undefined ? 0.25 : testSize, Math.ceil);
  let nTrain = rows("trainSize", trainSize, Math.floor);
  nTrain ??= n - (nTest as number);
  nTest ??= n - nTrain;
  if (nTrain + nTest > n) throw argumentError(fn, "testSize + trainSize", `at most the ${n} rows`, `${nTest} + ${nTrain} rows`);
  if (nTrain === 0) throw argumentError(fn, "trainSize", "at least one training row", `0 rows (testSize ${describe(testSize)} of ${n})`);
  const seed = randomState === undefined ? Math.floor(Math.random() * 2 ** 32) : checkSeed(fn, "randomState", randomState);
  const permutation = Rng.numpy(seed).permutation(n);
  const testIndex = permutation.slice(0, nTest);
  const trainIndex = permutation.slice(nTest, nTest + nTrain);
  return { XTrain: X.take(trainIndex), XTest: X.take(testIndex), yTrain: yTensor.take(trainIndex), yTest: yTensor.take(testIndex), trainIndex, testIndex };
}
