import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { configureWasmKernel, kernel, referenceKernel, wasmCopiedBytes, wasmKernel } from "../lib/src/kernel";
import { WASM_ELEMENTWISE_MIN } from "../lib/src/kernel/wasm";
import { wasmExpForTest, wasmWorkerCrashForTest } from "../lib/src/kernel/testing";

const kernelArray = (length: number): Float64Array => kernel().allocate(length);
import { hexF64 } from "../lib/src/kernel/wasm/exp-wat";
import { KC_MAX, SPARSE_KC_MAX } from "../lib/src/kernel/wasm/control";
import { instantiate } from "../lib/src/kernel/wasm/module";
import { WebAssemblyApi } from "../lib/src/kernel/wasm/webassembly";
import { wasmFile } from "../lib/src/kernel/wasm/module";
import { ThreadChoice } from "../lib/src/kernel/wasm/thread-choice";
import { kcFor } from "../lib/src/kernel/wasm/gemm";
import { bandRows, LOOKAHEAD_ROWS } from "../lib/src/kernel/wasm/sparse-wat";
import { MR, NR } from "../lib/src/kernel/wasm/wat";
import { Rng } from "../lib/src/random";
import { assembleKernel } from "../scripts/wasm-assemble";

const root = join(__dirname, "..");
type Gemm = [transA: boolean, transB: boolean, m: number, n: number, k: number];

function operands(rng: Rng, [, , m, n, k]: Gemm, zeros = 0.2) {
  // Some exact zeros, as in MNIST pixels and ReLU outputs (the reference skips them).
  const fill = (len: number) => Float64Array.from({ length: len }, () => (rng.random() < zeros ? 0 : rng.uniform(-1, 1)));
  return { a: fill(m * k), b: fill(k * n), c: fill(m * n) };
}

/**
 * Bit for bit: the wasm kernel sums each element in the reference kernel's order
 * (so "relative 1e-12" holds with 0 to spare); only the speed differs.
 */
function assertSame(what: string, actual: Float64Array, expected: Float64Array): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++)
    if (!Object.is(actual[i], expected[i])) assert.fail(`${what} element ${i}: wasm ${actual[i]}, reference ${expected[i]}`);
}

/** Both kernels on the same operands: C = op(A)·op(B) over a C of 7s, and C += op(A)·op(B). */
function check(rng: Rng, shape: Gemm, { a, b, c } = operands(rng, shape)): void {
  const [transA, transB, m, n, k] = shape;
  for (const accumulate of [false, true]) {
    const expected = accumulate ? c.slice() : new Float64Array(m * n).fill(7);
    const actual = expected.slice();
    referenceKernel.gemm(transA, transB, m, n, k, a, b, expected, accumulate);
    wasmKernel.gemm(transA, transB, m, n, k, a, b, actual, accumulate);
    assertSame(`${JSON.stringify(shape)} accumulate=${accumulate}`, actual, expected);
  }
}

/** Runs f with this many threads and every product on the pool (no size threshold, no adaptive choice). */
function onThreads(threads: number, f: () => void): void {
  const previous = configureWasmKernel({ threads, parallelMinFlops: 0, adaptive: false });
  try {
    f();
  } finally {
    configureWasmKernel(previous);
  }
}

test("the built kernel.wasm is exactly what the sources in this repository assemble to", async () => {
  const file = wasmFile();
  assert.ok(file, "kernel.wasm not built: run npm run build");
  const { wasm } = await assembleKernel();
  assert.ok(Buffer.from(wasm).equals(readFileSync(file)), `${file} is stale: run npm run build`);
});

test("gemm gives the reference kernel's values on edge shapes: 1×1, empty, non-multiples of the tiles and of the k blocks", () => {
  const rng = Rng.numpy(6);
  const sizes = [0, 1, 2, MR - 1, MR, MR + 1, 2 * NR + 3, 17];
  onThreads(2, () => {
    for (const m of sizes) for (const n of sizes) for (const k of [0, 1, 3, 8, 33])
      for (const transA of [false, true]) for (const transB of [false, true]) check(rng, [transA, transB, m, n, k]);
    for (const k of [KC_MAX - 1, KC_MAX, KC_MAX + 1, 2 * KC_MAX + 7])
      for (const transA of [false, true]) for (const transB of [false, true]) check(rng, [transA, transB, 6, 5, k]);
  });
});

