// Post 001 "퍼셉트론", after Deep Learning from Scratch ch. 2 (ch02/and_gate.py, nand_gate.py,
// or_gate.py, xor_gate.py: functions AND, NAND, OR, XOR): gates as perceptrons with explicit
// weights and bias, and XOR from two layers of them because no single line separates its
// points. Post 002 §10.1.2–10.1.3 (McCulloch–Pitts neurons, threshold logic units, layers of
// them, XOR as such layers) is in threshold-logic-units.ts.

import { checkBit } from "../checks";

/** A binary input or output, 0 (off) or 1 (on). */
export type Bit = 0 | 1;

// ---- Perceptron gates (post 001, after Saito) -----------------------------------------------

/** Weights and bias of a two-input gate: y = 1 if w₁x₁ + w₂x₂ + b > 0, else 0. */
export interface GateWeights {
  w: readonly [number, number];
  b: number;
}

/** Saito's weights: AND and OR differ only in the bias; NAND is AND with every sign flipped. */
export const GATE_WEIGHTS: Readonly<Record<"and" | "or" | "nand", GateWeights>> = Object.freeze({
  and: { w: [0.5, 0.5], b: -0.7 },
  or: { w: [0.5, 0.5], b: -0.2 },
  nand: { w: [-0.5, -0.5], b: 0.7 },
});

/** A gate's output for (x₁, x₂); Saito's rule: 0 when the weighted sum plus bias is ≤ 0. */
export function perceptronGate(gate: GateWeights, x1: number, x2: number): Bit {
  checkBit("perceptronGate", "x1", x1);
  checkBit("perceptronGate", "x2", x2);
  return gate.w[0] * x1 + gate.w[1] * x2 + gate.b <= 0 ? 0 : 1;
}

export const andGate = (x1: number, x2: number): Bit => perceptronGate(GATE_WEIGHTS.and, x1, x2);
export const nandGate = (x1: number, x2: number): Bit => perceptronGate(GATE_WEIGHTS.nand, x1, x2);
export const orGate = (x1: number, x2: number): Bit => perceptronGate(GATE_WEIGHTS.or, x1, x2);

/** XOR as a two-layer perceptron: s₁ = NAND(x₁, x₂), s₂ = OR(x₁, x₂), y = AND(s₁, s₂). */
export function xorGate(x1: number, x2: number): Bit {
  return andGate(nandGate(x1, x2), orGate(x1, x2));
}

/** The four inputs of a two-input gate, in truth-table order. */
export const GATE_INPUTS: readonly (readonly [Bit, Bit])[] = Object.freeze([[0, 0], [1, 0], [0, 1], [1, 1]] as const);

/** Rows [x₁, x₂, y] computed by `gate`. */
export function truthTable(gate: (x1: number, x2: number) => number): number[][] {
  return GATE_INPUTS.map(([x1, x2]) => [x1, x2, gate(x1, x2)]);
}

// ---- Linear separability ----------------------------------------------------------------------

/** Does the line w₁x₁ + w₂x₂ + b = 0 put every 1 strictly on the positive side and every 0 on the other? */
export function separates(gate: GateWeights, table: readonly (readonly number[])[]): boolean {
  return table.every(([x1, x2, y]) => {
    const z = gate.w[0] * x1 + gate.w[1] * x2 + gate.b;
    return y === 1 ? z > 0 : z <= 0;
  });
}

/** Every line of a grid (w₁, w₂, b each over `values`) that separates the truth table. */
export function separatingLines(table: readonly (readonly number[])[], values: ArrayLike<number>): GateWeights[] {
  const found: GateWeights[] = [];
  for (let a = 0; a < values.length; a++) {
    for (let c = 0; c < values.length; c++) {
      for (let k = 0; k < values.length; k++) {
        const gate: GateWeights = { w: [values[a], values[c]], b: values[k] };
        if (separates(gate, table)) found.push(gate);
      }
    }
  }
  return found;
}
