import { test } from "node:test";
import assert from "node:assert/strict";
import { kernelNames, useKernel, wasmCopiedBytes } from "../lib/src/kernel";
import { isScratch, outputArray, scratchBlockValues, withScratch } from "../lib/src/kernel/scratch";
import { TwoLayerNet } from "../lib/src/models/two-layer-net";
import { Rng } from "../lib/src/random";
import { matmul, oneHot, ones, resident, Tensor, tensor, tidy } from "../lib/src/tensor";

test("scratch arrays: from one block inside a scope once it has grown, given back on return and on a throw", () => {
  const outside = outputArray(10);
  assert.equal(outside.length, 10);
  // The first scope measures what it needs; later scopes get views of one block.
  withScratch(() => { outputArray(100); outputArray(3); });
  assert.ok(scratchBlockValues() >= 104, `block of ${scratchBlockValues()} values`);
  const [a, b] = withScratch(() => [outputArray(100), outputArray(3)]);
  assert.equal(a.buffer, b.buffer);
  assert.ok(b.byteOffset >= a.byteOffset + 100 * 8, "the two arrays overlap");
  assert.equal(b.byteOffset % 64, 0);
  // Given back: the next scope starts at the same place; nested scopes stack on top.
  withScratch(() => {
    const again = outputArray(100);
    assert.equal(again.byteOffset, a.byteOffset);
    const inner = withScratch(() => outputArray(3));
    assert.ok(inner.byteOffset >= again.byteOffset + 100 * 8);
    assert.equal(withScratch(() => outputArray(3)).byteOffset, inner.byteOffset);
  });
  assert.throws(() => withScratch(() => { outputArray(50); throw new Error("boom"); }), /boom/);
  assert.equal(withScratch(() => outputArray(1)).byteOffset, a.byteOffset);
  // More than the block holds: fresh arrays, and the block grows for the next scope.
  const before = scratchBlockValues();
  const big = withScratch(() => outputArray(before + 1));
  assert.notEqual(big.buffer, a.buffer);
  assert.ok(scratchBlockValues() > before);
});

test("the scratch block moves into the memory of the kernel in use (from an ordinary array to the wasm kernel's)", () => {
  assert.ok(kernelNames().includes("wasm"), "npm run build assembles the wasm kernel before the tests");
  const previous = useKernel("reference");
  try {
    withScratch(() => outputArray(5000));
    withScratch(() => outputArray(5000));
    assert.ok(!(withScratch(() => outputArray(10)).buffer instanceof SharedArrayBuffer), "the reference kernel's block is an ordinary array");
    useKernel("wasm");
    withScratch(() => outputArray(10)); // ends the scope under the wasm kernel: the block moves
    assert.ok(withScratch(() => outputArray(10)).buffer instanceof SharedArrayBuffer, "the block should now be in the wasm kernel's memory");
  } finally {
    useKernel(previous);
  }
});

test("tidy keeps what fn returns (tensors, arrays and records of them, numbers) and reuses the rest", () => {
  const a = tensor([[1, 2], [3, 4]]);
  tidy(() => matmul(a, a)); // sizes the block
  const [kept, record, n] = tidy(() => [matmul(a, a), { p: matmul(a, a, { transposeA: true }), q: 3 }, matmul(a, a).sum().item()] as const);
  const seen = withScratch(() => outputArray(4)); // where the next scope's first array goes
  tidy(() => matmul(a, a).mul(0));
  withScratch(() => outputArray(4).fill(-1)); // overwrite the block's start
  assert.deepEqual(kept.toArray(), [[7, 10], [15, 22]]);
  assert.deepEqual(record.p.toArray(), [[10, 14], [14, 20]]);
  assert.equal(record.q, 3);
  assert.equal(n, 54);
  assert.notEqual(kept.data.buffer, seen.buffer, "a returned tensor must not stay in the reused block");
  const [map, raw] = tidy(() => [new Map([["p", matmul(a, a)]]), matmul(a, a).data] as const);
  tidy(() => matmul(a, a).mul(0));
  withScratch(() => outputArray(8).fill(-1));
  assert.deepEqual(map.get("p")!.toArray(), [[7, 10], [15, 22]], "a tensor in a returned Map is kept");
  assert.deepEqual(Array.from(raw), [7, 10, 15, 22], "a returned Float64Array from the block is kept");
  assert.throws(() => tidy(async () => matmul(a, a)), /tidy: fn returned a promise/);
  const inside = tidy(() => tensor([5]));
  assert.deepEqual(inside.toArray(), [5], "a tensor not made by the kernel is returned as it is");
});