test("gemm gives the reference kernel's values on random shapes, on one thread and on several", () => {
  const rng = Rng.numpy(60);
  for (const threads of [1, 2]) onThreads(threads, () => {
    for (let trial = 0; trial < 60; trial++) {
      const dim = (max: number) => rng.integer(1, max + 1);
      check(rng, [rng.random() < 0.5, rng.random() < 0.5, dim(130), dim(70), dim(900)]);
    }
  });
});

test("results do not depend on the number of threads, bit for bit", () => {
  const rng = Rng.numpy(61);
  const shapes: Gemm[] = [[false, false, 100, 100, 784], [true, false, 784, 100, 100], [false, true, 100, 784, 100], [false, false, 257, 13, 1031], [true, true, 37, 9, 5]];
  for (const shape of shapes) {
    const [transA, transB, m, n, k] = shape;
    const { a, b, c } = operands(rng, shape);
    const results = [1, 2, 3, 5].map((threads) => {
      const previous = configureWasmKernel({ threads, parallelMinFlops: 0, adaptive: false });
      try {
        const out = c.slice();
        wasmKernel.gemm(transA, transB, m, n, k, a, b, out, true);
        return out;
      } finally {
        configureWasmKernel(previous);
      }
    });
    for (const r of results.slice(1)) assert.ok(r.every((v, i) => Object.is(v, results[0][i])), `${JSON.stringify(shape)} differs between thread counts`);
  }
});

test("a product too large for one copy of A goes through in chunks of rows, same values on 1 and 2 threads", () => {
  // 11000×784 doubles are 69 MB, more than the 64 MB chunk, so op(A) is copied in two parts.
  const m = 11000, n = 6, k = 784;
  const rng = Rng.numpy(62);
  const b = Float64Array.from({ length: k * n }, () => rng.uniform(-1, 1));
  const a = new Float64Array(m * k);
  for (let i = 0; i < a.length; i += 97) a[i] = rng.uniform(-1, 1); // sparse fill: quick to make
  for (const transA of [false, true]) {
    const stored = transA ? new Float64Array(m * k) : a;
    if (transA) for (let i = 0; i < m; i++) for (let p = 0; p < k; p++) stored[p * m + i] = a[i * k + p];
    const runs = [1, 2].map((threads) => {
      const previous = configureWasmKernel({ threads, parallelMinFlops: 0, adaptive: false });
      try {
        const out = new Float64Array(m * n);
        wasmKernel.gemm(transA, false, m, n, k, stored, b, out, false);
        return out;
      } finally {
        configureWasmKernel(previous);
      }
    });
    assert.ok(runs[1].every((v, i) => Object.is(v, runs[0][i])), `transA=${transA}: threads differ`);
    for (const i of [0, 1, 8191, 8192, 8193, m - 1]) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
        assert.equal(runs[0][i * n + j], s, `transA=${transA} row ${i} col ${j}`);
      }
    }
  }
});

test("where A has a zero and B an infinity, the product is NaN as in numpy, in both kernels", () => {
  // A 1-row tile whose only other value is 0: the wasm kernel would skip that p if B were finite.
  for (const [transB, k] of [[false, 2], [true, 2], [false, 9], [true, 9]] as const) {
    const a = Float64Array.from({ length: k }, (_, p) => (p === 1 ? 1 : 0));
    const b = Float64Array.from({ length: k }, (_, p) => (p === 0 ? Infinity : 2));
    for (const kern of [wasmKernel, referenceKernel]) {
      const c = new Float64Array(1);
      kern.gemm(false, transB, 1, 1, k, a, b, c, false);
      assert.ok(Number.isNaN(c[0]), `${kern.name} transB=${transB} k=${k}: ${c[0]}`);
    }
  }
  // NaN in B disables the skipping too; with B finite, the zeros are skipped and the sum is exact.
  const c = new Float64Array(1);
  wasmKernel.gemm(false, false, 1, 1, 3, Float64Array.of(0, 1, 0), Float64Array.of(NaN, 2, 3), c, false);
  assert.ok(Number.isNaN(c[0]));
  wasmKernel.gemm(false, false, 1, 1, 3, Float64Array.of(0, 1, 0), Float64Array.of(-1e308, 2, 3), c, false);
  assert.equal(c[0], 2);
});

