// Arrays that live only during one call, such as the hidden layers of a forward and
// backward pass, come from one block of the kernel's memory, reused call after call
// (tidy() opens such a call): the fast kernel reads and writes them in place instead
// of copying each into its memory and back, and the garbage collector never sees them.
//
// Only code that knows none of these arrays outlives the call opens a scope
// (withScratch); outside one, outputArray gives a fresh array like any other.
import { kernel } from "./index";
import type { Kernel } from "./types";

/**
 * The block is never larger than this (256 MiB): bigger needs get fresh arrays. A
 * forward pass over 55 000 MNIST images with 100 hidden units and its cost need about 190 MiB.
 */
const MAX_BLOCK_VALUES = 32 * 1024 * 1024;
/** Each array starts 8 float64 after the previous one's start at least (64 bytes, the kernel's own alignment, in its memory). */
const ALIGN = 8;

let block: Float64Array | undefined;
/** The kernel that made the block (its memory, or an ordinary array for the reference kernel). */
let blockKernel: Kernel | undefined;
/** Values handed out in the open scopes, counting those that did not fit in the block. */
let top = 0;
/** The most `top` reached since the outermost scope opened: the block's next size. */
let wanted = 0;
let depth = 0;

/**
 * Runs fn with a scope open: every outputArray it allocates is given back when fn
 * returns or throws, so none of them may be kept or returned. Scopes nest.
 */
export function withScratch<T>(fn: () => T): T {
  const mark = top;
  depth++;
  try {
    return fn();
  } finally {
    depth--;
    top = mark;
    if (depth === 0) {
      // A larger block for the next scope, or one in the memory of the kernel now in use.
      const size = Math.max(wanted, block?.length ?? 0);
      if (size > 0 && size <= MAX_BLOCK_VALUES && (size > (block?.length ?? 0) || blockKernel !== kernel())) newBlock(size);
      wanted = 0;
    }
  }
}

function newBlock(size: number): void {
  try {
    block = kernel().allocate(size);
    blockKernel = kernel();
  } catch {
    // No room left in the kernel's memory: keep the block there is (fresh arrays beyond it).
  }
}

/**
 * An array of `length` values with unspecified contents, for an output the kernel
 * overwrites whole: from the scratch block inside withScratch (when it has room),
 * else a fresh one.
 */
export function outputArray(length: number): Float64Array {
  if (depth === 0) return uninitializedArray(length);
  const start = top;
  top += Math.ceil(length / ALIGN) * ALIGN;
  wanted = Math.max(wanted, top);
  if (!block || top > block.length) return uninitializedArray(length);
  return block.subarray(start, start + length);
}

/** Whether the array is (part of) the scratch block, whose memory the next scope reuses. */
export function isScratch(array: Float64Array): boolean {
  if (!block || array.buffer !== block.buffer) return false;
  const start = block.byteOffset, end = start + block.byteLength;
  return array.byteOffset < end && array.byteOffset + array.byteLength > start;
}

/** How many values the scratch block holds (0 before the first scope ends). */
export function scratchBlockValues(): number {
  return block?.length ?? 0;
}

/**
 * A Float64Array of `length` values with unspecified contents (Node's
 * Buffer.allocUnsafeSlow skips the zero fill): only for an output every element
 * of which is written before anything reads it.
 */
export function uninitializedArray(length: number): Float64Array {
  const bytes = Buffer.allocUnsafeSlow(length * Float64Array.BYTES_PER_ELEMENT);
  return new Float64Array(bytes.buffer, bytes.byteOffset, length);
}
