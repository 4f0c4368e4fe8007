// Post 001's train_neuralnet as the course runs it: the library's TwoLayerNet
// (Affine → ReLU → Affine → SoftmaxWithLoss, 784-50-10, backprop) trained by the
// library's trainNeuralnet with SGD, on one-hot MNIST as the post loads it. The
// numpy side (bench/numpy_bench.py) is the post's Python; both draw their weights
// and batches from the same seed, so they compute the same numbers.
import { loadMnist, MnistSplit, TwoLayerNet, SGD, Rng, trainNeuralnet as train } from "nnts";

export interface TrainNeuralnetResult {
  evaluations: number;
  train_acc: number;
  test_acc: number;
  last_loss: number;
}

/** MNIST scaled to [0, 1] with one-hot labels (the post's load_mnist(normalize=True, one_hot_label=True)). */
export function unitMnist(): { train: MnistSplit; test: MnistSplit } {
  return loadMnist({ kind: "both", normalize: "unit", oneHot: true });
}

/** Times from the network's construction on, as the numpy side does. */
export async function trainNeuralnet(mnist: { train: MnistSplit; test: MnistSplit }, iters: number, seed: number): Promise<TrainNeuralnetResult> {
  const rng = Rng.numpy(seed);
  const network = new TwoLayerNet({ inputSize: 784, hiddenSize: 50, outputSize: 10, rng, weightInitStd: 0.01, hiddenActivation: "relu" });
  const result = await train({
    network, optimizer: new SGD({ lr: 0.1 }), rng, itersNum: iters, batchSize: 100,
    xTrain: mnist.train.X, tTrain: mnist.train.Y!, xTest: mnist.test.X, tTest: mnist.test.Y!,
  });
  const last = <T>(xs: T[]) => xs[xs.length - 1];
  return { evaluations: result.trainAccList.length, train_acc: last(result.trainAccList), test_acc: last(result.testAccList), last_loss: last(result.trainLossList) };
}
