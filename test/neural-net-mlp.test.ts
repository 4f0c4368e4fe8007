// Post 000 §4's NeuralNetMLP against numpy: test/fixtures/neural-net-mlp.json comes from
// scripts/make-mlp-fixtures.py, the book's class run on the first 1000 MNIST images.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadMnist } from "../lib/src/data";
import { kernelNames, useKernel } from "../lib/src/kernel";
import { formatEpochLine, NeuralNetMLP, type NeuralNetMLPEpoch, type NeuralNetMLPOptions } from "../lib/src/models/neural-net-mlp";
import { Rng, type MutableArrayLike } from "../lib/src/random";
import { matmul, Tensor, tensor } from "../lib/src/tensor";

interface Entry { index: [number, number]; value: number }
interface FixtureCase {
  name: string;
  train: number;
  valid: number;
  options: Required<NeuralNetMLPOptions>;
  initial: { w_h_shape: number[]; w_h_entries: Entry[]; w_h_sum: number; w_out_shape: number[]; w_out_entries: Entry[]; w_out_sum: number };
  first_epoch_order: number[];
  epochs: { cost: number; train_acc: number; valid_acc: number }[];
  final: { w_h_sum: number; b_h_sum: number; w_out_sum: number; b_out_sum: number };
}
const fixture = JSON.parse(readFileSync(join(__dirname, "fixtures", "neural-net-mlp.json"), "utf8")) as { cases: FixtureCase[] };

/**
 * NeuralNetMLP keeping what fit does not: the weights as drawn (fit calls onehot right
 * after drawing them, in the book's order) and every order its stream shuffled.
 */
class RecordedMLP extends NeuralNetMLP {
  /** The weights as drawn, one entry per fit. */
  initial: { wH: Tensor; wOut: Tensor }[] = [];
  orders: number[][] = [];

  constructor(options: NeuralNetMLPOptions) {
    super(options);
    const shuffle = this.random.shuffle.bind(this.random);
    this.random.shuffle = <T>(array: MutableArrayLike<T>): void => {
      shuffle(array);
      this.orders.push(Array.from(array as unknown as ArrayLike<number>));
    };
  }

  override onehot(y: ArrayLike<number>, nClasses: number): Tensor {
    this.initial.push({ wH: this.wH.copy(), wOut: this.wOut.copy() });
    return super.onehot(y, nClasses);
  }
}

function relDiff(actual: number, expected: number): number {
  return actual === expected ? 0 : Math.abs(actual - expected) / Math.abs(expected);
}

