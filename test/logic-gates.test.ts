import { test } from "node:test";
import assert from "node:assert/strict";
import {
  andGate,
  GATE_INPUTS,
  GATE_WEIGHTS,
  nandGate,
  orGate,
  perceptronGate,
  separates,
  separatingLines,
  truthTable,
  xorGate,
} from "../lib/src/models/logic-gates";
import {
  forwardLayers,
  heaviside,
  MCCULLOCH_PITTS,
  mcCullochPitts,
  signStep,
  StepLayer,
  ThresholdLogicUnit,
  XOR_LAYERS,
} from "../lib/src/models/threshold-logic-units";
import { Perceptron } from "../lib/src/models/perceptron";
import { linspace } from "../lib/src/tensor";

const AND = [[0, 0, 0], [1, 0, 0], [0, 1, 0], [1, 1, 1]];
const OR = [[0, 0, 0], [1, 0, 1], [0, 1, 1], [1, 1, 1]];
const NAND = [[0, 0, 1], [1, 0, 1], [0, 1, 1], [1, 1, 0]];
const XOR = [[0, 0, 0], [1, 0, 1], [0, 1, 1], [1, 1, 0]];

test("McCulloch–Pitts neurons compute identity, AND, OR and A AND NOT B", () => {
  const mp = (name: keyof typeof MCCULLOCH_PITTS) => GATE_INPUTS.map(([a, b]) => mcCullochPitts(MCCULLOCH_PITTS[name], name === "identity" ? [a] : [a, b]));
  assert.deepEqual(mp("identity"), [0, 1, 0, 1]);
  assert.deepEqual(mp("and"), [0, 0, 0, 1]);
  assert.deepEqual(mp("or"), [0, 1, 1, 1]);
  assert.deepEqual(mp("aAndNotB"), [0, 1, 0, 0]);
  assert.throws(() => mcCullochPitts(MCCULLOCH_PITTS.and, [1]), { message: "mcCullochPitts: inputs must be of length 2 (one per connection), got [1]" });
  assert.throws(() => mcCullochPitts(MCCULLOCH_PITTS.and, [1, 0.5]), { message: "mcCullochPitts: inputs[1] must be 0 or 1, got 0.5" });
});

test("step functions and the threshold logic unit", () => {
  assert.deepEqual([-2, -1e-9, 0, 1e-9, 3].map(heaviside), [0, 0, 1, 1, 1]);
  assert.deepEqual([-2, -1e-9, 0, 1e-9, 3].map(signStep), [-1, -1, 0, 1, 1]);
  const tlu = new ThresholdLogicUnit([2, -1], 0.5);
  assert.equal(tlu.netInput([1, 3]), 2 - 3 + 0.5);
  assert.equal(tlu.output([1, 3]), 0);
  assert.equal(tlu.output([1, 2]), 1);
  assert.equal(new ThresholdLogicUnit([1, 1], -1, signStep).output([0.5, 0.5]), 0);
  assert.equal(new ThresholdLogicUnit([1, 1], -1, signStep).output([0, 0.5]), -1);
  assert.throws(() => tlu.netInput([1]), { message: "ThresholdLogicUnit.netInput: x must be of length 2 (one per weight), got [1]" });
  assert.throws(() => new ThresholdLogicUnit([1, NaN]), { message: "ThresholdLogicUnit: weights must be a non-empty array of finite numbers, got [1, NaN]" });
  assert.throws(() => new ThresholdLogicUnit([1], Infinity), { message: "ThresholdLogicUnit: bias must be a finite number, got Infinity" });
});

test("perceptron gates give their truth tables; XOR = AND(NAND, OR) is exact", () => {
  assert.deepEqual(truthTable(andGate), AND);
  assert.deepEqual(truthTable(orGate), OR);
  assert.deepEqual(truthTable(nandGate), NAND);
  assert.deepEqual(truthTable(xorGate), XOR);
  assert.deepEqual(truthTable((a, b) => forwardLayers(XOR_LAYERS, [a, b])[0]), XOR);
  // The hidden layer of the XOR network is [NAND, OR].
  assert.deepEqual(GATE_INPUTS.map((x) => XOR_LAYERS[0].forward(x)), [[1, 0], [1, 1], [1, 1], [0, 1]]);
  assert.throws(() => andGate(2, 0), { message: "perceptronGate: x1 must be 0 or 1, got 2" });
  assert.throws(() => xorGate(1, -1), { message: "perceptronGate: x2 must be 0 or 1, got -1" });
});

test("a layer with 2 inputs and 3 outputs is a multilabel classifier", () => {
  const layer = StepLayer.ofGates([GATE_WEIGHTS.and, GATE_WEIGHTS.or, GATE_WEIGHTS.nand]);
  assert.equal(layer.inputs, 2);
  assert.equal(layer.outputs, 3);
  assert.deepEqual(GATE_INPUTS.map((x) => layer.forward(x)), [[0, 0, 1], [0, 1, 1], [0, 1, 1], [1, 1, 0]]);
  assert.throws(() => layer.forward([1]), { message: "StepLayer.forward: x must be of length 2 (one per input), got [1]" });
  assert.throws(() => new StepLayer([[1, 2], [3]], [0, 0]), { message: "StepLayer: weights[1] must be of length 2 (one per output, as biases), got [3]" });
  assert.throws(() => new StepLayer([], [0]), { message: "StepLayer: weights must be non-empty (one row per input), got []" });
  assert.throws(() => new StepLayer([[]], []), { message: "StepLayer: biases must be non-empty (one per output), got []" });
});

test("no line of a grid separates XOR; many separate AND and OR", () => {
  const grid = linspace(-1, 1, 41).data;
  const forAnd = separatingLines(AND, grid);
  assert.ok(forAnd.length > 100, `only ${forAnd.length} lines for AND`);
  assert.ok(forAnd.some((g) => g.w[0] === 0.5 && g.w[1] === 0.5 && Math.abs(g.b + 0.7) < 1e-12));
  assert.ok(separatingLines(OR, grid).length > 100);
  assert.equal(separatingLines(XOR, grid).length, 0);
  assert.equal(separates(GATE_WEIGHTS.and, AND), true);
  assert.equal(separates(GATE_WEIGHTS.or, XOR), false);
  assert.equal(perceptronGate(GATE_WEIGHTS.nand, 1, 1), 0);
});

test("a single perceptron never reaches zero errors on XOR in 100 epochs; on AND it does", () => {
  const X = GATE_INPUTS.map((x) => [...x]);
  const sign = (table: number[][]) => table.map((r) => (r[2] === 1 ? 1 : -1));
  for (const seed of [0, 1, 2, 3]) {
    const xor = new Perceptron({ eta: 0.1, nIter: 100, seed }).fit(X, sign(XOR));
    assert.equal(xor.errors.length, 100);
    assert.ok(xor.errors.every((e) => e > 0), `seed ${seed}: ${xor.errors}`);
    const and = new Perceptron({ eta: 0.1, nIter: 100, seed }).fit(X, sign(AND));
    assert.equal(and.errors[99], 0);
  }
});
