// The words at the start of the shared memory through which the main thread hands
// a product to the workers (an Int32Array over bytes 0..CONTROL_BYTES).

export const CONTROL_BYTES = 4096;

/** Indices into the Int32Array of control words. */
export const Ctl = {
  /** Bumped by the main thread to wake the workers for a new product. */
  SEQ: 0,
  /** Next task to claim, with the job's tag (see TAG_SHIFT); claimed by compare-and-swap. */
  NEXT: 1,
  /** Tasks finished in the current job. */
  DONE: 2,
  /** 1 + index of the first worker that failed (exception caught), 0 while none did. */
  FAILED: 3,
  /** 1 + index of a worker that exited, 0 while none did. */
  DEAD: 4,
  /** Generation of the current pool: a worker of an older one returns from its loop. */
  GEN: 5,
  /** Test hook: 1 makes the next worker task throw, 2 makes the worker exit. */
  CRASH: 6,
  /** The exit code of the worker named by DEAD. */
  EXIT_CODE: 7,
  /** Job parameters, written before NEXT gets the job's tag. */
  M: 16, N: 17, K: 18, A: 19, RS: 20, PS: 21, BP: 22, C: 23, LDC: 24, FRESH: 25, KC: 26,
  TASK_ROWS: 27, TASKS: 28, MODE: 29,
  /** BUSY + w is 1 while worker w is inside a task. */
  BUSY: 64,
} as const;

/**
 * NEXT = (tag << TAG_SHIFT) | task: 15 bits of task index (the driver keeps jobs
 * below 32767 tasks), 17 bits of job tag, so a tag repeats only after 131072 jobs.
 */
export const TAG_SHIFT = 15;
export const TASK_MASK = (1 << TAG_SHIFT) - 1;
/** A task index no job reaches: NEXT holds it while a job's parameters are being written. */
export const CLOSED = TASK_MASK;

/**
 * Each thread's own scratch: its packed A tile (MR × KC_MAX float64) and an MR×NR
 * tile; or, for the sparse rows, the nonzeros of a few rows (up to SPARSE_KC_MAX
 * each, with their offsets: sparseRowsBytes). A transposed sparse op(A) puts there the
 * buckets of a band of rows (sparse-wat.ts), at most a task's rows (64): a band must
 * reach 8 rows of SPARSE_KC_MAX entries each (8 × 24 580 bytes), which sets this size.
 */
export const THREAD_AREA_BYTES = 256 * 1024;
export const MAX_THREADS = 16;
export const KC_MAX = 512;
export const SPARSE_KC_MAX = 2048;