test("mostly-zero A (MNIST-like: zero columns shared by every row, 90% zeros) gives the reference kernel's values", () => {
  const rng = Rng.numpy(81);
  for (const threads of [1, 2]) onThreads(threads, () => {
    for (let trial = 0; trial < 24; trial++) {
      const shape: Gemm = [trial % 2 === 1, trial % 4 >= 2, rng.integer(1, 40), rng.integer(1, 30), rng.integer(1, 700)];
      const [transA, , m, n, k] = shape;
      // Zero "pixels" shared by every row (a border), and 90% zeros elsewhere.
      const border = Float64Array.from({ length: k }, () => (rng.random() < 0.3 ? 1 : 0));
      const a = new Float64Array(m * k);
      for (let i = 0; i < m; i++) for (let p = 0; p < k; p++) {
        a[transA ? p * m + i : i * k + p] = border[p] || rng.random() < 0.9 ? 0 : rng.uniform(-1, 1);
      }
      check(rng, shape, { a, b: rng.uniformArray(-1, 1, k * n), c: rng.uniformArray(-1, 1, m * n) });
    }
  });
});

test("mostly-zero A: every strip width (n = 1..33), several blocks of p and bands of rows, one and two threads", () => {
  assert.deepEqual([SPARSE_KC_MAX + 1, 3000, 100, 4100].map((k) => bandRows(kcFor(k, SPARSE_KC_MAX))), [16, 8, 216, 8]);
  const rng = Rng.numpy(82);
  const shapes: Gemm[] = [];
  for (let n = 1; n <= 33; n++) shapes.push([n % 2 === 0, false, 9, n, 50]);
  shapes.push([false, false, 5, 7, 2 * SPARSE_KC_MAX + 5], [true, false, 5, 7, SPARSE_KC_MAX + 1]);
  // Rows are compressed LOOKAHEAD_ROWS at a time: several groups in a task and a short last one, in each block of p.
  shapes.push([false, false, 2 * LOOKAHEAD_ROWS + 3, 7, 2 * SPARSE_KC_MAX + 3], [false, false, 100, 50, 784], [false, false, 100, 7, 2 * SPARSE_KC_MAX + 3]);
  // Transposed A goes through bands of rows (bandRows of the block of p): several bands
  // in one task, a last band shorter than GROUP, two blocks of p.
  shapes.push([true, false, 40, 7, SPARSE_KC_MAX + 1], [true, false, 37, 5, 3000], [true, false, 64, 50, 100], [true, false, 61, 3, 4100]);
  for (const threads of [1, 2]) onThreads(threads, () => {
    for (const shape of shapes) {
      const [, , m, n, k] = shape;
      const a = Float64Array.from({ length: m * k }, () => (rng.random() < 0.85 ? 0 : rng.uniform(-1, 1)));
      check(rng, shape, { a, b: rng.uniformArray(-1, 1, k * n), c: rng.uniformArray(-1, 1, m * n) });
    }
  });
});

test("the wasm helpers that choose the sparse rows count nonzeros and spot ∞/NaN at every position and length", () => {
  const memory = new WebAssemblyApi.Memory({ initial: 1, maximum: 16, shared: true });
  const kernel = instantiate(memory);
  const view = new Float64Array(memory.buffer);
  const at = 64; // a byte address, 8-aligned but not 16-aligned
  for (let len = 0; len <= 20; len++) {
    view.fill(0);
    for (let i = 0; i < len; i += 3) view[at / 8 + i] = i + 1;
    view[at / 8 + len] = 5; // just past the end: not counted
    assert.equal(kernel.nonzeros(at, len), Math.ceil(len / 3), `nonzeros, length ${len}`);
    assert.equal(kernel.allFinite(at, len), 1, `allFinite, length ${len}`);
    for (let i = 0; i < len; i++) for (const bad of [Infinity, -Infinity, NaN]) {
      const saved = view[at / 8 + i];
      view[at / 8 + i] = bad;
      assert.equal(kernel.allFinite(at, len), 0, `allFinite, ${bad} at ${i} of ${len}`);
      view[at / 8 + i] = saved;
    }
  }
});

test("bad sizes are refused with the shapes in the message", () => {
  const x = new Float64Array(6);
  assert.throws(() => wasmKernel.gemm(false, false, 2, 3, 4, x, new Float64Array(12), x, false), /gemm: A has 6 values, a 2×4 · 4×3 product needs 8/);
  assert.throws(() => wasmKernel.gemm(false, true, 2, 3, 1, x, x, new Float64Array(5), false), /gemm: C has 5 values, a 2×1 · 1×3 \(Bᵀ stored\) product needs 6/);
  assert.throws(() => wasmKernel.gemm(false, false, -1, 3, 1, x, x, x, false), /gemm: m must be a non-negative integer, got -1/);
  assert.throws(() => configureWasmKernel({ threads: 0 }), /threads must be an integer 1\.\.16, got 0/);
});

