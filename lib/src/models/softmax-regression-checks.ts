// The argument checks of SoftmaxRegression: the feature matrix X and one label per row.
// Apart so that softmax-regression.ts reads as the model, with its checks out of the way.
import { shapeString, Tensor } from "../tensor";

/** X must be a finite N×D matrix with N, D ≥ 1; returns N. */
export function checkFeatures(X: Tensor, op: string): number {
  if (!(X instanceof Tensor)) throw new Error(`${op}: X must be a Tensor (N×D), got ${typeof X}`);
  if (X.ndim !== 2 || X.shape[0] === 0 || X.shape[1] === 0) throw new Error(`${op}: X must be a non-empty matrix N×D, got shape ${shapeString(X.shape)}`);
  for (let i = 0; i < X.size; i++) {
    if (!Number.isFinite(X.data[i])) throw new Error(`${op}: X[${Math.floor(i / X.shape[1])}][${i % X.shape[1]}] = ${X.data[i]} is not a finite number`);
  }
  return X.shape[0];
}

/** One integer label per row of X. */
export function checkLabels(y: ArrayLike<number> | Tensor, rows: number, op: string): number[] {
  const labels = Array.from(y instanceof Tensor ? y.data : y);
  if (y instanceof Tensor && y.ndim !== 1) throw new Error(`${op}: y must be a vector of labels, got shape ${shapeString(y.shape)}`);
  if (labels.length !== rows) throw new Error(`${op}: y has ${labels.length} labels but X has ${rows} rows`);
  labels.forEach((v, i) => {
    if (!Number.isInteger(v)) throw new Error(`${op}: label ${v} at index ${i} is not an integer class label`);
  });
  return labels;
}
