import { test } from "node:test";
import assert from "node:assert/strict";
import { AddLayer, MulLayer } from "../lib/src/graph-nodes";
import { numericalDiff } from "../lib/src/gradient";

const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} ≠ ${b}`);

// DLFS §5.4.1: 2 apples at 100 each, consumption tax 1.1.
function applePrice(apple: number, appleNum: number, tax: number) {
  const mulApple = new MulLayer(), mulTax = new MulLayer();
  const applesPrice = mulApple.forward(apple, appleNum);
  const price = mulTax.forward(applesPrice, tax);
  const [dApplesPrice, dTax] = mulTax.backward(1);
  const [dApple, dAppleNum] = mulApple.backward(dApplesPrice);
  return { price, dApple, dAppleNum, dTax };
}

// DLFS §5.4.2: 2 apples at 100 and 3 oranges at 150, tax 1.1.
function fruitPrice(apple: number, appleNum: number, orange: number, orangeNum: number, tax: number) {
  const mulApple = new MulLayer(), mulOrange = new MulLayer(), add = new AddLayer(), mulTax = new MulLayer();
  const applesPrice = mulApple.forward(apple, appleNum);
  const orangesPrice = mulOrange.forward(orange, orangeNum);
  const allPrice = add.forward(applesPrice, orangesPrice);
  const price = mulTax.forward(allPrice, tax);
  const [dAllPrice, dTax] = mulTax.backward(1);
  const [dApplesPrice, dOrangesPrice] = add.backward(dAllPrice);
  const [dOrange, dOrangeNum] = mulOrange.backward(dOrangesPrice);
  const [dApple, dAppleNum] = mulApple.backward(dApplesPrice);
  return { price, dApple, dAppleNum, dOrange, dOrangeNum, dTax };
}

test("MulLayer and AddLayer: forward values and local derivatives by hand", () => {
  const mul = new MulLayer();
  assert.equal(mul.forward(3, -4), -12);
  assert.deepEqual(mul.backward(2), [-8, 6]); // dx = dout·y, dy = dout·x
  const add = new AddLayer();
  assert.equal(add.forward(3, -4), -1);
  assert.deepEqual(add.backward(2.5), [2.5, 2.5]);
});

test("the apple example: price 220; dapple 2.2, dnum 110, dtax 200", () => {
  const r = applePrice(100, 2, 1.1);
  close(r.price, 220);
  close(r.dApple, 2.2);
  close(r.dAppleNum, 110);
  close(r.dTax, 200);
});

test("the apple and orange example: price 715; gradients 2.2, 110, 3.3, 165, 650", () => {
  const r = fruitPrice(100, 2, 150, 3, 1.1);
  close(r.price, 715);
  close(r.dApple, 2.2);
  close(r.dAppleNum, 110);
  close(r.dOrange, 3.3);
  close(r.dOrangeNum, 165);
  close(r.dTax, 650);
});

test("backward gradients agree with finite differences of the whole graph", () => {
  const inputs = [100, 2, 150, 3, 1.1];
  const keys = ["dApple", "dAppleNum", "dOrange", "dOrangeNum", "dTax"] as const;
  const backprop = fruitPrice(100, 2, 150, 3, 1.1);
  inputs.forEach((_, k) => {
    const f = (v: number) => {
      const args = inputs.slice();
      args[k] = v;
      return fruitPrice(args[0], args[1], args[2], args[3], args[4]).price;
    };
    close(backprop[keys[k]], numericalDiff(f, inputs[k]), 1e-7);
  });
  // And a graph with non-round numbers, where a wrong local derivative could not hide.
  const x = 0.37, y = -1.9, z = 2.6; // f = (x·y + z)·x
  const mul1 = new MulLayer(), add = new AddLayer(), mul2 = new MulLayer();
  mul2.forward(add.forward(mul1.forward(x, y), z), x);
  const [dSum, dxOuter] = mul2.backward(1);
  const [dProduct, dz] = add.backward(dSum);
  const [dxInner, dy] = mul1.backward(dProduct);
  const f = (a: number, b: number, c: number) => (a * b + c) * a;
  close(dxInner + dxOuter, numericalDiff((v) => f(v, y, z), x), 1e-7); // x feeds two nodes: the gradients add
  close(dy, numericalDiff((v) => f(x, v, z), y), 1e-7);
  close(dz, numericalDiff((v) => f(x, y, v), z), 1e-7);
});

test("backward before forward, and non-finite numbers, are clear errors", () => {
  assert.throws(() => new MulLayer().backward(1), /MulLayer\.backward: call forward first/);
  assert.throws(() => new AddLayer().backward(1), /AddLayer\.backward: call forward first/);
  assert.throws(() => new MulLayer().forward(NaN, 2), /MulLayer\.forward: x must be a finite number, got NaN/);
  assert.throws(() => new AddLayer().forward(1, Infinity), /AddLayer\.forward: y must be a finite number, got Infinity/);
  assert.throws(() => new MulLayer().forward("2" as unknown as number, 2), /x must be a finite number, got 2/);
  const mul = new MulLayer();
  mul.forward(1, 2);
  assert.throws(() => mul.backward(NaN), /MulLayer\.backward: dout must be a finite number, got NaN/);
  // A failed forward leaves no half-stored inputs behind.
  const fresh = new MulLayer();
  assert.throws(() => fresh.forward(1, NaN), /y must be a finite number/);
  assert.throws(() => fresh.backward(1), /call forward first/);
});