test("a worker that fails or exits fails the call with a clear error, and the next call works again", () => {
  const rng = Rng.numpy(63);
  const shape: Gemm = [false, false, 64, 32, 300];
  const { a, b } = operands(rng, shape);
  const expected = new Float64Array(64 * 32);
  referenceKernel.gemm(false, false, 64, 32, 300, a, b, expected, false);
  const previous = configureWasmKernel({ threads: 2, parallelMinFlops: 0, adaptive: false });
  try {
    for (const [kind, message] of [[1, /wasm kernel: worker thread 1 failed during a 64×300 · 300×32 product: Error: simulated failure \(test hook\); the workers will be restarted$/],
                                   [2, /wasm kernel: worker thread 1 exited unexpectedly \(exit code 70\) during a 64×300 · 300×32 product; the workers will be restarted$/]] as const) {
      wasmWorkerCrashForTest(kind, true);
      assert.throws(() => wasmKernel.gemm(false, false, 64, 32, 300, a, b, new Float64Array(64 * 32), false), message);
      const again = new Float64Array(64 * 32);
      wasmKernel.gemm(false, false, 64, 32, 300, a, b, again, false);
      assertSame("after the failure", again, expected);
    }
  } finally {
    configureWasmKernel(previous);
  }
});

function runScript(code: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ["--import", "tsx", "-e", code], {
    cwd: root, env: { ...process.env, ...env }, encoding: "utf8", timeout: 60_000,
  });
}

test("a process whose workers are idle exits by itself", () => {
  const started = Date.now();
  const r = runScript(`
    const { wasmKernel, configureWasmKernel } = require("./lib/src/kernel");
    configureWasmKernel({ threads: 2, parallelMinFlops: 0, adaptive: false });
    const a = new Float64Array(300 * 400).fill(0.5), b = new Float64Array(400 * 50).fill(2), c = new Float64Array(300 * 50);
    wasmKernel.gemm(false, false, 300, 50, 400, a, b, c, false);
    console.log(c[0], c[c.length - 1]);`);
  assert.equal(r.error, undefined, `child did not exit: ${r.error}`);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), "400 400");
  assert.ok(Date.now() - started < 30_000);
});

test("NNTS_KERNEL chooses the kernel; the default is wasm once built", () => {
  const show = `console.log(require("./lib/src/kernel").kernel().name)`;
  assert.equal(runScript(show).stdout.trim(), "wasm");
  assert.equal(runScript(show, { NNTS_KERNEL: "reference" }).stdout.trim(), "reference");
  const bad = runScript(show, { NNTS_KERNEL: "gpu" });
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /NNTS_KERNEL: no kernel "gpu"; available: reference, wasm/);
  assert.equal(execFileSync(process.execPath, ["--import", "tsx", "-e", show], { cwd: root, env: { ...process.env, NNTS_KERNEL: "wasm" }, encoding: "utf8" }).trim(), "wasm");
});

test("the element-wise loops give the reference kernel's values, bit for bit", () => {
  const rng = Rng.numpy(64);
  const x = Float64Array.from({ length: 257 }, () => rng.uniform(-30, 30));
  const r = new Float64Array(257), w = new Float64Array(257);
  referenceKernel.sigmoid(x, r);
  wasmKernel.sigmoid(x, w);
  assert.deepEqual(w, r);
  referenceKernel.softmaxRows(x.subarray(0, 256), 16, 16, r);
  wasmKernel.softmaxRows(x.subarray(0, 256), 16, 16, w);
  assert.deepEqual(w, r);
});

