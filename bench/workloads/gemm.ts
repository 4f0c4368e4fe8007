// Matrix products of the MLP chapters, timed on each kernel and on numpy.
import { kernel, resident, Rng, Tensor } from "nnts";
import { exportMnistForNumpy, mnistArrays } from "./mnist-arrays";
import { median, Variant, timeRepeatedly, Workload } from "./workload";

/** A copy of `values` where the kernel's products read it in place (the library's resident). */
function kernelCopy(values: Float64Array): Float64Array {
  return resident(new Tensor(values, [values.length])).data;
}

interface Shape {
  transA: boolean; transB: boolean; m: number; n: number; k: number;
  /** A holds the first MNIST training images in [0, 1] (81% zeros), as stored: rows of 784 pixels. */
  mnist?: boolean;
}

const flops = (s: Shape) => 2 * s.m * s.n * s.k;
const gflops = (s: Shape, seconds: number) => (Number.isFinite(seconds) ? (flops(s) / seconds / 1e9).toFixed(1) : "–");

class GemmWorkload extends Workload {
  private a = new Float64Array(0);
  private b = new Float64Array(0);
  private c = new Float64Array(0);
  /** The same operands in the kernel's memory (resident). */
  private home = { a: new Float64Array(0), b: new Float64Array(0), c: new Float64Array(0) };

  override readonly alternations: number;

  constructor(id: string, title: string, group: "gemm" | "crossover", readonly shape: Shape, variants: Variant[], readonly dataDir = "") {
    super(id, title, group, variants);
    // The crossover compares 1 and 2 threads: they alternate call by call.
    this.alternations = group === "crossover" ? 200 : 0;
  }

  override setup(): void {
    if (this.a.length) return;
    // Dense values in [−1, 1): no zeros for the reference kernel to skip.
    const rng = Rng.numpy(0);
    const { m, n, k } = this.shape;
    this.a = rng.uniformArray(-1, 1, m * k);
    this.b = rng.uniformArray(-1, 1, k * n);
    if (this.shape.mnist) this.a = mnistArrays("train", "unit").x.slice(0, m * k);
    this.c = new Float64Array(m * n);
    if (this.variants.some((v) => v.kernelArrays)) this.home = { a: kernelCopy(this.a), b: kernelCopy(this.b), c: kernelCopy(this.c) };
  }

  private operands(variant: Variant): { a: Float64Array; b: Float64Array; c: Float64Array } {
    return variant.kernelArrays ? this.home : { a: this.a, b: this.b, c: this.c };
  }

  override timeOnce(variant: Variant): number {
    const { transA, transB, m, n, k } = this.shape;
    const { a, b, c } = this.operands(variant);
    const t0 = performance.now();
    kernel().gemm(transA, transB, m, n, k, a, b, c, false);
    return (performance.now() - t0) / 1000;
  }

  time(variant: Variant): number[] {
    const { transA, transB, m, n, k } = this.shape;
    const { a, b, c } = this.operands(variant);
    const slow = flops(this.shape) > 1e9;
    return timeRepeatedly(() => kernel().gemm(transA, transB, m, n, k, a, b, c, false), slow ? 1 : 0.3, 200, !slow || kernel().name !== "reference");
  }

  numpyTasks(oneThread: boolean): object[] {
    if (this.group === "crossover") return [];
    const reps = Math.max(2, Math.min(200, Math.round(0.3 / (flops(this.shape) / 50e9))));
    if (this.shape.mnist) exportMnistForNumpy(this.dataDir);
    return [{ id: this.numpyId(oneThread), kind: "gemm", ...this.shape, mnist: this.shape.mnist ? this.dataDir : undefined, reps }];
  }

  tableHeader(): string[] {
    if (this.group === "crossover") return [
      "Where two threads start to pay (wasm kernel, GFLOP/s and median time per product; the two alternate call by call, 200 times per round):",
      "",
      "| product | MFLOP | 1 thread | 2 threads | speed-up |",
      "|---|---:|---:|---:|---:|",
    ];
    return [
      "GFLOP/s (median time per product in parentheses):",
      "",
      `| product | ${this.variants.map((v) => v.name).join(" | ")} | numpy, 1 thread | numpy | wasm 2 threads ÷ numpy (time) | wasm 1 thread ÷ numpy 1 thread |`,
      `|---|${this.variants.map(() => "---:|").join("")}---:|---:|---:|---:|`,
    ];
  }

