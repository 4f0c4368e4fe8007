// The seeded RNG: exact agreement with numpy's legacy RandomState (fixtures written by
// scripts/make-random-fixtures.py), determinism, rough moments, and argument errors.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Rng, MT19937, type BitSource } from "../lib/src/random";

interface Step {
  op: string;
  args: (number | boolean)[];
  values: number[];
  take?: number;
}
interface Case {
  name: string;
  seed: number;
  steps: Step[];
}

const fixtures: { cases: Case[] } = JSON.parse(readFileSync(join(__dirname, "fixtures", "numpy-random.json"), "utf8"));

// Replays one numpy call (see the script's docstring for the ops).
function run(rng: Rng, step: Step): number[] {
  const a = step.args as number[];
  switch (step.op) {
    case "normal":
      return Array.from(rng.normalArray(a[0]!, a[1]!, a[2]!));
    case "uniform":
      return Array.from(rng.uniformArray(a[0]!, a[1]!, a[2]!));
    case "random_sample":
      return Array.from(rng.randomArray(a[0]!));
    case "randn":
      return Array.from({ length: a[0]! }, () => rng.standardNormal());
    case "randint":
      return rng.integers(a[0]!, a[1]!, a[2]!);
    case "permutation":
      return rng.permutation(a[0]!).slice(0, step.take);
    case "choice":
      return rng.choice(a[0]!, a[1]!, step.args[2] as boolean);
    default:
      throw new Error(`unknown fixture op ${step.op}`);
  }
}

for (const c of fixtures.cases) {
  test(`numpy fixture: ${c.name} (seed ${c.seed})`, () => {
    const rng = Rng.numpy(c.seed);
    for (const step of c.steps) {
      const got = run(rng, step);
      assert.equal(got.length, step.values.length, step.op);
      got.forEach((v, i) => assert.ok(v === step.values[i], `${step.op}[${i}]: got ${v}, numpy ${step.values[i]}`));
    }
  });
}

test("scalar methods follow the same stream as the array forms", () => {
  const a = Rng.numpy(1);
  assert.deepEqual([a.normal(0, 0.01), a.normal(0, 0.01), a.normal(0, 0.01)], [0.01624345363663242, -0.006117564136500754, -0.005281717522634557]);
  const b = Rng.numpy(0);
  assert.deepEqual(Array.from({ length: 20 }, () => b.integer(0, 10)), [5, 0, 3, 3, 7, 9, 3, 5, 2, 4, 7, 6, 8, 8, 1, 6, 7, 7, 8, 1]);
});

test("choice(3, 12) with replacement is numpy's, the top value 2 included", () => {
  // np.random.seed(0); np.random.choice(3, 12)
  assert.deepEqual(Rng.numpy(0).choice(3, 12), [0, 1, 0, 1, 1, 2, 0, 2, 0, 0, 0, 2]);
});

test("any BitSource drives an Rng: MT19937 gives Rng.numpy's stream", () => {
  const mt: BitSource = new MT19937(0);
  assert.deepEqual(new Rng(mt).randomArray(3), Rng.numpy(0).randomArray(3));
  const zeros: BitSource = { nextUint32: () => 0 };
  assert.equal(new Rng(zeros).random(), 0);
});

test("MT19937 matches the reference init_genrand(5489) output", () => {
  // First outputs of mt19937ar.c's default seed (also std::mt19937's).
  const mt = new MT19937(5489);
  assert.deepEqual([mt.nextUint32(), mt.nextUint32(), mt.nextUint32()], [3499211612, 581869302, 3890346734]);
  // std::mt19937 guarantees the 10000th output.
  const m2 = new MT19937(5489);
  let v = 0;
  for (let i = 0; i < 10000; i++) v = m2.nextUint32();
  assert.equal(v, 4123659995);
});

const factories: [string, (s: number) => Rng][] = [
  ["numpy", (s) => Rng.numpy(s)],
  ["seeded", (s) => Rng.seeded(s)],
];

