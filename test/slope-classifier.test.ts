import { test } from "node:test";
import assert from "node:assert/strict";
import { SlopeClassifier } from "../lib/src/models/slope-classifier";

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} ≉ ${b}`);

test("post 004's first update: A = 0.25, x = 3, t = 1.1 gives y 0.75, E 0.35, ΔA 0.1167", () => {
  const c = new SlopeClassifier(0.25);
  const s = c.train(3, 1.1);
  close(s.y, 0.75);
  close(s.error, 0.35);
  close(s.deltaA, 0.35 / 3);
  assert.equal(s.deltaA.toFixed(4), "0.1167");
  assert.equal(c.slope.toFixed(4), "0.3667");
});

test("without moderation the line ends on the last example: A = 2.9", () => {
  const c = new SlopeClassifier(0.25);
  c.train(3, 1.1);
  const s = c.train(1, 2.9);
  assert.equal(s.y.toFixed(4), "0.3667");
  assert.equal(s.error.toFixed(4), "2.5333");
  close(c.slope, 2.9);
  close(c.predict(1), 2.9); // exactly the last target: the first example is forgotten
});

test("with L = 0.5 the slope moves to 0.3083 then 1.6042 and separates both bugs", () => {
  const c = new SlopeClassifier(0.25);
  c.train(3, 1.1, 0.5);
  assert.equal(c.slope.toFixed(4), "0.3083");
  c.train(1, 2.9, 0.5);
  assert.equal(c.slope.toFixed(4), "1.6042");
  assert.equal(c.side(3, 1), -1); // ladybird below the line
  assert.equal(c.side(1, 3), 1); // caterpillar above
});

test("bad input is refused with the reason", () => {
  assert.throws(() => new SlopeClassifier(NaN), { message: "SlopeClassifier: slope must be a finite number, got NaN" });
  const c = new SlopeClassifier(1);
  assert.throws(() => c.train(0, 1), { message: "SlopeClassifier.train: x must be a non-zero finite number (ΔA = E / x), got 0" });
  assert.throws(() => c.train(NaN, 1), { message: "SlopeClassifier.train: x must be a non-zero finite number (ΔA = E / x), got NaN" });
  assert.throws(() => c.train(1, Infinity), { message: "SlopeClassifier.train: target must be a finite number, got Infinity" });
  assert.throws(() => c.train(1, 1, 0), { message: "SlopeClassifier.train: learningRate must be a number in (0, 1], got 0" });
  assert.throws(() => c.train(1, 1, 1.5), { message: "SlopeClassifier.train: learningRate must be a number in (0, 1], got 1.5" });
  assert.equal(c.slope, 1); // a refused update leaves the slope alone
});
