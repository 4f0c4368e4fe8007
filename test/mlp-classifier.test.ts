// Post 004 §4.4's MLPClassifier and train_test_split against scikit-learn 1.2.1: the fixtures
// test/fixtures/mlp-classifier-*.json come from scripts/make-mlp-classifier-fixtures.py.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadDigits } from "../lib/src/data";
import { kernel, kernelNames, useKernel } from "../lib/src/kernel";
import { MLPClassifier, type MLPClassifierOptions } from "../lib/src/models/mlp-classifier";
import { trainTestSplit } from "../lib/src/preprocessing";
import { pythonFixed } from "../lib/src/python-format";
import { Rng } from "../lib/src/random";
import { Tensor, tensor } from "../lib/src/tensor";

interface Initial { coef_shape: number[]; coef_first: number[]; coef_last: number; coef_sum: number; intercept_first: number[]; intercept_sum: number }
interface SmallCase {
  name: string; rows: number; classes: number[] | null; options: Record<string, unknown>; initial: Initial[];
  n_iter: number; loss_curve: number[]; loss: number; best_loss: number; warnings: string[]; train_score: number;
  proba: number[][]; predict: number[];
  coefs?: number[][]; intercepts?: number[][]; coef_sums?: number[]; coef_first?: number[][]; intercept_sums?: number[];
}
interface DigitsFixture {
  post: {
    split: { random_state: number; test_size: number; n_train: number; n_test: number; train_index_first: number[]; test_index_first: number[]; test_index: number[] };
    options: Record<string, unknown>; initial: Initial[]; n_iter: number; loss_curve_at: { epoch: number; loss: number }[];
    loss: number; best_loss: number; warnings: string[]; train_score: number; test_score: number;
    test_proba_first_row: number[]; test_predict_first: number[];
  };
  seeds: { split_seed: number; n_iter: number; loss: number; test_score: number }[];
}
const readFixture = (name: string): unknown => JSON.parse(readFileSync(join(__dirname, "fixtures", name), "utf8"));
const digitsFixture = readFixture("mlp-classifier-digits.json") as DigitsFixture;
const smallFixture = readFixture("mlp-classifier-small.json") as { cases: SmallCase[] };

/** scikit-learn's keyword arguments under the TypeScript names: snake_case to camelCase, one to one. */
function tsOptions(options: Record<string, unknown>): MLPClassifierOptions {
  return Object.fromEntries(Object.entries(options).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v]));
}

/** MLPClassifier keeping each layer's weights as drawn, before any update. */
class RecordedMLP extends MLPClassifier {
  initial: [Tensor, Tensor][] = [];
  protected override initCoef(fanIn: number, fanOut: number, random: Rng): [Tensor, Tensor] {
    const [coef, intercept] = super.initCoef(fanIn, fanOut, random);
    this.initial.push([coef.copy(), intercept.copy()]);
    return [coef, intercept];
  }
}

function relDiff(actual: number, expected: number): number {
  return actual === expected ? 0 : Math.abs(actual - expected) / Math.abs(expected);
}

/** The weights as scikit-learn drew them, to the last bit: first and last values and the (pairwise) sums. */
function assertInitial(mlp: RecordedMLP, expected: Initial[], at: string): void {
  assert.equal(mlp.initial.length, expected.length, `${at}: one draw per layer`);
  expected.forEach((e, i) => {
    const [coef, intercept] = mlp.initial[i];
    assert.deepEqual(coef.shape, e.coef_shape, at);
    assert.deepEqual(Array.from(coef.data.subarray(0, e.coef_first.length)), e.coef_first, `${at}: first values of coefs[${i}]`);
    assert.equal(coef.data[coef.size - 1], e.coef_last, `${at}: last value of coefs[${i}]`);
    assert.equal(coef.sum().item(), e.coef_sum, `${at}: sum of coefs[${i}]`);
    assert.deepEqual(Array.from(intercept.data.subarray(0, e.intercept_first.length)), e.intercept_first, `${at}: first values of intercepts[${i}]`);
    assert.equal(intercept.sum().item(), e.intercept_sum, `${at}: sum of intercepts[${i}]`);
  });
}

