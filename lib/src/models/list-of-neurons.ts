// Post 004 §4.1–4.3, after Jason Brownlee's "How to Code a Neural Network with
// Backpropagation In Python from Scratch" (functions initialize_network, transfer,
// activate, feedforward, transfer_derivative, backprop_error, update_weights,
// train_network, predict, in the post's names): a network as a list of layers, each a
// list of neurons, each a dictionary {weights, output, delta}; the last weight is the
// bias. Trained one row at a time. Chapter 12 writes these functions out as the lesson;
// this tested copy is what the tests, the bench and chapter 13 run. With the
// CPython-compatible stream (`PythonRandom`) a run draws the post's weights; its floats
// then differ from CPython's only where V8's exp and log round differently from the C library's.
// The parts of train_network that chapter 13's trainNetworkBatch (quest-batch.ts) shares —
// its checks, a row's target and error terms, and the epoch's line — are in neuron-training.ts,
// re-exported here, as are the network's types (neuron-types.ts), which both files use.
import { checkInteger } from "../checks";
import { checkRow, checkTraining, epochRecord, expectedOutputs, rowErrors } from "./neuron-training";
import type { LabelledRow, NeuronEpoch, NeuronLayer, NeuronNetwork } from "./neuron-types";

export { checkRow, checkTraining, epochRecord, expectedOutputs, rowErrors } from "./neuron-training";
export type { LabelledRow, Neuron, NeuronEpoch, NeuronLayer, NeuronNetwork } from "./neuron-types";

/** Anything with Python's random(): a PythonRandom, or Math for an unseeded run. */
export interface RandomSource {
  random(): number;
}

export interface TrainNetworkOptions {
  /** Called after each epoch, e.g. to print its line. */
  onEpoch?: (epoch: NeuronEpoch) => void;
}

/** Hidden and output neurons with weights from random(), drawn in the post's order. */
export function initializeNetwork(nInputs: number, nHidden: number, nOutputs: number, rng: RandomSource): NeuronNetwork {
  checkInteger("initializeNetwork", "nInputs", nInputs, 1);
  checkInteger("initializeNetwork", "nHidden", nHidden, 1);
  checkInteger("initializeNetwork", "nOutputs", nOutputs, 1);
  const layer = (n: number, fanIn: number): NeuronLayer =>
    Array.from({ length: n }, () => ({ weights: Array.from({ length: fanIn + 1 }, () => rng.random()) }));
  const hiddenLayer = layer(nHidden, nInputs);
  return [hiddenLayer, layer(nOutputs, nHidden)];
}

/** The weighted sum plus bias (Brownlee calls it activate). */
export function transfer(weights: readonly number[], inputs: readonly number[]): number {
  let transferred = weights[weights.length - 1];
  for (let i = 0; i < weights.length - 1; i++) transferred += weights[i] * inputs[i];
  return transferred;
}

/** The sigmoid (Brownlee calls it transfer). */
export function activate(transferred: number): number {
  return 1.0 / (1.0 + Math.exp(-transferred));
}

/** Each layer's outputs become the next layer's inputs; every neuron keeps its output. */
export function feedforward(network: NeuronNetwork, row: LabelledRow): number[] {
  let inputs: readonly number[] = row;
  for (const layer of network) {
    const newInputs: number[] = [];
    for (const neuron of layer) {
      neuron.output = activate(transfer(neuron.weights, inputs));
      newInputs.push(neuron.output);
    }
    inputs = newInputs;
  }
  return inputs as number[];
}

/** The sigmoid's slope, from its output. */
export function transferDerivative(output: number): number {
  return output * (1.0 - output);
}

/** Deltas from the output layer back: the output's error is t − o, a hidden neuron's the weighted deltas above it. */
export function backpropError(network: NeuronNetwork, expected: readonly number[]): void {
  for (let i = network.length - 1; i >= 0; i--) {
    const layer = network[i];
    const errors: number[] = [];
    if (i !== network.length - 1) {
      for (let j = 0; j < layer.length; j++) {
        let error = 0.0;
        for (const neuron of network[i + 1]) error += neuron.weights[j] * (neuron.delta as number);
        errors.push(error);
      }
    } else {
      for (let j = 0; j < layer.length; j++) errors.push(expected[j] - (layer[j].output as number));
    }
    // For every layer, not only the output's: otherwise the hidden layer never gets deltas.
    for (let j = 0; j < layer.length; j++) layer[j].delta = errors[j] * transferDerivative(layer[j].output as number);
  }
}

/** weight += learning rate · delta · input, layer by layer, with the outputs of the forward pass as inputs. */
export function updateWeights(network: NeuronNetwork, row: LabelledRow, lRate: number): void {
  for (let i = 0; i < network.length; i++) {
    let inputs = row.slice(0, -1);
    if (i !== 0) inputs = network[i - 1].map((neuron) => neuron.output as number);
    for (const neuron of network[i]) {
      const delta = neuron.delta as number;
      for (let j = 0; j < inputs.length; j++) neuron.weights[j] += lRate * delta * inputs[j];
      neuron.weights[neuron.weights.length - 1] += lRate * delta;
    }
  }
}

/** nEpoch passes over train, one update per row; returns each epoch's errors and the post's line. */
export function trainNetwork(
  network: NeuronNetwork, train: readonly LabelledRow[], lRate: number, nEpoch: number, nOutputs: number,
  options: TrainNetworkOptions = {},
): NeuronEpoch[] {
  checkTraining("trainNetwork", network, train, lRate, nEpoch, nOutputs);
  const history: NeuronEpoch[] = [];
  for (let epoch = 0; epoch < nEpoch; epoch++) {
    let sumError = 0;
    let squaredError = 0;
    for (let r = 0; r < train.length; r++) {
      const row = train[r];
      const outputs = feedforward(network, row);
      const expected = expectedOutputs(row, nOutputs);
      const errors = rowErrors("trainNetwork", epoch, r, outputs, expected);
      sumError += errors.error;
      squaredError += errors.squared;
      backpropError(network, expected);
      updateWeights(network, row, lRate);
    }
    const record = epochRecord(epoch, lRate, sumError, squaredError);
    history.push(record);
    options.onEpoch?.(record);
  }
  return history;
}

/** The index of the largest output (the first on a tie, as list.index(max(…))). */
export function predict(network: NeuronNetwork, row: LabelledRow): number {
  checkRow("predict", "row", network, row);
  const outputs = feedforward(network, row);
  return outputs.indexOf(Math.max(...outputs));
}