test("TwoLayerNet's gradients, predictions and losses taken in tidy stay as they were after later calls (nothing escapes the scratch)", () => {
  for (const name of kernelNames()) {
    const previous = useKernel(name);
    try {
      const rng = Rng.numpy(7);
      const net = new TwoLayerNet({ inputSize: 20, hiddenSize: 8, outputSize: 3, rng, weightInitStd: 0.5, hiddenActivation: "relu" });
      for (const rows of [1, 5]) {
        const batch = () => new Tensor(rng.uniformArray(-1, 1, rows * 20), [rows, 20]);
        const labels = oneHot(Array.from({ length: rows }, (_, r) => r % 3), 3);
        const x1 = batch(), x2 = batch();
        tidy(() => net.gradient(x1, labels)); // the first scope sizes the block: the next ones draw from it
        const g1 = tidy(() => net.gradient(x1, labels)), y1 = tidy(() => net.predict(x1));
        const saved = Object.fromEntries(Object.entries(g1).map(([k, v]) => [k, Array.from(v.data)]));
        const savedY = Array.from(y1.data);
        tidy(() => net.gradient(x2, labels));
        tidy(() => net.predict(x2));
        tidy(() => net.accuracy(x2, labels));
        for (const [k, v] of Object.entries(g1)) assert.deepEqual(Array.from(v.data), saved[k], `${name}: ${k} of a batch of ${rows} changed`);
        assert.deepEqual(Array.from(y1.data), savedY, `${name}: predict's output changed`);
        // Computed again, the same values.
        assert.deepEqual(Array.from(tidy(() => net.gradient(x1, labels)).W1.data), saved.W1);
      }
    } finally {
      useKernel(previous);
    }
  }
});

test("element-wise results, clip, ones and take made in tidy live in the block; returned, they are copied out", () => {
  const a = tensor([[1, -2], [3, 400]]);
  const ops = () => [a.sub(1), a.mul(a), a.pow(2), a.map((v) => v + 1), a.clip(0, 250), ones([2, 2]), a.take([1, 0])];
  tidy(() => { ops(); }); // sizes the block
  tidy(() => {
    for (const t of ops()) assert.ok(isScratch(t.data), "made in tidy, so in the block");
  });
  const kept = tidy(() => a.sub(1));
  assert.ok(!isScratch(kept.data), "a returned result leaves the block");
  tidy(() => { a.mul(0); a.mul(0); });
  assert.deepEqual(kept.toArray(), [[0, -3], [2, 399]]);
  for (const t of ops()) assert.ok(!isScratch(t.data), "outside tidy, fresh arrays");
});

test("a forward and backward pass over 30 000 rows in tidy copies nothing into or out of the wasm kernel once the block has grown", () => {
  const previous = useKernel("wasm");
  try {
    const rng = Rng.numpy(3);
    const x = resident(new Tensor(rng.uniformArray(-1, 1, 30000 * 100), [30000, 100]));
    const w = resident(new Tensor(rng.uniformArray(-0.1, 0.1, 100 * 50), [100, 50]));
    const b = resident([50]);
    const forward = () => {
      const z = matmul(x, w, { bias: b });
      const a = z.clip(-250, 250).sigmoid();
      return matmul(a.mul(ones(a.shape).sub(a)), w, { transposeB: true }).sum().item();
    };
    const first = tidy(forward);
    const before = wasmCopiedBytes();
    assert.equal(tidy(forward), first);
    assert.equal(wasmCopiedBytes() - before, 0, "every array of the pass should be in the kernel's memory");
  } finally {
    useKernel(previous);
  }
});
