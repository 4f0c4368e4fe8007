// Post 001's train_neuralnet.py (Deep Learning from Scratch §4.5 / §5.7.4) as a function:
// draw a mini-batch with replacement, take the gradient, update, record the loss on that
// batch, and measure train and test accuracy once per epoch. The calls on the Rng come in
// the script's order (one choice(trainSize, batchSize) per iteration, nothing else), so a
// network built from the same Rng.numpy(seed) sees the same batches as numpy's run.
import { firstNonFinite } from "./checks";
import { updateFromGradient, type NamedTensors, type Optimizer } from "./optimizers";
import { Rng } from "./random";
import { resident, shapeString, Tensor, tidy } from "./tensor";

/** What the loop needs from a network: post 001's TwoLayerNet has all four. */
export interface TrainableNetwork {
  params: NamedTensors;
  gradient(x: Tensor, t: Tensor): NamedTensors;
  loss(x: Tensor, t: Tensor): number;
  accuracy(x: Tensor, t: Tensor): number;
}

/** Sent to onProgress after every evaluation. */
export interface TrainingProgress {
  /** The 0-based iteration i after whose update the accuracies were measured. */
  iteration: number;
  itersNum: number;
  /** How many evaluations so far (1 after the first). */
  evaluations: number;
  trainAcc: number;
  testAcc: number;
  /** Loss on the mini-batch of this iteration, after its update. */
  loss: number;
  /** The lists so far (the same arrays the result will hold: read, do not modify). */
  trainLossList: readonly number[];
  trainAccList: readonly number[];
  testAccList: readonly number[];
}

export interface TrainingOptions {
  network: TrainableNetwork;
  optimizer: Optimizer;
  xTrain: Tensor;
  /** One-hot rows or one label per row, as the network's loss accepts. */
  tTrain: Tensor;
  xTest: Tensor;
  tTest: Tensor;
  /** Number of updates (the post's iters_num, 10 000). */
  itersNum: number;
  /** Rows per mini-batch (the post's batch_size, 100), drawn with replacement. */
  batchSize: number;
  /** Source of the mini-batches: rng.choice(trainSize, batchSize) each iteration. */
  rng: Rng;
  /**
   * Measure train and test accuracy when i % evaluateEvery === 0 (default: one epoch,
   * ceil(trainSize / batchSize), at least 1 — the post's iter_per_epoch).
   */
  evaluateEvery?: number;
  /** Called after each evaluation, e.g. to update a LiveDisplay; may return a promise. */
  onProgress?: (progress: TrainingProgress) => void | Promise<void>;
}

export interface TrainingResult {
  /** Loss on each iteration's mini-batch after its update (the post's train_loss_list). */
  trainLossList: number[];
  /** Accuracy on all of xTrain / xTest at each evaluation (train_acc_list, test_acc_list). */
  trainAccList: number[];
  testAccList: number[];
  /** The iteration i of each evaluation: 0, 600, 1200, … */
  evaluatedAt: number[];
  /** The evaluation period used (iter_per_epoch). */
  evaluateEvery: number;
  itersNum: number;
  batchSize: number;
}

const OP = "trainNeuralnet";

function fail(message: string): never {
  throw new Error(`${OP}: ${message}`);
}

function checkCount(value: unknown, what: string, min: number): void {
  if (!(typeof value === "number" && Number.isInteger(value) && value >= min)) {
    fail(`${what} must be an integer ≥ ${min}, got ${typeof value === "number" ? value : JSON.stringify(value)}`);
  }
}

function checkPair(x: unknown, t: unknown, xName: string, tName: string): void {
  if (!(x instanceof Tensor)) fail(`${xName} must be a Tensor, got ${typeof x}`);
  if (!(t instanceof Tensor)) fail(`${tName} must be a Tensor, got ${typeof t}`);
  if (x.ndim < 2 || x.shape[0] === 0) fail(`${xName} must be a non-empty batch of rows, got ${shapeString(x.shape)}`);
  if (t.ndim === 0 || t.shape[0] !== x.shape[0]) {
    fail(`${xName} ${shapeString(x.shape)} has ${x.shape[0]} rows but ${tName} ${shapeString(t.shape)} has ${t.ndim === 0 ? "none" : t.shape[0]}`);
  }
  for (const [name, data] of [[xName, x.data], [tName, t.data]] as const) {
    const bad = firstNonFinite(data);
    if (bad >= 0) {
      const width = data.length / x.shape[0];
      fail(`row ${Math.floor(bad / width)} of ${name} holds ${data[bad]} (at column ${bad % width}); the data must be finite before training starts`);
    }
  }
}

/** Which parameter stopped being finite, for a message; the data were checked before training. */
function nonFiniteParameters(params: NamedTensors): string {
  const bad = Object.entries(params).filter(([, p]) => firstNonFinite(p.data) >= 0).map(([key, p]) => `${key} holds ${p.data[firstNonFinite(p.data)]}`);
  return bad.length > 0 ? `; ${bad.join(", ")}` : "";
}