test("ReLU and its backward pass in wasm: the reference's values at every length, with ±0, ±∞ and NaN, in place and in chunks", () => {
  const rng = Rng.numpy(65);
  const special = [0, -0, Infinity, -Infinity, NaN, 1e-310, -1e-310];
  const values = (n: number) => Float64Array.from({ length: n }, () => (rng.random() < 0.2 ? special[rng.integer(0, special.length)] : rng.uniform(-1, 1)));
  const same = (what: string, actual: Float64Array, expected: Float64Array) => {
    for (let i = 0; i < expected.length; i++) if (!Object.is(actual[i], expected[i])) assert.fail(`${what}: element ${i} is ${actual[i]}, the reference gives ${expected[i]}`);
  };
  // Lengths around the threshold and the pairs, and one past a chunk of 2^20 values.
  const lengths = [...Array.from({ length: 12 }, (_, i) => WASM_ELEMENTWISE_MIN - 2 + i), 1000, (1 << 20) + 3];
  for (const n of lengths) for (const home of [false, true]) {
    const place = (v: Float64Array) => {
      if (!home) return v;
      const out = kernelArray(v.length);
      out.set(v);
      return out;
    };
    const x = place(values(n)), dout = place(values(n));
    const expected = new Float64Array(n), actual = place(new Float64Array(n).fill(5));
    referenceKernel.relu(x, expected);
    wasmKernel.relu(x, actual);
    same(`relu, n = ${n}, kernel memory ${home}`, actual, expected);
    referenceKernel.reluBackward(x, dout, expected);
    wasmKernel.reluBackward(x, dout, actual);
    same(`reluBackward, n = ${n}, kernel memory ${home}`, actual, expected);
    // In place: out is x itself.
    const copy = x.slice();
    referenceKernel.relu(x, expected);
    wasmKernel.relu(x, x);
    same(`relu in place, n = ${n}, kernel memory ${home}`, x, expected);
    x.set(copy);
  }
  assert.throws(() => wasmKernel.reluBackward(new Float64Array(300), new Float64Array(299), new Float64Array(300)), /reluBackward: dout has 299 values, x has 300/);
  assert.throws(() => wasmKernel.relu(new Float64Array(300), new Float64Array(10)), /relu: out has 10 values, x has 300/);
});

test("clip in wasm: the reference's values at every length, with ±0, ±∞, NaN and bounds ±∞ or equal, in place and in chunks", () => {
  const rng = Rng.numpy(66);
  const special = [0, -0, Infinity, -Infinity, NaN, -250, 250, 1e-310];
  const values = (n: number) => Float64Array.from({ length: n }, () => (rng.random() < 0.2 ? special[rng.integer(0, special.length)] : rng.uniform(-400, 400)));
  const same = (what: string, actual: Float64Array, expected: Float64Array) => {
    for (let i = 0; i < expected.length; i++) if (!Object.is(actual[i], expected[i])) assert.fail(`${what}: element ${i} is ${show(actual[i])}, the reference gives ${show(expected[i])}`);
  };
  const show = (v: number) => (Object.is(v, -0) ? "-0" : String(v));
  const bounds: [number, number][] = [[-250, 250], [0, 1], [-0, 0], [-Infinity, 3], [2, Infinity], [5, 5]];
  const lengths = [...Array.from({ length: 6 }, (_, i) => WASM_ELEMENTWISE_MIN - 2 + i), 1001, (1 << 20) + 3];
  for (const n of lengths) for (const [lo, hi] of bounds) {
    const x = kernelArray(n);
    x.set(values(n));
    const expected = new Float64Array(n), actual = kernelArray(n).fill(7);
    referenceKernel.clip(x, lo, hi, expected);
    wasmKernel.clip(x, lo, hi, actual);
    same(`clip to [${lo}, ${hi}], n = ${n}`, actual, expected);
    const copy = x.slice();
    wasmKernel.clip(x, lo, hi, x);
    same(`clip in place to [${lo}, ${hi}], n = ${n}`, x, expected);
    // Not in the kernel's memory: the JS loop, which copies nothing in or out.
    const outside = new Float64Array(n), copied = wasmCopiedBytes();
    wasmKernel.clip(copy, lo, hi, outside);
    same(`clip of an ordinary array to [${lo}, ${hi}], n = ${n}`, outside, expected);
    assert.equal(wasmCopiedBytes(), copied, "an ordinary array is clipped where it is");
  }
  const x = Float64Array.of(-300, -0, NaN, 300, 1);
  const out = new Float64Array(5);
  referenceKernel.clip(x, -250, 250, out);
  assert.deepEqual(Array.from(out), [-250, -0, NaN, 250, 1]);
  assert.ok(Object.is(out[1], -0), "−0 stays −0, as np.clip(-0., -250, 250)");
  assert.throws(() => wasmKernel.clip(kernelArray(300), 0, 1, kernelArray(10)), /clip: out has 10 values, x has 300/);
});

