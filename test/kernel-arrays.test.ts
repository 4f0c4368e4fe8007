// Arrays in the wasm kernel's own memory (kernelArray): the heap that hands out
// their blocks, products that read and write them in place, and their release
// by the garbage collector.
import { test } from "node:test";
import assert from "node:assert/strict";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { configureWasmKernel, kernel, referenceKernel, useKernel, wasmArrayBytes, wasmCopiedBytes, wasmKernel } from "../lib/src/kernel";
import { GATHER_PARALLEL_MIN_BYTES } from "../lib/src/kernel/wasm/gemm";
import { Heap } from "../lib/src/kernel/wasm/heap";
import { Rng } from "../lib/src/random";
import { resident, Tensor } from "../lib/src/tensor";

const kernelArray = (length: number): Float64Array => kernel().allocate(length);

test("the heap hands out 64-byte blocks first fit, merges what is given back and lowers its top", () => {
  const heap = new Heap(1024, 1024 + 64 * 100);
  const a = heap.allocate(1); // 64
  const b = heap.allocate(65); // 128
  const c = heap.allocate(64);
  assert.deepEqual([a, b, c, heap.top], [1024, 1088, 1216, 1280]);
  heap.release(b, 65);
  assert.equal(heap.freeBytes, 128);
  assert.equal(heap.allocate(64), 1088, "first fit: the hole left by b");
  assert.equal(heap.allocate(64), 1152, "the rest of the hole");
  assert.equal(heap.freeBytes, 0);
  heap.release(1088, 64);
  heap.release(1152, 64);
  assert.equal(heap.freeBytes, 128, "two neighbours merged into one hole");
  assert.equal(heap.allocate(128), 1088);
  heap.release(c, 64);
  assert.equal(heap.top, 1216, "a block at the top lowers the top");
  heap.release(1088, 128);
  heap.release(a, 1);
  assert.deepEqual([heap.top, heap.freeBytes, heap.highWater], [1024, 0, 1280], "all free: back to the start; the high-water mark stays");
  assert.throws(() => heap.release(a, 1), /not in use/);
  const d = heap.allocate(64);
  heap.allocate(64);
  heap.release(d, 64);
  assert.throws(() => heap.release(d, 64), /already free/);
  assert.throws(() => heap.allocate(64 * 100), /does not fit in the 4 GiB/);
});

test("kernelArray gives zero-filled arrays in the wasm memory, also from reused blocks; other kernels give plain ones", () => {
  const first = kernelArray(1000);
  assert.ok(first.buffer instanceof SharedArrayBuffer, "the wasm kernel's memory");
  assert.ok(first.every((v) => v === 0));
  assert.equal(kernelArray(0).length, 0);
  assert.throws(() => kernelArray(-1), /length must be an integer ≥ 0, got -1/);
  // A block given back by a product's scratch is dirty: a new array there must still read 0.
  const a = Float64Array.from({ length: 5000 }, (_, i) => i + 1);
  wasmKernel.gemm(false, false, 50, 50, 100, a, a, new Float64Array(2500), false);
  for (let t = 0; t < 5; t++) assert.ok(kernelArray(20000 + t).every((v) => v === 0), `array ${t} zero-filled`);
  const previous = useKernel("reference");
  try {
    assert.ok(!(kernelArray(10).buffer instanceof SharedArrayBuffer));
    assert.equal(resident(new Tensor(Float64Array.of(1, 2, 3, 4), [2, 2])).data.join(), "1,2,3,4");
  } finally {
    useKernel(previous);
  }
});

/** a resident copy (kernelArray) of x, or a plain one */
function place(x: Float64Array, resident: boolean): Float64Array {
  const out = resident ? kernelArray(x.length) : new Float64Array(x.length);
  out.set(x);
  return out;
}

