import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { loadArrays, saveArrays } from "../lib/src/data/archive";
import { resident, Tensor, tensor } from "../lib/src/tensor";

const dir = mkdtempSync(join(tmpdir(), "nnts-archive-"));
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));

const arrays = {
  X_train: tensor([[0.1, -1], [Math.PI, 1e-300]]),
  y_train: Int32Array.of(5, 0, 4),
  pixels: Uint8Array.of(0, 255, 7),
};

test("a tensor in the kernel's memory (a view of its shared buffer) is saved like any other", () => {
  const path = join(dir, "kernel.nnz");
  const x = resident(tensor([[1.5, -2], [0, 1e-300]]));
  assert.ok(x.data.buffer instanceof SharedArrayBuffer);
  saveArrays(path, { x });
  assert.deepEqual([...(loadArrays(path).x as Tensor).data], [1.5, -2, 0, 1e-300]);
});

test("round trip is exact: values, shapes and types", () => {
  const path = join(dir, "mnist_scaled.nnz");
  const size = saveArrays(path, arrays);
  assert.equal(size, readFileSync(path).length);
  const back = loadArrays(path);
  assert.deepEqual(Object.keys(back), ["X_train", "y_train", "pixels"]);
  const X = back.X_train as Tensor;
  assert.deepEqual(X.shape, [2, 2]);
  assert.deepEqual([...X.data], [...arrays.X_train.data]);
  assert.deepEqual(back.y_train, arrays.y_train);
  assert.deepEqual(back.pixels, arrays.pixels);
  assert.deepEqual(readdirSync(dir).filter((f) => f.includes("partial")), []);
});

test("truncated, corrupted and foreign files are rejected with the file and the place", () => {
  const path = join(dir, "good.nnz");
  saveArrays(path, arrays);
  const gz = readFileSync(path);
  const raw = gunzipSync(gz);

  writeFileSync(join(dir, "cut.nnz"), gz.subarray(0, gz.length - 10));
  assert.throws(() => loadArrays(join(dir, "cut.nnz")), /cut\.nnz: not a readable compressed archive/);

  const flipped = Buffer.from(raw);
  flipped[flipped.length - 1] ^= 1;
  writeFileSync(join(dir, "flip.nnz"), gzipSync(flipped));
  assert.throws(() => loadArrays(join(dir, "flip.nnz")), /flip\.nnz: at byte \d+ of the unpacked data: array "pixels" does not match its checksum/);

  writeFileSync(join(dir, "short.nnz"), gzipSync(raw.subarray(0, raw.length - 2)));
  assert.throws(() => loadArrays(join(dir, "short.nnz")), /array "pixels" is truncated: needs 3 bytes, 1 present/);

  writeFileSync(join(dir, "long.nnz"), gzipSync(Buffer.concat([raw, Buffer.from([1, 2])])));
  assert.throws(() => loadArrays(join(dir, "long.nnz")), /2 bytes after the last array/);

  writeFileSync(join(dir, "other.nnz"), gzipSync(Buffer.from("PK\u0003\u0004 not ours at all")));
  assert.throws(() => loadArrays(join(dir, "other.nnz")), /other\.nnz: at byte 0 of the unpacked data: does not start with "NNTSARR1"/);

  assert.throws(() => loadArrays(join(dir, "missing.nnz")), /missing\.nnz: not a readable compressed archive/);
  // The good file is untouched by all of this.
  assert.deepEqual(readFileSync(path), gz);
});

test("a save that fails leaves no partial file and keeps the existing one", () => {
  const path = join(dir, "keep.nnz");
  saveArrays(path, { a: tensor([1, 2]) });
  const before = readFileSync(path);
  const bad = { get a(): Tensor { throw new Error("boom"); } } as unknown as Record<string, Tensor>;
  assert.throws(() => saveArrays(path, bad), /boom/);
  assert.deepEqual(readFileSync(path), before);
  assert.ok(!existsSync(`${path}.${process.pid}.partial`));
});
