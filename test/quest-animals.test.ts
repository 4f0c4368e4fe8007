// Post 004's Quest (chapter 13) against CPython running the quest's code on data/zoo.csv
// (test/fixtures/quest-animals.json, written by scripts/make-quest-animals-fixtures.py),
// its bad-input errors, and the learner checks of quest-checks.ts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PythonRandom } from "../lib/src/random";
import { pythonFixed, pythonRepr } from "../lib/src/python-format";
import { initializeNetwork, predict, trainNetwork, type NeuronNetwork } from "../lib/src/models/list-of-neurons";
import * as quest from "../lib/src/models/quest-animals";
import * as checks from "../lib/src/models/quest-checks";

interface Cell { nFolds: number; lRate: number; nEpoch: number; scores: number[]; mean: number }
const fixture = JSON.parse(readFileSync(join(__dirname, "fixtures", "quest-animals.json"), "utf8")) as {
  lookup: [string, number][];
  setOrder: { hashSeed: number; lookup: [string, number][]; scores?: number[] }[];
  post: { nFolds: number; lRate: number; nEpoch: number; nHidden: number; scores: number[]; mean: number; lines: string[]; folds: { rows: number[]; predicted: number[] }[] };
  asPosted: string;
  batch: { nEpoch: number; lRate: number; nHidden: number; runs: { batchSize: number; weights: number[][][]; predicted: number[] }[] };
  grid: { full: Cell[]; ci: Cell[] };
};
const zooPath = join(__dirname, "..", "data", "zoo.csv");

/** data/zoo.csv the quest's way: header and names off, floats, sorted class numbers, normalized. */
const loadZoo = () => quest.loadAnimals(zooPath);

test("the zoo loads as the quest loads it: 101 rows of 16 features in [0, 1] and the class numbered in sorted order, as CPython's", () => {
  const { header, names, dataset, lookup } = loadZoo();
  assert.equal(header.length, 18);
  assert.equal(names.length, 101);
  assert.equal(names[0], "aardvark");
  assert.deepEqual(Object.entries(lookup), fixture.lookup);
  for (const row of dataset) {
    assert.equal(row.length, 17);
    for (const v of row.slice(0, -1)) assert.ok(v >= 0 && v <= 1);
  }
  // The post's set order is not one order: CPython numbers the classes differently under other hash seeds.
  assert.ok(new Set(fixture.setOrder.map((s) => JSON.stringify(s.lookup))).size >= 2);
});

test("seed(1), 5 folds, l_rate 0.3, 500 epochs, 5 hidden: the folds, every prediction, the scores and the printed lines are CPython's", () => {
  const { dataset } = loadZoo();
  const { nFolds, lRate, nEpoch, nHidden } = fixture.post;
  const folds = quest.evaluateFolds(dataset, quest.backPropagation, nFolds, new PythonRandom(1), lRate, nEpoch, nHidden);
  folds.forEach((fold, f) => {
    assert.deepEqual(fold.rows.map((row) => dataset.indexOf(row)), fixture.post.folds[f].rows, `fold ${f}'s rows`);
    assert.deepEqual(fold.predicted, fixture.post.folds[f].predicted, `fold ${f}'s predictions`);
  });
  const scores = folds.map((f) => f.score);
  assert.deepEqual(scores, fixture.post.scores);
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  assert.equal(mean, fixture.post.mean);
  assert.deepEqual([`Scores: ${pythonRepr(scores)}`, `Mean Accuracy: ${pythonFixed(mean, 3)}%`], fixture.post.lines);
  assert.deepEqual(quest.evaluateAlgorithm(dataset, quest.backPropagation, nFolds, new PythonRandom(1), lRate, nEpoch, nHidden), fixture.post.scores);
});

test("the grid's fold scores are CPython's: the whole ci grid and the full grid's 100-epoch cells", () => {
  const { dataset } = loadZoo();
  const cases = [...fixture.grid.ci, ...fixture.grid.full.filter((c) => c.nEpoch === 100)];
  for (const want of cases) {
    const [got] = quest.gridSearch(dataset, [want.nFolds], [want.lRate], [want.nEpoch], 5, new PythonRandom(99));
    assert.deepEqual(got.scores, want.scores, `${want.nFolds} folds, l_rate ${want.lRate}, ${want.nEpoch} epochs`);
    assert.equal(got.mean, want.mean);
  }
});

