// Checks for chapter 13's quest (post 004, "Quest: 신경망으로 분류하기"): each runs a learner's
// function on a small input beside the tested copy in quest-animals.ts and prints one line —
// what is right, the first thing that differs, or "not done yet" while the function is still
// the committed stub that calls todo(). A check never throws, so the notebook runs top to bottom.
// The running and comparing are in quest-check-runner.ts.
import { dataPath } from "../data/paths";
import { PythonRandom } from "../random/python-random";
import { pythonRepr } from "../python-format";
import { initializeNetwork, trainNetwork, type NeuronNetwork } from "./list-of-neurons";
import * as quest from "./quest-animals";
import { call, clone, Differs, expectSame, firstDifference, runCheck, show, type Print } from "./quest-check-runner";

export { NotDoneYet, todo } from "./quest-check-runner";

// Post 004's ten rows of chapter 12: two inputs and a class; small enough for the network checks.
const TEN_ROWS: number[][] = [
  [2.7810836, 2.550537003, 0], [1.465489372, 2.362125076, 0], [3.396561688, 4.400293529, 0],
  [1.38807019, 1.850220317, 0], [3.06407232, 3.005305973, 0], [7.627531214, 2.759262235, 1],
  [5.332441248, 2.088626775, 1], [6.922596716, 1.77106367, 1], [8.675418651, -0.242068655, 1],
  [7.673756466, 3.508563011, 1],
];

/** Step 1: load_csv(filename) on data/zoo.csv gives the file's rows, header first, as strings. */
export function checkLoadCsv(loadCsv: (filename: string) => string[][], print: Print = console.log): void {
  runCheck("checkLoadCsv", print, () => {
    const path = dataPath("zoo.csv");
    const got = call("loadCsv", () => loadCsv(path));
    expectSame(got, quest.loadCsv(path), "loadCsv(zoo.csv)");
    return `${got.length} rows of ${got[0].length} strings, the header row first (${got[0][0]}, …, ${got[0][got[0].length - 1]}).`;
  });
}

/** Step 1: str_to_float(dataset, column) turns that column's strings into numbers, spaces stripped, in place. */
export function checkStrToFloat(strToFloat: (dataset: quest.CsvValue[][], column: number) => unknown, print: Print = console.log): void {
  runCheck("checkStrToFloat", print, () => {
    const input: quest.CsvValue[][] = [["1", " 2.5", "a"], ["0", "4 ", "b"], ["1", "0.125", "a"]];
    const got = clone(input);
    call("strToFloat", () => strToFloat(got, 1));
    const expected = clone(input);
    quest.strToFloat(expected, 1);
    expectSame(got, expected, "the dataset after strToFloat(dataset, 1)");
    return "column 1 became numbers in place (\" 2.5\" → 2.5), the other columns are still strings.";
  });
}

/** Step 1: str_to_int(dataset, column) numbers the classes in sorted order and returns the lookup. */
export function checkStrToInt(strToInt: (dataset: quest.CsvValue[][], column: number) => unknown, print: Print = console.log): void {
  runCheck("checkStrToInt", print, () => {
    const input: quest.CsvValue[][] = [["x", "bird"], ["y", "amphibian"], ["z", "mammal"], ["w", "bird"]];
    const got = clone(input);
    const lookup = call("strToInt", () => strToInt(got, 1));
    const expected = clone(input);
    const want = quest.strToInt(expected, 1);
    const gotLookup = lookup instanceof Map ? Object.fromEntries(lookup) : lookup;
    if (gotLookup !== null && typeof gotLookup === "object" && (gotLookup as Record<string, number>).bird === 0) {
      const entries = Object.entries(gotLookup as Record<string, number>).map(([k, v]) => `${pythonRepr(k)}: ${v}`);
      throw new Differs(`the lookup is {${entries.join(", ")}}: the classes are numbered in order of first appearance (as a Set keeps them); sort them, so that amphibian is 0`);
    }
    expectSame(gotLookup, want, "the returned lookup");
    expectSame(got, expected, "the dataset after strToInt(dataset, 1)");
    return `the lookup is {${Object.entries(want).map(([k, v]) => `${pythonRepr(k)}: ${v}`).join(", ")}} (sorted), and the column holds those numbers.`;
  });
}

