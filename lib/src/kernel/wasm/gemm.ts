// The driver of the fast matrix product (and, at the end, of the element-wise loops
// that run in wasm): copies the operands into the shared wasm memory (unless they
// live there already, see array()), picks tiles (B packed) or, for a mostly-zero
// op(A), the sparse rows, cuts C into tasks of rows and runs them on this thread
// alone (small products) or on the worker pool as well (large ones).
import { CONTROL_BYTES, KC_MAX, MAX_THREADS, SPARSE_KC_MAX, THREAD_AREA_BYTES } from "./control";
import { allFiniteFast, checkRows, checkSteps, copyRows, subScaled } from "../loops";
import { Heap } from "./heap";
import { instantiate, KernelExports, MAX_PAGES } from "./module";
import { Job, MainThread, WorkerPool } from "./pool";
import { ThreadChoice } from "./thread-choice";
import { bandRows, sparseRowsBytes } from "./sparse-wat";
import { MODE, MR, NR } from "./wat";
import { WebAssemblyApi } from "./webassembly";

export interface WasmGemmSettings {
  /** Threads taking part in large products, this one included (1 = no workers). */
  threads: number;
  /** Products of at least this many floating-point operations (2·m·n·k) may use the workers. */
  parallelMinFlops: number;
  /**
   * true: for each shape, use the workers only while that has been faster than one
   * thread (see ThreadChoice); false: always use them above parallelMinFlops.
   */
  adaptive: boolean;
}

const PAGE = 65536;
const DATA_START = CONTROL_BYTES + MAX_THREADS * THREAD_AREA_BYTES;
/** op(A) is copied in chunks of rows of at most this size, so memory stays bounded for 60000×784. */
const A_CHUNK_BYTES = 64 * 1024 * 1024;
const F64 = 8;

const align = (bytes: number) => Math.ceil(bytes / 64) * 64;

/**
 * kernelArray hands out plain Float64Arrays once its arrays take this much of the
 * 4 GiB: the rest stays for the products' scratch (a full-set product needs ~100 MiB).
 * Such arrays are freed only by the garbage collector, which does not see this memory.
 */
const RESIDENT_MAX_BYTES = 2 * 2 ** 30;

/**
 * Gathers of at least this many bytes may use the workers, because a mini-batch of
 * rows scattered over a large training set waits on main memory and a second thread
 * keeps more reads in flight.
 */
export const GATHER_PARALLEL_MIN_BYTES = 256 * 1024;

/** Element-wise loops go through the scratch in chunks of this many values (8 MiB each). */
const ELEMENTWISE_CHUNK = 1 << 20;

/** Whether the first `x` values of one array and the first `y` of another share bytes (both views of one memory). */
function overlaps(x: Float64Array, xLength: number, y: Float64Array, yLength: number): boolean {
  return x.byteOffset < y.byteOffset + yLength * F64 && y.byteOffset < x.byteOffset + xLength * F64;
}

// The thread area holds the packed A tile and the scratch tile, or the sparse rows' entries (sparse-wat.ts).
if (MR * KC_MAX * F64 + MR * NR * F64 > THREAD_AREA_BYTES || sparseRowsBytes(SPARSE_KC_MAX) > THREAD_AREA_BYTES || bandRows(SPARSE_KC_MAX) < 8)
  throw new Error("wasm kernel: THREAD_AREA_BYTES too small for KC_MAX / SPARSE_KC_MAX");

/**
 * op(A) with at most this fraction of nonzeros goes row by row over its nonzeros
 * (sparse-wat.ts) instead of through the tiles, a threshold safely below where the two
 * break even, so that MNIST batches and their transposes take the sparse rows and a
 * ReLU output (about half nonzero) does not.
 */
export const SPARSE_MAX_DENSITY = 0.4;
/** The density is measured on the first values of op(A)'s storage (a dozen MNIST images), not all of it. */
const DENSITY_SAMPLE = 8192;

function threadArea(thread: number): { ap: number; scratch: number } {
  const base = CONTROL_BYTES + thread * THREAD_AREA_BYTES;
  return { ap: base, scratch: base + MR * KC_MAX * F64 };
}

/** Blocks of p: equal blocks of at most kcMax (each block goes on from the sums of the previous one). */
export function kcFor(k: number, kcMax = KC_MAX): number {
  return Math.ceil(k / Math.ceil(k / kcMax));
}