test("products on arrays in the kernel's memory, any mix of A, B, C and the bias, give the reference kernel's values bit for bit", () => {
  const rng = Rng.numpy(91);
  for (const threads of [1, 2]) {
    const previous = configureWasmKernel({ threads, parallelMinFlops: 0, adaptive: false });
    try {
      for (let trial = 0; trial < 48; trial++) {
        const transA = trial % 2 === 1, transB = trial % 4 >= 2, sparse = trial % 8 >= 4;
        const m = rng.integer(1, 40), n = rng.integer(1, 30), k = rng.integer(1, 300);
        const a = Float64Array.from({ length: m * k }, () => (rng.random() < (sparse ? 0.85 : 0.1) ? 0 : rng.uniform(-1, 1)));
        const b = rng.uniformArray(-1, 1, k * n), c0 = rng.uniformArray(-1, 1, m * n), bias = rng.uniformArray(-1, 1, n);
        for (const [accumulate, withBias] of [[false, false], [true, false], [false, true], [true, true]]) {
          const expected = c0.slice();
          referenceKernel.gemm(transA, transB, m, n, k, a, b, expected, accumulate, withBias ? bias : undefined);
          for (let mix = 1; mix < 16; mix++) {
            if (!withBias && mix >= 8) break;
            const c = place(c0, (mix & 4) !== 0);
            wasmKernel.gemm(transA, transB, m, n, k, place(a, (mix & 1) !== 0), place(b, (mix & 2) !== 0), c, accumulate,
              withBias ? place(bias, (mix & 8) !== 0) : undefined);
            for (let i = 0; i < expected.length; i++) {
              if (!Object.is(c[i], expected[i])) assert.fail(`threads ${threads}, ${JSON.stringify({ transA, transB, m, n, k, accumulate, withBias, mix })}: element ${i} ${c[i]} ≠ ${expected[i]}`);
            }
          }
        }
      }
    } finally {
      configureWasmKernel(previous);
    }
  }
});

test("operands in the kernel's memory are not copied; the others are, each once", () => {
  const [m, n, k] = [30, 20, 10];
  const copied = (a: Float64Array, b: Float64Array, c: Float64Array, accumulate: boolean, transB = false) => {
    const before = wasmCopiedBytes();
    wasmKernel.gemm(false, transB, m, n, k, a, b, c, accumulate);
    return (wasmCopiedBytes() - before) / 8;
  };
  const plain = { a: new Float64Array(m * k), b: new Float64Array(k * n), c: new Float64Array(m * n) };
  const home = { a: kernelArray(m * k), b: kernelArray(k * n), c: kernelArray(m * n) };
  assert.equal(copied(home.a, home.b, home.c, false), 0);
  assert.equal(copied(home.a, home.b, home.c, true), 0);
  assert.equal(copied(plain.a, plain.b, plain.c, false), m * k + k * n + m * n);
  assert.equal(copied(plain.a, plain.b, plain.c, true), m * k + k * n + 2 * m * n, "C in and out");
  assert.equal(copied(home.a, plain.b, home.c, false), k * n);
  assert.equal(copied(plain.a, home.b, home.c, false), m * k);
  assert.equal(copied(home.a, home.b, plain.c, false), m * n);
  // C += A·Bᵀ adds the finished sum to C (the reference kernel's order): the sum is made in the scratch and read out.
  assert.equal(copied(home.a, home.b, home.c, true, true), m * n);
});

test("a C that shares memory with A or B gets the product of their values before the call", () => {
  const rng = Rng.numpy(92);
  const m = 6, n = 6, k = 6;
  for (const which of ["a", "b"] as const) {
    const store = kernelArray(m * k);
    store.set(rng.uniformArray(-1, 1, m * k));
    const other = rng.uniformArray(-1, 1, k * n);
    const expected = new Float64Array(m * n);
    const a = which === "a" ? store : other, b = which === "a" ? other : store;
    referenceKernel.gemm(false, false, m, n, k, a.slice(), b.slice(), expected, false);
    wasmKernel.gemm(false, false, m, n, k, a, b, store, false); // C is A (or B) itself
    assert.deepEqual([...store], [...expected], `C = ${which}`);
  }
  // A bias inside C: added as it was before the call.
  const cb = kernelArray(12);
  const bias = cb.subarray(0, 3), a3 = rng.uniformArray(-1, 1, 8), b3 = rng.uniformArray(-1, 1, 6);
  cb.set(rng.uniformArray(-1, 1, 12));
  const withBias = new Float64Array(12);
  referenceKernel.gemm(false, false, 4, 3, 2, a3, b3, withBias, false, bias.slice());
  wasmKernel.gemm(false, false, 4, 3, 2, a3, b3, cb, false, bias);
  assert.deepEqual([...cb], [...withBias], "bias inside C");
  // A C overlapping A only in part, through a subarray.
  const big = kernelArray(100);
  big.set(rng.uniformArray(-1, 1, 100));
  const a = big.subarray(0, 36), c = big.subarray(30, 66), b = rng.uniformArray(-1, 1, 36);
  const expected = new Float64Array(36);
  referenceKernel.gemm(false, false, 6, 6, 6, a.slice(), b, expected, false);
  wasmKernel.gemm(false, false, 6, 6, 6, a, b, c, false);
  assert.deepEqual([...c], [...expected]);
});