/** Values where fdlibm's exp changes course (its thresholds), ±ulps around them, specials, and wide random ones. */
function expInputs(rng: Rng): Float64Array {
  const words = (hi: number, lo = 0) => {
    const view = new DataView(new ArrayBuffer(8));
    view.setUint32(0, hi >>> 0);
    view.setUint32(4, lo >>> 0);
    return view.getFloat64(0);
  };
  const edges = [0, 1, 2 ** -28, words(0x3fd62e42, 0xffffffff), words(0x3fd62e43), 0.5 * Math.LN2, words(0x3ff0a2b2), 1.5 * Math.LN2, 708, 708.4, 709.78, 709.79, 745.13, 745.2, Math.LN2];
  const values: number[] = [NaN, Infinity, -Infinity, -0, 5e-324, -5e-324, 1e-300, Number.MAX_VALUE, -Number.MAX_VALUE];
  for (const e of edges) for (let d = -40; d <= 40; d++) {
    const v = e === 0 ? d * 1e-20 : e * (1 + d * 2 ** -52);
    values.push(v, -v);
  }
  for (let i = 0; i < 200_000; i++) values.push(rng.uniform(-1, 1) * [1, 40, 800][i % 3]);
  for (let i = 0; i < 20_000; i++) values.push(words(rng.integer(0, 2 ** 31) * 2 + (i % 2), rng.integer(0, 2 ** 31) * 2));
  return Float64Array.from(values);
}

test("exp in wasm is Math.exp bit for bit (fdlibm's algorithm, which V8 runs): at its thresholds, specials and 220 000 others", () => {
  const x = expInputs(Rng.numpy(71));
  for (const offset of [0, 1]) { // both lanes of a pair, and the odd last value
    const input = x.subarray(offset), out = new Float64Array(input.length);
    wasmExpForTest(input, out);
    for (let i = 0; i < input.length; i++)
      if (!Object.is(out[i], Math.exp(input[i]))) assert.fail(`exp(${input[i]}): wasm ${out[i]}, Math.exp ${Math.exp(input[i])}`);
  }
  assert.equal(hexF64(1), "0x1.0000000000000p0");
  assert.equal(hexF64(-0.5), "-0x1.0000000000000p-1");
  assert.equal(hexF64(5e-324), "0x0.0000000000001p-1022");
});

test("sigmoid and softmax in wasm give the reference kernel's values bit for bit, also at the edges of exp", () => {
  const x = expInputs(Rng.numpy(72));
  for (const n of [WASM_ELEMENTWISE_MIN, WASM_ELEMENTWISE_MIN + 1, x.length]) {
    const input = x.subarray(0, n), expected = new Float64Array(n), actual = new Float64Array(n);
    referenceKernel.sigmoid(input, expected);
    wasmKernel.sigmoid(input, actual);
    assertSame(`sigmoid of ${n} values`, actual, expected);
  }
  const rng = Rng.numpy(73);
  for (const cols of [1, 2, 3, 10, 11]) {
    const rows = Math.floor(x.length / cols / 10);
    // Rows of ordinary values, rows with a NaN, ±∞ or an exp edge in them.
    const input = Float64Array.from({ length: rows * cols }, (_, i) => (i % 97 === 0 ? x[i] : rng.uniform(-30, 30)));
    const expected = new Float64Array(rows * cols), actual = new Float64Array(rows * cols);
    referenceKernel.softmaxRows(input, rows, cols, expected);
    wasmKernel.softmaxRows(input, rows, cols, actual);
    assertSame(`softmax of ${rows} rows of ${cols}`, actual, expected);
    const inPlace = input.slice();
    wasmKernel.softmaxRows(inPlace, rows, cols, inPlace);
    assertSame(`softmax in place, ${cols} columns`, inPlace, expected);
  }
  for (const kern of [referenceKernel, wasmKernel]) {
    assert.throws(() => kern.softmaxRows(new Float64Array(299), 30, 10, new Float64Array(300)), /softmaxRows: x has 299 values, 30 rows of 10 need 300/);
    assert.throws(() => kern.softmaxRows(new Float64Array(300), 30, 10, new Float64Array(290)), /softmaxRows: out has 290 values, 30 rows of 10 need 300/);
  }
  // Longer than one chunk of the kernel's memory (2^20 values): chunks of whole rows, in place too.
  for (const cols of [3, 7]) {
    const rows = Math.floor(((1 << 20) + 5000) / cols);
    const input = Float64Array.from({ length: rows * cols + 2 }, () => rng.uniform(-30, 30)); // 2 values past the rows
    const expected = new Float64Array(rows * cols), actual = kernelArray(rows * cols);
    referenceKernel.softmaxRows(input, rows, cols, expected);
    actual.set(input.subarray(0, rows * cols));
    wasmKernel.softmaxRows(actual, rows, cols, actual);
    assertSame(`softmax of ${rows} rows of ${cols}, in place in the kernel's memory`, actual, expected);
  }
  const long = Float64Array.from({ length: 2 * (1 << 20) + 3 }, () => rng.uniform(-30, 30));
  const sigExpected = new Float64Array(long.length), sigActual = new Float64Array(long.length);
  referenceKernel.sigmoid(long, sigExpected);
  wasmKernel.sigmoid(long, sigActual);
  assertSame("sigmoid of 2·2^20 + 3 values (three chunks)", sigActual, sigExpected);
});