const roundUp = (x: number, to: number) => Math.ceil(x / to) * to;

/**
 * Rows per task: a few tasks per thread, so that a thread slowed by other load
 * simply takes fewer; at most 64 rows, yet no more than 30000 tasks per job.
 */
function taskRowsFor(m: number, threads: number): number {
  const rows = Math.min(64, Math.max(MR, roundUp(m / (threads * 4), MR)));
  return Math.max(rows, roundUp(m / 30000, MR));
}

/** Rows r0..r0+rows−1 of C += bias, where the kernel's memory is not involved. */
function addBiasInJs(c: Float64Array, r0: number, rows: number, n: number, bias: Float64Array): void {
  for (let i = r0; i < r0 + rows; i++) for (let j = 0; j < n; j++) c[i * n + j] += bias[j];
}

function checkDimension(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 0) throw new Error(`gemm: ${name} must be a non-negative integer, got ${v}`);
}

function checkLength(name: string, arr: Float64Array, need: number, shape: () => string): void {
  if (arr.length < need) throw new Error(`gemm: ${name} has ${arr.length} values, ${shape()} needs ${need}`);
}

export class WasmGemm {
  private readonly memory = new WebAssemblyApi.Memory({ initial: Math.ceil(DATA_START / PAGE), maximum: MAX_PAGES, shared: true });
  private readonly main: MainThread;
  private readonly kernel: KernelExports;
  /** All of the memory; replaced when it grows (only reserve() grows it), so its length is the memory's size. */
  private view: Float64Array;
  private pool?: WorkerPool;
  private readonly choice = new ThreadChoice();
  private readonly heap = new Heap(DATA_START, MAX_PAGES * PAGE);
  /** Every buffer object the memory has had (one per size it grew to). */
  private readonly buffers = new WeakSet<ArrayBufferLike>();
  private residentBytes = 0;
  private copied = 0;
  private readonly finalizer = new FinalizationRegistry<{ at: number; bytes: number }>(({ at, bytes }) => {
    this.heap.release(at, bytes);
    this.residentBytes -= bytes;
  });

  constructor(readonly settings: WasmGemmSettings) {
    this.kernel = instantiate(this.memory);
    this.view = new Float64Array(this.memory.buffer);
    this.buffers.add(this.view.buffer);
    this.main = { kernel: this.kernel, ...threadArea(0) };
  }