test("a kernel array's memory is given back once the array is garbage-collected", async () => {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  const before = wasmArrayBytes();
  (() => {
    for (let i = 0; i < 8; i++) kernelArray(1 << 20)[0] = 1; // 8 MiB each, dropped at once
  })();
  assert.ok(wasmArrayBytes() >= before + 64 * 2 ** 20);
  for (let round = 0; round < 20 && wasmArrayBytes() > before; round++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.ok(wasmArrayBytes() <= before, `${wasmArrayBytes()} bytes still held, ${before} before`);
});

test("the bias: k = 0 gives the bias alone, a short bias is refused", () => {
  for (const kern of [wasmKernel, referenceKernel]) {
    const c = new Float64Array(4).fill(9);
    kern.gemm(false, false, 2, 2, 0, new Float64Array(0), new Float64Array(0), c, false, Float64Array.of(1, 2));
    assert.deepEqual([...c], [1, 2, 1, 2], kern.name);
  }
  assert.throws(() => wasmKernel.gemm(false, false, 2, 3, 1, new Float64Array(2), new Float64Array(3), new Float64Array(6), false, new Float64Array(2)),
    /gemm: the bias has 2 values, a 2×1 · 1×3 product needs 3/);
});

test("take writes into a given array, which must have the right length", () => {
  const x = new Tensor(Float64Array.from({ length: 12 }, (_, i) => i), [4, 3]);
  const out = kernelArray(6);
  const rows = x.take([3, 1], out);
  assert.equal(rows.data, out);
  assert.deepEqual([...rows.shape], [2, 3]);
  assert.deepEqual([...out], [9, 10, 11, 3, 4, 5]);
  assert.throws(() => x.take([3, 1], new Float64Array(5)), /take: out has 5 values, 2 rows of \(3\) need 6/);
});

test("take between arrays in the kernel's memory (wasm memory.copy) gives the rows the reference kernel does", () => {
  const rng = Rng.numpy(93);
  const rows = 500, width = 37;
  const x = resident(new Tensor(rng.uniformArray(-1, 1, rows * width), [rows, width]));
  const indices = Array.from({ length: 64 }, () => rng.integer(0, rows));
  indices.push(0, rows - 1, 7, 7); // the ends, and a row twice
  const out = kernelArray(indices.length * width);
  const copied = wasmCopiedBytes();
  x.take(indices, out);
  const previous = useKernel("reference");
  let expected: Tensor;
  try {
    expected = x.take(indices);
  } finally {
    useKernel(previous);
  }
  assert.deepEqual([...out], [...expected.data]);
  assert.equal(wasmCopiedBytes(), copied);
  // A plain source or destination takes the JS path, with the same rows.
  assert.deepEqual([...new Tensor(x.data.slice(), x.shape).take(indices, kernelArray(out.length)).data], [...expected.data]);
  // The kernel checks what it is given, even without take's checks in front.
  assert.throws(() => wasmKernel.gatherRows!(x.data, width, [rows], kernelArray(width)), /gatherRows: row index 500 out of range for 500 rows/);
  assert.throws(() => wasmKernel.gatherRows!(x.data, width, [1, 2], kernelArray(width)), /gatherRows: out has 37 values, 2 rows of 37 need 74/);
});

test("a large gather runs on the worker threads too, with the same rows at every batch size", () => {
  const rng = Rng.numpy(94);
  const rows = 300, width = 784;
  const x = resident(new Tensor(rng.uniformArray(-1, 1, rows * width), [rows, width]));
  const previous = configureWasmKernel({ threads: 2, adaptive: false });
  try {
    // From below GATHER_PARALLEL_MIN_BYTES (41 rows of 784 float64) to many tasks, odd counts, repeated rows.
    for (const count of [1, 41, 42, 43, 100, 257]) {
      const indices = Array.from({ length: count }, (_, r) => (r % 5 === 4 ? 7 : rng.integer(0, rows)));
      const out = kernelArray(count * width).fill(NaN);
      x.take(indices, out);
      for (let r = 0; r < count; r++) for (let j = 0; j < width; j += 97) {
        if (out[r * width + j] !== x.data[indices[r] * width + j]) assert.fail(`${count} rows: row ${r} (source row ${indices[r]}), column ${j}`);
      }
      assert.equal(out[count * width - 1], x.data[indices[count - 1] * width + width - 1], `${count} rows: the last value`);
    }
  } finally {
    configureWasmKernel(previous);
  }
  assert.ok(42 * 784 * 8 >= GATHER_PARALLEL_MIN_BYTES && 41 * 784 * 8 < GATHER_PARALLEL_MIN_BYTES);
});