/** Step 2: dataset_minmax gives [min, max] per column; normalize_dataset scales every column but the class to [0, 1]. */
export function checkNormalize(
  datasetMinmax: (dataset: number[][]) => unknown,
  normalizeDataset: (dataset: number[][], minmax: [number, number][]) => unknown,
  print: Print = console.log,
): void {
  runCheck("checkNormalize", print, () => {
    const input = [[0, 1, 4, 0], [1, 1, 8, 1], [0, 0, 2, 2], [1, 0, 6, 1]];
    const want = quest.datasetMinmax(input);
    const minmax = call("datasetMinmax", () => datasetMinmax(clone(input)));
    expectSame(minmax, want, "datasetMinmax(dataset)");
    const got = clone(input);
    call("normalizeDataset", () => normalizeDataset(got, want));
    const expected = clone(input);
    quest.normalizeDataset(expected, want);
    expectSame(got, expected, "the dataset after normalizeDataset");
    return `minmax is ${show(want)}; every feature now lies in [0, 1] (4, 8, 2, 6 → ${show(expected.map((r) => r[2]))}) and the class column is left alone.`;
  });
}

/** Step 3: cross_validation_split(dataset, n_folds, rng) draws the folds CPython's seed(1) gives. */
export function checkCrossValidationSplit<R>(
  crossValidationSplit: (dataset: number[][], nFolds: number, rng: PythonRandom) => R[][], print: Print = console.log,
): void {
  runCheck("checkCrossValidationSplit", print, () => {
    const dataset = Array.from({ length: 101 }, (_, i) => [i, i % 7]);
    const before = clone(dataset);
    const got = call("crossValidationSplit", () => crossValidationSplit(dataset, 5, new PythonRandom(1)));
    expectSame(dataset, before, "the dataset after the split (it must not change)");
    const want = quest.crossValidationSplit(dataset, 5, new PythonRandom(1));
    const d = firstDifference(got, want, "the folds");
    if (d && Array.isArray(got) && got.length === 5 && got.every((f, i) => Array.isArray(f) && f.length === want[i].length)) {
      throw new Differs(`${d}: the sizes are right but not the rows; draw index = randrange(len(dataset_copy)) and pop that row, as the post does`);
    }
    expectSame(got, want, "the folds");
    return `5 folds of ${want[0].length} rows (int(101 / 5); one row is left out), the rows CPython draws after seed(1), and the dataset unchanged.`;
  });
}

/** Step 3: accuracy_metric(actual, predicted) is the percentage of equal entries. */
export function checkAccuracyMetric(accuracyMetric: (actual: number[], predicted: number[]) => unknown, print: Print = console.log): void {
  runCheck("checkAccuracyMetric", print, () => {
    const cases: [number[], number[]][] = [[[0, 1, 2, 2], [0, 1, 1, 2]], [[1, 1, 1], [1, 1, 1]], [[3, 0, 4, 4, 1, 2, 2], [0, 3, 1, 1, 4, 0, 0]]];
    for (const [actual, predicted] of cases) {
      expectSame(call("accuracyMetric", () => accuracyMetric(actual, predicted)), quest.accuracyMetric(actual, predicted), `accuracyMetric(${show(actual)}, ${show(predicted)})`);
    }
    return "75.0 for 3 of 4, 100.0 for all, 0.0 for none: a percentage.";
  });
}

type AnyAlgorithm = (train: number[][], test: quest.TestRow[], ...args: any[]) => number[];

/** Step 3: evaluate_algorithm(dataset, algorithm, n_folds, rng, ...args) gives each fold's score, the class hidden from the test rows. */
export function checkEvaluateAlgorithm(
  evaluateAlgorithm: (dataset: number[][], algorithm: AnyAlgorithm, nFolds: number, rng: PythonRandom, ...args: any[]) => unknown,
  print: Print = console.log,
): void {
  runCheck("checkEvaluateAlgorithm", print, () => {
    const dataset = Array.from({ length: 23 }, (_, i) => [i / 22, (i * 5) % 3]);
    let leaked = false;
    let extra: unknown[] = [];
    // A stand-in algorithm: predicts the most common class of its train rows for every test row.
    const majority = (train: number[][], test: quest.TestRow[], ...args: unknown[]): number[] => {
      if (test.some((row) => row[row.length - 1] !== null)) leaked = true;
      extra = args;
      const counts = [0, 0, 0];
      for (const row of train) counts[row[row.length - 1]]++;
      return test.map(() => counts.indexOf(Math.max(...counts)));
    };
    const got = call("evaluateAlgorithm", () => evaluateAlgorithm(clone(dataset), majority, 4, new PythonRandom(1), "an argument"));
    if (leaked) throw new Differs("the test rows still carry their class: set each copy's last value to null, as the post's row_copy[-1] = None");
    if (extra[0] !== "an argument") throw new Differs(`the algorithm got the extra arguments ${show(extra)}: pass ...args on, then the random stream`);
    expectSame(got, quest.evaluateAlgorithm(clone(dataset), majority, 4, new PythonRandom(1), "an argument"), "the scores");
    return "each of 4 folds is scored by an algorithm trained on the other 3, its test rows without their class, with the folds of seed(1).";
  });
}