function checkOptions(o: TrainingOptions): void {
  if (o === null || typeof o !== "object") fail("needs an options object");
  const net = o.network as unknown as Record<string, unknown> | undefined;
  if (!net || typeof net !== "object") fail("options.network is missing");
  for (const method of ["gradient", "loss", "accuracy"]) {
    if (typeof net[method] !== "function") fail(`options.network has no ${method}(x, t) method`);
  }
  if (!net.params || typeof net.params !== "object") fail("options.network has no params record");
  if (!o.optimizer || typeof o.optimizer.update !== "function") fail("options.optimizer must have update(params, grads), e.g. new SGD({ lr: 0.1 })");
  checkPair(o.xTrain, o.tTrain, "xTrain", "tTrain");
  checkPair(o.xTest, o.tTest, "xTest", "tTest");
  if (o.xTrain.size / o.xTrain.shape[0] !== o.xTest.size / o.xTest.shape[0]) {
    fail(`xTrain rows ${shapeString(o.xTrain.shape.slice(1))} and xTest rows ${shapeString(o.xTest.shape.slice(1))} differ`);
  }
  checkCount(o.itersNum, "itersNum", 0);
  checkCount(o.batchSize, "batchSize", 1);
  if (!(o.rng instanceof Rng)) fail("options.rng must be an Rng, e.g. Rng.numpy(0)");
  if (o.evaluateEvery !== undefined) checkCount(o.evaluateEvery, "evaluateEvery", 1);
  if (o.onProgress !== undefined && typeof o.onProgress !== "function") fail("onProgress must be a function");
}

/** Lets queued output (a LiveDisplay update) reach JupyterLab while the loop runs. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * The training loop of post 001's train_neuralnet.py. Per iteration i: batchMask =
 * rng.choice(trainSize, batchSize); grads = network.gradient(xBatch, tBatch);
 * optimizer.update(params, grads); loss = network.loss(xBatch, tBatch); and when
 * i % evaluateEvery === 0, the accuracy on all training and all test rows.
 * 10 000 iterations with batches of 100 from 60 000 rows give 17 evaluations.
 */
export async function trainNeuralnet(options: TrainingOptions): Promise<TrainingResult> {
  checkOptions(options);
  const { network, optimizer, xTrain, tTrain, xTest, tTest, itersNum, batchSize, rng, onProgress } = options;
  const trainSize = xTrain.shape[0];
  // The post's max(train_size / batch_size, 1); rounded up, since `i % 333.33 == 0` would hold at i = 0 only.
  const evaluateEvery = options.evaluateEvery ?? Math.max(Math.ceil(trainSize / batchSize), 1);
  const result: TrainingResult = {
    trainLossList: [], trainAccList: [], testAccList: [], evaluatedAt: [], evaluateEvery, itersNum, batchSize,
  };
  // One batch for all iterations, refilled each time, where the products read it in place.
  const xBatchData = resident([batchSize, ...xTrain.shape.slice(1)]).data;
  // tidy: the network's intermediate tensors are not kept after each call, so their memory is reused.
  for (let i = 0; i < itersNum; i++) {
    const batchMask = rng.choice(trainSize, batchSize);
    const xBatch = xTrain.take(batchMask, xBatchData);
    const tBatch = tTrain.take(batchMask);

    let loss: number;
    try {
      updateFromGradient(optimizer, network.params, () => network.gradient(xBatch, tBatch));
      loss = tidy(() => network.loss(xBatch, tBatch));
    } catch (e) {
      // The data were checked before training: a non-finite parameter comes from the steps.
      const broken = nonFiniteParameters(network.params);
      throw new Error(`${OP}: iteration ${i}: ${(e as Error).message}${broken}${broken ? "; is the learning rate too large?" : ""}`, { cause: e });
    }
    if (!Number.isFinite(loss)) {
      fail(`iteration ${i}: the loss on the mini-batch became ${loss} (after ${i + 1} updates)${nonFiniteParameters(network.params)}; is the learning rate too large?`);
    }
    result.trainLossList.push(loss);

    if (i % evaluateEvery === 0) {
      const trainAcc = tidy(() => network.accuracy(xTrain, tTrain));
      const testAcc = tidy(() => network.accuracy(xTest, tTest));
      result.trainAccList.push(trainAcc);
      result.testAccList.push(testAcc);
      result.evaluatedAt.push(i);
      if (onProgress) {
        await onProgress({
          iteration: i, itersNum, evaluations: result.evaluatedAt.length, trainAcc, testAcc, loss,
          trainLossList: result.trainLossList, trainAccList: result.trainAccList, testAccList: result.testAccList,
        });
        await yieldToEventLoop();
      }
    }
  }
  return result;
}

/** How many evaluations itersNum iterations make: ceil(itersNum / evaluateEvery), 17 for 10 000 / 600. */
export function evaluationCount(itersNum: number, evaluateEvery: number): number {
  checkCount(itersNum, "itersNum", 0);
  checkCount(evaluateEvery, "evaluateEvery", 1);
  return Math.ceil(itersNum / evaluateEvery);
}
