import * as loops from "./loops";
import { Kernel } from "./types";

// The readable kernel: plain loops, in an order that walks memory contiguously
// (i-k-j for A·B), and skipping zeros of A, which pays off on MNIST pixels
// (about 80% are 0) and on ReLU outputs. A skipped zero would have added exactly
// 0 to each sum, as long as B is finite: with ∞ or NaN in B nothing is skipped,
// so that 0·∞ gives NaN as in numpy.

function gemm(transA: boolean, transB: boolean, m: number, n: number, k: number,
              a: Float64Array, b: Float64Array, c: Float64Array, accumulate: boolean, bias?: Float64Array): void {
  product(transA, transB, m, n, k, a, b, c, accumulate);
  if (bias) for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) c[i * n + j] += bias[j];
}

function product(transA: boolean, transB: boolean, m: number, n: number, k: number,
                 a: Float64Array, b: Float64Array, c: Float64Array, accumulate: boolean): void {
  if (!accumulate) c.fill(0, 0, m * n);
  const skipZeros = allFinite(b, k * n);
  if (!transB) {
    for (let i = 0; i < m; i++) {
      const ci = i * n;
      for (let p = 0; p < k; p++) {
        const aip = transA ? a[p * m + i] : a[i * k + p];
        if (aip === 0 && skipZeros) continue;
        const bp = p * n;
        for (let j = 0; j < n; j++) c[ci + j] += aip * b[bp + j];
      }
    }
  } else {
    // B is n×k: C[i][j] is a dot product of two contiguous rows when A is not transposed.
    for (let i = 0; i < m; i++) {
      const ci = i * n;
      for (let j = 0; j < n; j++) {
        const bj = j * k;
        let s = 0;
        if (transA) for (let p = 0; p < k; p++) s += a[p * m + i] * b[bj + p];
        else {
          const ai = i * k;
          for (let p = 0; p < k; p++) s += a[ai + p] * b[bj + p];
        }
        c[ci + j] += s;
      }
    }
  }
}

function allFinite(x: Float64Array, length: number): boolean {
  for (let i = 0; i < length; i++) if (!Number.isFinite(x[i])) return false;
  return true;
}

export const referenceKernel: Kernel = {
  name: "reference",
  gemm,
  allocate: (length) => new Float64Array(length),
  gatherRows: loops.copyRows,
  clip: loops.clip,
  sigmoid: loops.sigmoid,
  sigmoidBackward: loops.sigmoidBackward,
  relu: loops.relu,
  reluBackward: loops.reluBackward,
  subScaled: loops.subScaled,
  subScaledAll: loops.subScaledAll,
  softmaxRows: loops.softmaxRows,
};
