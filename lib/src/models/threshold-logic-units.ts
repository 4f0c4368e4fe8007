// Post 002 §10.1.2–10.1.3, after Géron's Hands-On Machine Learning ch. 10: McCulloch–Pitts
// neurons, the threshold logic unit with its step functions, and dense layers of such units.
// They live apart from logic-gates.ts because they are post 002's material, while the
// perceptron gates there are post 001's.

import { argumentError, checkBit, checkFinite, describe } from "../checks";
import { GATE_WEIGHTS, type Bit, type GateWeights } from "./logic-gates";

// ---- McCulloch–Pitts neurons (post 002 §10.1.2) ------------------------------------------

/**
 * A McCulloch–Pitts neuron as Géron draws it: binary inputs, each wired to the neuron by
 * some number of excitatory connections; the neuron fires when at least `threshold`
 * connections are active and no inhibitory input is on.
 */
export interface McCullochPittsSpec {
  /** Excitatory connections from each input (0 for an input that only inhibits). */
  connections: readonly number[];
  /** Indices of inputs that veto firing when on. */
  inhibitory?: readonly number[];
  /** Active connections needed to fire (Géron: 2). */
  threshold: number;
}

/** The neuron's output for binary inputs. */
export function mcCullochPitts(spec: McCullochPittsSpec, inputs: readonly number[]): Bit {
  const n = spec.connections.length;
  if (!Array.isArray(inputs) || inputs.length !== n) {
    throw argumentError("mcCullochPitts", "inputs", `of length ${n} (one per connection)`, describe(inputs));
  }
  inputs.forEach((v, i) => checkBit("mcCullochPitts", `inputs[${i}]`, v));
  if ((spec.inhibitory ?? []).some((i) => inputs[i] === 1)) return 0;
  let active = 0;
  spec.connections.forEach((c, i) => (active += c * inputs[i]));
  return active >= spec.threshold ? 1 : 0;
}

/** Post 002 §10.1.2's four networks: C = A, C = A ∧ B, C = A ∨ B, C = A ∧ ¬B (threshold 2). */
export const MCCULLOCH_PITTS: Readonly<Record<"identity" | "and" | "or" | "aAndNotB", McCullochPittsSpec>> = Object.freeze({
  identity: { connections: [2], threshold: 2 },
  and: { connections: [1, 1], threshold: 2 },
  or: { connections: [2, 2], threshold: 2 },
  aAndNotB: { connections: [2, 0], inhibitory: [1], threshold: 2 },
});

// ---- Threshold logic unit (post 002 §10.1.3) -------------------------------------------------

/** Heaviside step (Géron): 0 if z < 0, 1 if z ≥ 0. */
export function heaviside(z: number): Bit {
  return z >= 0 ? 1 : 0;
}

/** Sign function: −1 if z < 0, 0 if z = 0, +1 if z > 0. */
export function signStep(z: number): number {
  return z > 0 ? 1 : z < 0 ? -1 : 0;
}

/** TLU: z = xᵀw + b, output step(z). */
export class ThresholdLogicUnit {
  constructor(
    readonly weights: readonly number[],
    readonly bias = 0,
    readonly step: (z: number) => number = heaviside,
  ) {
    if (weights.length === 0 || weights.some((w) => !Number.isFinite(w))) {
      throw argumentError("ThresholdLogicUnit", "weights", "a non-empty array of finite numbers", `[${weights.join(", ")}]`);
    }
    checkFinite("ThresholdLogicUnit", "bias", bias);
  }

  netInput(x: readonly number[]): number {
    if (x.length !== this.weights.length) {
      throw argumentError("ThresholdLogicUnit.netInput", "x", `of length ${this.weights.length} (one per weight)`, describe(x));
    }
    let z = 0;
    for (let i = 0; i < x.length; i++) z += x[i] * this.weights[i];
    return z + this.bias;
  }

  output(x: readonly number[]): number {
    return this.step(this.netInput(x));
  }
}

// ---- Layers of TLUs --------------------------------------------------------------------------

/**
 * A layer of TLUs, every one connected to every input (a dense layer): weights[i][j]
 * connects input i to output j. With 2 inputs and 3 outputs it is post 002's multilabel
 * perceptron; stacked, the layers make a multilayer perceptron.
 */
export class StepLayer {
  readonly inputs: number;
  readonly outputs: number;

  constructor(
    readonly weights: readonly (readonly number[])[],
    readonly biases: readonly number[],
    readonly step: (z: number) => number = (z) => (z <= 0 ? 0 : 1),
  ) {
    this.inputs = weights.length;
    this.outputs = biases.length;
    if (this.inputs === 0) throw argumentError("StepLayer", "weights", "non-empty (one row per input)", describe(weights));
    if (this.outputs === 0) throw argumentError("StepLayer", "biases", "non-empty (one per output)", describe(biases));
    weights.forEach((row, i) => {
      if (row.length !== this.outputs) {
        throw argumentError("StepLayer", `weights[${i}]`, `of length ${this.outputs} (one per output, as biases)`, describe(row));
      }
    });
  }

  /** Outputs step(xᵀW + b), one per unit. */
  forward(x: readonly number[]): number[] {
    if (x.length !== this.inputs) throw argumentError("StepLayer.forward", "x", `of length ${this.inputs} (one per input)`, describe(x));
    const out: number[] = [];
    for (let j = 0; j < this.outputs; j++) {
      let z = 0;
      for (let i = 0; i < this.inputs; i++) z += x[i] * this.weights[i][j];
      out.push(this.step(z + this.biases[j]));
    }
    return out;
  }

  /** A layer of the given two-input gates, side by side. */
  static ofGates(gates: readonly GateWeights[]): StepLayer {
    return new StepLayer([gates.map((g) => g.w[0]), gates.map((g) => g.w[1])], gates.map((g) => g.b));
  }
}

/** Runs x through the layers in turn. */
export function forwardLayers(layers: readonly StepLayer[], x: readonly number[]): number[] {
  return layers.reduce((signal, layer) => layer.forward(signal), [...x]);
}

/** XOR as layers: [NAND, OR] then AND. */
export const XOR_LAYERS: readonly StepLayer[] = Object.freeze([
  StepLayer.ofGates([GATE_WEIGHTS.nand, GATE_WEIGHTS.or]),
  StepLayer.ofGates([GATE_WEIGHTS.and]),
]);