/** What fit notes: scikit-learn's warnings (the ConvergenceWarning named), then the stopping message if it stopped early. */
function expectedNotes(warnings: string[], nIter: number, options: MLPClassifierOptions): string[] {
  const notes = warnings.map((w) => (w.startsWith("Stochastic Optimizer") ? `ConvergenceWarning: ${w}` : w));
  if (nIter < (options.maxIter ?? 200)) {
    notes.push(`Training loss did not improve more than tol=${pythonFixed(options.tol ?? 1e-4, 6)} for ${options.nIterNoChange ?? 10} consecutive epochs. Stopping.`);
  }
  return notes;
}

const digits = loadDigits();
const X = digits.X.div(16); // the post's digits.data / 16

test("trainTestSplit reproduces train_test_split(test_size=0.1, random_state=0): ShuffleSplit's indices and rows exactly", () => {
  const { split } = digitsFixture.post;
  const s = trainTestSplit(X, digits.y, { testSize: split.test_size, randomState: split.random_state });
  assert.deepEqual([s.trainIndex.length, s.testIndex.length], [split.n_train, split.n_test]); // ⌈0.1·1797⌉ = 180 test rows
  assert.deepEqual(s.testIndex, split.test_index);
  assert.deepEqual(s.trainIndex.slice(0, split.train_index_first.length), split.train_index_first);
  assert.deepEqual([...s.testIndex, ...s.trainIndex].sort((a, b) => a - b), Array.from({ length: 1797 }, (_, i) => i), "every row once");
  assert.deepEqual(s.XTrain.shape, [1617, 64]);
  assert.deepEqual(Array.from(s.XTrain.row(0).data), Array.from(X.row(s.trainIndex[0]).data));
  assert.deepEqual(Array.from(s.yTest.data), s.testIndex.map((i) => digits.y[i]));
  assert.deepEqual(Array.from(s.yTrain.data), s.trainIndex.map((i) => digits.y[i]));
  // The permutation is RandomState(seed).permutation(n): test rows first, training rows after them.
  assert.deepEqual([...s.testIndex, ...s.trainIndex], Rng.numpy(0).permutation(1797));
  // A count, a training fraction (rounded down) and the default 0.25 (rounded up).
  assert.deepEqual(trainTestSplit(X, digits.y, { testSize: 5, randomState: 3 }).testIndex, Rng.numpy(3).permutation(1797).slice(0, 5));
  const both = trainTestSplit(X, digits.y, { testSize: 0.1, trainSize: 0.5, randomState: 3 });
  assert.deepEqual([both.testIndex.length, both.trainIndex.length], [180, 898]);
  assert.deepEqual(both.trainIndex, Rng.numpy(3).permutation(1797).slice(180, 180 + 898));
  assert.equal(trainTestSplit(X, digits.y, { randomState: 1 }).testIndex.length, 450);
  // Tensors and arrays as y, a 2-d y keeps its rows.
  const small = tensor([[1, 2], [3, 4], [5, 6], [7, 8]]);
  const rows = trainTestSplit(small, small, { testSize: 1, randomState: 0 });
  assert.deepEqual(rows.yTest.toArray(), rows.XTest.toArray());

  const cases: [() => unknown, RegExp][] = [
    [() => trainTestSplit(X, digits.y, { testSize: 0 }), /^trainTestSplit: testSize must be a fraction in \(0, 1\) or a whole number of rows in 1\.\.1796, got 0$/],
    [() => trainTestSplit(X, digits.y, { testSize: 1797 }), /^trainTestSplit: testSize must be .*, got 1797$/],
    [() => trainTestSplit(X, digits.y, { testSize: 1.5 }), /^trainTestSplit: testSize must be .*, got 1\.5$/],
    [() => trainTestSplit(X, digits.y, { testSize: 0.6, trainSize: 0.6 }), /^trainTestSplit: testSize \+ trainSize must be at most the 1797 rows, got 1079 \+ 1078 rows$/],
    [() => trainTestSplit(X, Array.from(digits.y).slice(1)), /^trainTestSplit: y must be one entry per row of X \(1797\), got 1796 rows$/],
    [() => trainTestSplit(X, digits.y, { randomState: -1 }), /^trainTestSplit: randomState must be an integer in \[0, 2\^32 − 1\], got -1$/],
  ];
  for (const [call, message] of cases) assert.throws(call, (e: Error) => message.test(e.message), String(message));
});