for (const [name, make] of factories) {
  test(`${name}: same seed gives the same stream, different seeds differ`, () => {
    const draw = (r: Rng) => [...r.randomArray(5), ...r.normalArray(0, 1, 5), ...r.integers(0, 1000, 5), ...r.permutation(10)];
    assert.deepEqual(draw(make(123)), draw(make(123)));
    assert.notDeepEqual(draw(make(123)), draw(make(124)));
  });

  test(`${name}: moments of 1e5 standard normals`, () => {
    const x = make(2024).normalArray(0, 1, 100_000);
    const mean = x.reduce((s, v) => s + v, 0) / x.length;
    const std = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / x.length);
    assert.ok(Math.abs(mean) < 0.01, `mean ${mean}`);
    assert.ok(Math.abs(std - 1) < 0.01, `std ${std}`);
  });

  test(`${name}: ranges of random, uniform, integer`, () => {
    const r = make(7);
    for (const v of r.randomArray(10_000)) assert.ok(v >= 0 && v < 1, `random ${v}`);
    for (const v of r.uniformArray(-2, 3, 10_000)) assert.ok(v >= -2 && v < 3, `uniform ${v}`);
    const seen = new Set<number>();
    for (const v of r.integers(-3, 4, 10_000)) {
      assert.ok(Number.isInteger(v) && v >= -3 && v < 4, `integer ${v}`);
      seen.add(v);
    }
    assert.equal(seen.size, 7, "every value in [-3, 4) appears");
    assert.equal(r.integer(5, 6), 5);
    for (const v of r.integers(0, 2 ** 32, 100)) assert.ok(v >= 0 && v < 2 ** 32);
  });

  test(`${name}: permutation, shuffle and choice`, () => {
    const r = make(9);
    const p = r.permutation(500);
    assert.deepEqual([...p].sort((a, b) => a - b), Array.from({ length: 500 }, (_, i) => i));
    assert.deepEqual(r.permutation(0), []);
    const t = Float64Array.from([1, 2, 3, 4, 5, 6]);
    r.shuffle(t);
    assert.deepEqual([...t].sort(), [1, 2, 3, 4, 5, 6]);
    const c = r.choice(20, 20, false);
    assert.equal(new Set(c).size, 20);
    const drawn = r.choice(3, 50);
    for (const v of drawn) assert.ok(v >= 0 && v < 3);
    assert.equal(new Set(drawn).size, 3, "every value in 0..2 appears");
  });
}

test("seeded: string seeds, and numbers seed as their string", () => {
  assert.deepEqual(Rng.seeded("hello").randomArray(3), Rng.seeded("hello").randomArray(3));
  assert.deepEqual(Rng.seeded(42).randomArray(3), Rng.seeded("42").randomArray(3));
  assert.notDeepEqual(Rng.seeded("hello").randomArray(3), Rng.seeded("hellp").randomArray(3));
});

test("bad arguments throw errors naming the method and value", () => {
  const r = Rng.numpy(0);
  assert.throws(() => Rng.numpy(-1), /seed must be an integer in \[0, 2\^32 - 1\], got -1/);
  assert.throws(() => Rng.numpy(2 ** 32), /got 4294967296/);
  assert.throws(() => Rng.numpy(1.5), /got 1.5/);
  assert.throws(() => Rng.numpy(NaN), /got NaN/);
  assert.throws(() => Rng.seeded(NaN), /Rng.seeded: .*got NaN/);
  assert.throws(() => r.normal(0, -1), /Rng.normal: std must be ≥ 0, got -1/);
  assert.throws(() => r.normal(NaN, 1), /Rng.normal: mean .* got NaN/);
  assert.throws(() => r.normalArray(0, 1, 2.5), /Rng.normalArray: n must be an integer ≥ 0, got 2.5/);
  assert.throws(() => r.uniform(1, 0), /Rng.uniform: need low ≤ high, got low=1, high=0/);
  assert.throws(() => r.uniformArray(0, Infinity, 3), /Rng.uniformArray: high .* got Infinity/);
  assert.throws(() => r.randomArray(-1), /Rng.randomArray: n .* got -1/);
  assert.throws(() => r.integer(3, 3), /Rng.integer: need low < high, got low=3, high=3/);
  assert.throws(() => r.integer(0, 1.5), /Rng.integer: high must be an integer, got 1.5/);
  assert.throws(() => r.integers(0, 2 ** 32 + 1, 1), /Rng.integers: range .* exceeds 2\^32/);
  assert.throws(() => r.permutation(3.5), /Rng.permutation: n .* got 3.5/);
  assert.throws(() => r.choice(5, 6, false), /Rng.choice: cannot take 6 values from 5 without replacement/);
  assert.throws(() => r.choice(0, 1), /Rng.choice: n must be an integer ≥ 1, got 0/);
});
