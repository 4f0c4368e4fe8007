import { test } from "node:test";
import assert from "node:assert/strict";
import { AdaGrad, Adam, Momentum, NamedTensors, Optimizer, SGD } from "../lib/src/optimizers";
import { Rng } from "../lib/src/random";
import { Tensor, tensor } from "../lib/src/tensor";

// DLFS §6.1.7's elongated bowl f(x, y) = x²/20 + y², gradient (x/10, 2y), minimum at 0.
const bowl = (p: Tensor) => p.data[0] ** 2 / 20 + p.data[1] ** 2;
const bowlGrad = (p: Tensor) => tensor([p.data[0] / 10, 2 * p.data[1]]);

function descend(opt: Optimizer, steps: number): number[] {
  const params: NamedTensors = { p: tensor([-7, 2]) };
  const values = [bowl(params.p)];
  for (let i = 0; i < steps; i++) {
    opt.update(params, { p: bowlGrad(params.p) });
    values.push(bowl(params.p));
  }
  return values;
}

test("each optimizer decreases the convex quadratic x²/20 + y² from (−7, 2)", () => {
  // DLFS's optimizer_compare_naive.py settings, 30 updates each
  const cases: [Optimizer, number][] = [
    [new SGD({ lr: 0.95 }), 0.05],
    [new Momentum({ lr: 0.1 }), 0.05],
    [new AdaGrad({ lr: 1.5 }), 0.05],
    [new Adam({ lr: 0.3 }), 0.05],
  ];
  for (const [opt, fraction] of cases) {
    const values = descend(opt, 30);
    const start = values[0], end = values[30];
    assert.ok(end < fraction * start, `${opt.name}: f went from ${start} to ${end}`);
    assert.ok(Math.min(...values.slice(1)) < start, opt.name);
  }
  // plain gradient descent with a small step never goes up on a convex quadratic
  const sgd = descend(new SGD({ lr: 0.1 }), 50);
  for (let i = 1; i < sgd.length; i++) assert.ok(sgd[i] <= sgd[i - 1]);
});

test("momentum in post 004's form (v ← γv + η∇, θ ← θ − v) gives DLFS's bits (v ← αv − η∇, θ ← θ + v)", () => {
  const rng = Rng.numpy(3);
  const params = { W: new Tensor(rng.normalArray(0, 1, 6), [2, 3]), b: new Tensor(rng.normalArray(0, 1, 3), [3]) };
  const dlfs = { W: params.W.copy(), b: params.b.copy() };
  const v: Record<string, Float64Array> = { W: new Float64Array(6), b: new Float64Array(3) };
  const opt = new Momentum({ lr: 0.1, momentum: 0.9 });
  for (let step = 0; step < 20; step++) {
    const grads = { W: new Tensor(rng.normalArray(0, 1, 6), [2, 3]), b: new Tensor(rng.normalArray(0, 1, 3), [3]) };
    opt.update(params, grads);
    for (const key of ["W", "b"] as const) {
      for (let i = 0; i < v[key].length; i++) {
        v[key][i] = 0.9 * v[key][i] - 0.1 * grads[key].data[i];
        dlfs[key].data[i] += v[key][i];
      }
    }
  }
  assert.deepEqual([...params.W.data], [...dlfs.W.data]);
  assert.deepEqual([...params.b.data], [...dlfs.b.data]);
});

test("first steps: SGD moves by lr·g; AdaGrad and Adam move each coordinate by about lr", () => {
  const g = { p: tensor([0.5, -4]) };
  const p1 = { p: tensor([1, 1]) };
  new SGD({ lr: 0.1 }).update(p1, g);
  assert.deepEqual(p1.p.toArray(), [1 - 0.1 * 0.5, 1 + 0.1 * 4]);
  for (const opt of [new AdaGrad({ lr: 0.2 }), new Adam({ lr: 0.2 })]) {
    const p = { p: tensor([1, 1]) };
    opt.update(p, g);
    assert.ok(Math.abs(p.p.data[0] - 0.8) < 1e-5 && Math.abs(p.p.data[1] - 1.2) < 1e-5, `${opt.name}: ${p.p.toArray()}`);
  }
});

test("bad settings and mismatched parameters get clear errors", () => {
  for (const lr of [0, -1, NaN, Infinity]) {
    assert.throws(() => new SGD({ lr }), /SGD: lr must be a finite number > 0/);
    assert.throws(() => new Adam({ lr }), /Adam: lr must be a finite number > 0/);
  }
  assert.throws(() => new Momentum({ momentum: 1 }), /Momentum: momentum γ must be a number in \[0, 1\), got 1/);
  assert.throws(() => new Adam({ beta2: -0.1 }), /Adam: beta2 must be a number in \[0, 1\), got -0.1/);
  const opt = new AdaGrad();
  const params = { W: tensor([[1, 2], [3, 4]]), b: tensor([0, 0]) };
  assert.throws(() => opt.update(params, { W: tensor([[1, 2], [3, 4]]) }), /no gradient for parameter "b"/);
  assert.throws(() => opt.update(params, { W: tensor([1, 2, 3, 4]), b: tensor([0, 0]) }), /update: grads.W must be of params.W's shape \(2×2\), got \(4\)/);
  assert.throws(() => opt.update(params, { W: tensor([[1, 2], [3, 4]]), b: tensor([0, 0]), c: tensor([1]) }), /gradient "c" has no parameter/);
  assert.throws(() => opt.update(params, { W: tensor([[1, NaN], [3, 4]]), b: tensor([0, 0]) }), /gradient "W" has a non-finite value NaN at flat index 1/);
  assert.deepEqual(params.W.toArray(), [[1, 2], [3, 4]]); // nothing was changed by the refused updates
  opt.update(params, { W: tensor([[1, 1], [1, 1]]), b: tensor([1, 1]) });
  assert.throws(() => opt.update({ ...params, b: tensor([0, 0, 0]) }, { W: tensor([[1, 1], [1, 1]]), b: tensor([1, 1, 1]) }), /"b" changed size from 2 to 3/);
});

test("an update refused for a changed size leaves every parameter untouched", () => {
  const opt = new Momentum({ lr: 0.1 });
  const params = { W: tensor([1, 2]), b: tensor([0, 0]) };
  opt.update(params, { W: tensor([1, 1]), b: tensor([1, 1]) });
  const changed = { W: params.W.copy(), b: tensor([0, 0, 0]) };
  assert.throws(() => opt.update(changed, { W: tensor([1, 1]), b: tensor([1, 1, 1]) }), /Momentum.update: parameter "b" changed size from 2 to 3/);
  assert.deepEqual(changed.W.toArray(), params.W.toArray());
});

