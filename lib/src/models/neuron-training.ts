// The pieces of trainNetwork that quest-batch.ts's trainNetworkBatch shares: training's checks,
// a row's target and error terms, and the epoch's line. Kept apart so that list-of-neurons.ts
// reads as the post's functions; it imports these and re-exports them.
import { argumentError, checkFinite, checkInteger, checkPositive, describe } from "../checks";
import { pythonFixed } from "../python-format";
import type { LabelledRow, NeuronEpoch, NeuronNetwork } from "./neuron-types";

/** Training's checks, before any update: the arguments, nOutputs against the output layer, and every row. */
export function checkTraining(
  fn: string, network: NeuronNetwork, train: readonly LabelledRow[], lRate: number, nEpoch: number, nOutputs: number,
): void {
  checkPositive(fn, "lRate", lRate);
  checkInteger(fn, "nEpoch", nEpoch, 0);
  checkInteger(fn, "nOutputs", nOutputs, 1);
  const units = network[network.length - 1].length;
  // Otherwise the one-hot target and the outputs differ in length: CPython's expected[row[-1]] raises IndexError.
  if (nOutputs !== units) throw argumentError(fn, "nOutputs", `the output layer's number of units, ${units}`, describe(nOutputs));
  train.forEach((row, r) => checkRow(fn, `train[${r}]`, network, row, nOutputs));
}

/** The post's target for a row: nOutputs zeros with a 1 at the row's label. */
export function expectedOutputs(row: LabelledRow, nOutputs: number): number[] {
  const expected = new Array<number>(nOutputs).fill(0);
  expected[row[row.length - 1]] = 1;
  return expected;
}

/**
 * One row's terms of the epoch's errors: the post's Σ t·log(o) + (1 − t)·log(1 − o) and Σ (t − o)².
 * An output of exactly 0 or 1 is refused, naming the epoch and the row: CPython's math.log
 * raises on its log(0), where Math.log gives −∞ and 0·(−∞) would make the error NaN.
 */
export function rowErrors(
  fn: string, epoch: number, r: number, outputs: readonly number[], expected: readonly number[],
): { error: number; squared: number } {
  // Python's sum() of the list: from 0, left to right.
  let error = 0;
  let squared = 0;
  for (let i = 0; i < expected.length; i++) {
    const o = outputs[i];
    if (o === 0 || o === 1) {
      throw argumentError(fn, `output ${i} of train[${r}] in epoch ${epoch}`,
        "strictly between 0 and 1 for the error's logs (the sigmoid saturated: try a lower lRate, or inputs scaled to [0, 1])", describe(o));
    }
    error += expected[i] * Math.log(o) + (1.0 - expected[i]) * Math.log(1.0 - o);
    const difference = expected[i] - o;
    squared += difference * difference;
  }
  return { error, squared };
}

/** An epoch's record, with the line the post prints. */
export function epochRecord(epoch: number, lRate: number, error: number, squaredError: number): NeuronEpoch {
  const line = `>epoch=${epoch}, lrate=${pythonFixed(lRate, 3)}, error=${pythonFixed(error, 3)}`;
  return { epoch, lRate, error, squaredError, line };
}

/** A row holds the network's inputs, all finite, then (for training) a label in 0..nOutputs − 1. */
export function checkRow(fn: string, arg: string, network: NeuronNetwork, row: LabelledRow, nOutputs?: number): void {
  const nInputs = network[0][0].weights.length - 1;
  const labelled = nOutputs !== undefined;
  // predict, like the post's, takes the labelled rows too and reads only the inputs.
  const lengthOk = Array.isArray(row) && (labelled ? row.length === nInputs + 1 : row.length >= nInputs);
  if (!lengthOk) throw argumentError(fn, arg, labelled ? `${nInputs} inputs then a label` : `at least ${nInputs} inputs`, describe(row));
  for (let k = 0; k < nInputs; k++) checkFinite(fn, `${arg}[${k}]`, row[k]);
  if (labelled) checkInteger(fn, `${arg}'s label`, row[nInputs], 0, nOutputs - 1);
}