test("fit reproduces numpy's NeuralNetMLP (fixture): initial weights and shuffle order exactly, cost and accuracies to 1e-12, on every kernel", async (t) => {
  // The first 1000 training images, found as loadMnist finds them, scaled as in the post.
  const mnist = loadMnist({ limit: 1000, normalize: "symmetric" });
  const before = useKernel(kernelNames()[0]);
  let maxRel = 0;
  try {
    for (const name of kernelNames()) {
      useKernel(name);
      for (const c of fixture.cases) {
        const at = `${name} kernel, ${c.name}`;
        const xTrain = mnist.X.sliceRows(0, c.train), yTrain = mnist.y.subarray(0, c.train);
        const xValid = mnist.X.sliceRows(c.train, c.train + c.valid), yValid = mnist.y.subarray(c.train, c.train + c.valid);
        const nn = new RecordedMLP(c.options);
        const seen: NeuralNetMLPEpoch[] = [];
        assert.equal(await nn.fit(xTrain, yTrain, xValid, yValid, { onEpoch: (e) => void seen.push(e) }), nn);

        assert.equal(nn.initial.length, 1, `${at}: onehot called once, after the weights are drawn`);
        const initial = nn.initial[0];
        assert.deepEqual(initial.wH.shape, c.initial.w_h_shape, at);
        assert.deepEqual(initial.wOut.shape, c.initial.w_out_shape, at);
        for (const { index, value } of c.initial.w_h_entries) assert.equal(initial.wH.get(...index), value, `${at}: w_h${JSON.stringify(index)}`);
        for (const { index, value } of c.initial.w_out_entries) assert.equal(initial.wOut.get(...index), value, `${at}: w_out${JSON.stringify(index)}`);
        assert.equal(initial.wH.sum().item(), c.initial.w_h_sum, `${at}: sum of the initial w_h`);
        assert.equal(initial.wOut.sum().item(), c.initial.w_out_sum, `${at}: sum of the initial w_out`);

        if (c.options.shuffle) {
          assert.equal(nn.orders.length, c.options.epochs, `${at}: one shuffle per epoch`);
          assert.deepEqual(nn.orders[0].slice(0, 20), c.first_epoch_order, `${at}: first epoch's order`);
          assert.notDeepEqual(nn.orders[1], nn.orders[0], `${at}: a new order each epoch`);
        } else {
          assert.equal(nn.orders.length, 0, `${at}: shuffle false draws no order`);
          assert.deepEqual(c.first_epoch_order, Array.from({ length: 20 }, (_, i) => i));
        }

        assert.equal(nn.evalLog.cost.length, c.epochs.length, at);
        c.epochs.forEach((e, i) => {
          const pairs: [string, number, number][] = [["cost", nn.evalLog.cost[i], e.cost], ["trainAcc", nn.evalLog.trainAcc[i], e.train_acc], ["validAcc", nn.evalLog.validAcc[i], e.valid_acc]];
          for (const [what, actual, expected] of pairs) {
            const rel = relDiff(actual, expected);
            maxRel = Math.max(maxRel, rel);
            assert.ok(rel <= 1e-12, `${at}: epoch ${i + 1} ${what} ${actual}, numpy ${expected} (relative difference ${rel})`);
          }
        });
        const finals: [string, Tensor, number][] = [["w_h", nn.wH, c.final.w_h_sum], ["b_h", nn.bH, c.final.b_h_sum], ["w_out", nn.wOut, c.final.w_out_sum], ["b_out", nn.bOut, c.final.b_out_sum]];
        for (const [what, w, expected] of finals) {
          const rel = relDiff(w.sum().item(), expected);
          maxRel = Math.max(maxRel, rel);
          assert.ok(rel <= 1e-12, `${at}: sum of the final ${what} ${w.sum().item()}, numpy ${expected}`);
        }

        // onEpoch saw what evalLog holds, epoch by epoch, numbered as the progress line prints them.
        assert.deepEqual(seen, c.epochs.map((_, i) => ({
          epoch: i + 1, epochs: c.options.epochs, cost: nn.evalLog.cost[i], trainAcc: nn.evalLog.trainAcc[i], validAcc: nn.evalLog.validAcc[i],
        })), at);
        // The accuracy is predict's: the argmax of z_out, compared with the labels.
        const predicted = nn.predict(xValid).data;
        assert.equal(Array.from(yValid).filter((y, i) => y === predicted[i]).length / c.valid, nn.evalLog.validAcc.at(-1), at);
      }
    }
  } finally {
    useKernel(before);
  }
  t.diagnostic(`largest relative difference from numpy: ${maxRel.toExponential(2)}`);
});

/** A small problem of three separable classes: n rows of 4 features. */
function toyData(seed: number, n: number): { x: Tensor; y: number[] } {
  const rng = Rng.numpy(seed);
  const y = Array.from({ length: n }, (_, i) => i % 3);
  const x = new Tensor(rng.normalArray(0, 0.3, n * 4), [n, 4]);
  y.forEach((c, i) => { x.data[i * 4 + c] += 2; });
  return { x, y };
}

test("forward, predict and onehot follow the book: shapes, sigmoid of clipped net inputs, argmax of z_out", async () => {
  const { x, y } = toyData(5, 30);
  const nn = new NeuralNetMLP({ nHidden: 6, epochs: 20, eta: 0.05, minibatchSize: 5, seed: 2 });
  await nn.fit(x, y, x, y);
  assert.deepEqual([nn.wH.shape, nn.bH.shape, nn.wOut.shape, nn.bOut.shape], [[4, 6], [6], [6, 3], [3]]);
  const { zH, aH, zOut, aOut } = nn.forward(x);
  assert.deepEqual([zH.shape, aH.shape, zOut.shape, aOut.shape], [[30, 6], [30, 6], [30, 3], [30, 3]]);
  assert.deepEqual(Array.from(zH.data), Array.from(matmul(x, nn.wH).add(nn.bH).data));
  assert.deepEqual(Array.from(aOut.data), Array.from(zOut.data, (z) => 1 / (1 + Math.exp(-z))));
  assert.deepEqual(Array.from(nn.predict(x).data), Array.from(zOut.argmax(1).data));
  assert.ok(nn.evalLog.trainAcc.at(-1)! > 0.9, `train accuracy ${nn.evalLog.trainAcc.at(-1)}`);
  // np.clip(z, −250, 250): σ(−800) is σ(−250), not 0, so log(σ) stays finite.
  assert.deepEqual(Array.from(nn.sigmoid(tensor([-800, -250, 0, 800])).data), [1 / (1 + Math.exp(250)), 1 / (1 + Math.exp(250)), 0.5, 1]);
  assert.deepEqual(nn.onehot([2, 0, 1], 3).toArray(), [[0, 0, 1], [1, 0, 0], [0, 1, 0]]);
  // The cost as the book writes it: Σ[−y·log(a) − (1 − y)·log(1 − a)] + l2·(Σw_h² + Σw_out²), here l2 = 0.
  const yEnc = nn.onehot([1], 3), output = tensor([[0.25, 0.5, 0.125]]);
  assert.equal(nn.computeCost(yEnc, output), -Math.log(0.75) - Math.log(0.5) - Math.log(0.875));
});

