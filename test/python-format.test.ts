// How Python prints: float repr, "%.Nf" with round-half-even ties, lists and dicts.
// Expected strings are what CPython 3.11 prints for the same values.
import { test } from "node:test";
import assert from "node:assert/strict";
import { pythonFixed, pythonFloatRepr, pythonRepr } from "../lib/src/python-format";

test("pythonFloatRepr: Python's digits, its exponent rule and its spelling", () => {
  const cases: [number, string][] = [
    [0.1 + 0.2, "0.30000000000000004"], [1, "1.0"], [-0, "-0.0"], [0, "0.0"], [123, "123.0"],
    [1e-5, "1e-05"], [0.0001, "0.0001"], [-2.5e-7, "-2.5e-07"], [1e16, "1e+16"], [9999999999999998, "9999999999999998.0"],
    [1.5e300, "1.5e+300"], [5e-324, "5e-324"], [Infinity, "inf"], [-Infinity, "-inf"], [NaN, "nan"],
    [-1.4688375095432327, "-1.4688375095432327"], [1234.5, "1234.5"],
  ];
  for (const [x, want] of cases) assert.equal(pythonFloatRepr(x), want, `repr(${x})`);
});

test("pythonFixed: toFixed's digits, but exact ties go to the even neighbour", () => {
  const cases: [number, number, string][] = [
    [0.125, 2, "0.12"], [0.375, 2, "0.38"], [-0.125, 2, "-0.12"], [2.5, 0, "2"], [3.5, 0, "4"], [-0.5, 0, "-0"],
    [-0, 3, "-0.000"], [-0.0001, 3, "-0.000"], [1.0005, 3, "1.000"], [-17.055, 3, "-17.055"], [0.5, 3, "0.500"],
    [1e21, 1, "1000000000000000000000.0"], [Infinity, 3, "inf"],
  ];
  for (const [x, digits, want] of cases) assert.equal(pythonFixed(x, digits), want, `'%.${digits}f' % ${x}`);
});

test("pythonRepr: lists and dicts as print() shows them", () => {
  assert.equal(pythonRepr([{ weights: [1, 0.5], output: 0.1 }]), "[{'weights': [1.0, 0.5], 'output': 0.1}]");
  assert.equal(pythonRepr(["a'b", 'x"y\'z', "a\\b\n", 5n, true, null]), `["a'b", 'x"y\\'z', 'a\\\\b\\n', 5, True, None]`);
  assert.equal(pythonRepr(new Float64Array([2, 0.25])), "[2.0, 0.25]");
});

test("pythonFixed: digits must be an integer in 0..40", () => {
  for (const digits of [-1, 1.5, 41, NaN]) {
    assert.throws(() => pythonFixed(1, digits), { message: `pythonFixed: digits must be an integer in 0..40, got ${digits}` });
  }
  assert.throws(() => pythonFixed(1, "3" as unknown as number), { message: 'pythonFixed: digits must be an integer in 0..40, got "3"' });
  assert.equal(pythonFixed(0.1, 40), "0.1000000000000000055511151231257827021182");
  assert.equal(pythonFixed(2.5, 0), "2");
});
