// Activation functions and their derivatives (post 001, post 002 §10.1.6),
// element-wise on tensors. The hot ones (sigmoid, ReLU, softmax) are the kernel's.
import { shapeString, softmaxRows, Tensor } from "./tensor";

/** Heaviside step: 1 where x > 0, else 0 (post 001's step_function). */
export function step(x: Tensor): Tensor {
  return x.map((v) => (v > 0 ? 1 : 0));
}

export function sigmoid(x: Tensor): Tensor {
  return x.sigmoid();
}

/** σ′(x) = σ(x)(1 − σ(x)) */
export function sigmoidGrad(x: Tensor): Tensor {
  return sigmoid(x).map((s) => s * (1 - s));
}

export function tanh(x: Tensor): Tensor {
  return x.map(Math.tanh);
}

/** tanh′(x) = 1 − tanh²(x) */
export function tanhGrad(x: Tensor): Tensor {
  return x.map((v) => 1 - Math.tanh(v) ** 2);
}

export function relu(x: Tensor): Tensor {
  return x.relu();
}

/** 1 where x > 0, else 0 (the derivative at 0 is taken as 0, as the backprop layers do). */
export function reluGrad(x: Tensor): Tensor {
  return x.map((v) => (v > 0 ? 1 : 0));
}

export function identity(x: Tensor): Tensor {
  return x;
}

/**
 * Softmax of a vector, or of each row of a matrix. The maximum is subtracted
 * first: exp(1000) overflows to Infinity, exp(0) does not, and the result is
 * the same because the factor exp(−max) cancels.
 */
export function softmax(x: Tensor): Tensor {
  if (x.ndim !== 1 && x.ndim !== 2) throw new Error(`softmax: needs a vector or a matrix of rows, got ${shapeString(x.shape)}`);
  const cols = x.shape[x.ndim - 1];
  if (cols === 0) throw new Error(`softmax: rows of length 0 in ${shapeString(x.shape)}`);
  return softmaxRows(x);
}

/** The textbook formula exp(a) / Σexp(a), kept to show why it overflows. */
export function softmaxNaive(x: Tensor): Tensor {
  const e = x.exp();
  return e.div(e.sum().item());
}
