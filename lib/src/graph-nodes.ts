// Nodes of a computational graph on plain numbers (post 001 "역전파", after Deep Learning
// from Scratch §5.4, layer_naive.py): each node computes forward from its inputs and, going
// back, multiplies the incoming derivative by its own local derivatives — the chain rule,
// one node at a time.

function checkFinite(value: unknown, what: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new Error(`${what} must be a finite number, got ${String(value)}`);
  }
  return value;
}

/** out = x · y. Backward: ∂out/∂x = y and ∂out/∂y = x, so dx = dout · y, dy = dout · x (the inputs swap). */
export class MulLayer {
  private x: number | null = null;
  private y: number | null = null;

  forward(x: number, y: number): number {
    checkFinite(x, "MulLayer.forward: x");
    checkFinite(y, "MulLayer.forward: y");
    this.x = x; // both checked first, so a failed call keeps nothing half-stored
    this.y = y;
    return x * y;
  }

  /** [dL/dx, dL/dy] from dL/dout; it needs the inputs of the last forward pass. */
  backward(dout: number): [number, number] {
    if (this.x === null || this.y === null) throw new Error("MulLayer.backward: call forward first (backward needs the inputs x and y it saw)");
    checkFinite(dout, "MulLayer.backward: dout");
    return [dout * this.y, dout * this.x];
  }
}

/** out = x + y. Backward: both local derivatives are 1, so dout passes to both inputs unchanged. */
export class AddLayer {
  private seen = false;

  forward(x: number, y: number): number {
    checkFinite(x, "AddLayer.forward: x");
    checkFinite(y, "AddLayer.forward: y");
    this.seen = true;
    return x + y;
  }

  /** [dL/dx, dL/dy] = [dout, dout]. It needs no stored input, but a backward pass without a forward one is a mistake. */
  backward(dout: number): [number, number] {
    if (!this.seen) throw new Error("AddLayer.backward: call forward first (a backward pass follows a forward pass)");
    checkFinite(dout, "AddLayer.backward: dout");
    return [dout, dout];
  }
}
