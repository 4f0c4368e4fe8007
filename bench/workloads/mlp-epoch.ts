// Post 000's NeuralNetMLP (Raschka) as the course runs it: the library's class, one
// epoch of the post's settings (784-100-10, sigmoid layers, logistic cost with L2,
// mini-batches of 100 from a shuffled order) and the epoch's evaluation, the same
// steps as bench/numpy_bench.py's port of the book's code.
import { NeuralNetMLP, Tensor } from "nnts";
import { MnistArrays } from "./mnist-arrays";

export interface MlpEpochResult {
  cost: number;
  train_acc: number;
  valid_acc: number;
}

const FEATURES = 784, TRAIN = 55000;

/** Times from the network's construction on, as the numpy side does. */
export async function mlpEpoch(all: MnistArrays): Promise<MlpEpochResult> {
  // Views of the resident pixels: the products read them in place.
  const xTrain = new Tensor(all.x.subarray(0, TRAIN * FEATURES), [TRAIN, FEATURES]);
  const xValid = new Tensor(all.x.subarray(TRAIN * FEATURES, all.count * FEATURES), [all.count - TRAIN, FEATURES]);
  const nn = new NeuralNetMLP({ nHidden: 100, l2: 0.01, epochs: 1, eta: 0.0005, minibatchSize: 100, shuffle: true, seed: 1 });
  await nn.fit(xTrain, all.labels.subarray(0, TRAIN), xValid, all.labels.subarray(TRAIN, all.count));
  return { cost: nn.evalLog.cost[0], train_acc: nn.evalLog.trainAcc[0], valid_acc: nn.evalLog.validAcc[0] };
}
