// Dataset loaders: shapes, label counts and known values of Iris, digits, Zoo and MNIST; IDX
// headers; and rejection (with a clear message) of corrupted inputs, written to a temp folder.

import { test, after } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DatasetError,
  DATA_DIR_ENV,
  classCounts,
  findDataDir,
  loadDigits,
  loadIris,
  loadMnist,
  loadMnistRaw,
  loadZoo,
  md5,
  mnistFiles,
  MNIST_MD5,
  parseDigits,
  parseIdx,
  parseIris,
  parseZoo,
  readIdxHeader,
  ZOO_CLASSES,
} from "../lib/src/data";

const tmp = mkdtempSync(join(tmpdir(), "nnts-data-test-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

function subdir(name: string): string {
  const d = join(tmp, name);
  mkdirSync(d, { recursive: true });
  return d;
}

// assert.throws with a DatasetError whose message matches re.
function rejects(f: () => unknown, re: RegExp): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof DatasetError, `expected a DatasetError, got ${String(e)}`);
    assert.match(String(e), /^DatasetError: /);
    assert.match(e.message, re);
    return true;
  });
}

function minMax(a: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

// ---------- paths ----------

test("data folder is found by walking up, or from NNTS_DATA_DIR", () => {
  const dir = findDataDir();
  assert.match(dir, /data$/);
  assert.equal(md5(readFileSync(join(dir, "iris.data"))), "42615765a885ddf54427f12c34a0a070");
  rejects(() => findDataDir(tmpdir()), /not found: no data\/PROVENANCE\.md.*NNTS_DATA_DIR/);
  const saved = process.env[DATA_DIR_ENV];
  try {
    process.env[DATA_DIR_ENV] = join(tmp, "nowhere");
    rejects(() => loadIris(), /NNTS_DATA_DIR=.*nowhere does not contain PROVENANCE\.md/);
    const good = subdir("env-data");
    copyFileSync(join(dir, "PROVENANCE.md"), join(good, "PROVENANCE.md"));
    copyFileSync(join(dir, "iris.data"), join(good, "iris.data"));
    process.env[DATA_DIR_ENV] = good;
    assert.equal(findDataDir(), good);
    assert.equal(loadIris().y.length, 150);
  } finally {
    if (saved === undefined) delete process.env[DATA_DIR_ENV];
    else process.env[DATA_DIR_ENV] = saved;
  }
});

test("PROVENANCE.md has one row per file in data/, and every row names a file that is there", () => {
  const dir = findDataDir();
  const rows = readFileSync(join(dir, "PROVENANCE.md"), "utf8").split("\n").map((l) => /^\| ([^|]+?) \|/.exec(l)?.[1]).filter((f) => f !== undefined && f !== "file");
  const files = readdirSync(dir).filter((f) => f !== "PROVENANCE.md" && !f.startsWith("."));
  assert.deepEqual([...rows].sort(), [...files].sort());
});

// ---------- Iris ----------

test("iris: 150×4, 50 per class, first rows and UCI errata as pandas sees them", () => {
  const iris = loadIris();
  assert.deepEqual(iris.X.shape, [150, 4]);
  assert.equal(iris.y.length, 150);
  assert.deepEqual(classCounts(iris.y, 3), [50, 50, 50]);
  assert.deepEqual(Array.from(iris.X.data.slice(0, 4)), [5.1, 3.5, 1.4, 0.2]);
  assert.deepEqual(Array.from(iris.X.data.slice(149 * 4)), [5.9, 3.0, 5.1, 1.8]);
  // UCI's iris.data keeps the two errata: row 35 (index 34) petal width 0.1, row 38 4.9,3.1,1.5,0.1.
  assert.equal(iris.X.data[34 * 4 + 3], 0.1);
  assert.deepEqual(Array.from(iris.X.data.slice(37 * 4, 38 * 4)), [4.9, 3.1, 1.5, 0.1]);
  assert.deepEqual(iris.classNames, ["Iris-setosa", "Iris-versicolor", "Iris-virginica"]);
  assert.equal(iris.featureNames.length, 4);
  assert.equal(iris.species[0], "Iris-setosa");
  assert.equal(iris.species[99], "Iris-versicolor");
  assert.equal(iris.species[100], "Iris-virginica");
  // df.iloc[0:100, 4]: the first 100 rows are setosa then versicolor.
  for (let i = 0; i < 100; i++) assert.equal(iris.y[i], i < 50 ? 0 : 1);
});

test("iris parser: blank lines and CRLF like pandas; bad fields named with line and column", () => {
  const ok = parseIris("\n5.1,3.5,1.4,0.2,Iris-setosa\r\n\r\n6.2,3.4,5.4,2.3,Iris-virginica\n\n", "x.data");
  assert.deepEqual(ok.X.shape, [2, 4]);
  assert.deepEqual(Array.from(ok.y), [0, 2]);
  const good = "5.1,3.5,1.4,0.2,Iris-setosa\n";
  rejects(() => parseIris(good + "4.9,abc,1.4,0.2,Iris-setosa\n", "x.data"), /^x\.data: line 2, column 2 \(sepal width\): "abc" is not a number$/);
  rejects(() => parseIris(good + "4.9,,1.4,0.2,Iris-setosa\n", "x.data"), /line 2, column 2 \(sepal width\): empty value/);
  rejects(() => parseIris(good + "\n4.9,3.0,1.4,Iris-setosa\n", "x.data"), /^x\.data: line 3: 4 fields, expected 5 \(sepal length, .*class\)$/);
  rejects(() => parseIris(good + "4.9,3.0,1.4,0.2,0.3,Iris-setosa\n", "x.data"), /line 2: 6 fields, expected 5/);
  rejects(() => parseIris(good + "4.9,3.0,1.4,0.2,Iris-setosum\n", "x.data"), /^x\.data: line 2, column 5 \(class\): unknown class "Iris-setosum"; expected one of Iris-setosa, Iris-versicolor, Iris-virginica$/);
  rejects(() => parseIris("\n\n", "x.data"), /no data rows/);
});

test("iris loader: a folder can be passed; corrupted copies are rejected (parse errors, then md5)", () => {
  const text = readFileSync(join(findDataDir(), "iris.data"), "utf8");
  const lines = text.split("\n");

  const unknown = subdir("iris-unknown");
  writeFileSync(join(unknown, "iris.data"), [...lines.slice(0, 6), lines[6]!.replace("Iris-setosa", "Iris-setosaa"), ...lines.slice(7)].join("\n"));
  rejects(() => loadIris({ dir: unknown }), /^iris\.data: line 7, column 5 \(class\): unknown class "Iris-setosaa"/);

  const cols = subdir("iris-cols");
  writeFileSync(join(cols, "iris.data"), [...lines.slice(0, 119), "6.0,2.2,5.0,Iris-virginica", ...lines.slice(120)].join("\n"));
  rejects(() => loadIris({ dir: cols }), /^iris\.data: line 120: 4 fields, expected 5/);

  const edited = subdir("iris-md5");
  writeFileSync(join(edited, "iris.data"), text.replace("5.1,3.5,1.4,0.2", "5.1,3.5,1.4,0.3"));
  rejects(() => loadIris({ dir: edited }), /^iris\.data: md5 mismatch: expected 42615765a885ddf54427f12c34a0a070, got [0-9a-f]{32}/);

  rejects(() => loadIris({ dir: subdir("iris-empty") }), /^iris\.data: file not found: .*iris-empty/);
});

// ---------- digits ----------

test("digits: 1797×64 pixels 0-16, labels 0-9 with sklearn's counts, 8×8 images", () => {
  const dg = loadDigits();
  assert.deepEqual(dg.X.shape, [1797, 64]);
  assert.deepEqual(dg.images.shape, [1797, 8, 8]);
  assert.equal(dg.y.length, 1797);
  assert.deepEqual(classCounts(dg.y, 10), [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
  assert.deepEqual(minMax(dg.X.data), [0, 16]);
  assert.ok(dg.X.data.every((v) => Number.isInteger(v)));
  assert.equal(dg.y[0], 0);
  assert.deepEqual(Array.from(dg.X.data.slice(0, 8)), [0, 0, 5, 13, 9, 1, 0, 0]);
  const im = dg.image(1796);
  assert.deepEqual(im.shape, [8, 8]);
  assert.deepEqual(Array.from(im.data), Array.from(dg.X.data.slice(1796 * 64)));
  assert.deepEqual(dg.classNames, ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
  assert.equal(dg.featureNames[9], "pixel_1_1");
  assert.throws(() => dg.image(1797), RangeError);
  const row = Array(64).fill("0");
  rejects(() => parseDigits([...row, "3"].join(",").replace(/^0/, "17"), "d.csv"), /^d\.csv: line 1, column 1 \(pixel_0_0\): "17" is not an integer in 0\.\.16$/);
  rejects(() => parseDigits([...row, "10"].join(","), "d.csv"), /line 1, column 65 \(class\): "10" is not an integer in 0\.\.9/);
  rejects(() => parseDigits(row.join(","), "d.csv"), /line 1: 64 fields, expected 65$/);
  const notGz = subdir("digits-plain");
  writeFileSync(join(notGz, "digits.csv.gz"), [...row, "3"].join(","));
  rejects(() => loadDigits({ dir: notGz }), /^digits\.csv\.gz: not a valid gzip file/);
});

// ---------- Zoo ----------

test("zoo: 101 animals × 16 features, classes in fixed order with counts 41/20/5/13/4/8/10", () => {
  const z = loadZoo();
  assert.deepEqual(z.X.shape, [101, 16]);
  assert.equal(z.names.length, 101);
  assert.deepEqual(z.classNames, ["mammal", "bird", "reptile", "fish", "amphibian", "insect", "mollusc.et.al"]);
  assert.deepEqual(z.classNames, [...ZOO_CLASSES]);
  assert.deepEqual(classCounts(z.y, 7), [41, 20, 5, 13, 4, 8, 10]);
  assert.equal(z.names[0], "aardvark");
  assert.ok(z.names.includes("frog.1") && z.names.includes("frog.2"));
  assert.equal(z.featureNames[12], "legs");
  assert.deepEqual(Array.from(z.X.data.slice(0, 16)), [1, 0, 0, 1, 0, 0, 1, 1, 1, 1, 0, 0, 4, 0, 0, 1]);
  assert.equal(z.y[0], 0);
  const legs = new Set<number>();
  for (let i = 0; i < 101; i++) {
    for (let j = 0; j < 16; j++) if (j !== 12) assert.ok(z.X.data[i * 16 + j] === 0 || z.X.data[i * 16 + j] === 1);
    legs.add(z.X.data[i * 16 + 12]!);
  }
  assert.deepEqual([...legs].sort((a, b) => a - b), [0, 2, 4, 5, 6, 8]);
  const text = readFileSync(join(findDataDir(), "zoo.csv"), "utf8");
  rejects(() => parseZoo(text.replace("aardvark,1,0,0,1", "aardvark,2,0,0,1"), "z.csv"), /^z\.csv: line 2, column 2 \(hair\): "2" is not an integer in 0\.\.1$/);
  rejects(() => parseZoo(text.replace(",mammal\n", ",mammals\n"), "z.csv"), /^z\.csv: line 2, column 18 \(type\): unknown class "mammals"/);
  rejects(() => parseZoo(text.replace("animal,hair", "name,hair"), "z.csv"), /^z\.csv: line 1: header is name,hair/);
  rejects(() => parseZoo(text.replace("aardvark,1,", "aardvark,"), "z.csv"), /^z\.csv: line 2: 17 fields, expected 18$/);
});

// ---------- IDX ----------

function idx(type: number, dims: number[], data: number[], extra: number[] = []): Buffer {
  const b = Buffer.alloc(4 + 4 * dims.length + data.length + extra.length);
  b[2] = type;
  b[3] = dims.length;
  dims.forEach((d, k) => b.writeUInt32BE(d, 4 + 4 * k));
  b.set(data, 4 + 4 * dims.length);
  b.set(extra, 4 + 4 * dims.length + data.length);
  return b;
}

test("idx: headers of the four MNIST files", () => {
  const f = mnistFiles();
  const want: [string, number, number[]][] = [
    [f.trainImages, 2051, [60000, 28, 28]],
    [f.trainLabels, 2049, [60000]],
    [f.testImages, 2051, [10000, 28, 28]],
    [f.testLabels, 2049, [10000]],
  ];
  for (const [path, magic, dims] of want) {
    const h = readIdxHeader(path);
    assert.equal(h.magic, magic);
    assert.equal(h.type, 0x08);
    assert.equal(h.typeName, "unsigned byte");
    assert.deepEqual(h.dims, dims);
    assert.equal(h.headerBytes, 4 + 4 * dims.length);
    assert.equal(h.dataBytes, dims.reduce((a, b) => a * b, 1));
    assert.equal(h.fileBytes, h.headerBytes + h.dataBytes);
  }
  assert.deepEqual(Object.keys(MNIST_MD5).sort(), ["t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", "train-images-idx3-ubyte", "train-labels-idx1-ubyte"]);
});

test("idx: parseIdx decodes a small file and names file and byte offset in every error", () => {
  const ok = parseIdx(idx(0x08, [2, 3], [1, 2, 3, 4, 5, 6]), "tiny");
  assert.equal(ok.magic, 0x0802);
  assert.deepEqual(ok.dims, [2, 3]);
  assert.deepEqual(Array.from(ok.data), [1, 2, 3, 4, 5, 6]);
  const bad = idx(0x08, [3], [1, 2, 3]);
  bad[0] = 0x12;
  rejects(() => parseIdx(bad, "tiny"), /^tiny: bad magic at byte 0: expected two zero bytes .* got 0x12 0x00$/);
  rejects(() => parseIdx(Buffer.from([0x1f, 0x8b, 8, 0, 0]), "t.gz"), /bad magic at byte 0.*gzip-compressed/);
  rejects(() => parseIdx(idx(0x0d, [1], [0, 0, 0, 0]), "f"), /^f: unsupported element type at byte 2: 0x0d \(float32\); only 0x08/);
  rejects(() => parseIdx(idx(0x42, [1], [0]), "f"), /unsupported element type at byte 2: 0x42 \(not an IDX type\)/);
  rejects(() => parseIdx(Buffer.from([0, 0, 8]), "f"), /^f: too short at byte 3/);
  rejects(() => parseIdx(Buffer.from([0, 0, 8, 0]), "f"), /bad header at byte 3: 0 dimensions/);
  rejects(() => parseIdx(idx(0x08, [2, 3], []).subarray(0, 10), "f"), /^f: header truncated at byte 10: declares 2 dimensions, so a 12-byte header, but the file has 10 bytes$/);
  rejects(() => parseIdx(idx(0x08, [2, 3], [1, 2, 3]), "f"), /^f: truncated at byte 15: header declares 6 data bytes from byte 12 \(2×3\), file has 3$/);
  rejects(() => parseIdx(idx(0x08, [2], [1, 2], [9, 9, 9]), "f"), /^f: 3 unexpected trailing bytes at byte 10: header declares 2 data bytes/);
  rejects(() => readIdxHeader(join(tmp, "missing-idx")), /file not found/);
});

// ---------- MNIST ----------

const TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
const TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];

test("mnist train: 60000×784 raw pixels 0-255, first label 5, label counts", (t) => {
  const t0 = performance.now();
  const tr = loadMnist();
  const ms = performance.now() - t0;
  assert.equal(tr.kind, "train");
  assert.deepEqual(tr.X.shape, [60000, 784]);
  assert.equal(tr.y.length, 60000);
  assert.equal(tr.y[0], 5);
  assert.deepEqual(classCounts(tr.y, 10), TRAIN_COUNTS);
  assert.deepEqual(minMax(tr.X.data), [0, 255]);
  assert.equal(tr.Y, null);
  assert.deepEqual(tr.image(0).shape, [28, 28]);
  // The checked bytes are cached: a second raw load is the same memory.
  const t1 = performance.now();
  assert.equal(loadMnistRaw("train").images, loadMnistRaw("train").images);
  assert.ok(performance.now() - t1 < 50, "cached raw load should be instant");
  t.diagnostic(`loadMnist() train, cold: ${ms.toFixed(0)} ms`);
});

test("mnist test: 10000 examples, counts, normalisations, one-hot, 4-d shape", () => {
  const none = loadMnist({ kind: "test" });
  assert.deepEqual(none.X.shape, [10000, 784]);
  assert.deepEqual(classCounts(none.y, 10), TEST_COUNTS);
  assert.equal(none.y[0], 7);

  const unit = loadMnist({ kind: "test", normalize: "unit" });
  assert.deepEqual(minMax(unit.X.data), [0, 1]);
  const sym = loadMnist({ kind: "test", normalize: "symmetric", oneHot: true, flatten: false });
  assert.deepEqual(sym.X.shape, [10000, 1, 28, 28]);
  assert.deepEqual(minMax(sym.X.data), [-1, 1]);
  for (let i = 0; i < none.X.data.length; i += 997) {
    const v = none.X.data[i]!;
    assert.equal(unit.X.data[i], v / 255);
    assert.equal(sym.X.data[i], (v / 255 - 0.5) * 2);
  }
  const Y = sym.Y!;
  assert.deepEqual(Y.shape, [10000, 10]);
  for (let i = 0; i < 10000; i++) {
    let s = 0;
    for (let k = 0; k < 10; k++) s += Y.data[i * 10 + k]!;
    assert.equal(s, 1);
    assert.equal(Y.data[i * 10 + sym.y[i]!], 1);
  }

  const both = loadMnist({ kind: "both", limit: 5 });
  assert.deepEqual(both.train.X.shape, [5, 784]);
  assert.deepEqual(both.test.X.shape, [5, 784]);
  assert.deepEqual(Array.from(both.train.y), [5, 0, 4, 1, 9]);
  assert.throws(() => loadMnist({ normalize: "bogus" as never }), TypeError);
});

test("mnist loader: corrupted copies in a passed folder are rejected", () => {
  const real = mnistFiles();
  const labels = readFileSync(real.testLabels);
  // A folder holding the real test images (symlinked) and a given labels file.
  const folder = (name: string, labelBytes: Uint8Array | null): string => {
    const d = subdir(name);
    symlinkSync(real.testImages, join(d, "t10k-images-idx3-ubyte"));
    if (labelBytes) writeFileSync(join(d, "t10k-labels-idx1-ubyte"), labelBytes);
    return d;
  };
  const load = (d: string) => loadMnist({ kind: "test", dir: d });

  assert.equal(load(folder("mnist-ok", labels)).y.length, 10000);

  const magic = Buffer.from(labels);
  magic[0] = 0x1f;
  rejects(() => load(folder("mnist-magic", magic)), /^t10k-labels-idx1-ubyte: bad magic at byte 0/);

  const imagesAsLabels = idx(0x08, [2, 28, 28], Array(2 * 784).fill(0));
  rejects(() => load(folder("mnist-swapped", imagesAsLabels)), /^t10k-labels-idx1-ubyte: wrong magic at byte 0: 2051, images \(3 dimensions\), expected 2049, labels/);

  rejects(
    () => load(folder("mnist-truncated", labels.subarray(0, labels.length - 8))),
    /^t10k-labels-idx1-ubyte: truncated at byte 10000: header declares 10000 data bytes from byte 8 \(10000\), file has 9992$/,
  );

  const bigCount = Buffer.from(labels);
  bigCount.writeUInt32BE(20000, 4);
  rejects(() => load(folder("mnist-count", bigCount)), /^t10k-labels-idx1-ubyte: truncated at byte 10008: header declares 20000 data bytes .* file has 10000$/);

  const fewer = parseIdx(labels, "l");
  const short = idx(0x08, [9999], Array.from(fewer.data.subarray(0, 9999)));
  rejects(() => load(folder("mnist-dims", short)), /unexpected dimensions at byte 4: header declares 9999, expected 10000/);

  const edited = Buffer.from(labels);
  edited[8] = (edited[8]! + 1) % 10;
  rejects(() => load(folder("mnist-md5", edited)), /^t10k-labels-idx1-ubyte: md5 mismatch: expected 27ae3e4e09519cfbb04c329615203637, got [0-9a-f]{32}/);

  rejects(() => load(folder("mnist-missing", null)), /^t10k-labels-idx1-ubyte: file not found: .*mnist-missing/);
});
