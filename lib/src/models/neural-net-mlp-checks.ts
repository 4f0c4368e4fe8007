// The argument checks of NeuralNetMLP: fit's data and options, and the input of forward and predict.
// Apart so that neural-net-mlp.ts reads as the book's class, with its checks out of the way.
import { argumentError, checkAllFinite, checkLabels, describe } from "../checks";
import { shapeString, Tensor } from "../tensor";

/** Labels as fit takes them (NeuralNetMLPLabels), named here so this file needs nothing of neural-net-mlp.ts. */
type Labels = Tensor | ArrayLike<number>;

/** The input check of forward and predict: a fitted model, and x with the features wH was fitted on. */
export function checkFittedInput(wH: Tensor, op: string, x: Tensor): void {
  if (wH.size === 0) throw new Error(`NeuralNetMLP.${op}: call fit first`);
  if (!(x instanceof Tensor) || x.ndim !== 2 || x.shape[1] !== wH.shape[0]) {
    throw argumentError(`NeuralNetMLP.${op}`, "x", `a matrix of rows of ${wH.shape[0]} features (as in fit)`, x instanceof Tensor ? shapeString(x.shape) : describe(x));
  }
}

/** Everything fit needs, checked before anything is drawn or trained. */
export function checkFitArguments(minibatchSize: number, xTrain: Tensor, yTrain: Labels, xValid: Tensor, yValid: Labels, options: { onEpoch?: unknown }) {
  const fn = "NeuralNetMLP.fit";
  if (!(xTrain instanceof Tensor) || xTrain.ndim !== 2 || xTrain.size === 0) {
    throw argumentError(fn, "xTrain", "a non-empty matrix (samples × features)", xTrain instanceof Tensor ? shapeString(xTrain.shape) : describe(xTrain));
  }
  const [nTrain, nFeatures] = xTrain.shape;
  if (!(xValid instanceof Tensor) || xValid.ndim !== 2 || xValid.shape[0] === 0 || xValid.shape[1] !== nFeatures) {
    throw argumentError(fn, "xValid", `a non-empty matrix of rows of ${nFeatures} features, as xTrain`, xValid instanceof Tensor ? shapeString(xValid.shape) : describe(xValid));
  }
  const trainValues = labelValues(fn, "yTrain", yTrain, nTrain, "xTrain");
  const validValues = labelValues(fn, "yValid", yValid, xValid.shape[0], "xValid");
  checkAllFinite(fn, "xTrain", xTrain.data, nFeatures);
  checkAllFinite(fn, "xValid", xValid.data, nFeatures);
  // np.unique(y_train).shape[0] classes; _onehot then needs the labels to be 0..nOutput − 1.
  const nOutput = new Set(Array.from(trainValues)).size;
  checkLabels(fn, "yTrain", trainValues, nOutput);
  checkLabels(fn, "yValid", validValues, nOutput);
  if (minibatchSize > nTrain) {
    throw argumentError(fn, "minibatchSize", `at most the ${nTrain} rows of xTrain (else no batch is whole and nothing is learnt)`, describe(minibatchSize));
  }
  if (options.onEpoch !== undefined && typeof options.onEpoch !== "function") throw argumentError(fn, "onEpoch", "a function", describe(options.onEpoch));
  const asTensor = (values: ArrayLike<number>) => new Tensor(Float64Array.from(values), [values.length]);
  return { trainLabels: asTensor(trainValues), validLabels: asTensor(validValues), nOutput };
}

/** The values of labels given as a Tensor of one axis or an array, one per row of x. */
function labelValues(fn: string, arg: string, y: Labels, rows: number, xName: string): ArrayLike<number> {
  if (y instanceof Tensor && y.ndim !== 1) throw argumentError(fn, arg, "one axis of labels", shapeString(y.shape));
  const values = y instanceof Tensor ? y.data : y;
  if (values === null || typeof values !== "object" || typeof values.length !== "number") throw argumentError(fn, arg, "an array of labels", describe(y));
  if (values.length !== rows) throw argumentError(fn, arg, `one label per row of ${xName} (${rows})`, `${values.length} labels`);
  return values;
}