  gemm(transA: boolean, transB: boolean, m: number, n: number, k: number,
       a: Float64Array, b: Float64Array, c: Float64Array, accumulate: boolean, bias?: Float64Array): void {
    const shape = () => `a ${m}×${k}${transA ? " (Aᵀ stored)" : ""} · ${k}×${n}${transB ? " (Bᵀ stored)" : ""} product`;
    checkDimension("m", m);
    checkDimension("n", n);
    checkDimension("k", k);
    checkLength("A", a, m * k, shape);
    checkLength("B", b, k * n, shape);
    checkLength("C", c, m * n, shape);
    if (bias) checkLength("the bias", bias, n, shape);
    if (m === 0 || n === 0) return;
    if (k === 0) {
      if (!accumulate) c.fill(0, 0, m * n);
      if (bias) addBiasInJs(c, 0, m, n, bias);
      return;
    }
    // The reference kernel's two orders of summation, kept so that results match it bit for bit:
    // with op(B) = B it adds the products to C one by one; with Bᵀ, it adds their sum to C.
    const addSumToC = accumulate && transB;
    const fresh = !accumulate || addSumToC;
    // Operands already in the kernel's memory (kernelArray) are used where they are;
    // C is written in place unless it shares bytes with A or B.
    const aHome = this.resident(a), bHome = this.resident(b);
    const cHome = !addSumToC && this.resident(c) &&
      !(aHome && overlaps(c, m * n, a, m * k)) && !(bHome && overlaps(c, m * n, b, k * n));
    // The bias is added in wasm after each chunk's product, except where the sum goes to C in JS (addSumToC).
    const biasHome = bias !== undefined && !addSumToC && this.resident(bias) && !(cHome && overlaps(c, m * n, bias, n));
    const biasBytes = bias !== undefined && !addSumToC && !biasHome ? align(n * F64) : 0;
    this.copied += ((bHome ? 0 : k * n) + (aHome ? 0 : m * k) + (cHome ? 0 : fresh ? m * n : 2 * m * n) + biasBytes / F64) * F64;
    const panels = Math.ceil(n / NR);
    const scratchPerRow = (aHome ? 0 : k * F64) + (cHome ? 0 : n * F64);
    const chunkRows = scratchPerRow === 0 ? m : Math.min(m, Math.max(MR, Math.floor(A_CHUNK_BYTES / scratchPerRow / MR) * MR));
    // Scratch: B (unless resident), B packed, then a chunk of op(A) rows and the matching rows of C (unless resident).
    const bBytes = bHome ? 0 : align(k * n * F64);
    const aBytes = aHome ? 0 : align(chunkRows * k * F64);
    const scratchBytes = bBytes + align(panels * NR * k * F64) + aBytes + (cHome ? 0 : align(chunkRows * n * F64)) + biasBytes;
    const scratch = this.heap.allocate(scratchBytes);
    try {
      this.reserve(this.heap.top);
      const bAt = bHome ? b.byteOffset : scratch;
      const bpAt = scratch + bBytes;
      const aScratch = bpAt + align(panels * NR * k * F64);
      const cScratch = aScratch + aBytes;
      const biasAt = biasHome ? bias.byteOffset : scratch + scratchBytes - biasBytes;
      const mem = this.view;
      if (!bHome) mem.set(b.subarray(0, k * n), bAt / F64);
      if (biasBytes > 0) mem.set(bias!.subarray(0, n), biasAt / F64);
      let packed = false;
      let mode: number | undefined;
      let pool: WorkerPool | undefined;
      let key = "", threads = 1, fairSample = false;
      const started = performance.now();
      for (let i0 = 0; i0 < m; i0 += chunkRows) {
        const mc = Math.min(chunkRows, m - i0);
        // Element (i, p) of this chunk of op(A) is at aAt + i·rs + p·ps.
        let aAt = aScratch, ps = transA ? mc * F64 : F64;
        if (aHome) {
          aAt = a.byteOffset + (transA ? i0 : i0 * k) * F64;
          if (transA) ps = m * F64;
        } else if (!transA) mem.set(a.subarray(i0 * k, (i0 + mc) * k), aScratch / F64);
        else for (let p = 0; p < k; p++) mem.set(a.subarray(p * m + i0, p * m + i0 + mc), aScratch / F64 + p * mc);
        const cAt = cHome ? c.byteOffset + i0 * n * F64 : cScratch;
        if (!fresh && !cHome) mem.set(c.subarray(i0 * n, (i0 + mc) * n), cAt / F64);
        if (mode === undefined) {
          // Chosen on the first chunk of op(A) (all of it, unless m is in the thousands).
          // Zeros of A are left out only when B is finite, so that 0·∞ is NaN as in numpy
          // (checked last: a dense A never pays for the pass over B).
          const sample = Math.min(mc * k, DENSITY_SAMPLE);
          const sparse = !transB && this.kernel.nonzeros(aAt, sample) <= SPARSE_MAX_DENSITY * sample &&
            this.kernel.allFinite(bAt, k * n) === 1;
          mode = sparse ? MODE.sparseRows : MODE.tiles;
          key = `${transA ? "T" : "N"}${transB ? "T" : "N"}${sparse ? "S" : ""}${m}×${n}×${k}`;
          threads = this.threadsFor(key, mc, 2 * m * n * k, this.settings.parallelMinFlops);
          pool = threads > 1 ? this.workers(threads) : undefined;
          // The first product on a new pool also waits for its workers to start: not a fair sample.
          fairSample = !pool || pool.jobsRun > 0;
        }
        const sparse = mode === MODE.sparseRows;
        if (!sparse && !packed) {
          this.kernel.packB(bAt, k, n, transB ? 1 : 0, bpAt);
          packed = true;
        }
        const taskRows = taskRowsFor(mc, threads);
        const job: Job = {
          m: mc, n, k, a: aAt, rs: transA ? F64 : k * F64, ps, bp: sparse ? bAt : bpAt, c: cAt, ldc: n * F64,
          fresh: fresh ? 1 : 0, mode, kc: sparse ? kcFor(k, SPARSE_KC_MAX) : kcFor(k), taskRows, tasks: Math.ceil(mc / taskRows),
        };
        if (pool && job.tasks > 1) pool.run(job, this.main, shape);
        else for (let t = 0; t < job.tasks; t++) {
          const r0 = t * taskRows;
          this.kernel.block(r0, Math.min(mc, r0 + taskRows), n, k, job.a, job.rs, job.ps, job.bp, cAt, job.ldc, job.fresh, job.mode, job.kc, this.main.ap, this.main.scratch);
        }
        if (addSumToC) {
          for (let i = 0, at = cAt / F64, to = i0 * n; i < mc * n; i++) c[to + i] += mem[at + i];
          if (bias) addBiasInJs(c, i0, mc, n, bias);
          continue;
        }
        if (bias) this.kernel.addBias(cAt, mc, n, biasAt);
        if (!cHome) c.set(mem.subarray(cAt / F64, cAt / F64 + mc * n), i0 * n);
      }
      if (fairSample) this.choice.record(key, pool !== undefined, (performance.now() - started) / 1000);
    } finally {
      this.heap.release(scratch, scratchBytes);
    }
  }

