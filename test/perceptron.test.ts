import { test } from "node:test";
import assert from "node:assert/strict";
import { loadIris } from "../lib/src/data";
import { Perceptron } from "../lib/src/models/perceptron";
import { SklearnPerceptron } from "../lib/src/models/sklearn-perceptron";
import { Rng } from "../lib/src/random";
import { tensor } from "../lib/src/tensor";

// Post 000's data: Iris rows 0-99, sepal length and petal length, setosa = −1 else 1.
function raschkaIris(): { X: number[][]; y: number[] } {
  const iris = loadIris();
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 100; i++) {
    X.push([iris.X.get(i, 0), iris.X.get(i, 2)]);
    y.push(iris.species[i] === "Iris-setosa" ? -1 : 1);
  }
  return { X, y };
}

// Post 002's data: all 150 rows, petal length and width, 1 = setosa else 0.
function geronIris(): { X: number[][]; y: number[] } {
  const iris = loadIris();
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 150; i++) {
    X.push([iris.X.get(i, 2), iris.X.get(i, 3)]);
    y.push(iris.y[i] === 0 ? 1 : 0);
  }
  return { X, y };
}

// Points in the unit square labelled by the side of x₁ + x₂ = 1, none within 0.1 of it.
function separable(seed: number, n: number): { X: number[][]; y: number[] } {
  const rng = Rng.numpy(seed);
  const X: number[][] = [];
  const y: number[] = [];
  while (X.length < n) {
    const p = [rng.random(), rng.random()];
    const s = p[0] + p[1] - 1;
    if (Math.abs(s) < 0.1) continue;
    X.push(p);
    y.push(s > 0 ? 1 : -1);
  }
  return { X, y };
}

test("post 000: Perceptron(eta 0.1, nIter 10, seed 1) on Iris gives the original's weights and errors", () => {
  const { X, y } = raschkaIris();
  const ppn = new Perceptron({ eta: 0.1, nIter: 10 }).fit(X, y);
  // Reference: the post's Python class run with numpy 1.24 on the same file.
  assert.deepEqual(Array.from(ppn.initialWeights), [0.01624345363663242, -0.006117564136500754, -0.005281717522634557]);
  assert.deepEqual(Array.from(ppn.weights), [-0.3837565463633676, -0.7061175641365005, 1.8347182824773658]);
  assert.deepEqual(ppn.errors, [1, 3, 3, 2, 1, 0, 0, 0, 0, 0]);
  assert.equal(ppn.seed, 1);
  // Zero errors means every training sample is now classified right.
  assert.deepEqual(Array.from(ppn.predict(X).data), y);
});

test("netInput is xᵀw[1:] + w₀ and predict thresholds it at 0", () => {
  const { X, y } = raschkaIris();
  const ppn = new Perceptron({ eta: 0.1, nIter: 10 }).fit(X, y);
  const [w0, w1, w2] = ppn.weights;
  const z = ppn.netInput(tensor([[5.1, 1.4], [7.0, 4.7]]));
  assert.deepEqual(z.shape, [2]);
  assert.equal(z.data[0], 5.1 * w1 + 1.4 * w2 + w0);
  assert.equal(z.data[1], 7.0 * w1 + 4.7 * w2 + w0);
  assert.deepEqual(Array.from(ppn.predict([[5.1, 1.4], [7.0, 4.7]]).data), [-1, 1]);
  assert.equal(ppn.predictOne([5.1, 1.4]), -1);
  // Exactly on the boundary counts as +1 (net input ≥ 0).
  const onLine = new Perceptron({ nIter: 1 }).fit([[0]], [1]);
  onLine.weights = Float64Array.of(0, 1);
  assert.equal(onLine.predictOne([0]), 1);
});

test("converges on linearly separable data; one errors entry per epoch", () => {
  for (const seed of [0, 1, 2]) {
    const { X, y } = separable(seed + 10, 60);
    const ppn = new Perceptron({ eta: 0.1, nIter: 40, seed }).fit(X, y);
    assert.equal(ppn.errors.length, 40);
    const first = ppn.errors.indexOf(0);
    assert.ok(first >= 0, `seed ${seed}: never reached zero errors: ${ppn.errors}`);
    // After an epoch without errors nothing changes, so every later epoch is error-free too.
    assert.ok(ppn.errors.slice(first).every((e) => e === 0));
    assert.deepEqual(Array.from(ppn.predict(X).data), y);
  }
  assert.equal(new Perceptron({ nIter: 7 }).fit([[1, 2]], [1]).errors.length, 7);
});