  tableRow(): string {
    const cell = (seconds: number) => `${gflops(this.shape, seconds)} (${formatTime(seconds)})`;
    const times = this.variants.map((v) => median(v.samples));
    if (this.group === "crossover")
      return `| ${this.title} | ${(flops(this.shape) / 1e6).toFixed(2)} | ${cell(times[0])} | ${cell(times[1])} | ${(times[0] / times[1]).toFixed(2)}× |`;
    const np = median(this.numpy), np1 = median(this.numpyOneThread);
    const two = times[this.variants.findIndex((v) => v.name === "wasm 2 threads")];
    const one = times[this.variants.findIndex((v) => v.name === "wasm 1 thread")];
    return `| ${this.title} | ${times.map(cell).join(" | ")} | ${cell(np1)} | ${cell(np)} | ${(two / np).toFixed(2)}× | ${(one / np1).toFixed(2)}× |`;
  }
}

export function formatTime(seconds: number): string {
  if (!Number.isFinite(seconds)) return "–";
  if (seconds >= 1) return `${seconds.toFixed(2)} s`;
  if (seconds >= 1e-3) return `${(seconds * 1e3).toFixed(2)} ms`;
  return `${(seconds * 1e6).toFixed(0)} µs`;
}

const kernels = (): Variant[] => [
  { name: "reference", kernel: "reference", samples: [] },
  { name: "wasm 1 thread", kernel: "wasm", settings: { threads: 1 }, samples: [] },
  { name: "wasm 2 threads", kernel: "wasm", settings: { threads: 2, parallelMinFlops: 0, adaptive: false }, samples: [] },
  { name: "wasm (default: adaptive)", kernel: "wasm", samples: [] },
  { name: "wasm (default), operands made with resident", kernel: "wasm", kernelArrays: true, samples: [] },
];

export function gemmWorkloads(dataDir: string): Workload[] {
  const g = (id: string, title: string, shape: Shape) => new GemmWorkload(id, title, "gemm", shape, kernels(), dataDir);
  return [
    g("gemm-100x784x50", "X·W: (100×784)·(784×50)", { transA: false, transB: false, m: 100, n: 50, k: 784 }),
    g("gemm-100x784x100", "X·W: (100×784)·(784×100)", { transA: false, transB: false, m: 100, n: 100, k: 784 }),
    g("gemm-xt-delta", "Xᵀ·δ: (100×784)ᵀ·(100×100), the dW gradient", { transA: true, transB: false, m: 784, n: 100, k: 100 }),
    g("gemm-delta-wt", "δ·Wᵀ: (100×100)·(784×100)ᵀ, the dX gradient", { transA: false, transB: true, m: 100, n: 784, k: 100 }),
    // train_neuralnet's first layer, with real images: the wasm kernel goes over the nonzeros only.
    g("gemm-mnist-x-w", "X·W with 100 MNIST images (19% nonzero): (100×784)·(784×50)", { transA: false, transB: false, m: 100, n: 50, k: 784, mnist: true }),
    g("gemm-mnist-xt-delta", "Xᵀ·δ with 100 MNIST images: (100×784)ᵀ·(100×50), the dW1 gradient", { transA: true, transB: false, m: 784, n: 50, k: 100, mnist: true }),
    g("gemm-60000", "X·W: (60000×784)·(784×100), a full-set evaluation", { transA: false, transB: false, m: 60000, n: 100, k: 784 }),
  ];
}

export function crossoverWorkloads(): Workload[] {
  const shapes: [number, number, number][] = [[100, 10, 100], [100, 10, 784], [100, 50, 100], [100, 100, 100], [100, 25, 784], [100, 50, 784], [100, 100, 784]];
  return shapes.map(([m, n, k]) => new GemmWorkload(`crossover-${m}x${k}x${n}`, `(${m}×${k})·(${k}×${n})`, "crossover", { transA: false, transB: false, m, n, k }, [
    { name: "wasm 1 thread", kernel: "wasm", settings: { threads: 1 }, samples: [] },
    { name: "wasm 2 threads", kernel: "wasm", settings: { threads: 2, parallelMinFlops: 0, adaptive: false }, samples: [] },
  ]));
}
