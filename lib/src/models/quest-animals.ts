// Post 004's Quest, "Quest: 신경망으로 분류하기" (data set: Animals), after Jason Brownlee's
// "How to Code a Neural Network with Backpropagation In Python from Scratch": the post's
// load_csv, str_to_float, str_to_int and its hint's back_propagation, with the functions of
// Brownlee's tutorial the six steps ask for — dataset_minmax, normalize_dataset,
// cross_validation_split, accuracy_metric, evaluate_algorithm — then step 5's grid over
// n_folds, l_rate and n_epoch and step 6's train_network with mini-batches. The network is
// chapter 12's (list-of-neurons.ts). Chapter 13 writes these functions out as the lesson;
// this tested copy is what the tests, the checks and the bench run.
//
// Two changes from the slides, both shown in the notebook: str_to_int numbers the classes in
// sorted order (Python's set order changes with the hash seed), and back_propagation returns
// the list `predictions` (the hint returns `prediction`, the last single one). Python's
// module-level random stream is an explicit argument here, the last one.
// load_csv, str_to_float, str_to_int (quest-csv.ts) and step 6's loop (quest-batch.ts) are re-exported.
import { argumentError, checkInteger, checkPositive, describe } from "../checks";
import { dataPath } from "../data/paths";
import type { PythonRandom } from "../random/python-random";
import { initializeNetwork, predict, trainNetwork, type LabelledRow, type NeuronNetwork } from "./list-of-neurons";
import { trainNetworkBatch } from "./quest-batch";
import { checkNumericDataset, loadCsv, parseCsv, strToFloat, strToInt, type CsvValue } from "./quest-csv";
export { loadCsv, parseCsv, strToFloat, strToInt, trainNetworkBatch, type CsvValue };

/** A test row: the inputs and, as evaluate_algorithm leaves it, null where the label was. */
export type TestRow = (number | null)[];
/** An algorithm for evaluateAlgorithm: train, test, its own arguments, and the random stream last. */
export type Algorithm<A extends unknown[]> = (train: number[][], test: TestRow[], ...args: [...A, PythonRandom]) => number[];

/** dataset_minmax: [min, max] of every column (the class column too, as Brownlee's does). */
export function datasetMinmax(dataset: readonly (readonly number[])[]): [number, number][] {
  checkNumericDataset("datasetMinmax", dataset);
  return dataset[0].map((_, i) => {
    const column = dataset.map((row) => row[i]);
    return [Math.min(...column), Math.max(...column)];
  });
}

/** normalize_dataset: every column but the last (the class) scaled to [0, 1] by its min and max, in place. */
export function normalizeDataset(dataset: number[][], minmax: readonly (readonly [number, number])[]): void {
  checkNumericDataset("normalizeDataset", dataset);
  for (let i = 0; i < dataset[0].length - 1; i++) {
    const [lo, hi] = minmax[i] ?? [];
    if (!(hi > lo)) throw argumentError("normalizeDataset", `minmax[${i}]`, "[min, max] with max > min (a constant column cannot be scaled)", describe(minmax[i]));
  }
  for (const row of dataset) {
    for (let i = 0; i < row.length - 1; i++) row[i] = (row[i] - minmax[i][0]) / (minmax[i][1] - minmax[i][0]);
  }
}

/** The zoo as steps 1 and 2 prepare it. */
export interface Animals {
  header: string[];
  /** The first column, taken off each row: the animals' names. */
  names: string[];
  /** 16 features scaled to [0, 1], then the class number. */
  dataset: number[][];
  /** Class name → number, sorted. */
  lookup: Record<string, number>;
}

/** Steps 1 and 2 in one call: load_csv, the header and the names taken off, str_to_float, str_to_int, normalize. */
export function loadAnimals(filename: string = dataPath("zoo.csv")): Animals {
  const rows: CsvValue[][] = loadCsv(filename);
  const header = rows.shift() as string[];
  const names = rows.map((row) => row.shift() as string);
  for (let i = 0; i < rows[0].length - 1; i++) strToFloat(rows, i);
  const lookup = strToInt(rows, rows[0].length - 1);
  const dataset = rows as number[][];
  normalizeDataset(dataset, datasetMinmax(dataset));
  return { header, names, dataset, lookup };
}

/** cross_validation_split: n_folds folds of int(len / n_folds) rows, each drawn by randrange and popped. */
export function crossValidationSplit<R>(dataset: readonly R[], nFolds: number, rng: PythonRandom): R[][] {
  if (!Array.isArray(dataset) || dataset.length < 2) throw argumentError("crossValidationSplit", "dataset", "a list of at least 2 rows", describe(dataset));
  checkInteger("crossValidationSplit", "nFolds", nFolds, 2, dataset.length);
  const datasetSplit: R[][] = [];
  const datasetCopy = [...dataset];
  const foldSize = Math.trunc(dataset.length / nFolds);
  for (let i = 0; i < nFolds; i++) {
    const fold: R[] = [];
    while (fold.length < foldSize) {
      const index = rng.randrange(datasetCopy.length);
      fold.push(datasetCopy.splice(index, 1)[0]);
    }
    datasetSplit.push(fold);
  }
  return datasetSplit;
}

