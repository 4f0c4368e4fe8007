import { test } from "node:test";
import assert from "node:assert/strict";
import { initHe, initStd, initWeights, initXavier, initZeros, WeightInitName } from "../lib/src/init";
import { Rng } from "../lib/src/random";
import { tensor } from "../lib/src/tensor";

const rng = () => Rng.numpy(0);

test("initStd is numpy's 0.01 * np.random.randn(2, 3) after np.random.seed(0)", () => {
  const w = initStd(rng(), [2, 3]);
  assert.deepEqual(w.shape, [2, 3]);
  const numpy = tensor([[0.017640523459676642, 0.004001572083672233, 0.009787379841057393],
    [0.022408931992014578, 0.018675579901499675, -0.00977277879876411]]);
  assert.ok(w.allClose(numpy, 1e-15, 0), w.toString());
});

test("Xavier and He are the same draws scaled by √(1/nIn) and √(2/nIn)", () => {
  const z = initStd(rng(), [2, 3], 1);
  assert.ok(initXavier(rng(), [2, 3]).allClose(z.mul(Math.sqrt(1 / 2)), 1e-15, 0));
  assert.ok(initHe(rng(), [2, 3]).allClose(z.mul(Math.sqrt(2 / 2)), 1e-15, 0));
  // numpy: np.random.seed(0); np.random.randn(2, 3) * np.sqrt(1/2)
  assert.ok(Math.abs(initXavier(rng(), [2, 3]).get(0, 0) - 1.247373376201773) < 1e-15);
});

test("the standard deviation of a large matrix is the promised one (within 1%)", () => {
  const shape = [400, 500] as const; // 200 000 draws: the sample std is within ~0.2% of the true one
  const cases: [string, number, number][] = [
    ["std", initStd(rng(), shape).std().item(), 0.01],
    ["std 0.5", initStd(rng(), shape, 0.5).std().item(), 0.5],
    ["xavier", initXavier(rng(), shape).std().item(), 1 / Math.sqrt(400)],
    ["he", initHe(rng(), shape).std().item(), Math.sqrt(2 / 400)],
  ];
  for (const [name, std, expected] of cases) {
    assert.ok(Math.abs(std / expected - 1) < 0.01, `${name}: std ${std}, expected ${expected}`);
  }
  const mean = initHe(rng(), shape).mean().item();
  assert.ok(Math.abs(mean) < 0.003, `mean ${mean}`);
});

test("nIn is the first axis: Xavier for [100, 1000] has std 0.1, for [10, 10000] std 0.316", () => {
  assert.ok(Math.abs(initXavier(rng(), [100, 1000]).std().item() - 0.1) < 0.002);
  assert.ok(Math.abs(initXavier(rng(), [10, 10000]).std().item() - Math.sqrt(0.1)) < 0.005);
});

test("zeros are zeros and draw nothing from the Rng", () => {
  const r = rng();
  const w = initZeros(r, [3, 4]);
  assert.deepEqual(w.shape, [3, 4]);
  assert.ok(w.data.every((v) => v === 0));
  assert.equal(r.random(), rng().random());
});

test("same seed, same weights; another seed, other weights", () => {
  for (const name of ["std", "xavier", "he"] as WeightInitName[]) {
    const a = initWeights(name, Rng.numpy(7), [5, 6]);
    const b = initWeights(name, Rng.numpy(7), [5, 6]);
    const c = initWeights(name, Rng.numpy(8), [5, 6]);
    assert.deepEqual(a.data, b.data, name);
    assert.ok(!a.allClose(c), name);
  }
  assert.deepEqual(initWeights("he", Rng.seeded("x"), [4, 4]).data, initHe(Rng.seeded("x"), [4, 4]).data);
});

test("bad shapes and options are refused with the reason", () => {
  const r = rng();
  assert.throws(() => initXavier(r, [3] as unknown as [number, number]), /initXavier: shape must be a weight-matrix shape \[nIn, nOut\], got \[3\]/);
  assert.throws(() => initHe(r, [2, 3, 4] as unknown as [number, number]), /initHe: shape must be a weight-matrix shape/);
  assert.throws(() => initXavier(r, [0, 5]), /initXavier: nIn must be an integer ≥ 1, got 0/);
  assert.throws(() => initHe(r, [4, -1]), /initHe: nOut must be an integer ≥ 1, got -1/);
  assert.throws(() => initStd(r, [2.5, 3]), /initStd: nIn must be an integer ≥ 1, got 2.5/);
  assert.throws(() => initZeros(r, [3, NaN]), /initZeros: nOut must be an integer ≥ 1, got NaN/);
  assert.throws(() => initStd(r, [2, 3], -0.01), /initStd: std must be a finite number ≥ 0, got -0.01/);
  assert.throws(() => initWeights("glorot" as WeightInitName, r, [2, 3]), /initWeights: name must be one of "zeros", "std", "xavier", "he", got "glorot"/);
});
