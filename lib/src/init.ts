// Weight initialisers (post 001 "신경망의 학습", after Deep Learning from Scratch §6.2).
// Each takes the Rng to draw from and the shape [nIn, nOut] of a weight matrix used as
// x·W, so nIn (the rows) is the number of inputs feeding each unit.
// Weights are resident tensors: the products of every training step read them in place.
import { argumentError, checkInteger, checkNonNegative, checkOneOf, describe } from "./checks";
import type { Rng } from "./random";
import { resident, Tensor } from "./tensor";

export type WeightShape = readonly [number, number];
/** "std": std·randn with a std you choose (the posts' weight_init_std, 0.01 by default). */
export type WeightInitName = "zeros" | "std" | "xavier" | "he";
export const WEIGHT_INIT_NAMES: readonly WeightInitName[] = ["zeros", "std", "xavier", "he"];

function checkWeightShape(shape: readonly number[], fn: string): void {
  if (!Array.isArray(shape) || shape.length !== 2) throw argumentError(fn, "shape", "a weight-matrix shape [nIn, nOut]", describe(shape));
  checkInteger(fn, "nIn", shape[0], 1);
  checkInteger(fn, "nOut", shape[1], 1);
}

/** std · N(0, 1), drawn row-major like numpy's `std * np.random.randn(nIn, nOut)`. */
function normalWeights(rng: Rng, shape: WeightShape, std: number): Tensor {
  return resident(new Tensor(rng.normalArray(0, std, shape[0] * shape[1]), shape));
}

/**
 * All zeros. Shown because it fails: every hidden unit computes the same value and
 * receives the same gradient, so the units can never become different. Draws nothing.
 */
export function initZeros(_rng: Rng, shape: WeightShape): Tensor {
  checkWeightShape(shape, "initZeros");
  return resident(shape);
}

/** std · randn: the post's `0.01 * np.random.randn(10, 100)` (std 0.01 by default). */
export function initStd(rng: Rng, shape: WeightShape, std = 0.01): Tensor {
  checkWeightShape(shape, "initStd");
  checkNonNegative("initStd", "std", std);
  return normalWeights(rng, shape, std);
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

/** The initialiser called `name`, for options such as `weightInit: "he"`; `std` is used by "std" only. */
export function initWeights(name: WeightInitName, rng: Rng, shape: WeightShape, std = 0.01): Tensor {
  switch (checkOneOf("initWeights", "name", name, WEIGHT_INIT_NAMES)) {
    case "zeros": return initZeros(rng, shape);
    case "std": return initStd(rng, shape, std);
    case "xavier": return initXavier(rng, shape);
    case "he": return initHe(rng, shape);
  }
}
