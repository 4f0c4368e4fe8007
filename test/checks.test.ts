// checks.ts: the argument checks and their one message shape, "fn: arg must be <expected>, got <value>".
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkFraction, checkInRange } from "../lib/src/checks";

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