/** accuracy_metric: the percentage of predictions equal to the actual classes. */
export function accuracyMetric(actual: readonly unknown[], predicted: readonly unknown[]): number {
  if (!Array.isArray(predicted) || predicted.length !== actual.length) {
    const hint = typeof predicted === "number" ? " (a single number: does the algorithm return one prediction instead of the list?)" : "";
    throw argumentError("accuracyMetric", "predicted", `a list of ${actual.length} predictions, as many as actual`, describe(predicted) + hint);
  }
  let correct = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i] === predicted[i]) correct += 1;
  return (correct / actual.length) * 100.0;
}

/** One fold of evaluateFolds: its rows (the dataset's own), their classes and the algorithm's predictions. */
export interface FoldResult {
  rows: number[][];
  actual: number[];
  predicted: number[];
  score: number;
}

/** evaluate_algorithm, keeping each fold's rows and predictions (for a confusion matrix); the same draws. */
export function evaluateFolds<A extends unknown[]>(
  dataset: number[][], algorithm: Algorithm<A>, nFolds: number, rng: PythonRandom, ...args: A
): FoldResult[] {
  if (typeof algorithm !== "function") throw argumentError("evaluateAlgorithm", "algorithm", "a function (train, test, …args, rng) → predictions", describe(algorithm));
  const folds = crossValidationSplit(dataset, nFolds, rng);
  return folds.map((fold) => {
    const trainSet = folds.filter((f) => f !== fold).flat();
    // The test rows are copies whose class is hidden, as the post's row_copy[-1] = None.
    const testSet = fold.map((row) => [...row.slice(0, -1), null]);
    const predicted = algorithm(trainSet, testSet, ...args, rng);
    const actual = fold.map((row) => row[row.length - 1]);
    return { rows: fold, actual, predicted, score: accuracyMetric(actual, predicted) };
  });
}

/** evaluate_algorithm(dataset, algorithm, n_folds, *args): each fold's accuracy, trained on the other folds. */
export function evaluateAlgorithm<A extends unknown[]>(
  dataset: number[][], algorithm: Algorithm<A>, nFolds: number, rng: PythonRandom, ...args: A
): number[] {
  return evaluateFolds(dataset, algorithm, nFolds, rng, ...args).map((f) => f.score);
}

/** back_propagation (the post's hint): a network trained on train, then its predictions for test — the list. */
export function backPropagation(
  train: number[][], test: TestRow[], lRate: number, nEpoch: number, nHidden: number, rng: PythonRandom,
): number[] {
  return fitAndPredict("backPropagation", train, test, lRate, nEpoch, nHidden, rng,
    (network, nOutputs) => trainNetwork(network, train, lRate, nEpoch, nOutputs));
}

/** One cell of gridSearch. */
export interface GridCell {
  nFolds: number;
  lRate: number;
  nEpoch: number;
  scores: number[];
  mean: number;
}

/** Step 5: evaluate_algorithm with back_propagation for every (n_folds, l_rate, n_epoch), each from seed(s). */
export function gridSearch(
  dataset: number[][], folds: readonly number[], lRates: readonly number[], epochs: readonly number[],
  nHidden: number, rng: PythonRandom, seed = 1,
  onCell?: (cell: GridCell) => void,
): GridCell[] {
  const cells: GridCell[] = [];
  for (const nFolds of folds) {
    for (const lRate of lRates) {
      for (const nEpoch of epochs) {
        rng.seed(seed);
        const scores = evaluateAlgorithm(dataset, backPropagation, nFolds, rng, lRate, nEpoch, nHidden);
        const cell = { nFolds, lRate, nEpoch, scores, mean: scores.reduce((a, b) => a + b, 0) / scores.length };
        cells.push(cell);
        onCell?.(cell);
      }
    }
  }
  return cells;
}

/** back_propagation with trainNetworkBatch: the same draws, the same checks, batches of batchSize. */
export function backPropagationBatch(
  train: number[][], test: TestRow[], lRate: number, nEpoch: number, nHidden: number, batchSize: number, rng: PythonRandom,
): number[] {
  checkInteger("backPropagationBatch", "batchSize", batchSize, 1);
  return fitAndPredict("backPropagationBatch", train, test, lRate, nEpoch, nHidden, rng,
    (network, nOutputs) => trainNetworkBatch(network, train, lRate, nEpoch, nOutputs, batchSize));
}

// back_propagation's body, with the training loop as an argument; the checks come before any draw.
function fitAndPredict(
  fn: string, train: number[][], test: TestRow[], lRate: number, nEpoch: number, nHidden: number, rng: PythonRandom,
  trainIt: (network: NeuronNetwork, nOutputs: number) => unknown,
): number[] {
  checkPositive(fn, "lRate", lRate);
  checkInteger(fn, "nEpoch", nEpoch, 0);
  checkInteger(fn, "nHidden", nHidden, 1);
  if (!Array.isArray(train) || train.length === 0) throw argumentError(fn, "train", "a non-empty list of rows", describe(train));
  const nInputs = train[0].length - 1;
  // As the post: the number of classes seen in train (a class missing from train then has no output).
  const nOutputs = new Set(train.map((row) => row[row.length - 1])).size;
  const network = initializeNetwork(nInputs, nHidden, nOutputs, rng);
  trainIt(network, nOutputs);
  const predictions: number[] = [];
  for (const row of test) {
    const prediction = predict(network, row as LabelledRow);
    predictions.push(prediction);
  }
  return predictions;
}