/** Step 4: back_propagation(train, test, l_rate, n_epoch, n_hidden, rng) returns the list of predictions. */
export function checkBackPropagation(
  backPropagation: (train: number[][], test: quest.TestRow[], lRate: number, nEpoch: number, nHidden: number, rng: PythonRandom) => unknown,
  print: Print = console.log,
): void {
  runCheck("checkBackPropagation", print, () => {
    const train = TEN_ROWS.filter((_, i) => i % 4 !== 0);
    const test = TEN_ROWS.filter((_, i) => i % 4 === 0).map((row) => [...row.slice(0, -1), null]);
    const got = call("backPropagation", () => backPropagation(clone(train), clone(test), 0.5, 20, 2, new PythonRandom(1)));
    if (typeof got === "number") {
      throw new Differs(`it returns ${got}, a single prediction: the hint's \`return prediction\`; return the list \`predictions\``);
    }
    expectSame(got, quest.backPropagation(clone(train), clone(test), 0.5, 20, 2, new PythonRandom(1)), "the predictions");
    return `the predictions for the ${test.length} test rows, a list, as the network of seed(1) makes them.`;
  });
}

/** Step 5: a grid of mean accuracies, {nFolds, lRate, nEpoch, mean} per cell, each cell from seed(1). */
export function checkGridSearch(
  gridSearch: (dataset: number[][], folds: number[], lRates: number[], epochs: number[], nHidden: number, rng: PythonRandom) => unknown,
  print: Print = console.log,
): void {
  runCheck("checkGridSearch", print, () => {
    const got = call("gridSearch", () => gridSearch(clone(TEN_ROWS), [2, 5], [0.1, 0.5], [5, 20], 2, new PythonRandom(1)));
    const want = quest.gridSearch(clone(TEN_ROWS), [2, 5], [0.1, 0.5], [5, 20], 2, new PythonRandom(1));
    if (!Array.isArray(got)) throw new Differs(`it returns ${show(got)}, expected a list of ${want.length} cells`);
    const pick = (cells: unknown[]) => cells.map((c) => {
      const { nFolds, lRate, nEpoch, mean } = c as quest.GridCell;
      return { nFolds, lRate, nEpoch, mean };
    });
    expectSame(pick(got), pick(want), "the cells");
    return `${want.length} cells in the order folds, then l_rate, then n_epoch, each mean from a fresh seed(1).`;
  });
}

/** Step 6: train_network with the updates of each batch summed and applied once per batch. */
export function checkTrainNetworkBatch(
  trainNetworkBatch: (network: NeuronNetwork, train: number[][], lRate: number, nEpoch: number, nOutputs: number, batchSize: number) => unknown,
  print: Print = console.log,
): void {
  runCheck("checkTrainNetworkBatch", print, () => {
    const weights = (network: NeuronNetwork) => network.map((layer) => layer.map((n) => n.weights));
    for (const batchSize of [1, 3, 10]) {
      const got = initializeNetwork(2, 2, 2, new PythonRandom(1));
      call("trainNetworkBatch", () => trainNetworkBatch(got, clone(TEN_ROWS), 0.5, 5, 2, batchSize));
      const want = initializeNetwork(2, 2, 2, new PythonRandom(1));
      if (batchSize === 1) trainNetwork(want, TEN_ROWS, 0.5, 5, 2);
      else quest.trainNetworkBatch(want, TEN_ROWS, 0.5, 5, 2, batchSize);
      expectSame(weights(got), weights(want), `with batchSize ${batchSize}, the weights`);
    }
    return "batch size 1 is train_network; batches of 3 (the last one of 1) and the full batch of 10 give the summed updates' weights.";
  });
}