test("the stream is made once, as the book's self.random: a second fit draws on from where the first stopped", async () => {
  const { x, y } = toyData(6, 12);
  const nn = new RecordedMLP({ nHidden: 2, epochs: 3, minibatchSize: 4, seed: 9 });
  await nn.fit(x, y, x, y);
  await nn.fit(x, y, x, y);
  // The book's draws, twice: w_h (4×2), w_out (2×3), then one shuffle of arange(12) per epoch.
  const rng = Rng.numpy(9);
  for (const drawn of nn.initial) {
    assert.deepEqual(Array.from(drawn.wH.data), Array.from(rng.normalArray(0, 0.1, 4 * 2)));
    assert.deepEqual(Array.from(drawn.wOut.data), Array.from(rng.normalArray(0, 0.1, 2 * 3)));
    for (let epoch = 0; epoch < 3; epoch++) rng.shuffle(Array.from({ length: 12 }, (_, i) => i));
  }
  assert.notDeepEqual(nn.initial[1].wH.toArray(), nn.initial[0].wH.toArray());
  assert.equal(nn.random.nextUint32(), rng.nextUint32(), "no draw more or less than the book's");
  // Without a seed, a fresh one (numpy's seed=None), kept so the run can be repeated.
  const unseeded = new NeuralNetMLP();
  assert.ok(Number.isInteger(unseeded.seed) && unseeded.seed >= 0 && unseeded.seed < 2 ** 32);
  assert.equal(unseeded.random.nextUint32(), Rng.numpy(unseeded.seed).nextUint32());
});