test("SGD's update in wasm (weights in kernel memory): the reference's values at every length, gradients in or out of it, in place", () => {
  const rng = Rng.numpy(66);
  const special = [0, -0, Infinity, -Infinity, NaN, 1e-310, -1e-310, 1e300];
  const values = (n: number) => Float64Array.from({ length: n }, () => (rng.random() < 0.1 ? special[rng.integer(0, special.length)] : rng.uniform(-1, 1)));
  const same = (what: string, actual: Float64Array, expected: Float64Array) => {
    for (let i = 0; i < expected.length; i++) if (!Object.is(actual[i], expected[i])) assert.fail(`${what}: element ${i} is ${actual[i]}, the reference gives ${expected[i]}`);
  };
  const inKernel = (v: Float64Array) => {
    const out = kernelArray(v.length);
    out.set(v);
    return out;
  };
  const lengths = [...Array.from({ length: 8 }, (_, i) => WASM_ELEMENTWISE_MIN - 2 + i), 39_200, (1 << 20) + 3];
  for (const n of lengths) for (const gHome of [false, true]) for (const factor of [0.1, -3, 1e-300]) {
    const x = values(n), g = values(n);
    const expected = new Float64Array(n);
    referenceKernel.subScaled(x, factor, g, expected);
    for (let i = 0; i < Math.min(n, 64); i++) {
      const want = x[i] - factor * g[i];
      if (!Object.is(expected[i], want)) assert.fail(`reference subScaled, element ${i}: ${expected[i]}, x − f·g is ${want}`);
    }
    const w = inKernel(x);
    wasmKernel.subScaled(w, factor, gHome ? inKernel(g) : g, w);
    same(`subScaled in place, n = ${n}, factor ${factor}, gradient in kernel memory ${gHome}`, w, expected);
    const out = kernelArray(n);
    wasmKernel.subScaled(inKernel(x), factor, g, out);
    same(`subScaled into another array, n = ${n}, factor ${factor}`, out, expected);
  }
  // Plain weights take the JavaScript loop (nothing copied into the kernel's memory); same values.
  const x = values(1000), g = values(1000), expected = new Float64Array(1000);
  referenceKernel.subScaled(x, 0.5, g, expected);
  const before = wasmCopiedBytes();
  wasmKernel.subScaled(x, 0.5, g, x);
  assert.equal(wasmCopiedBytes() - before, 0, "plain weights went through the kernel's memory");
  same("subScaled on plain arrays", x, expected);
  // Weights in the kernel's memory run in wasm: only the plain gradient is copied in.
  const w = inKernel(values(1000)), afterPlain = wasmCopiedBytes();
  wasmKernel.subScaled(w, 0.5, g, w);
  assert.equal(wasmCopiedBytes() - afterPlain, 1000 * 8, "the wasm loop should copy exactly the plain gradient");
  assert.throws(() => wasmKernel.subScaled(kernelArray(300), 1, new Float64Array(299), kernelArray(300)), /subScaled: g has 299 values, x has 300/);
});