  /** out[i] = x[i] limited to [lo, hi] for i < x.length (see elementwise-wat.ts). */
  clip(x: Float64Array, lo: number, hi: number, out: Float64Array): void {
    this.elementwise("clip", [["x", x]], out, (at, o, n) => this.kernel.clip(at[0], o, n, lo, hi));
  }

  /** out[i] = max(x[i], +0) for i < x.length (see elementwise-wat.ts). */
  relu(x: Float64Array, out: Float64Array): void {
    this.elementwise("relu", [["x", x]], out, (at, o, n) => this.kernel.relu(at[0], o, n));
  }

  /** out[i] = x[i] <= 0 ? +0 : dout[i] for i < x.length. */
  reluBackward(x: Float64Array, dout: Float64Array, out: Float64Array): void {
    this.elementwise("reluBackward", [["x", x], ["dout", dout]], out, (at, o, n) => this.kernel.reluBackward(at[0], at[1], o, n));
  }

  /** out[i] = 1 / (1 + exp(−x[i])) for i < x.length, exp being Math.exp's algorithm (exp-wat.ts). */
  sigmoid(x: Float64Array, out: Float64Array): void {
    this.elementwise("sigmoid", [["x", x]], out, (at, o, n) => this.kernel.sigmoid(at[0], o, n));
  }

  /** Softmax of each row of the rows×cols values of x into out (exp-wat.ts); chunks hold whole rows. */
  softmaxRows(x: Float64Array, rows: number, cols: number, out: Float64Array): void {
    const n = rows * cols;
    checkRows("softmaxRows", x, out, rows, cols);
    this.elementwise("softmaxRows", [["x", x.subarray(0, n)]], out.subarray(0, n),
      (at, o, len) => this.kernel.softmaxRows(at[0], o, len / cols, cols), cols);
  }

  /** exp of each value (for the tests: the lanes of exp-wat.ts's exp2). */
  exp(x: Float64Array, out: Float64Array): void {
    this.elementwise("exp", [["x", x]], out, (at, o, n) => this.kernel.exp(at[0], o, n));
  }

  /** out[i] = x[i] − factor·g[i] for i < x.length (out === x: SGD's update in place). */
  subScaled(x: Float64Array, factor: number, g: Float64Array, out: Float64Array): void {
    this.elementwise("subScaled", [["x", x], ["g", g]], out, (at, o, n) => this.kernel.subScaled(at[0], at[1], o, n, factor));
  }

  /**
   * SGD's step (Kernel.subScaledAll). Weights in the kernel's memory are updated in
   * wasm: their gradients are copied in once, checked there (allFinite) and then read
   * in place, instead of a check in JS and a copy by subScaled. Other weights, and
   * short ones, take the reference loops. Nothing changes unless every gradient passes.
   */
  subScaledAll(xs: Float64Array[], factor: number, gs: Float64Array[], minLength: number): number {
    checkSteps(xs, gs);
    const inWasm = xs.map((x) => x.length >= minLength && this.resident(x));
    // A gradient is read in place when it is in the kernel's memory and is x itself or apart from it.
    const inPlace = gs.map((g, i) => inWasm[i] && this.resident(g) && (g.byteOffset === xs[i].byteOffset || !overlaps(g, g.length, xs[i], xs[i].length)));
    const bytes = gs.reduce((sum, g, i) => sum + (inWasm[i] && !inPlace[i] ? align(g.length * F64) : 0), 0);
    const scratch = bytes > 0 ? this.heap.allocate(bytes) : 0;
    try {
      this.reserve(this.heap.top);
      const gAt: number[] = [];
      for (let i = 0, next = scratch; i < xs.length; i++) {
        const g = gs[i];
        if (!inWasm[i]) {
          if (!allFiniteFast(g)) return i;
          continue;
        }
        if (inPlace[i]) gAt[i] = g.byteOffset;
        else {
          this.view.set(g, next / F64);
          this.copied += g.length * F64;
          gAt[i] = next;
          next += align(g.length * F64);
        }
        if (g.length > 0 && this.kernel.allFinite(gAt[i], g.length) !== 1) return i;
      }
      xs.forEach((x, i) => {
        if (inWasm[i]) this.kernel.subScaled(x.byteOffset, gAt[i], x.byteOffset, x.length, factor);
        else subScaled(x, factor, gs[i], x);
      });
      return -1;
    } finally {
      if (bytes > 0) this.heap.release(scratch, bytes);
    }
  }

