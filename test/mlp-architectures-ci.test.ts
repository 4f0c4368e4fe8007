// Chapter 14's two headline runs with the notebook's `ci` settings (keep them in step with
// notebooks/14_mlp_architectures.ipynb): the diabetes regression MLP and the breast-cancer
// binary classifier must reach these bounds, which broken training cannot.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadBreastCancer, loadDiabetes } from "../lib/src/data";
import { regressionMetrics } from "../lib/src/metrics";
import { mlp } from "../lib/src/models/mlp-builder";
import { Adam } from "../lib/src/optimizers";
import { featureStats, standardize, trainTestSplit } from "../lib/src/preprocessing";
import { Rng } from "../lib/src/random";
import { Tensor } from "../lib/src/tensor";

/** The notebook's split: 80/20 with seed 42, features standardised with the training rows' statistics, then 20% of training for validation. */
function splits(X: Tensor, y: Tensor | Int32Array) {
  const outer = trainTestSplit(X, y, { testSize: 0.2, randomState: 42 });
  const stats = featureStats(outer.XTrain);
  const XTrain = standardize(outer.XTrain, stats), XTest = standardize(outer.XTest, stats);
  const inner = trainTestSplit(XTrain, outer.yTrain, { testSize: 0.2, randomState: 42 });
  return { XTest, yTest: outer.yTest, XFit: inner.XTrain, yFit: inner.yTrain, XValid: inner.XTest, yValid: inner.yTest };
}

test("ci profile: the diabetes MLP (50-50 ReLU, MSE, L2 0.1, early stopping) reaches test R² > 0.3", async () => {
  const d = splits(loadDiabetes().X, loadDiabetes().y);
  const net = mlp({ inputs: 10, hidden: [50, 50], outputs: 1, loss: "mse", l2: 0.1, rng: Rng.numpy(42) });
  await net.fit(d.XFit, d.yFit.div(100), {
    epochs: 150, batchSize: 32, optimizer: new Adam({ lr: 0.001 }), rng: Rng.numpy(0),
    validationData: [d.XValid, d.yValid.div(100)], earlyStopping: { patience: 20, restoreBestWeights: true },
  });
  const { r2 } = regressionMetrics(net.predict(d.XTest).mul(100), d.yTest);
  assert.ok(r2 > 0.3, `R² ${r2}`);
});

test("ci profile: the breast-cancer MLP (50-50 ReLU, one logistic output, cross-entropy) reaches test accuracy > 0.93", async () => {
  const b = loadBreastCancer();
  const d = splits(b.X, b.y);
  const net = mlp({ inputs: 30, hidden: [50, 50], outputs: 1, loss: "binaryCrossentropy", rng: Rng.numpy(42) });
  await net.fit(d.XFit, d.yFit, { epochs: 10, batchSize: 32, optimizer: new Adam({ lr: 0.001 }), rng: Rng.numpy(0), validationData: [d.XValid, d.yValid] });
  const accuracy = net.accuracy(d.XTest, d.yTest);
  assert.ok(accuracy > 0.93, `accuracy ${accuracy}`);
});