test("SGD's step over all parameters (subScaledAll): the reference's values, nothing changed when a gradient is not finite", () => {
  const rng = Rng.numpy(67);
  const inKernel = (v: Float64Array) => {
    const out = kernelArray(v.length);
    out.set(v);
    return out;
  };
  // Weights in and out of the kernel's memory, long and short; gradients in and out of it too.
  const lengths = [39_200, 50, 500, 10, WASM_ELEMENTWISE_MIN, 7];
  const make = () => lengths.map((n, i) => {
    const x = rng.uniformArray(-1, 1, n), g = rng.uniformArray(-1, 1, n);
    return { x: i % 2 === 0 ? inKernel(x) : x, g: i % 3 === 0 ? inKernel(g) : g };
  });
  for (const kern of [referenceKernel, wasmKernel]) {
    const pairs = make();
    const expected = pairs.map(({ x, g }) => Float64Array.from(x, (v, j) => v - 0.1 * g[j]));
    assert.equal(kern.subScaledAll!(pairs.map((p) => p.x), 0.1, pairs.map((p) => p.g)), -1);
    pairs.forEach(({ x }, i) => assert.deepEqual(Array.from(x), Array.from(expected[i]), `${kern.name}: array ${i}`));
    // A gradient with ∞ or NaN anywhere, in wasm or not: its index, and every array as it was.
    for (const [which, at, bad] of [[0, 39_199, NaN], [4, 0, Infinity], [5, 3, -Infinity], [1, 49, NaN]] as const) {
      const before = pairs.map(({ x }) => Array.from(x));
      const gs = pairs.map((p) => p.g.slice());
      gs[which][at] = bad;
      if (which === 0) gs[which] = inKernel(gs[which]);
      assert.equal(kern.subScaledAll!(pairs.map((p) => p.x), 0.1, gs), which, `${kern.name}: ${bad} in gradient ${which}`);
      pairs.forEach(({ x }, i) => assert.deepEqual(Array.from(x), before[i], `${kern.name}: array ${i} changed although gradient ${which} is not finite`));
    }
    assert.throws(() => kern.subScaledAll!([new Float64Array(3)], 1, [new Float64Array(2)]), /subScaledAll: gradient 0 has 2 values, its array 3/);
    assert.throws(() => kern.subScaledAll!([new Float64Array(3)], 1, []), /subScaledAll: 1 arrays but 0 gradients/);
  }
  // In wasm, a plain gradient of weights in the kernel's memory is copied in once; plain weights copy nothing.
  const w = inKernel(rng.uniformArray(-1, 1, 1000)), g = rng.uniformArray(-1, 1, 1000), plain = rng.uniformArray(-1, 1, 1000);
  const copied = wasmCopiedBytes();
  assert.equal(wasmKernel.subScaledAll!([w, plain], 0.5, [g, g]), -1);
  assert.equal(wasmCopiedBytes() - copied, 1000 * 8);
  // The gradient may be the weights themselves (x − f·x).
  const self = inKernel(Float64Array.from({ length: 300 }, (_, j) => j));
  assert.equal(wasmKernel.subScaledAll!([self], 0.5, [self]), -1);
  assert.deepEqual(Array.from(self), Array.from({ length: 300 }, (_, j) => j - 0.5 * j));
});

test("the thread choice follows the measured times and keeps checking the other mode", () => {
  const choice = new ThreadChoice();
  const modes: boolean[] = [];
  for (let call = 0; call < 40; call++) {
    const parallel = choice.parallel("NN100×100×784");
    modes.push(parallel);
    choice.record("NN100×100×784", parallel, parallel ? 2e-3 : 1e-3); // two threads slower, as on a busy machine
  }
  assert.deepEqual(modes.slice(0, 2), [true, false]); // measure both first
  assert.equal(modes.filter((p) => p).length, 1 + 2); // then one thread, the pool again every 16th call
  assert.ok(modes[15] && modes[31]);
  const idle = new ThreadChoice();
  const idleModes = Array.from({ length: 20 }, () => {
    const parallel = idle.parallel("s");
    idle.record("s", parallel, parallel ? 0.6e-3 : 1e-3);
    return parallel;
  });
  assert.equal(idleModes.filter((p) => !p).length, 1 + 1); // mostly the pool once it is faster
  // One slow call of the pool (preempted, a garbage collection) does not send the next ones to one thread…
  const noisy = new ThreadChoice();
  const noisyModes = Array.from({ length: 30 }, (_, call) => {
    const parallel = noisy.parallel("s");
    noisy.record("s", parallel, parallel ? (call === 5 ? 20e-3 : 0.6e-3) : 1e-3);
    return parallel;
  });
  assert.deepEqual(noisyModes.map((p, call) => (p ? "" : call)).filter((c) => c !== ""), [1, 15]); // only the checks of one thread
  // …but a lasting slowdown of the pool does, within a few calls.
  const busy = new ThreadChoice();
  const busyModes = Array.from({ length: 30 }, (_, call) => {
    const parallel = busy.parallel("s");
    busy.record("s", parallel, parallel ? (call >= 8 ? 3e-3 : 0.6e-3) : 1e-3);
    return parallel;
  });
  assert.equal(busyModes.slice(8 + 5).filter((p) => p).length, 1); // one thread from then on, but for the check of the pool (16th call)
  // …and so does a pool that is fast now and then but slow most of the time (0.5 or 3 ms against 1 ms).
  const rng = Rng.numpy(9);
  const shared = new ThreadChoice();
  let poolCalls = 0;
  for (let call = 0; call < 2000; call++) {
    const parallel = shared.parallel("s");
    if (parallel && call >= 100) poolCalls++;
    shared.record("s", parallel, parallel ? (rng.random() < 0.4 ? 0.5e-3 : 3e-3) : 1e-3);
  }
  assert.ok(poolCalls < 0.15 * 1900, `the pool, slower on average, was chosen for ${poolCalls} of 1900 calls`);
});
