// Losses beyond post 003's four printed values (those are in functions.test.ts): post 001's
// example, mini-batch sampling as np.random.choice, and batch cross-entropy (post 003 §4.2.3–4.2.4)
// for one-hot and label targets, against numpy.

import { test } from "node:test";
import assert from "node:assert/strict";
import { softmax } from "../lib/src/activations";
import { crossEntropyError, crossEntropyErrorUnguarded, LOG_GUARD, sumSquaresError } from "../lib/src/losses";
import { Rng } from "../lib/src/random";
import { oneHot, tensor, Tensor } from "../lib/src/tensor";

const close = (a: number, b: number, rtol = 1e-14) => assert.ok(Math.abs(a - b) <= rtol * Math.abs(b), `${a} ≉ ${b}`);

test("post 001's example: the network says 2 (0.6), the one-hot target says 1", () => {
  const y = tensor([0.1, 0.05, 0.6, 0, 0.05, 0.1, 0, 0.1, 0, 0]);
  const t = tensor([0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
  assert.equal(y.argmax().item(), 2); // the post calls it "3": the third entry, counted from 1
  assert.equal(t.argmax().item(), 1); // the post calls it "2"
  // numpy: 0.5*np.sum((y-t)**2), np.mean((y-t)**2), -np.sum(t*np.log(y+1e-7))
  assert.equal(sumSquaresError(y, t), 0.6475);
  assert.equal(y.sub(t).square().mean().item(), 0.1295); // MSE, the name post 001 uses
  assert.equal(crossEntropyError(y, t), 2.9957302735559908); // −log(0.05 + 1e-7)
});

test("the 1e-7 guard: a zero probability on the answer costs −log(1e-7) ≈ 16.12 instead of Infinity", () => {
  assert.equal(LOG_GUARD, 1e-7);
  // without the guard this would be −log(0) = Infinity
  assert.equal(crossEntropyError(tensor([0, 1]), tensor([1, 0])), 16.11809565095832); // numpy -np.log(1e-7)
  assert.equal(crossEntropyError(tensor([[0, 1], [1, 0]]), tensor([0, 1])), 16.11809565095832); // both rows miss
  // and a sure right answer costs −log(1 + 1e-7), a hair below 0 (numpy -np.sum(t*np.log(y+1e-7)))
  assert.equal(crossEntropyError(tensor([0, 1]), tensor([0, 1])), -9.999999505838704e-8);
  // the price: every value moves a little, e.g. −log(0.6) = 0.5108256237659907 becomes 0.510825457099338
  close(crossEntropyError(tensor([0.4, 0.6]), tensor([0, 1])), 0.510825457099338);
  assert.ok(crossEntropyError(tensor([0.4, 0.6]), tensor([0, 1])) < -Math.log(0.6));
});

test("post 001's cross_entropy_error without the guard: numpy's values, and log(0) gives Infinity", () => {
  // numpy 1.24, the post's function: -np.sum(np.log(y[np.arange(batch_size), t])) / batch_size
  const y = tensor([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]);
  assert.equal(crossEntropyErrorUnguarded(y, oneHot([2], 10).reshape(-1)), 0.5108256237659907);
  assert.equal(crossEntropyError(y, oneHot([2], 10).reshape(-1)), 0.510825457099338);
  assert.equal(crossEntropyErrorUnguarded(y, tensor([3])), Infinity);
  assert.equal(crossEntropyError(y, tensor([3])), 16.11809565095832);
  const batch = tensor([[0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0], [0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0]]);
  assert.equal(crossEntropyErrorUnguarded(batch, tensor([2, 7])), 0.5108256237659907);
  assert.equal(crossEntropyErrorUnguarded(batch, oneHot([2, 7], 10)), 0.5108256237659907);
  assert.equal(crossEntropyErrorUnguarded(batch, tensor([2, 3])), Infinity);
  // Where no probability is 0 the two differ by about 1e-7 / y per row.
  const guardEffect = crossEntropyErrorUnguarded(y, tensor([2])) - crossEntropyError(y, tensor([2]));
  assert.ok(Math.abs(guardEffect - LOG_GUARD / 0.6) < 1e-13, `${guardEffect}`);
  assert.throws(() => crossEntropyErrorUnguarded(y, tensor([10])), /crossEntropyErrorUnguarded: label 10 of row 0 is not a class in 0..9/);
});

test("mini-batch indices: Rng.numpy(0).choice(60000, 10) is np.random.seed(0); np.random.choice(60000, 10)", () => {
  assert.deepEqual(Rng.numpy(0).choice(60000, 10), [2732, 43567, 42613, 52416, 45891, 21243, 30403, 32103, 41993, 57043]);
});

// y = softmax(RandomState(3).normal(size=(10, 10))), t = the next randint(0, 10, 10)
function numpyBatch(): { y: Tensor; labels: number[] } {
  const rng = Rng.numpy(3);
  const y = softmax(new Tensor(rng.normalArray(0, 1, 100), [10, 10]));
  return { y, labels: rng.integers(0, 10, 10) };
}

test("batch CEE: one-hot and label targets give the same value, numpy's", () => {
  const { y, labels } = numpyBatch();
  assert.deepEqual(labels, [9, 0, 8, 4, 7, 8, 5, 6, 7, 3]);
  const byLabels = crossEntropyError(y, tensor(labels));
  const byOneHot = crossEntropyError(y, oneHot(labels, 10));
  assert.equal(byLabels, byOneHot);
  close(byLabels, 3.035327481367033); // numpy: -np.sum(np.log(y[np.arange(10), t] + 1e-7)) / 10
  // the post's one-hot formula written out with tensors: −Σ t·log(y + 1e-7) / N
  close(byOneHot, -oneHot(labels, 10).mul(y.add(1e-7).log()).sum().item() / 10);
});

test("batch CEE is the mean of the rows' CEE, and a vector is a batch of one", () => {
  const { y, labels } = numpyBatch();
  let sum = 0;
  for (let r = 0; r < 10; r++) {
    const single = crossEntropyError(y.row(r), tensor([labels[r]]));
    assert.equal(single, crossEntropyError(y.sliceRows(r, r + 1), oneHot([labels[r]], 10)));
    sum += single;
  }
  close(crossEntropyError(y, tensor(labels)), sum / 10);
});

test("bad batches are refused with the reason", () => {
  const { y, labels } = numpyBatch();
  assert.throws(() => crossEntropyError(y, tensor(labels.slice(0, 9))), /t \(9\) is neither one-hot like y \(10×10\) nor one label per row \(10\)/);
  assert.throws(() => crossEntropyError(y, oneHot(labels, 10).sliceRows(0, 9)), /t \(9×10\) is neither one-hot like y \(10×10\)/);
  assert.throws(() => crossEntropyError(y, tensor(labels.map((l, i) => (i === 4 ? 10 : l)))), /label 10 of row 4 is not a class in 0..9/);
  assert.throws(() => crossEntropyError(y, tensor(labels.map((l, i) => (i === 2 ? 1.5 : l)))), /label 1.5 of row 2/);
  assert.throws(() => crossEntropyError(y.mul(2), tensor(labels)), /is not a probability in \[0, 1\]/);
  assert.throws(() => crossEntropyError(tensor([]).reshape(0, 10), tensor([])), /empty batch \(0×10\)/);
  assert.throws(() => sumSquaresError(y, oneHot(labels, 10).sliceRows(0, 5)), /sumSquaresError: t must be of y's shape \(10×10\), got \(5×10\)/);
});
