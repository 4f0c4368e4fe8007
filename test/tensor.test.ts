import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { arange, concatRows, linspace, oneHot, ones, scalar, stack, Tensor, tensor, zeros } from "../lib/src/tensor";

const m = tensor([[1, 2, 3], [4, 5, 6]]);

test("creation from nested arrays, zeros, ones, arange, linspace", () => {
  assert.deepEqual(m.shape, [2, 3]);
  assert.deepEqual([...m.data], [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(zeros([2, 2]).toArray(), [[0, 0], [0, 0]]);
  assert.deepEqual(ones([3]).toArray(), [1, 1, 1]);
  assert.deepEqual(arange(5).toArray(), [0, 1, 2, 3, 4]);
  assert.deepEqual(arange(1, 2, 0.25).toArray(), [1, 1.25, 1.5, 1.75]);
  assert.deepEqual(linspace(0, 1, 5).toArray(), [0, 0.25, 0.5, 0.75, 1]);
  assert.equal(scalar(7).item(), 7);
  assert.throws(() => tensor([[1, 2], [3]]), /ragged nested array at \[1\]: expected 2 entries, got 1/);
  assert.throws(() => new Tensor(new Float64Array(5), [2, 3]), /5 values cannot have shape \(2×3\)/);
  assert.throws(() => zeros([2, -1]), /bad shape/);
  assert.throws(() => arange(0, 1, 0), /step must be a non-zero/);
});

test("get, set, reshape, flatten, transpose", () => {
  assert.equal(m.get(1, 2), 6);
  assert.equal(m.get(-1, 0), 4);
  assert.throws(() => m.get(2, 0), /get: index 0 must be an integer in -2..1, got 2/);
  assert.throws(() => m.get(0), /1 indices for a 2-d tensor/);
  const c = m.copy().set(9, 0, 0);
  assert.equal(c.get(0, 0), 9);
  assert.equal(m.get(0, 0), 1);
  assert.deepEqual(m.reshape(3, 2).toArray(), [[1, 2], [3, 4], [5, 6]]);
  assert.deepEqual(m.reshape(-1).shape, [6]);
  assert.deepEqual(m.reshape(1, -1).shape, [1, 6]);
  assert.throws(() => m.reshape(4, -1), /cannot reshape \(2×3\) \(6 values\) to \(4×-1\)/);
  assert.throws(() => m.reshape(5), /cannot reshape/);
  assert.deepEqual(m.T.toArray(), [[1, 4], [2, 5], [3, 6]]);
  assert.deepEqual(tensor([1, 2]).T.toArray(), [1, 2]);
  assert.deepEqual(m.flatten().shape, [6]);
});

test("element-wise arithmetic with scalars, rows and columns", () => {
  assert.deepEqual(m.add(1).toArray(), [[2, 3, 4], [5, 6, 7]]);
  assert.deepEqual(m.mul(m).toArray(), [[1, 4, 9], [16, 25, 36]]);
  assert.deepEqual(m.sub(tensor([1, 2, 3])).toArray(), [[0, 0, 0], [3, 3, 3]]);
  assert.deepEqual(m.div(tensor([[1], [2]])).toArray(), [[1, 2, 3], [2, 2.5, 3]]);
  assert.deepEqual(tensor([[1], [2]]).add(tensor([10, 20])).toArray(), [[11, 21], [12, 22]]);
  assert.deepEqual(m.map((v) => v % 2).toArray(), [[1, 0, 1], [0, 1, 0]]);
  assert.deepEqual(tensor([0]).exp().toArray(), [1]);
  assert.deepEqual(tensor([1, 5]).maximum(3).toArray(), [3, 5]);
  assert.deepEqual(tensor([1, 2, 3]).eq(tensor([1, 0, 3])).toArray(), [1, 0, 1]);
  assert.throws(() => m.add(tensor([1, 2])), /add: shapes \(2×3\) and \(2\) do not broadcast \(3 ≠ 2 in axis 1\)/);
  // Each operator on equal shapes and with a scalar (their own loops), and one without its own loop.
  const n = tensor([[2, 4, 8], [-1, 0.5, 3]]);
  assert.deepEqual(m.add(n).toArray(), [[3, 6, 11], [3, 5.5, 9]]);
  assert.deepEqual(m.sub(n).toArray(), [[-1, -2, -5], [5, 4.5, 3]]);
  assert.deepEqual(m.mul(n).toArray(), [[2, 8, 24], [-4, 2.5, 18]]);
  assert.deepEqual(m.div(n).toArray(), [[0.5, 0.5, 0.375], [-4, 10, 2]]);
  assert.deepEqual(m.sub(1).toArray(), [[0, 1, 2], [3, 4, 5]]);
  assert.deepEqual(m.mul(-2).toArray(), [[-2, -4, -6], [-8, -10, -12]]);
  assert.deepEqual(m.div(4).toArray(), [[0.25, 0.5, 0.75], [1, 1.25, 1.5]]);
  assert.deepEqual(m.pow(n).toArray(), [[1, 16, 6561], [0.25, Math.sqrt(5), 216]]);
  assert.deepEqual(m.pow(2).toArray(), [[1, 4, 9], [16, 25, 36]]);
  // numpy's clip: NaN and −0 stay; the bounds are checked.
  const clipped = tensor([-300, -0, NaN, 300, 1.5]).clip(-250, 250).toArray() as number[];
  assert.deepEqual(clipped, [-250, -0, NaN, 250, 1.5]);
  assert.ok(Object.is(clipped[1], -0));
  assert.deepEqual(tensor([-1, 2]).clip(0, Infinity).toArray(), [0, 2]);
  assert.throws(() => m.clip(3, 2), /clip: hi must be a number ≥ lo \(3\), got 2/);
  assert.throws(() => m.clip(NaN, 2), /clip: lo must be a number, got NaN/);
  assert.throws(() => m.clip(0, NaN), /clip: hi must be a number ≥ lo \(0\), got NaN/);
  const w = tensor([1, 1]);
  w.subScaledInPlace(0.5, tensor([2, 4]));
  assert.deepEqual(w.toArray(), [0, -1]);
  assert.throws(() => w.subScaledInPlace(1, tensor([1])), /subScaledInPlace: other must be of this tensor's shape \(2\), got \(1\)/);
  // Every length around the unrolled step of 4: each value moves by its own term only.
  for (let n = 0; n <= 9; n++) {
    const p = new Tensor(Float64Array.from({ length: n }, (_, i) => i * 0.1), [n]);
    p.subScaledInPlace(0.3, new Tensor(Float64Array.from({ length: n }, (_, i) => i + 1), [n]));
    assert.deepEqual([...p.data], Array.from({ length: n }, (_, i) => i * 0.1 - 0.3 * (i + 1)), `length ${n}`);
  }
});

test("reductions along axes", () => {
  assert.equal(m.sum().item(), 21);
  assert.deepEqual(m.sum(0).toArray(), [5, 7, 9]);
  assert.deepEqual(m.sum(1).toArray(), [6, 15]);
  assert.deepEqual(m.sum(-1).toArray(), [6, 15]);
  assert.deepEqual(m.mean(0).toArray(), [2.5, 3.5, 4.5]);
  assert.equal(m.mean().item(), 3.5);
  assert.deepEqual(m.max(1).toArray(), [3, 6]);
  assert.deepEqual(m.min(0).toArray(), [1, 2, 3]);
  assert.deepEqual(tensor([[1, 2], [3, 6]]).std(0).toArray(), [1, 2]); // population std, as numpy
  assert.equal(tensor([2, 4, 4, 4, 5, 5, 7, 9]).std().item(), 2);
  assert.deepEqual(tensor([[0.1, 0.8, 0.1], [0.9, 0.05, 0.05]]).argmax(1).toArray(), [1, 0]);
  assert.equal(tensor([1, 3, 3]).argmax().item(), 1); // first maximum on ties, as numpy
  assert.throws(() => m.sum(2), /sum: axis 2 out of range for shape \(2×3\)/);
  assert.throws(() => zeros([0]).mean(), /mean: empty tensor/);
  assert.deepEqual(zeros([0, 3]).sum(0).toArray(), [0, 0, 0]);
  // Over a middle axis of a 3-d tensor, every column count around the 4 summed at once: each output
  // starts at 0 and adds its column row after row, as numpy does (so −0 columns give +0).
  for (let inner = 1; inner <= 9; inner++) {
    const shape = [2, 5, inner];
    const t = new Tensor(Float64Array.from({ length: 10 * inner }, (_, i) => (i % 7 === 3 ? -0 : Math.sin(i) * 10 ** (i % 5))), shape);
    const expected: number[] = [];
    for (let o = 0; o < 2; o++) for (let i = 0; i < inner; i++) {
      let s = 0;
      for (let k = 0; k < 5; k++) s += t.data[(o * 5 + k) * inner + i];
      expected.push(s);
    }
    assert.deepEqual([...t.sum(1).data], expected, `inner ${inner}`);
  }
  // numpy: np.full((20, 3), -0.).sum(0) is [0., 0., 0.], np.sum([-0., -0.]) is 0.0.
  assert.ok([...new Tensor(new Float64Array(60).fill(-0), [20, 3]).sum(0).data].every((v) => Object.is(v, 0)));
  assert.ok(Object.is(new Tensor(Float64Array.of(-0, -0), [2, 1]).sum(0).data[0], 0));
});

test("matrix products in every 1-d/2-d combination, and shape errors", () => {
  assert.deepEqual(m.matmul(tensor([[1], [0], [1]])).toArray(), [[4], [10]]);
  assert.deepEqual(m.matmul(tensor([1, 0, 1])).toArray(), [4, 10]);
  assert.deepEqual(tensor([1, 1]).matmul(m).toArray(), [5, 7, 9]);
  assert.equal(tensor([1, 2, 3]).dot(tensor([4, 5, 6])).item(), 32);
  assert.deepEqual(m.matmul(m.T).toArray(), [[14, 32], [32, 77]]);
  assert.throws(() => zeros([100, 784]).matmul(zeros([50, 10])), /^Error: matmul: \(100×784\)·\(50×10\): inner sizes 784 ≠ 50$/);
  assert.throws(() => scalar(1).matmul(m), /only 1-d and 2-d operands/);
  assert.deepEqual(zeros([0, 3]).matmul(zeros([3, 2])).shape, [0, 2]);
});

test("rows: take, sliceRows, row, col, stack, concatRows, oneHot", () => {
  assert.deepEqual(m.take([1, 1, 0]).toArray(), [[4, 5, 6], [4, 5, 6], [1, 2, 3]]);
  assert.throws(() => m.take([2]), /take: indices\[0\] must be a row index in -2..1, got 2/);
  assert.deepEqual(arange(10).reshape(5, 2).sliceRows(1, 3).toArray(), [[2, 3], [4, 5]]);
  assert.deepEqual(arange(10).sliceRows(-2).toArray(), [8, 9]);
  assert.deepEqual(m.row(1).toArray(), [4, 5, 6]);
  assert.deepEqual(m.col(2).toArray(), [3, 6]);
  assert.deepEqual(stack([tensor([1, 2]), tensor([3, 4])]).toArray(), [[1, 2], [3, 4]]);
  assert.throws(() => stack([tensor([1]), tensor([1, 2])]), /item 1 has shape \(2\), item 0 has \(1\)/);
  assert.deepEqual(concatRows([m, tensor([[7, 8, 9]])]).shape, [3, 3]);
  assert.deepEqual(oneHot([2, 0], 3).toArray(), [[0, 0, 1], [1, 0, 0]]);
  assert.throws(() => oneHot([3], 3), /label 3 at index 0 is not an integer in 0..2/);
});

test("printing looks like numpy and elides long axes", () => {
  assert.equal(String(m), "Tensor(2×3) [[1, 2, 3],\n             [4, 5, 6]]");
  assert.equal(String(arange(10)), "Tensor(10) [0, 1, 2, …, 7, 8, 9]");
  assert.equal(String(tensor([0.1 + 0.2, 1e-9])), "Tensor(2) [0.3, 1e-9]");
});

test("a 0-d tensor prints as the number, as numpy prints a scalar", () => {
  assert.equal(String(scalar(26)), "26");
  assert.equal(String(tensor([[1, 2], [3, 20]]).sum()), "26");
  assert.equal(String(scalar(0.1 + 0.2)), "0.3");
  assert.equal(inspect(scalar(-2.5e-9)), "-2.5e-9");
});

test("allClose compares values with tolerance and shapes exactly", () => {
  assert.ok(tensor([1, 2]).allClose(tensor([1 + 1e-12, 2])));
  assert.ok(!tensor([1, 2]).allClose(tensor([1.001, 2])));
  assert.ok(!tensor([1, 2]).allClose(tensor([[1, 2]])));
});
