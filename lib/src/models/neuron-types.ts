// The types of post 004's network of neuron dictionaries (list-of-neurons.ts): a file of
// their own because both the post's functions and the training pieces they share with
// chapter 13 (neuron-training.ts) use them.

/** One neuron: its weights (inputs first, the bias last) and what the last passes left in it. */
export interface Neuron {
  weights: number[];
  output?: number;
  delta?: number;
}
export type NeuronLayer = Neuron[];
export type NeuronNetwork = NeuronLayer[];
/** A data row: the inputs, then the class label 0..nOutputs − 1. */
export type LabelledRow = readonly number[];

/** One epoch of trainNetwork. */
export interface NeuronEpoch {
  epoch: number;
  lRate: number;
  /** The post's "error": Σ t·log(o) + (1 − t)·log(1 − o) over the rows, a log-likelihood (no minus sign). */
  error: number;
  /** Brownlee's own measure: Σ (t − o)², the squared error the updates descend. */
  squaredError: number;
  /** The line the post prints: >epoch=0, lrate=0.500, error=-17.055 */
  line: string;
}