test("mini-batches: batch size 1 is train_network exactly; 10 and the full batch give CPython's predictions, and its weights to 1e-9 (the full batch, chaotic here, to 1e-3)", () => {
  const { dataset } = loadZoo();
  const rng = new PythonRandom(1);
  const folds = quest.crossValidationSplit(dataset, 5, rng);
  const train = folds.slice(1).flat();
  const test = folds[0];
  const nOutputs = new Set(train.map((row) => row[row.length - 1])).size;
  const initial = initializeNetwork(16, fixture.batch.nHidden, nOutputs, rng);
  const copy = (): NeuronNetwork => initial.map((layer) => layer.map((n) => ({ weights: [...n.weights] })));
  for (const run of fixture.batch.runs) {
    const network = copy();
    quest.trainNetworkBatch(network, train, fixture.batch.lRate, fixture.batch.nEpoch, nOutputs, run.batchSize);
    assert.deepEqual(test.map((row) => predict(network, row)), run.predicted, `batch ${run.batchSize}`);
    // Full-batch descent on this data crosses a plateau where a difference in the last bit grows
    // about a hundredfold every ten epochs (one ulp in one initial weight becomes 1e-7 by epoch 100);
    // where V8's exp and log round differently from the C library's, the weights part by up to 3e-4.
    const tolerance = run.batchSize === train.length ? 1e-3 : 1e-9;
    network.forEach((layer, l) => layer.forEach((n, j) => n.weights.forEach((w, k) => {
      const want = run.weights[l][j][k];
      assert.ok(Math.abs(w - want) <= tolerance * Math.max(1, Math.abs(want)), `batch ${run.batchSize}: weight ${l}/${j}/${k}: ${w} against ${want}`);
    })));
    if (run.batchSize === 1) {
      const sgd = copy();
      trainNetwork(sgd, train, fixture.batch.lRate, fixture.batch.nEpoch, nOutputs);
      // Exactly: the same additions in the same order.
      assert.deepEqual(sgd.map((layer) => layer.map((n) => [n.weights, n.delta])), network.map((layer) => layer.map((n) => [n.weights, n.delta])));
    }
  }
});

test("bad input: a row with another number of fields names its line; a value that is no number names line and column", () => {
  assert.throws(() => quest.parseCsv("a,b,c\n1,2,3\n\n4,5\n", "t.csv"), /^DatasetError: t\.csv: line 4: 2 fields, expected 3 as on line 1$/);
  const rows: quest.CsvValue[][] = quest.parseCsv("name,legs,type\ncat,4,mammal\nant,six,insect\n", "t.csv");
  rows.shift();
  rows.forEach((row) => row.shift());
  assert.throws(() => quest.strToFloat(rows, 0), /^Error: strToFloat: column 0 of line 3 of t\.csv must be a number, got "six"$/);
  // The header row, left in, stops the conversion at line 1, as float('hair') stops the post's code.
  const withHeader: quest.CsvValue[][] = quest.loadCsv(zooPath);
  assert.throws(() => quest.strToFloat(withHeader, 1), /column 1 of line 1 of zoo\.csv must be a number, got "hair"/);
  // Rows made by hand have no line: their index is named.
  assert.throws(() => quest.strToFloat([["1"], ["x"]], 0), /column 0 of row 1 must be a number, got "x"/);
  assert.throws(() => quest.strToFloat([["1"]], 1), /column must be an integer in 0\.\.0, got 1/);
  assert.throws(() => quest.datasetMinmax([[0, "1" as unknown as number]]), /column 1 of row 0 must be a finite number/);
  assert.throws(() => quest.normalizeDataset([[1, 2, 0], [1, 3, 1]], [[1, 1], [2, 3], [0, 1]]), /minmax\[0\] must be \[min, max\] with max > min/);
});