test("same seed ⇒ identical weights and errors; different seeds ⇒ different initial weights", () => {
  const { X, y } = raschkaIris();
  const a = new Perceptron({ eta: 0.1, nIter: 10, seed: 5 }).fit(X, y);
  const b = new Perceptron({ eta: 0.1, nIter: 10, seed: 5 }).fit(X, y);
  assert.deepEqual(a.initialWeights, b.initialWeights);
  assert.deepEqual(a.weights, b.weights);
  assert.deepEqual(a.errors, b.errors);
  const c = new Perceptron({ eta: 0.1, nIter: 10, seed: 6 }).fit(X, y);
  assert.notDeepEqual(a.initialWeights, c.initialWeights);
  // The draws are numpy's: RandomState(6).normal(0, 0.01, 3).
  assert.deepEqual(Array.from(c.initialWeights), Array.from(Rng.numpy(6).normalArray(0, 0.01, 3)));
  // Refitting starts over from the same draws.
  a.fit(X, y);
  assert.deepEqual(a.weights, b.weights);
});

test("Perceptron refuses bad input with the reason: function, argument, expected, got", () => {
  const ppn = new Perceptron();
  const refuses = (f: () => unknown, message: string) => assert.throws(f, { message });
  refuses(() => ppn.fit([[1, 2], [3, 4]], [1]), "Perceptron.fit: y must be one label per sample of X (2), got 1");
  refuses(() => ppn.fit([[1, 2], [3, 4]], [1, 0]), "Perceptron.fit: y[1] must be −1 or 1, got 0");
  refuses(() => ppn.fit([[1, 2]], [2]), "Perceptron.fit: y[0] must be −1 or 1, got 2");
  refuses(() => ppn.fit(tensor([[1, 2]]), tensor([[1]])), "Perceptron.fit: y must be a vector of labels, got shape (1×1)");
  refuses(() => ppn.fit([], []), "Perceptron.fit: X must be a non-empty matrix (samples × features), got shape (0×0)");
  refuses(() => ppn.fit([[], []], [1, 1]), "Perceptron.fit: X must be a non-empty matrix (samples × features), got shape (2×0)");
  refuses(() => ppn.fit([[1, 2], [3, NaN]], [1, -1]), "Perceptron.fit: X[1][1] must be a finite number, got NaN");
  refuses(() => ppn.fit([[1, 2], [3]], [1, -1]), "Perceptron.fit: X[1] must be of length 2 like X[0], got length 1");
  refuses(() => ppn.fit(tensor([1, 2, 3]), [1, -1, 1]), "Perceptron.fit: X must be a matrix (samples × features), got shape (3)");
  refuses(() => ppn.predict([[1, 2]]), "Perceptron.predict: call fit first");
  ppn.fit([[1, 2]], [1]);
  refuses(() => ppn.predict([[1, 2, 3]]), "Perceptron.predict: X must be of shape (n×2) as in fit, got shape (1×3)");
  refuses(() => ppn.netInput([[Infinity, 0]]), "Perceptron.netInput: X[0][0] must be a finite number, got Infinity");
  refuses(() => new Perceptron({ eta: 0 }), "Perceptron: eta must be a finite number > 0, got 0");
  refuses(() => new Perceptron({ nIter: 2.5 }), "Perceptron: nIter must be an integer ≥ 1, got 2.5");
  refuses(() => new Perceptron({ seed: -1 }), "Perceptron: seed must be an integer in [0, 2^32 − 1], got -1");
  assert.equal(new Perceptron({ seed: 2 ** 32 - 1 }).seed, 2 ** 32 - 1);
});

