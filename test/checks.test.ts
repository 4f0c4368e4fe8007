// checks.ts: the argument checks and their one message shape, "fn: arg must be <expected>, got <value>".
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkAllFinite, checkFraction, checkInRange } from "../lib/src/checks";

test("checkInRange: a number in [min, max], both ends included, returned as it came", () => {
  for (const v of [0, 0.5, 1]) assert.equal(checkInRange("f", "momentum", v, 0, 1), v);
  assert.equal(checkInRange("f", "x", -2, -2, 3), -2);
  for (const [v, got] of [[-0.1, "-0.1"], [1.5, "1.5"], [NaN, "NaN"], [Infinity, "Infinity"], ["0.5", '"0.5"'], [undefined, "undefined"]] as const) {
    assert.throws(() => checkInRange("f", "momentum", v, 0, 1), { message: `f: momentum must be a number in [0, 1], got ${got}` });
  }
  assert.throws(() => checkInRange("g", "p", 4, -2, 3), { message: "g: p must be a number in [-2, 3], got 4" });
  // checkFraction, by contrast, leaves 1 out.
  assert.throws(() => checkFraction("f", "beta", 1), { message: "f: beta must be a number in [0, 1), got 1" });
});

test("checkAllFinite: the first ±∞ or NaN is named by row and column, at every position of the unrolled pass", () => {
  for (const n of [1, 3, 4, 5, 8, 9]) {
    assert.doesNotThrow(() => checkAllFinite("f", "x", new Float64Array(n).fill(-0)), `${n} zeros`);
    for (let at = 0; at < n; at++) for (const bad of [NaN, Infinity, -Infinity]) {
      const values = Float64Array.from({ length: n }, (_, i) => (i === at ? bad : i - 2.5));
      const cols = 2;
      assert.throws(() => checkAllFinite("f", "x", values, cols), new RegExp(`^Error: f: x\\[${Math.floor(at / cols)}\\]\\[${at % cols}\\] must be a finite number, got ${bad}$`));
      assert.throws(() => checkAllFinite("f", "x", Array.from(values)), new RegExp(`^Error: f: x\\[${at}\\] must be a finite number, got ${bad}$`));
    }
  }
  assert.doesNotThrow(() => checkAllFinite("f", "x", Float64Array.of(1, -1e308, 5e-324)));
});