// The rows each tiny case trains on, as the fixture script picks them from the seed-0 split.
const split0 = trainTestSplit(X, digits.y, { testSize: 0.1, randomState: 0 });
function caseData(c: SmallCase): { x: Tensor; y: number[]; xTest: Tensor } {
  const pick = (labels: Float64Array, n: number) => Array.from(labels.keys()).filter((i) => c.classes === null || c.classes.includes(labels[i])).slice(0, n);
  const train = pick(split0.yTrain.data, c.rows), test = pick(split0.yTest.data, 5);
  return { x: split0.XTrain.take(train), y: train.map((i) => split0.yTrain.data[i]), xTest: split0.XTest.take(test) };
}

test("the first epochs match scikit-learn (fixture): weights as drawn exactly, every weight after 1-3 epochs, shuffles, momentum, clipping, two classes, on every kernel", (t) => {
  const before = kernel().name;
  let maxRel = 0;
  try {
    for (const name of kernelNames()) {
      useKernel(name);
      for (const c of smallFixture.cases) {
        const at = `${name} kernel, ${c.name}`;
        const { x, y, xTest } = caseData(c);
        assert.equal(x.shape[0], c.rows, at);
        const options = tsOptions(c.options);
        const mlp = new RecordedMLP(options);
        assert.equal(mlp.fit(x, y), mlp);
        assertInitial(mlp, c.initial, at);
        assert.equal(mlp.nIter, c.n_iter, `${at}: n_iter_`);
        assert.equal(mlp.lossCurve.length, c.loss_curve.length, at);
        const close = (actual: number, expected: number, what: string, tol = 1e-12) => {
          const rel = relDiff(actual, expected);
          maxRel = Math.max(maxRel, rel);
          assert.ok(rel <= tol, `${at}: ${what} ${actual}, scikit-learn ${expected} (relative difference ${rel.toExponential(2)})`);
        };
        c.loss_curve.forEach((loss, i) => close(mlp.lossCurve[i], loss, `loss_curve_[${i}]`));
        close(mlp.loss, c.loss, "loss_");
        close(mlp.bestLoss, c.best_loss, "best_loss_");
        assert.deepEqual(mlp.notes, expectedNotes(c.warnings, c.n_iter, options), `${at}: notes`);
        // Weights near zero have no meaningful relative difference: each is compared relative to the layer's largest.
        const closeWeights = (actual: Float64Array, expected: number[], what: string) => {
          assert.equal(actual.length, expected.length, `${at}: ${what}`);
          const scale = Math.max(...expected.map(Math.abs));
          expected.forEach((e, i) => {
            const rel = Math.abs(actual[i] - e) / scale;
            maxRel = Math.max(maxRel, rel);
            assert.ok(rel <= 1e-12, `${at}: ${what}[${i}] ${actual[i]}, scikit-learn ${e} (difference ${rel.toExponential(2)} of the largest, ${scale})`);
          });
        };
        if (c.coefs && c.intercepts) {
          c.coefs.forEach((w, i) => closeWeights(mlp.coefs[i].data, w, `coefs[${i}]`));
          c.intercepts.forEach((b, i) => closeWeights(mlp.intercepts[i].data, b, `intercepts[${i}]`));
        } else {
          c.coef_sums!.forEach((s, i) => close(mlp.coefs[i].sum().item(), s, `sum of coefs[${i}]`, 1e-11));
          c.coef_first!.forEach((w, i) => closeWeights(mlp.coefs[i].data.subarray(0, w.length), w, `first values of coefs[${i}]`));
          c.intercept_sums!.forEach((s, i) => close(mlp.intercepts[i].sum().item(), s, `sum of intercepts[${i}]`, 1e-11));
        }
        const proba = mlp.predictProba(xTest);
        assert.deepEqual(proba.shape, [xTest.shape[0], c.proba[0].length], at);
        c.proba.forEach((row, r) => row.forEach((p, k) => close(proba.get(r, k), p, `predict_proba[${r}][${k}]`)));
        assert.deepEqual(Array.from(mlp.predict(xTest).data), c.predict, `${at}: predict`);
        assert.equal(mlp.score(x, y), c.train_score, `${at}: score`);
      }
    }
  } finally {
    useKernel(before);
  }
  t.diagnostic(`largest relative difference from scikit-learn: ${maxRel.toExponential(2)}`);
});