  /** Whether the array is in the kernel's memory (a kernelArray), where element-wise loops need no copy. */
  holds(array: Float64Array): boolean {
    return this.resident(array);
  }

  /**
   * Row r of out = row indices[r] of src (width values each), by memory.copy when
   * both are in the kernel's memory and do not overlap; else row by row in JS.
   * Indices and sizes are checked here too: a wrong one must not copy other arrays' memory.
   */
  gatherRows(src: Float64Array, width: number, indices: ArrayLike<number>, out: Float64Array): void {
    const count = indices.length, rows = width === 0 ? 0 : Math.floor(src.length / width);
    if (out.length < count * width) throw new Error(`gatherRows: out has ${out.length} values, ${count} rows of ${width} need ${count * width}`);
    for (let r = 0; r < count; r++) {
      const i = indices[r];
      if (!(Number.isInteger(i) && i >= 0 && i < rows)) throw new Error(`gatherRows: row index ${i} out of range for ${rows} rows`);
    }
    if (!this.resident(src) || !this.resident(out) || overlaps(src, src.length, out, count * width) || count === 0 || width === 0) {
      copyRows(src, width, indices, out);
      return;
    }
    const bytes = count * 4;
    const at = this.heap.allocate(bytes);
    try {
      this.reserve(this.heap.top);
      const list = new Int32Array(this.view.buffer, at, count);
      for (let r = 0; r < count; r++) list[r] = indices[r];
      // Rows scattered over a large dataset come from main memory: two threads keep
      // twice as many reads in flight (the pool's tasks are rows of the batch).
      const key = `gather${count}×${width}`;
      const threads = this.threadsFor(key, count, count * width * F64, GATHER_PARALLEL_MIN_BYTES);
      const started = performance.now();
      const pool = threads > 1 ? this.workers(threads) : undefined;
      const fairSample = !pool || pool.jobsRun > 0;
      const taskRows = taskRowsFor(count, threads);
      const job: Job = {
        m: count, n: 0, k: 0, a: src.byteOffset, rs: 0, ps: 0, bp: at, c: out.byteOffset, ldc: width * F64,
        fresh: 0, mode: MODE.gatherRows, kc: 0, taskRows, tasks: Math.ceil(count / taskRows),
      };
      if (pool && job.tasks > 1) pool.run(job, this.main, () => `a gather of ${count} rows of ${width}`);
      else this.kernel.gatherRows(out.byteOffset, src.byteOffset, width * F64, at, count);
      if (fairSample) this.choice.record(key, pool !== undefined, (performance.now() - started) / 1000);
    } finally {
      this.heap.release(at, bytes);
    }
  }

