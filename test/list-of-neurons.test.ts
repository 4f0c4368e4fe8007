// Post 004's network of neuron dictionaries against CPython running the post's code
// (test/fixtures/list-of-neurons.json, written by scripts/make-list-of-neurons-fixtures.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PythonRandom } from "../lib/src/random";
import { pythonRepr } from "../lib/src/python-format";
import {
  backpropError, feedforward, initializeNetwork, predict, trainNetwork, updateWeights, type LabelledRow, type NeuronNetwork,
} from "../lib/src/models/list-of-neurons";

interface FixtureNeuron { weights: number[]; output: number; delta: number }
const fixture = JSON.parse(readFileSync(join(__dirname, "fixtures", "list-of-neurons.json"), "utf8")) as {
  dataset: number[][];
  post: {
    initialWeights: number[][][]; epochLines: string[]; history: { error: number; squared: number }[];
    printedLayers: string[]; trained: FixtureNeuron[][]; predictionLines: string[];
  };
  seedStudy: Record<string, { seed: number; correct: number; error: number }[]>;
};
const dataset: LabelledRow[] = fixture.dataset;

function relativeDifference(a: number, b: number): number {
  return a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

function postRun(): { network: NeuronNetwork; history: ReturnType<typeof trainNetwork>; initial: number[][][] } {
  const network = initializeNetwork(2, 2, 2, new PythonRandom(1));
  const initial = network.map((layer) => layer.map((n) => [...n.weights]));
  const history = trainNetwork(network, dataset, 0.5, 20, 2);
  return { network, history, initial };
}

test("seed(1) draws the post's initial weights, bit for bit", () => {
  assert.deepEqual(postRun().initial, fixture.post.initialWeights);
});

test("the 20 epoch lines are CPython's, digit for digit; the errors agree to 1e-12", () => {
  const { history } = postRun();
  assert.deepEqual(history.map((e) => e.line), fixture.post.epochLines);
  history.forEach((e, i) => {
    assert.ok(relativeDifference(e.error, fixture.post.history[i].error) <= 1e-12, `epoch ${i} error`);
    assert.ok(relativeDifference(e.squaredError, fixture.post.history[i].squared) <= 1e-12, `epoch ${i} squared error`);
  });
});

test("the trained network matches CPython's to 1e-12 and prints in Python's shape", () => {
  const { network } = postRun();
  network.forEach((layer, l) => layer.forEach((neuron, j) => {
    const want = fixture.post.trained[l][j];
    neuron.weights.forEach((w, k) => assert.ok(relativeDifference(w, want.weights[k]) <= 1e-12, `layer ${l} neuron ${j} weight ${k}`));
    assert.ok(relativeDifference(neuron.output as number, want.output) <= 1e-12);
    assert.ok(relativeDifference(neuron.delta as number, want.delta) <= 1e-12);
  }));
  // Same keys in the same order, same digits up to the last ones that exp and log may change.
  const shape = (s: string) => s.replace(/-?\d+\.\d+(e-?\d+)?/g, (m) => Number(m).toPrecision(12));
  assert.deepEqual(network.map((layer) => shape(pythonRepr(layer))), fixture.post.printedLayers.map(shape));
  const lines = dataset.map((row) => `Expected:${row[2]}, Got=${predict(network, row)}`);
  assert.deepEqual(lines, fixture.post.predictionLines);
});

test("seeds 1…200 at 20, 50 and 100 epochs: every run gets CPython's number right and its error", () => {
  for (const [epochs, rows] of Object.entries(fixture.seedStudy)) {
    for (const { seed, correct, error } of rows) {
      const network = initializeNetwork(2, 2, 2, new PythonRandom(seed));
      const history = trainNetwork(network, dataset, 0.5, Number(epochs), 2);
      const got = dataset.filter((row) => predict(network, row) === row[2]).length;
      assert.equal(got, correct, `seed ${seed}, ${epochs} epochs`);
      assert.ok(relativeDifference(history[history.length - 1].error, error) <= 1e-10, `seed ${seed}, ${epochs} epochs: error`);
    }
  }
});

test("the hidden layer gets deltas: one update moves every weight", () => {
  const network = initializeNetwork(2, 2, 2, new PythonRandom(1));
  const before = network.map((layer) => layer.map((n) => [...n.weights]));
  feedforward(network, dataset[0]);
  backpropError(network, [1, 0]);
  updateWeights(network, dataset[0], 0.5);
  network.forEach((layer, l) => layer.forEach((n, j) => n.weights.forEach((w, k) =>
    assert.notEqual(w, before[l][j][k], `layer ${l} neuron ${j} weight ${k} did not move`))));
});

test("bad rows and arguments are refused with the row named", () => {
  const network = initializeNetwork(2, 2, 2, new PythonRandom(1));
  assert.throws(() => trainNetwork(network, [[1, 2, 0], [1, 2, 2]], 0.5, 1, 2),
    /^Error: trainNetwork: train\[1\]'s label must be an integer in 0\.\.1, got 2$/);
  assert.throws(() => trainNetwork(network, [[1, 2, 0], [1, 0]], 0.5, 1, 2),
    /^Error: trainNetwork: train\[1\] must be 2 inputs then a label, got \[1,0\]$/);
  assert.throws(() => trainNetwork(network, [[1, NaN, 0]], 0.5, 1, 2), /trainNetwork: train\[0\]\[1\] must be a finite number, got NaN/);
  assert.throws(() => trainNetwork(network, [[1, 2, 0.5]], 0.5, 1, 2), /train\[0\]'s label must be an integer in 0\.\.1, got 0\.5/);
  assert.throws(() => trainNetwork(network, dataset, 0, 1, 2), /trainNetwork: lRate must be/);
  assert.throws(() => predict(network, [1]), /^Error: predict: row must be at least 2 inputs, got \[1\]$/);
  assert.throws(() => initializeNetwork(2, 0, 2, new PythonRandom(1)), /initializeNetwork: nHidden must be an integer ≥ 1, got 0/);
});

test("nOutputs must be the output layer's number of units (CPython's expected[row[-1]] raises IndexError)", () => {
  const network = initializeNetwork(2, 2, 2, new PythonRandom(1));
  const before = JSON.stringify(network);
  assert.throws(() => trainNetwork(network, dataset, 0.5, 1, 3),
    /^Error: trainNetwork: nOutputs must be the output layer's number of units, 2, got 3$/);
  // One output fewer than the layer's, with labels that all fit it: no label check catches this one.
  assert.throws(() => trainNetwork(network, dataset.filter((row) => row[2] === 0), 0.5, 1, 1),
    /^Error: trainNetwork: nOutputs must be the output layer's number of units, 2, got 1$/);
  assert.equal(JSON.stringify(network), before, "refused before any update");
});

test("an output that saturates at exactly 0 or 1 is refused, naming the epoch and the row, instead of an error of NaN", () => {
  const message = (fn: string, output: number, row: number, epoch: number) => new RegExp(
    `^Error: ${fn}: output ${output} of train\\[${row}\\] in epoch ${epoch} must be strictly between 0 and 1 for the error's logs ` +
    `\\(the sigmoid saturated: try a lower lRate, or inputs scaled to \\[0, 1\\]\\), got 1$`);
  // The post's data with lRate 1000: the first update sends row 1's first output to 1.0, whose log(1 − o) CPython refuses.
  assert.throws(() => trainNetwork(initializeNetwork(2, 2, 2, new PythonRandom(1)), dataset, 1000, 20, 2), message("trainNetwork", 0, 1, 0));
  // By hand: the first epoch's update alone saturates the next epoch's output.
  const zeros = (): NeuronNetwork => [[{ weights: [0, 0, 0] }], [{ weights: [0, 0] }, { weights: [0, 0] }]];
  assert.throws(() => trainNetwork(zeros(), [[1, 1, 0]], 1000, 3, 2), message("trainNetwork", 0, 0, 1));
  // With lRate 1 the same network stays clear of 0 and 1: outputs ½, ½ give 2·log ½; the update moves the
  // output layer's weights by ±(0.0625, 0.125), so the outputs become σ(±0.15625) and the error 2·log σ(0.15625).
  assert.deepEqual(trainNetwork(zeros(), [[1, 1, 0]], 1, 2, 2).map((e) => e.line), [">epoch=0, lrate=1.000, error=-1.386", ">epoch=1, lrate=1.000, error=-1.236"]);
});