test("bad input: n_folds below 2 or above the rows, l_rate ≤ 0, a single prediction for the list", () => {
  const { dataset } = loadZoo();
  assert.throws(() => quest.crossValidationSplit(dataset, 1, new PythonRandom(1)), /crossValidationSplit: nFolds must be an integer in 2\.\.101, got 1/);
  assert.throws(() => quest.crossValidationSplit(dataset, 102, new PythonRandom(1)), /nFolds must be an integer in 2\.\.101, got 102/);
  assert.throws(() => quest.evaluateAlgorithm(dataset, quest.backPropagation, 0, new PythonRandom(1), 0.3, 5, 5), /nFolds must be an integer in 2\.\.101, got 0/);
  for (const lRate of [0, -0.1, NaN]) {
    assert.throws(() => quest.evaluateAlgorithm(dataset, quest.backPropagation, 5, new PythonRandom(1), lRate, 5, 5), /backPropagation: lRate must be a finite number > 0/);
  }
  assert.throws(() => quest.backPropagationBatch(dataset, [], 0.3, 5, 5, 0, new PythonRandom(1)), /batchSize must be an integer ≥ 1, got 0/);
  assert.throws(() => quest.accuracyMetric([1, 2], 2 as unknown as number[]), /predicted must be a list of 2 predictions, as many as actual, got 2 \(a single number/);
});

test("trainNetworkBatch checks as trainNetwork does: nOutputs against the output layer, NaN inputs, a saturated output", () => {
  const network = initializeNetwork(2, 2, 2, new PythonRandom(1));
  const rows = [[0.1, 0.2, 0], [0.3, 0.4, 1]];
  assert.throws(() => quest.trainNetworkBatch(network, rows, 0.5, 1, 3, 2),
    /^Error: trainNetworkBatch: nOutputs must be the output layer's number of units, 2, got 3$/);
  assert.throws(() => quest.trainNetworkBatch(network, [[0.1, 0.2, 0], [0.3, 0.4, 0]], 0.5, 1, 1, 2), /nOutputs must be the output layer's number of units, 2, got 1/);
  assert.throws(() => quest.trainNetworkBatch(network, [[0.1, 0.2, 0], [0.3, NaN, 1]], 0.5, 1, 2, 2),
    /^Error: trainNetworkBatch: train\[1\]\[1\] must be a finite number, got NaN$/);
  assert.throws(() => quest.trainNetworkBatch(network, [[0.1, 0.2, 0], [0.3]], 0.5, 1, 2, 2), /^Error: trainNetworkBatch: train\[1\] must be 2 inputs then a label, got \[0\.3\]$/);
  // The first epoch's summed update (lRate 1000) sends the second epoch's first output to exactly 1.
  const zeros = (): NeuronNetwork => [[{ weights: [0, 0, 0] }], [{ weights: [0, 0] }, { weights: [0, 0] }]];
  assert.throws(() => quest.trainNetworkBatch(zeros(), [[1, 1, 0], [1, 1, 0]], 1000, 3, 2, 2),
    /^Error: trainNetworkBatch: output 0 of train\[0\] in epoch 1 must be strictly between 0 and 1 for the error's logs \(the sigmoid saturated: try a lower lRate, or inputs scaled to \[0, 1\]\), got 1$/);
  assert.throws(() => quest.trainNetworkBatch(zeros(), [[1, 1, 0], [1, 1, 0]], 1000, 3, 2, 1), /output 0 of train\[1\] in epoch 0 must be strictly between 0 and 1/);
});

test("the hint's `return prediction`: evaluate_algorithm stops at the first fold, as CPython's does", () => {
  assert.match(fixture.asPosted, /^TypeError: 'int' object is not subscriptable$/);
  const { dataset } = loadZoo();
  const asPosted = (train: number[][], test: quest.TestRow[], lRate: number, nEpoch: number, nHidden: number, rng: PythonRandom) => {
    const predictions = quest.backPropagation(train, test, lRate, nEpoch, nHidden, rng);
    return predictions[predictions.length - 1] as unknown as number[];
  };
  assert.throws(() => quest.evaluateAlgorithm(dataset, asPosted, 5, new PythonRandom(1), 0.3, 2, 5), /accuracyMetric: predicted must be a list of 20 predictions/);
});

/** The line a check prints. */
function run(check: (print: (line: string) => void) => void): string {
  const lines: string[] = [];
  check((line) => lines.push(line));
  assert.equal(lines.length, 1);
  return lines[0];
}

test("the checks: the library's own functions are right, a stub is 'not done yet', a wrong function is told what differs", () => {
  const stub = (): never => checks.todo();
  const right: [string, (p: (l: string) => void) => void][] = [
    ["checkLoadCsv", (p) => checks.checkLoadCsv(quest.loadCsv, p)],
    ["checkStrToFloat", (p) => checks.checkStrToFloat(quest.strToFloat, p)],
    ["checkStrToInt", (p) => checks.checkStrToInt(quest.strToInt, p)],
    ["checkNormalize", (p) => checks.checkNormalize(quest.datasetMinmax, quest.normalizeDataset, p)],
    ["checkCrossValidationSplit", (p) => checks.checkCrossValidationSplit(quest.crossValidationSplit, p)],
    ["checkAccuracyMetric", (p) => checks.checkAccuracyMetric(quest.accuracyMetric, p)],
    ["checkEvaluateAlgorithm", (p) => checks.checkEvaluateAlgorithm(quest.evaluateAlgorithm, p)],
    ["checkBackPropagation", (p) => checks.checkBackPropagation(quest.backPropagation, p)],
    ["checkGridSearch", (p) => checks.checkGridSearch((d, f, l, e, h, r) => quest.gridSearch(d, f, l, e, h, r), p)],
    ["checkTrainNetworkBatch", (p) => checks.checkTrainNetworkBatch(quest.trainNetworkBatch, p)],
  ];
  for (const [name, check] of right) assert.match(run(check), new RegExp(`^${name}: right — `));
  assert.equal(run((p) => checks.checkNormalize(stub, stub, p)), "checkNormalize: not done yet — the stub still calls todo(); write the function and run this cell again.");
  assert.match(run((p) => checks.checkBackPropagation(stub, p)), /^checkBackPropagation: not done yet/);

  // The post's str_to_int in a Set's order (first appearance).
  const firstSeen = (dataset: quest.CsvValue[][], column: number) => {
    const lookup: Record<string, number> = {};
    [...new Set(dataset.map((row) => String(row[column])))].forEach((v, i) => (lookup[v] = i));
    dataset.forEach((row) => (row[column] = lookup[String(row[column])]));
    return lookup;
  };
  assert.match(run((p) => checks.checkStrToInt(firstSeen, p)), /differs — the lookup is \{'bird': 0, 'amphibian': 1, 'mammal': 2\}: the classes are numbered in order of first appearance/);
  // The hint's bug.
  const lastOnly = (...args: Parameters<typeof quest.backPropagation>) => quest.backPropagation(...args).at(-1);
  assert.match(run((p) => checks.checkBackPropagation(lastOnly, p)), /differs — it returns \d, a single prediction: the hint's `return prediction`/);
  // Normalizing the class column too.
  const allColumns = (dataset: number[][], minmax: [number, number][]) => {
    for (const row of dataset) for (let i = 0; i < row.length; i++) row[i] = (row[i] - minmax[i][0]) / (minmax[i][1] - minmax[i][0]);
  };
  assert.match(run((p) => checks.checkNormalize(quest.datasetMinmax, allColumns, p)), /differs — the dataset after normalizeDataset\[1\]\[3\] is 0\.5, expected 1\.0/);
  // A split that takes the rows in order.
  const inOrder = (dataset: number[][], nFolds: number) => Array.from({ length: nFolds }, (_, f) => dataset.slice(f * 20, f * 20 + 20));
  assert.match(run((p) => checks.checkCrossValidationSplit(inOrder, p)), /differs — the folds\[0\]\[0\]\[0\] is 0\.0, expected \d+\.0: the sizes are right but not the rows/);
  // An evaluation that leaves the class in the test rows.
  const leaky = (dataset: number[][], algorithm: (train: number[][], test: quest.TestRow[], ...a: unknown[]) => number[], nFolds: number, rng: PythonRandom, ...args: unknown[]) => {
    const folds = quest.crossValidationSplit(dataset, nFolds, rng);
    return folds.map((fold) => quest.accuracyMetric(fold.map((r) => r[r.length - 1]), algorithm(folds.filter((f) => f !== fold).flat(), fold, ...args, rng)));
  };
  assert.match(run((p) => checks.checkEvaluateAlgorithm(leaky, p)), /differs — the test rows still carry their class/);
  // A learner's error is reported, not thrown.
  assert.match(run((p) => checks.checkAccuracyMetric(() => { throw new RangeError("oops"); }, p)), /^checkAccuracyMetric: differs — accuracyMetric threw RangeError: oops$/);
  // Averaging the batch instead of summing it.
  const averaged = (network: ReturnType<typeof initializeNetwork>, train: number[][], lRate: number, nEpoch: number, nOutputs: number, batchSize: number) =>
    quest.trainNetworkBatch(network, train, lRate / batchSize, nEpoch, nOutputs, batchSize);
  assert.match(run((p) => checks.checkTrainNetworkBatch(averaged, p)), /differs — with batchSize 3, the weights/);
});