test("post 004 §4.4 (fixture): the fit on the digits stops after scikit-learn's n_iter_, loss curve to 1e-12, the same scores", (t) => {
  const { post } = digitsFixture;
  const options = tsOptions(post.options);
  const mlp = new RecordedMLP(options);
  const start = performance.now();
  mlp.fit(split0.XTrain, split0.yTrain);
  const seconds = (performance.now() - start) / 1000;
  assertInitial(mlp, post.initial, "post");
  assert.equal(mlp.nIter, post.n_iter, "n_iter_");
  assert.equal(mlp.lossCurve.length, post.n_iter);
  let maxRel = 0;
  for (const { epoch, loss } of post.loss_curve_at) {
    const rel = relDiff(mlp.lossCurve[epoch - 1], loss);
    maxRel = Math.max(maxRel, rel);
    assert.ok(rel <= 1e-12, `loss_curve_ of epoch ${epoch}: ${mlp.lossCurve[epoch - 1]}, scikit-learn ${loss}`);
  }
  assert.ok(relDiff(mlp.loss, post.loss) <= 1e-12, `loss_ ${mlp.loss}, scikit-learn ${post.loss}`);
  assert.ok(relDiff(mlp.bestLoss, post.best_loss) <= 1e-12, `best_loss_ ${mlp.bestLoss}, scikit-learn ${post.best_loss}`);
  assert.deepEqual(mlp.notes, expectedNotes(post.warnings, post.n_iter, options));
  assert.deepEqual(mlp.classes, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.equal(mlp.score(split0.XTrain, split0.yTrain), post.train_score);
  assert.equal(mlp.score(split0.XTest, split0.yTest), post.test_score);
  const proba = mlp.predictProba(split0.XTest.sliceRows(0, 1));
  post.test_proba_first_row.forEach((p, k) => assert.ok(relDiff(proba.get(0, k), p) <= 1e-10, `predict_proba[0][${k}] ${proba.get(0, k)}, scikit-learn ${p}`));
  assert.deepEqual(Array.from(mlp.predict(split0.XTest.sliceRows(0, 20)).data), post.test_predict_first);
  t.diagnostic(`${mlp.nIter} epochs in ${seconds.toFixed(1)} s; largest relative difference of loss_curve_: ${maxRel.toExponential(2)}`);
});

// Ten more fits of the same size take minutes: run them with NNTS_LONG_TESTS=1.
test("post 004 §4.4 (fixture): the test scores of split seeds 0-9", { skip: process.env.NNTS_LONG_TESTS === "1" ? undefined : "set NNTS_LONG_TESTS=1 (ten 2000-epoch fits)" }, (t) => {
  for (const s of digitsFixture.seeds) {
    const split = trainTestSplit(X, digits.y, { testSize: 0.1, randomState: s.split_seed });
    const mlp = new MLPClassifier(tsOptions(digitsFixture.post.options)).fit(split.XTrain, split.yTrain);
    assert.equal(mlp.nIter, s.n_iter, `split seed ${s.split_seed}: n_iter_`);
    assert.ok(relDiff(mlp.loss, s.loss) <= 1e-12, `split seed ${s.split_seed}: loss_ ${mlp.loss}, scikit-learn ${s.loss}`);
    assert.equal(mlp.score(split.XTest, split.yTest), s.test_score, `split seed ${s.split_seed}: test score`);
    t.diagnostic(`split seed ${s.split_seed}: ${mlp.nIter} epochs, test score ${mlp.score(split.XTest, split.yTest)}`);
  }
});

test("predict, predictProba and score fit together; a refit with the same randomState repeats itself; verbose prints scikit-learn's lines", () => {
  const x = split0.XTrain.sliceRows(0, 120), y = Array.from(split0.yTrain.data.subarray(0, 120));
  const options: MLPClassifierOptions = { hiddenLayerSizes: [12], activation: "logistic", learningRateInit: 0.3, batchSize: 50, maxIter: 5, randomState: 4 };
  const mlp = new MLPClassifier(options).fit(x, y);
  const proba = mlp.predictProba(x);
  assert.deepEqual(proba.shape, [120, 10]);
  for (let r = 0; r < 120; r++) assert.ok(Math.abs(proba.row(r).sum().item() - 1) < 1e-12);
  assert.deepEqual(Array.from(mlp.predict(x).data), Array.from(proba.argmax(1).data, (k) => mlp.classes[k]));
  const right = Array.from(mlp.predict(x).data).filter((p, i) => p === y[i]).length;
  assert.equal(mlp.score(x, y), right / 120);
  const again = new MLPClassifier(options).fit(x, y);
  assert.deepEqual(again.lossCurve, mlp.lossCurve);
  assert.deepEqual(again.coefs.map((w) => Array.from(w.data)), mlp.coefs.map((w) => Array.from(w.data)));
  // Labels need not be 0..k − 1: classes are the sorted distinct labels, predictions are labels.
  const shifted = new MLPClassifier(options).fit(x, y.map((v) => 10 * v - 5));
  assert.deepEqual(shifted.classes, [-5, 5, 15, 25, 35, 45, 55, 65, 75, 85]);
  assert.deepEqual(Array.from(shifted.predict(x).data), Array.from(mlp.predict(x).data, (v) => 10 * v - 5));
  assert.deepEqual(shifted.lossCurve, mlp.lossCurve);

  const printed: string[] = [];
  const log = console.log;
  console.log = (line: string) => void printed.push(line);
  try {
    new MLPClassifier({ ...options, maxIter: 2, verbose: true }).fit(x, y);
  } finally {
    console.log = log;
  }
  assert.equal(printed.length, 3);
  assert.match(printed[0], /^Iteration 1, loss = \d\.\d{8}$/);
  assert.equal(printed[2], "ConvergenceWarning: Stochastic Optimizer: Maximum iterations (2) reached and the optimization hasn't converged yet.");
});

test("bad input is refused before anything is trained, in the message shape of checks.ts", () => {
  const x = tensor([[0, 1, 2], [1, 2, 0], [2, 0, 1], [0, 2, 1], [1, 0, 2], [2, 1, 0]]);
  const y = [0, 1, 2, 0, 1, 2];
  const withNaN = (t: Tensor, at: number): Tensor => { const c = t.copy(); c.data[at] = NaN; return c; };
  const fresh = () => new MLPClassifier({ maxIter: 1, randomState: 0 });

  const fitCases: [string, () => unknown, RegExp][] = [
    ["NaN in X", () => fresh().fit(withNaN(x, 7), y), /^MLPClassifier\.fit: X\[2\]\[1\] must be a finite number, got NaN$/],
    ["one class only", () => fresh().fit(x, [4, 4, 4, 4, 4, 4]), /^MLPClassifier\.fit: y must be labels of at least two classes, got only the class 4$/],
    ["fewer labels than rows", () => fresh().fit(x, y.slice(1)), /^MLPClassifier\.fit: y must be one label per row of X \(6\), got 5 labels$/],
    ["a NaN label", () => fresh().fit(x, [0, 1, NaN, 0, 1, 2]), /^MLPClassifier\.fit: y\[2\] must be a finite number, got NaN$/],
    ["one-hot rows for labels", () => fresh().fit(x, tensor([[1, 0], [0, 1], [1, 0], [0, 1], [1, 0], [0, 1]])), /^MLPClassifier\.fit: y must be one axis of labels, got \(6×2\)$/],
    ["a vector for X", () => fresh().fit(tensor([1, 2, 3]), [0, 1, 0]), /^MLPClassifier\.fit: X must be a non-empty matrix \(samples × features\), got \(3\)$/],
    ["predict before fit", () => fresh().predict(x), /^MLPClassifier\.predict: the model must be fitted first \(call fit\), got an unfitted MLPClassifier$/],
    ["predictProba before fit", () => fresh().predictProba(x), /^MLPClassifier\.predictProba: the model must be fitted first \(call fit\), got an unfitted MLPClassifier$/],
    ["unknown solver", () => new MLPClassifier({ solver: "adam" as "sgd" }), /^MLPClassifier: solver must be "sgd" \(scikit-learn's "adam" and "lbfgs" are not ported\), got "adam"$/],
    ["unknown activation", () => new MLPClassifier({ activation: "softmax" as "relu" }), /^MLPClassifier: activation must be one of "identity", "logistic", "tanh", "relu", got "softmax"$/],
    ["a hidden layer of 0 units", () => new MLPClassifier({ hiddenLayerSizes: [10, 0] }), /^MLPClassifier: hiddenLayerSizes\[1\] must be an integer ≥ 1, got 0$/],
    ["a batch of 0 rows", () => new MLPClassifier({ batchSize: 0 }), /^MLPClassifier: batchSize must be an integer ≥ 1, got 0$/],
    ["a learning rate of 0", () => new MLPClassifier({ learningRateInit: 0 }), /^MLPClassifier: learningRateInit must be a finite number > 0, got 0$/],
    ["momentum above 1", () => new MLPClassifier({ momentum: 1.5 }), /^MLPClassifier: momentum must be a number in \[0, 1\], got 1\.5$/],
    ["a negative alpha", () => new MLPClassifier({ alpha: -1 }), /^MLPClassifier: alpha must be a finite number ≥ 0, got -1$/],
    ["a negative seed", () => new MLPClassifier({ randomState: -1 }), /^MLPClassifier: randomState must be an integer in \[0, 2\^32 − 1\], got -1$/],
    ["shuffle as a string", () => new MLPClassifier({ shuffle: "yes" as unknown as boolean }), /^MLPClassifier: shuffle must be true or false, got "yes"$/],
  ];
  for (const [what, call, message] of fitCases) assert.throws(call, (e: Error) => message.test(e.message), what);

  const fitted = fresh().fit(x, y);
  assert.throws(() => fitted.predict(tensor([[1, 2]])), /^Error: MLPClassifier\.predict: X must be a matrix of rows of 3 features \(as in fit\), got \(1×2\)$/);
  assert.throws(() => fitted.predict(withNaN(x, 0)), /^Error: MLPClassifier\.predict: X\[0\]\[0\] must be a finite number, got NaN$/);
  assert.throws(() => fitted.score(x, [0, 1]), /^Error: MLPClassifier\.score: y must be one label per row of X \(6\), got 2 labels$/);
  // A model whose fit was refused keeps what it had.
  assert.throws(() => fitted.fit(withNaN(x, 0), y));
  assert.deepEqual(fitted.classes, [0, 1, 2]);
});

test("the notes print numbers as scikit-learn's %f does: tol = 1/128 = 0.0078125, an exact tie, is 0.007812 (toFixed gives 0.007813)", () => {
  const x = tensor([[0, 1, 2], [1, 2, 0], [2, 0, 1], [0, 2, 1], [1, 0, 2], [2, 1, 0]]);
  const mlp = new MLPClassifier({ hiddenLayerSizes: [4], tol: 0.0078125, nIterNoChange: 1, randomState: 0 }).fit(x, [0, 1, 2, 0, 1, 2]);
  assert.deepEqual(mlp.notes, ["Training loss did not improve more than tol=0.007812 for 1 consecutive epochs. Stopping."]);
  // momentum's check takes both ends of [0, 1], as scikit-learn's Interval(Real, 0, 1, closed="both").
  assert.equal(new MLPClassifier({ momentum: 1 }).momentum, 1);
  assert.equal(new MLPClassifier({ momentum: 0 }).momentum, 0);
  assert.throws(() => new MLPClassifier({ momentum: -0.1 }), { message: "MLPClassifier: momentum must be a number in [0, 1], got -0.1" });
  assert.throws(() => new MLPClassifier({ momentum: NaN }), { message: "MLPClassifier: momentum must be a number in [0, 1], got NaN" });
});