  /**
   * Runs an element-wise loop of the module over the first n values of the inputs,
   * n being the first input's length, in chunks: inputs and out not in the kernel's memory go
   * through the scratch. out is written in place when it is there and overlaps no
   * input except exactly (out === x computes in place). Chunks are a multiple of
   * `unit` values (softmax's rows).
   */
  private elementwise(op: string, named: [string, Float64Array][], out: Float64Array, run: (at: number[], out: number, n: number) => void, unit = 1): void {
    const inputs = named.map(([, values]) => values);
    const n = inputs[0].length;
    for (const [name, values] of [...named.slice(1), ["out", out] as const]) {
      if (values.length < n) throw new Error(`${op}: ${name} has ${values.length} values, ${named[0][0]} has ${n}`);
    }
    if (n === 0) return;
    const home = inputs.map((x) => this.resident(x));
    const outHome = this.resident(out) && inputs.every((x, i) => !home[i] || x.byteOffset === out.byteOffset || !overlaps(out, n, x, n));
    const chunk = Math.min(n, Math.max(unit, ELEMENTWISE_CHUNK - (ELEMENTWISE_CHUNK % unit)));
    const slotBytes = align(chunk * F64);
    const slots = home.filter((h) => !h).length + (outHome ? 0 : 1);
    this.copied += slots * n * F64;
    const scratch = slots > 0 ? this.heap.allocate(slots * slotBytes) : 0;
    try {
      this.reserve(this.heap.top);
      const mem = this.view;
      for (let i0 = 0; i0 < n; i0 += chunk) {
        const len = Math.min(chunk, n - i0);
        let slot = 0;
        const at = inputs.map((x, i) => {
          if (home[i]) return x.byteOffset + i0 * F64;
          const into = scratch + slotBytes * slot++;
          mem.set(x.subarray(i0, i0 + len), into / F64);
          return into;
        });
        const outAt = outHome ? out.byteOffset + i0 * F64 : scratch + slotBytes * slot;
        run(at, outAt, len);
        if (!outHome) out.set(mem.subarray(outAt / F64, outAt / F64 + len), i0);
      }
    } finally {
      if (slots > 0) this.heap.release(scratch, slots * slotBytes);
    }
  }

  /**
   * A zero-filled array of `length` float64 in the kernel's memory, which products
   * read and write in place; a plain Float64Array once such arrays take up
   * RESIDENT_MAX_BYTES. Its block is given back when the array is garbage-collected.
   */
  array(length: number): Float64Array {
    if (!Number.isInteger(length) || length < 0) throw new Error(`kernelArray: length must be an integer ≥ 0, got ${length}`);
    const bytes = Heap.size(length * F64);
    if (length === 0 || this.residentBytes + bytes > RESIDENT_MAX_BYTES) return new Float64Array(length);
    const clean = this.heap.highWater;
    const at = this.heap.allocate(bytes);
    this.reserve(this.heap.top);
    this.residentBytes += bytes;
    const array = new Float64Array(this.view.buffer, at, length);
    // Memory handed out before may hold old values; memory above the high-water mark is still zero.
    if (at < clean) array.fill(0, 0, Math.min(length, (clean - at) / F64));
    this.finalizer.register(array, { at, bytes });
    return array;
  }

  /** Bytes the products have copied into and out of the kernel's memory so far (operands not in it already). */
  get copiedBytes(): number {
    return this.copied;
  }

  /** Bytes held by the kernel's arrays (kernelArray) not yet garbage-collected. */
  get arrayBytes(): number {
    return this.residentBytes;
  }

  /** Test hook: the pool (started if needed) so a test can make a worker fail. */
  testPool(): WorkerPool {
    return this.workers(this.settings.threads);
  }

  /** Stops the workers (a new pool starts with the next large product). */
  close(): void {
    this.pool?.close();
    this.pool = undefined;
  }

  /**
   * 1, or the configured threads when the work (flops, bytes) reaches `least`, its rows
   * make more than one task, and the threads have been faster for its shape.
   */
  private threadsFor(shape: string, rows: number, work: number, least: number): number {
    const { threads, adaptive } = this.settings;
    if (threads === 1 || work < least || Math.ceil(rows / taskRowsFor(rows, threads)) < 2) return 1;
    return !adaptive || this.choice.parallel(shape) ? threads : 1;
  }

  private workers(threads: number): WorkerPool {
    if (this.pool && (!this.pool.healthy || this.pool.size !== threads - 1)) this.close();
    this.pool ??= new WorkerPool(this.memory, threads - 1, threadArea);
    return this.pool;
  }

  private reserve(bytes: number): void {
    const pages = Math.ceil(bytes / PAGE);
    // Not memory.buffer.byteLength: reading a shared memory's buffer is slow, and this runs on every product.
    const have = (this.view.length * F64) / PAGE;
    if (pages <= have) return;
    this.memory.grow(pages - have);
    this.view = new Float64Array(this.memory.buffer);
    this.buffers.add(this.view.buffer);
  }

  /** Whether the array is a view of this kernel's memory (after a grow, views of the older, shorter buffers still are). */
  private resident(array: Float64Array): boolean {
    return this.buffers.has(array.buffer);
  }
}
