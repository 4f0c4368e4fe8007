// What Sequential takes and returns: its constructor's options, fit's options, the log each
// epoch passes to onEpoch and the History fit returns. Apart from sequential.ts so that it
// reads as the class itself; sequential.ts re-exports them.
import type { Optimizer } from "../optimizers";
import type { Rng } from "../random";
import type { Tensor } from "../tensor";

export interface SequentialOptions {
  /** The name summary() prints (default "sequential"). */
  name?: string;
  /** Weight decay λ: the loss gains ½λ·ΣW² over every weight matrix (not the biases), each dW gains λ·W. */
  l2?: number;
}

export interface FitOptions {
  epochs: number;
  /** Rows per mini-batch (default 32, post 002's and Keras's); the last batch of an epoch may be smaller. */
  batchSize?: number;
  optimizer: Optimizer;
  /** Shuffles the training rows at the start of every epoch: rng.permutation(N). */
  rng: Rng;
  /** Keras's validation_data = (X_valid, y_valid): its loss is measured after every epoch. */
  validationData?: [Tensor, Tensor];
  /** Keras's EarlyStopping(patience, restore_best_weights) on the validation loss. */
  earlyStopping?: { patience: number; restoreBestWeights?: boolean };
  /** Called after every epoch, e.g. to update a LiveDisplay. */
  onEpoch?: (log: EpochLog) => void | Promise<void>;
}

export interface EpochLog {
  /** 1-based. */
  epoch: number;
  epochs: number;
  loss: number;
  valLoss: number | null;
}

/** Keras's History.history: the training loss (mean over the epoch's batches) and the validation loss per epoch. */
export interface History {
  loss: number[];
  valLoss: number[];
  /** The 1-based epoch with the lowest validation loss (null without validation data). */
  bestEpoch: number | null;
  /** Whether early stopping ended training before `epochs`. */
  stoppedEarly: boolean;
}
