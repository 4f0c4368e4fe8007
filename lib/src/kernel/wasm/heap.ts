// Blocks of the kernel's shared memory, above the control words and thread areas:
// each product's scratch (taken and given back within the call) and the arrays that
// live there (kernelArray), which products then read and write in place instead of
// copying them in and out.

/** Every block starts on a cache line. */
const ALIGN = 64;

interface Block {
  at: number;
  bytes: number;
}

/**
 * First fit over a sorted list of free blocks; a block is cut from the top when
 * none fits. Neighbouring free blocks are merged, and a free block reaching the top
 * lowers the top instead, so `top` is always the end of the highest block in use.
 */
export class Heap {
  private readonly free: Block[] = [];
  private topAt: number;
  private highAt: number;

  constructor(readonly start: number, readonly limit: number) {
    this.topAt = start;
    this.highAt = start;
  }

  /** The highest the top has been: memory above it has never been handed out, so it is still zero. */
  get highWater(): number {
    return this.highAt;
  }

  /** The first byte above every block in use: the memory must reach this far. */
  get top(): number {
    return this.topAt;
  }

  /** Bytes in the free blocks below the top (for tests and diagnostics). */
  get freeBytes(): number {
    return this.free.reduce((s, b) => s + b.bytes, 0);
  }

  /** Address of a new block of `bytes` (rounded up to 64); throws when the limit is reached. */
  allocate(bytes: number): number {
    const size = Heap.size(bytes);
    for (let i = 0; i < this.free.length; i++) {
      const f = this.free[i];
      if (f.bytes < size) continue;
      const at = f.at;
      f.at += size;
      f.bytes -= size;
      if (f.bytes === 0) this.free.splice(i, 1);
      return at;
    }
    if (this.topAt + size > this.limit) {
      throw new Error(`wasm kernel: ${(size / 2 ** 20).toFixed(1)} MiB more does not fit in the 4 GiB of wasm memory (${(this.topAt / 2 ** 20).toFixed(1)} MiB in use)`);
    }
    const at = this.topAt;
    this.topAt += size;
    this.highAt = Math.max(this.highAt, this.topAt);
    return at;
  }

  /** Gives back the block at `at` of `bytes` (the same size it was allocated with). */
  release(at: number, bytes: number): void {
    const size = Heap.size(bytes);
    if (at < this.start || at + size > this.topAt) throw new Error(`wasm kernel heap: block ${at}+${size} is not in use`);
    let i = 0;
    while (i < this.free.length && this.free[i].at < at) i++;
    const before = this.free[i - 1], after = this.free[i];
    if ((before && before.at + before.bytes > at) || (after && at + size > after.at)) {
      throw new Error(`wasm kernel heap: block ${at}+${size} is already free`);
    }
    let block: Block;
    if (before && before.at + before.bytes === at) {
      before.bytes += size;
      block = before;
      i--;
    } else {
      block = { at, bytes: size };
      this.free.splice(i, 0, block);
    }
    if (after && block.at + block.bytes === after.at) {
      block.bytes += after.bytes;
      this.free.splice(i + 1, 1);
    }
    if (block.at + block.bytes === this.topAt) {
      this.topAt = block.at;
      this.free.splice(i, 1);
    }
  }

  static size(bytes: number): number {
    return Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
  }
}
