// The diabetes (regression) and breast cancer (binary) datasets of chapter 14: shapes, known
// values and counts, and rejection of corrupted copies written to a temp folder.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BREAST_CANCER_FEATURES, DatasetError, DIABETES_FEATURES, findDataDir, loadBreastCancer, loadDiabetes, parseBreastCancer, parseDiabetes } from "../lib/src/data";

const tmp = mkdtempSync(join(tmpdir(), "nnts-data14-test-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

function folderWith(name: string, file: string, text: string): string {
  const d = join(tmp, name);
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, file), text);
  return d;
}

function rejects(f: () => unknown, re: RegExp): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof DatasetError, `expected a DatasetError, got ${String(e)}`);
    assert.match(e.message, re);
    return true;
  });
}

test("diabetes: 442×10 raw variables and targets 25-346 with mean 152.13, as scikit-learn's load_diabetes(scaled=False)", () => {
  const ds = loadDiabetes();
  assert.deepEqual(ds.X.shape, [442, 10]);
  assert.deepEqual(ds.y.shape, [442]);
  assert.deepEqual(ds.featureNames, [...DIABETES_FEATURES]);
  assert.deepEqual(Array.from(ds.X.row(0).data), [59, 2, 32.1, 101, 157, 93.2, 38, 4, 4.8598, 87]);
  assert.equal(ds.y.data[0], 151);
  assert.equal(ds.y.data[441], 57);
  assert.equal(ds.y.min().item(), 25);
  assert.equal(ds.y.max().item(), 346);
  assert.equal(ds.y.mean().item().toFixed(2), "152.13");
  const sexes = new Set(Array.from(ds.X.col(1).data));
  assert.deepEqual([...sexes].sort(), [1, 2]);
});

test("breast cancer: 569×30 measurements, 212 malignant (0) and 357 benign (1)", () => {
  const ds = loadBreastCancer();
  assert.deepEqual(ds.X.shape, [569, 30]);
  assert.equal(ds.y.length, 569);
  assert.deepEqual(ds.classNames, ["malignant", "benign"]);
  assert.deepEqual(ds.featureNames, [...BREAST_CANCER_FEATURES]);
  assert.equal(ds.featureNames[0], "mean_radius");
  assert.equal(ds.featureNames[29], "worst_fractal_dimension");
  assert.equal(ds.X.get(0, 0), 17.99);
  assert.equal(ds.X.get(0, 29), 0.1189);
  assert.equal(ds.y[0], 0);
  assert.equal(ds.y.filter((v) => v === 0).length, 212);
});

test("diabetes and breast cancer loaders reject corrupted copies: bad field (line and column named), header, md5, counts", () => {
  const dia = readFileSync(join(findDataDir(), "diabetes.csv"), "utf8");
  const lines = dia.split("\n");
  rejects(() => loadDiabetes({ dir: folderWith("dia-field", "diabetes.csv", [...lines.slice(0, 3), lines[3]!.replace(/^[^,]*/, "x"), ...lines.slice(4)].join("\n")) }),
    /^diabetes\.csv: line 4, column 1 \(age\): "x" is not a number/);
  rejects(() => loadDiabetes({ dir: folderWith("dia-empty", "diabetes.csv", [...lines.slice(0, 2), lines[2]!.replace(/,[^,]*$/, ","), ...lines.slice(3)].join("\n")) }),
    /^diabetes\.csv: line 3, column 11 \(target\): empty value/);
  rejects(() => loadDiabetes({ dir: folderWith("dia-md5", "diabetes.csv", dia.replace("59,2,32.1", "59,2,32.2")) }), /^diabetes\.csv: md5 mismatch/);
  rejects(() => parseDiabetes("age,sex\n1,2\n"), /header is age,sex, expected age,sex,bmi/);

  const bc = readFileSync(join(findDataDir(), "breast_cancer.csv"), "utf8");
  const bl = bc.split("\n");
  rejects(() => loadBreastCancer({ dir: folderWith("bc-target", "breast_cancer.csv", [...bl.slice(0, 1), bl[1]!.replace(/0$/, "2"), ...bl.slice(2)].join("\n")) }),
    /^breast_cancer\.csv: line 2, column 31 \(target\): "2" is not an integer in 0\.\.1/);
  rejects(() => loadBreastCancer({ dir: folderWith("bc-short", "breast_cancer.csv", bl.slice(0, 500).join("\n")) }), /md5 mismatch/);
  rejects(() => parseBreastCancer(bl[0]!.replace("mean_texture", "texture") + "\n"), /line 1: header: column 2 is "texture", expected mean_texture/);
  rejects(() => loadBreastCancer({ dir: join(tmp, "nowhere") }), /^breast_cancer\.csv: file not found/);
});