test("post 002: the scikit-learn-style perceptron separates setosa; [2, 0.5] is setosa for seed 42", () => {
  const { X, y } = geronIris();
  const clf = new SklearnPerceptron({ maxIter: 1000, tol: 1e-3, seed: 42 }).fit(X, y);
  // Reference: the same algorithm in numpy (RandomState(42).shuffle of the index array each epoch).
  assert.deepEqual(Array.from(clf.coef), [-1.3000000000000007, -1.8]);
  assert.equal(clf.intercept, 4);
  assert.deepEqual(clf.losses, [35.300000000000004, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(clf.errors, [10, 0, 0, 0, 0, 0, 0]);
  // Loss 0 from epoch 2 on: epochs 3-7 fail to improve by tol·n = 0.15, so it stops after 7.
  assert.equal(clf.nIter, 7);
  assert.equal(clf.converged, true);
  assert.deepEqual(clf.classes, [0, 1]);
  assert.deepEqual(Array.from(clf.predict([[2, 0.5]]).data), [1]);
  assert.equal(clf.decisionFunction([[2, 0.5]]).data[0], -1.3000000000000007 * 2 + -1.8 * 0.5 + 4);
  assert.equal(clf.score(X, y), 1);
});

test("post 002's prediction depends on the shuffling seed: setosa for 92 of seeds 0-99", () => {
  const { X, y } = geronIris();
  let setosa = 0;
  for (let seed = 0; seed < 100; seed++) {
    const clf = new SklearnPerceptron({ seed }).fit(X, y);
    assert.equal(clf.score(X, y), 1, `seed ${seed}`);
    if (clf.predict([[2, 0.5]]).data[0] === 1) setosa++;
  }
  assert.equal(setosa, 92);
  const seed0 = new SklearnPerceptron({ seed: 0 }).fit(X, y);
  assert.deepEqual(Array.from(seed0.coef), [-0.8999999999999999, -2.6999999999999997]);
  assert.equal(seed0.intercept, 4);
});

test("the stopping rule: tol null runs every epoch; shuffle false is deterministic without a seed", () => {
  const { X, y } = geronIris();
  const all = new SklearnPerceptron({ maxIter: 30, tol: null, seed: 42 }).fit(X, y);
  assert.equal(all.nIter, 30);
  assert.equal(all.losses.length, 30);
  assert.equal(all.converged, false);
  const longer = new SklearnPerceptron({ seed: 42, nIterNoChange: 10 }).fit(X, y);
  assert.equal(longer.nIter, 12);
  const a = new SklearnPerceptron({ shuffle: false, seed: 1 }).fit(X, y);
  const b = new SklearnPerceptron({ shuffle: false, seed: 2 }).fit(X, y);
  assert.deepEqual(a.coef, b.coef);
  assert.equal(a.intercept, b.intercept);
  const c = new SklearnPerceptron({ seed: 1 }).fit(X, y);
  const d = new SklearnPerceptron({ seed: 1 }).fit(X, y);
  assert.deepEqual([c.coef, c.intercept, c.losses], [d.coef, d.intercept, d.losses]);
});

test("SklearnPerceptron refuses bad input with the reason: function, argument, expected, got", () => {
  const clf = new SklearnPerceptron();
  const refuses = (f: () => unknown, message: string) => assert.throws(f, { message });
  refuses(() => clf.fit([[1], [2]], [0, 1, 1]), "SklearnPerceptron.fit: y must be one label per sample of X (2), got 3");
  refuses(() => clf.fit([[1], [2]], [1, 1]), "SklearnPerceptron.fit: y must be labels of exactly two classes, got [1]");
  refuses(() => clf.fit([[1], [2], [3]], [0, 1, 2]), "SklearnPerceptron.fit: y must be labels of exactly two classes, got [0, 1, 2]");
  const twelve = Array.from({ length: 12 }, (_, i) => i);
  refuses(() => clf.fit(twelve.map((i) => [i]), twelve), "SklearnPerceptron.fit: y must be labels of exactly two classes, got [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, …]");
  refuses(() => clf.fit([[1], [2]], [0, NaN]), "SklearnPerceptron.fit: y[1] must be a finite number, got NaN");
  refuses(() => clf.fit([], []), "SklearnPerceptron.fit: X must be a non-empty matrix (samples × features), got shape (0×0)");
  refuses(() => clf.fit([[NaN], [2]], [0, 1]), "SklearnPerceptron.fit: X[0][0] must be a finite number, got NaN");
  refuses(() => clf.predict([[1]]), "SklearnPerceptron.decisionFunction: call fit first");
  clf.fit([[1], [2]], [0, 1]);
  refuses(() => clf.predict([[1, 2]]), "SklearnPerceptron.decisionFunction: X must be of shape (n×1) as in fit, got shape (1×2)");
  refuses(() => clf.score([[1], [2]], [0]), "SklearnPerceptron.score: y must be one label per sample of X (2), got 1");
  refuses(() => new SklearnPerceptron({ tol: -1 }), "SklearnPerceptron: tol must be a finite number ≥ 0 or null, got -1");
  refuses(() => new SklearnPerceptron({ maxIter: 0 }), "SklearnPerceptron: maxIter must be an integer ≥ 1, got 0");
  refuses(() => new SklearnPerceptron({ nIterNoChange: 1.5 }), "SklearnPerceptron: nIterNoChange must be an integer ≥ 1, got 1.5");
  refuses(() => new SklearnPerceptron({ eta0: NaN }), "SklearnPerceptron: eta0 must be a finite number > 0, got NaN");
  refuses(() => new SklearnPerceptron({ seed: 2 ** 32 }), "SklearnPerceptron: seed must be an integer in [0, 2^32 − 1], got 4294967296");
  assert.equal(new SklearnPerceptron({ tol: null }).tol, null);
});
