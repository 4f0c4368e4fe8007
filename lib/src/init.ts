// Weight initialisers (post 001 "신경망의 학습", after Deep Learning from Scratch §6.2).
// Each takes the Rng to draw from and the shape [nIn, nOut] of a weight matrix used as
// x·W, so nIn (the rows) is the number of inputs feeding each unit.
import type { Rng } from "./random";
import { Tensor, zeros } from "./tensor";

export type WeightShape = readonly [number, number];
export type WeightInitName = "zeros" | "scaled" | "xavier" | "he";
export const WEIGHT_INIT_NAMES: readonly WeightInitName[] = ["zeros", "scaled", "xavier", "he"];

function checkWeightShape(shape: readonly number[], op: string): void {
  if (!Array.isArray(shape) || shape.length !== 2) {
    throw new Error(`${op}: needs a weight-matrix shape [nIn, nOut], got ${JSON.stringify(shape)}`);
  }
  for (const [i, d] of shape.entries()) {
    if (!Number.isInteger(d) || d < 1) {
      throw new Error(`${op}: ${i === 0 ? "nIn" : "nOut"} must be an integer ≥ 1, got ${d} in shape ${JSON.stringify(shape)}`);
    }
  }
}

/** std · N(0, 1), drawn row-major like numpy's `std * np.random.randn(nIn, nOut)`. */
function normalWeights(rng: Rng, shape: WeightShape, std: number): Tensor {
  return new Tensor(rng.normalArray(0, std, shape[0] * shape[1]), shape);
}

/**
 * All zeros. Shown because it fails: every hidden unit computes the same value and
 * receives the same gradient, so the units can never become different. Draws nothing.
 */
export function initZeros(_rng: Rng, shape: WeightShape): Tensor {
  checkWeightShape(shape, "initZeros");
  return zeros(shape);
}

/** scale · randn: the post's `0.01 * np.random.randn(10, 100)` (scale 0.01 by default). */
export function initScaled(rng: Rng, shape: WeightShape, scale = 0.01): Tensor {
  checkWeightShape(shape, "initScaled");
  if (!(Number.isFinite(scale) && scale >= 0)) throw new Error(`initScaled: scale must be a finite number ≥ 0, got ${scale}`);
  return normalWeights(rng, shape, scale);
}

/** Xavier (Glorot): std 1/√nIn, which keeps the spread of sigmoid/tanh inputs about 1 layer after layer. */
export function initXavier(rng: Rng, shape: WeightShape): Tensor {
  checkWeightShape(shape, "initXavier");
  return normalWeights(rng, shape, Math.sqrt(1 / shape[0]));
}

/** He (Kaiming): std √(2/nIn); the factor 2 makes up for ReLU zeroing half of its inputs. */
export function initHe(rng: Rng, shape: WeightShape): Tensor {
  checkWeightShape(shape, "initHe");
  return normalWeights(rng, shape, Math.sqrt(2 / shape[0]));
}

/** The initialiser called `name`, for options such as `weightInit: "he"`. */
export function initWeights(name: WeightInitName, rng: Rng, shape: WeightShape): Tensor {
  switch (name) {
    case "zeros": return initZeros(rng, shape);
    case "scaled": return initScaled(rng, shape);
    case "xavier": return initXavier(rng, shape);
    case "he": return initHe(rng, shape);
    default:
      throw new Error(`initWeights: unknown initialiser ${JSON.stringify(name)}; use one of ${WEIGHT_INIT_NAMES.join(", ")}`);
  }
}