test("fit waits for onEpoch's promise and yields to the event loop after every epoch", async () => {
  const { x, y } = toyData(7, 12);
  const events: string[] = [];
  await new NeuralNetMLP({ nHidden: 3, epochs: 3, minibatchSize: 4, seed: 1 }).fit(x, y, x, y, {
    onEpoch: async (e) => {
      events.push(`epoch ${e.epoch} starts`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push(`epoch ${e.epoch} done`);
    },
  });
  assert.deepEqual(events, ["epoch 1 starts", "epoch 1 done", "epoch 2 starts", "epoch 2 done", "epoch 3 starts", "epoch 3 done"]);
  // A synchronous callback: what it queued (a display update) runs before the next epoch.
  const sync: string[] = [];
  await new NeuralNetMLP({ nHidden: 3, epochs: 2, minibatchSize: 4, seed: 1 }).fit(x, y, x, y, {
    onEpoch: (e) => {
      sync.push(`epoch ${e.epoch}`);
      setImmediate(() => sync.push(`update ${e.epoch}`));
    },
  });
  assert.deepEqual(sync, ["epoch 1", "update 1", "epoch 2", "update 2"]);
});

test("bad input is refused before anything is drawn or trained, naming the argument", async () => {
  const x = tensor([[0, 1, 2], [1, 2, 0], [2, 0, 1], [0, 2, 1], [1, 0, 2], [2, 1, 0]]);
  const y = [0, 1, 2, 0, 1, 2];
  const xValid = x.sliceRows(0, 2), yValid = [0, 1];
  const withNaN = (t: Tensor, at: number): Tensor => { const c = t.copy(); c.data[at] = NaN; return c; };

  // [what a user did, the call on a fresh NeuralNetMLP({ epochs: 1, seed: 4, ...options }), the error]
  const fitCases: [string, (nn: NeuralNetMLP) => Promise<unknown>, RegExp, NeuralNetMLPOptions?][] = [
    ["a label outside 0..nOutput − 1", (nn) => nn.fit(x, [0, 1, 2, 0, 1, 7], xValid, yValid), /^Error: NeuralNetMLP\.fit: yTrain\[5\] must be a class label in 0\.\.3, got 7$/],
    ["labels that skip a class", (nn) => nn.fit(x, [0, 1, 3, 0, 1, 3], xValid, yValid), /^Error: NeuralNetMLP\.fit: yTrain\[2\] must be a class label in 0\.\.2, got 3$/],
    ["a label that is not an integer", (nn) => nn.fit(x, [0, 1, 2, 0, 1.5, 2], xValid, yValid), /^Error: NeuralNetMLP\.fit: yTrain\[4\] must be a class label in 0\.\.3, got 1\.5$/],
    ["a label that is not a number", (nn) => nn.fit(x, [0, 1, 2, 0, "1", 2] as unknown as number[], xValid, yValid), /^Error: NeuralNetMLP\.fit: yTrain\[4\] must be a class label in 0\.\.3, got "1"$/],
    ["a validation label the training set lacks", (nn) => nn.fit(x, y, xValid, [0, 5]), /^Error: NeuralNetMLP\.fit: yValid\[1\] must be a class label in 0\.\.2, got 5$/],
    ["fewer labels than rows", (nn) => nn.fit(x, y.slice(1), xValid, yValid), /^Error: NeuralNetMLP\.fit: yTrain must be one label per row of xTrain \(6\), got 5 labels$/],
    ["validation labels and rows differ", (nn) => nn.fit(x, y, xValid, [0, 1, 2]), /^Error: NeuralNetMLP\.fit: yValid must be one label per row of xValid \(2\), got 3 labels$/],
    ["one-hot rows for labels", (nn) => nn.fit(x, nn.onehot(y, 3), xValid, yValid), /^Error: NeuralNetMLP\.fit: yTrain must be one axis of labels, got \(6×3\)$/],
    ["NaN in xTrain", (nn) => nn.fit(withNaN(x, 7), y, xValid, yValid), /^Error: NeuralNetMLP\.fit: xTrain\[2\]\[1\] must be a finite number, got NaN$/],
    ["NaN in xValid", (nn) => nn.fit(x, y, withNaN(xValid, 5), yValid), /^Error: NeuralNetMLP\.fit: xValid\[1\]\[2\] must be a finite number, got NaN$/],
    ["a validation set with other features", (nn) => nn.fit(x, y, tensor([[0, 1, 2, 3]]), [0]), /^Error: NeuralNetMLP\.fit: xValid must be a non-empty matrix of rows of 3 features, as xTrain, got \(1×4\)$/],
    ["a vector for xTrain", (nn) => nn.fit(tensor([1, 2, 3]), [0, 1, 2], xValid, yValid), /^Error: NeuralNetMLP\.fit: xTrain must be a non-empty matrix \(samples × features\), got \(3\)$/],
    ["a mini-batch larger than the training set", (nn) => nn.fit(x, y, xValid, yValid),
      /^Error: NeuralNetMLP\.fit: minibatchSize must be at most the 6 rows of xTrain \(else no batch is whole and nothing is learnt\), got 7$/, { minibatchSize: 7 }],
  ];
  for (const [what, call, message, options] of fitCases) {
    const nn = new NeuralNetMLP({ epochs: 1, seed: 4, ...options });
    await assert.rejects(() => call(nn), message, what);
    assert.equal(nn.wH.size, 0, `${what}: no weights drawn`);
    assert.equal(nn.random.nextUint32(), Rng.numpy(4).nextUint32(), `${what}: the stream is untouched`);
  }

  const optionCases: [NeuralNetMLPOptions, RegExp][] = [
    [{ eta: 0 }, /^Error: NeuralNetMLP: eta must be a finite number > 0, got 0$/],
    [{ eta: -0.001 }, /^Error: NeuralNetMLP: eta must be a finite number > 0, got -0\.001$/],
    [{ eta: NaN }, /^Error: NeuralNetMLP: eta must be a finite number > 0, got NaN$/],
    [{ nHidden: 0 }, /^Error: NeuralNetMLP: nHidden must be an integer ≥ 1, got 0$/],
    [{ nHidden: 2.5 }, /^Error: NeuralNetMLP: nHidden must be an integer ≥ 1, got 2\.5$/],
    [{ epochs: 0 }, /^Error: NeuralNetMLP: epochs must be an integer ≥ 1, got 0$/],
    [{ l2: -0.01 }, /^Error: NeuralNetMLP: l2 must be a finite number ≥ 0, got -0\.01$/],
    [{ minibatchSize: 0 }, /^Error: NeuralNetMLP: minibatchSize must be an integer ≥ 1, got 0$/],
    [{ shuffle: "yes" as unknown as boolean }, /^Error: NeuralNetMLP: shuffle must be true or false, got "yes"$/],
    [{ seed: -1 }, /^Error: NeuralNetMLP: seed must be an integer in \[0, 2\^32 − 1\], got -1$/],
  ];
  for (const [options, message] of optionCases) assert.throws(() => new NeuralNetMLP(options), message, JSON.stringify(options));

  const fresh = new NeuralNetMLP({ seed: 1 });
  assert.throws(() => fresh.predict(x), /^Error: NeuralNetMLP\.predict: call fit first$/);
  const fitted = await new NeuralNetMLP({ epochs: 1, seed: 1 }).fit(x, y, xValid, yValid);
  assert.throws(() => fitted.predict(tensor([[1, 2]])), /^Error: NeuralNetMLP\.predict: x must be a matrix of rows of 3 features \(as in fit\), got \(1×2\)$/);
  assert.throws(() => fitted.predict(withNaN(x, 0)), /^Error: NeuralNetMLP\.predict: x\[0\]\[0\] must be a finite number, got NaN$/);
  await assert.rejects(() => fitted.fit(x, y, xValid, yValid, { onEpoch: "print" as unknown as () => void }), /^Error: NeuralNetMLP\.fit: onEpoch must be a function, got "print"$/);
});

test("formatEpochLine writes the post's progress lines exactly", () => {
  // The four lines of post 000 §4 (epochs 1, 2, 199, 200 of 200), from the values this class gives in the
  // post's run (784-100-10, l2 0.01, eta 0.0005, batches of 100, seed 1, 55 000 / 5 000 images).
  assert.equal(formatEpochLine(1, 200, 66739.708810769, 0.8452727272727273, 0.8886), "001/200 | 비용: 66739.71 | 훈련/검증 정확도 : 84.53%/88.86%");
  assert.equal(formatEpochLine(2, 200, 47830.40014376355, 0.8833636363636364, 0.9174), "002/200 | 비용: 47830.40 | 훈련/검증 정확도 : 88.34%/91.74%");
  assert.equal(formatEpochLine(199, 200, 5100.206336714422, 0.9928363636363636, 0.981), "199/200 | 비용: 5100.21 | 훈련/검증 정확도 : 99.28%/98.10%");
  assert.equal(formatEpochLine(200, 200, 5065.780803021796, 0.9928, 0.9798), "200/200 | 비용: 5065.78 | 훈련/검증 정확도 : 99.28%/97.98%");
  assert.equal(formatEpochLine(1, 200, 66739.7129, 0.84527, 0.8886), "001/200 | 비용: 66739.71 | 훈련/검증 정확도 : 84.53%/88.86%");
  // %0*d pads to the width of the epoch count; no padding when it has one digit.
  assert.equal(formatEpochLine(7, 1000, 1, 0.5, 0.25), "0007/1000 | 비용: 1.00 | 훈련/검증 정확도 : 50.00%/25.00%");
  assert.equal(formatEpochLine(3, 5, 1, 1, 1), "3/5 | 비용: 1.00 | 훈련/검증 정확도 : 100.00%/100.00%");
  // Python's %.2f on an exact tie rounds to even (84.125 → 84.12), where toFixed rounds up; NaN and ∞ as Python prints them.
  assert.equal(formatEpochLine(1, 9, 84.125, 0.00375, 0.00625), "1/9 | 비용: 84.12 | 훈련/검증 정확도 : 0.38%/0.62%");
  assert.equal(formatEpochLine(1, 9, -2.625, 0, 0), "1/9 | 비용: -2.62 | 훈련/검증 정확도 : 0.00%/0.00%");
  assert.equal(formatEpochLine(1, 9, NaN, 0, 0), "1/9 | 비용: nan | 훈련/검증 정확도 : 0.00%/0.00%");
  assert.equal(formatEpochLine(1, 9, Infinity, 0, 0), "1/9 | 비용: inf | 훈련/검증 정확도 : 0.00%/0.00%");
});
