// What MLPClassifier takes: its constructor's options (scikit-learn's arguments), the
// hidden activation's names and the labels fit and score accept. Apart from
// mlp-classifier.ts so that it reads as the classifier itself; mlp-classifier.ts re-exports them.
import type { Tensor } from "../tensor";

export type MLPActivation = "identity" | "logistic" | "tanh" | "relu";

/** Class labels, one per row: a Tensor of one axis or any array of numbers. */
export type MLPClassifierLabels = Tensor | ArrayLike<number>;

/** scikit-learn's constructor arguments, in its order and with its defaults (but solver: only "sgd" is ported). */
export interface MLPClassifierOptions {
  /** Units of each hidden layer (hidden_layer_sizes); a number is one layer. Default [100]. */
  hiddenLayerSizes?: number | readonly number[];
  /** Hidden activation; default "relu". */
  activation?: MLPActivation;
  /** Only "sgd" (scikit-learn's default "adam" and "lbfgs" are not ported); default "sgd". */
  solver?: "sgd";
  /** L2 penalty; default 1e-4. */
  alpha?: number;
  /** Rows per mini-batch, clipped to the number of rows; "auto" is min(200, rows). Default "auto". */
  batchSize?: number | "auto";
  /** The constant learning rate (learning_rate_init); default 0.001. */
  learningRateInit?: number;
  /** Most epochs; default 200. */
  maxIter?: number;
  /** Visit the rows in a new order every epoch; default true. */
  shuffle?: boolean;
  /** Seed of the weights and the shuffles, as numpy's RandomState(seed); default: a fresh one each fit. */
  randomState?: number;
  /** Smallest loss decrease that counts as an improvement; default 1e-4. */
  tol?: number;
  /** Print each epoch's loss and the notes, as scikit-learn's verbose does; default false. */
  verbose?: boolean;
  /** Momentum in [0, 1]; default 0.9. */
  momentum?: number;
  /** Nesterov's momentum; default true. */
  nesterovsMomentum?: boolean;
  /** Epochs without improvement before stopping (n_iter_no_change); default 10. */
  nIterNoChange?: number;
}
