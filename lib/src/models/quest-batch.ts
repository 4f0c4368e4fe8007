// Step 6 of post 004's Quest: train_network with mini-batches, built from the pieces of
// trainNetwork in neuron-training.ts. Kept apart so that quest-animals.ts reads as the quest's
// evaluation and search; it re-exports trainNetworkBatch, and its backPropagationBatch uses it.
import { checkInteger } from "../checks";
import {
  backpropError, feedforward, type LabelledRow, type NeuronEpoch, type NeuronNetwork, type TrainNetworkOptions,
} from "./list-of-neurons";
import { checkTraining, epochRecord, expectedOutputs, rowErrors } from "./neuron-training";

/**
 * Step 6: train_network with the updates of each batch of batchSize rows summed and applied once
 * (batchSize 1 is the post's train_network, to the last bit; train.length is full-batch descent).
 * Returns each epoch's errors as trainNetwork does, summed over the epoch's rows.
 */
export function trainNetworkBatch(
  network: NeuronNetwork, train: readonly LabelledRow[], lRate: number, nEpoch: number, nOutputs: number,
  batchSize: number, options: TrainNetworkOptions = {},
): NeuronEpoch[] {
  checkInteger("trainNetworkBatch", "batchSize", batchSize, 1);
  checkTraining("trainNetworkBatch", network, train, lRate, nEpoch, nOutputs);
  const history: NeuronEpoch[] = [];
  for (let epoch = 0; epoch < nEpoch; epoch++) {
    let sumError = 0;
    let squaredError = 0;
    for (let start = 0; start < train.length; start += batchSize) {
      const sums = network.map((layer) => layer.map((neuron) => new Array<number>(neuron.weights.length).fill(0.0)));
      for (let r = start; r < Math.min(start + batchSize, train.length); r++) {
        const row = train[r];
        const outputs = feedforward(network, row);
        const expected = expectedOutputs(row, nOutputs);
        const errors = rowErrors("trainNetworkBatch", epoch, r, outputs, expected);
        sumError += errors.error;
        squaredError += errors.squared;
        backpropError(network, expected);
        // update_weights' arithmetic, into the sums instead of the weights.
        for (let i = 0; i < network.length; i++) {
          const inputs = i === 0 ? row.slice(0, -1) : network[i - 1].map((neuron) => neuron.output as number);
          network[i].forEach((neuron, n) => {
            const sum = sums[i][n];
            const delta = neuron.delta as number;
            for (let j = 0; j < inputs.length; j++) sum[j] += lRate * delta * inputs[j];
            sum[sum.length - 1] += lRate * delta;
          });
        }
      }
      network.forEach((layer, i) => layer.forEach((neuron, n) => {
        for (let j = 0; j < neuron.weights.length; j++) neuron.weights[j] += sums[i][n][j];
      }));
    }
    const record = epochRecord(epoch, lRate, sumError, squaredError);
    history.push(record);
    options.onEpoch?.(record);
  }
  return history;
}
