import { test } from "node:test";
import assert from "node:assert/strict";
import { Affine, Relu, Sigmoid, SoftmaxWithLoss } from "../lib/src/layers";
import { Rng } from "../lib/src/random";
import { oneHot, Tensor, tensor } from "../lib/src/tensor";

const rng = Rng.numpy(7);
const randn = (...shape: number[]) => new Tensor(rng.normalArray(0, 1, shape.reduce((a, b) => a * b, 1)), shape);

/** Central-difference gradient of a scalar function of x (x restored afterwards). */
function numeric(f: () => number, x: Tensor, h = 1e-5): Float64Array {
  const g = new Float64Array(x.size);
  for (let i = 0; i < x.size; i++) {
    const keep = x.data[i];
    x.data[i] = keep + h;
    const fp = f();
    x.data[i] = keep - h;
    const fm = f();
    x.data[i] = keep;
    g[i] = (fp - fm) / (2 * h);
  }
  return g;
}

function assertClose(analytic: Float64Array, numerical: Float64Array, what: string): void {
  let num = 0, den = 0;
  for (let i = 0; i < analytic.length; i++) {
    num += (analytic[i] - numerical[i]) ** 2;
    den += analytic[i] ** 2 + numerical[i] ** 2;
  }
  const rel = Math.sqrt(num) / Math.max(1e-300, Math.sqrt(den));
  assert.ok(rel < 1e-6, `${what}: relative error ${rel}`);
}

// A random linear read-out of a layer's output makes a scalar loss L = Σ out·R, so dL/dout = R.
function checkLayer(make: () => { forward(x: Tensor): Tensor; backward(d: Tensor): Tensor }, x: Tensor, name: string) {
  const layer = make();
  const out = layer.forward(x);
  const r = randn(...out.shape);
  const loss = () => layer.forward(x).mul(r).sum().item();
  const dx = layer.backward(r);
  assert.deepEqual(dx.shape, x.shape, `${name}: dx keeps x's shape`);
  assertClose(dx.data, numeric(loss, x), `${name} dx ${x.shape}`);
  return { layer, r, loss };
}

test("Relu and Sigmoid backward agree with numerical gradients for several shapes", () => {
  for (const shape of [[1, 1], [3, 4], [2, 3, 5]]) {
    checkLayer(() => new Sigmoid(), randn(...shape), "Sigmoid");
    const x = randn(...shape).map((v) => (Math.abs(v) < 1e-3 ? 0.5 : v)); // keep away from ReLU's kink
    checkLayer(() => new Relu(), x, "Relu");
  }
});

test("Affine backward: dx, dW and db agree with numerical gradients; leading shape is flattened", () => {
  for (const [xShape, nOut] of [[[1, 1], 1], [[4, 3], 2], [[5, 2, 3], 4]] as const) {
    const nIn = (xShape.slice(1) as number[]).reduce((a, b) => a * b, 1);
    const W = randn(nIn, nOut), b = randn(nOut);
    const x = randn(...xShape);
    const { layer, loss } = checkLayer(() => new Affine(W, b), x, "Affine");
    const affine = layer as Affine;
    assertClose(affine.dW!.data, numeric(loss, W), `Affine dW ${xShape}`);
    assertClose(affine.db!.data, numeric(loss, b), `Affine db ${xShape}`);
  }
});

test("Affine backwardParams: the same dW and db as backward, without dx; refuses bad dout", () => {
  const W = randn(6, 3), b = randn(3), x = randn(4, 6), dout = randn(4, 3);
  const full = new Affine(W, b), params = new Affine(W, b);
  full.forward(x);
  params.forward(x);
  full.backward(dout);
  params.backwardParams(dout);
  assert.deepEqual([...params.dW!.data], [...full.dW!.data]);
  assert.deepEqual([...params.db!.data], [...full.db!.data]);
  assert.throws(() => new Affine(W, b).backwardParams(dout), /Affine.backwardParams: call forward first/);
  assert.throws(() => params.backwardParams(randn(4, 2)), /Affine.backwardParams: dout must be of the forward output's shape \(4×3\), got \(4×2\)/);
});

test("SoftmaxWithLoss: one-hot and label targets give the same loss and gradient, equal to numerical", () => {
  const x = randn(4, 3);
  const labels = tensor([2, 0, 1, 2]);
  const a = new SoftmaxWithLoss(), b = new SoftmaxWithLoss();
  const lossA = a.forward(x, oneHot(labels.data, 3));
  const lossB = b.forward(x, labels);
  assert.equal(lossA, lossB);
  const gA = a.backward(), gB = b.backward();
  assert.deepEqual([...gA.data], [...gB.data]);
  const n = numeric(() => new SoftmaxWithLoss().forward(x, labels), x);
  // The loss has a 1e-7 guard inside the log, so compare with a matching tolerance.
  for (let i = 0; i < n.length; i++) assert.ok(Math.abs(gA.data[i] - n[i]) < 1e-6, `dx[${i}]`);
});

test("layers refuse bad shapes and backward before forward", () => {
  assert.throws(() => new Affine(randn(3, 2), randn(3)), /b has shape \(3\), W \(3×2\) needs \(2\)/);
  const affine = new Affine(randn(3, 2), randn(2));
  assert.throws(() => affine.backward(randn(1, 2)), /Affine.backward: call forward first/);
  assert.throws(() => affine.forward(randn(4, 5)), /x \(4×5\)·W \(3×2\): each of the 4 rows must hold 3 values/);
  affine.forward(randn(4, 3));
  assert.throws(() => affine.backward(randn(4, 3)), /Affine.backward: dout must be of the forward output's shape \(4×2\), got \(4×3\)/);
  const relu = new Relu();
  relu.forward(randn(2, 2));
  assert.throws(() => relu.backward(randn(2, 3)), /Relu.backward: dout must be of the forward output's shape \(2×2\), got \(2×3\)/);
  assert.throws(() => new SoftmaxWithLoss().forward(randn(2, 3), tensor([0, 3])), /label 3 of row 1 is not a class in 0..2/);
  assert.throws(() => new SoftmaxWithLoss().backward(), /call forward first/);
});
