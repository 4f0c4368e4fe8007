// The end-to-end workloads: post 001's train_neuralnet and one epoch of post 000's
// NeuralNetMLP, in TS on the kernel and in the posts' own numpy code.
import { formatTime } from "./gemm";
import { exportMnistForNumpy, MnistArrays, mnistArrays } from "./mnist-arrays";
import { mlpEpoch } from "./mlp-epoch";
import { trainNeuralnet, unitMnist } from "./train-neuralnet";
import { median, Variant, Workload } from "./workload";

const variants = (): Variant[] => [
  { name: "wasm 1 thread", kernel: "wasm", settings: { threads: 1 }, samples: [] },
  { name: "wasm", kernel: "wasm", samples: [] },
];

/** train_neuralnet's untimed runs: one epoch's worth of iterations (600) with its evaluation. */
const WARM_UP_ITERS = 600;
/**
 * Untimed runs before a variant's first timed one, on both sides: the TS process touches
 * its scratch memory for the first time in its first two runs (numpy_bench.py says the same).
 */
const WARM_UP_RUNS = 2;

abstract class EndToEnd extends Workload {
  constructor(id: string, title: string, readonly dataDir: string) {
    super(id, title, "e2e", variants());
  }

  protected abstract runOnce(): unknown | Promise<unknown>;
  /** One untimed run (see WARM_UP_RUNS). */
  protected abstract warmUp(): unknown | Promise<unknown>;
  protected abstract task(): object;
  private readonly warm = new Set<string>();

  async time(variant: Variant): Promise<number[]> {
    if (!this.warm.has(variant.name)) {
      for (let r = 0; r < WARM_UP_RUNS; r++) await this.warmUp();
      this.warm.add(variant.name);
    }
    const t0 = performance.now();
    variant.check = await this.runOnce();
    return [(performance.now() - t0) / 1000];
  }

  numpyTasks(oneThread: boolean): object[] {
    exportMnistForNumpy(this.dataDir);
    return [{ id: this.numpyId(oneThread), reps: 1, ...this.task() }];
  }

  tableHeader(): string[] {
    return [
      "End to end (median seconds per run; the values each side computed, to check they agree):",
      "",
      "| workload | wasm 1 thread | wasm (default: 2 threads above the threshold) | numpy, 1 thread | numpy | wasm ÷ numpy | wasm 1 thread ÷ numpy 1 thread | TS result | numpy result |",
      "|---|---:|---:|---:|---:|---:|---:|---|---|",
    ];
  }

  tableRow(): string {
    const [one, def] = this.variants.map((v) => median(v.samples));
    const np = median(this.numpy), np1 = median(this.numpyOneThread);
    const show = (c: unknown) => (c ? Object.entries(c as Record<string, number>).map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toFixed(k === "cost" ? 2 : 4)}`).join(", ") : "–");
    return `| ${this.title} | ${formatTime(one)} | ${formatTime(def)} | ${formatTime(np1)} | ${formatTime(np)} | ${(def / np).toFixed(2)}× | ${(one / np1).toFixed(2)}× | ${show(this.variants[1].check)} | ${show(this.numpyCheck)} |`;
  }
}

class TrainNeuralnet extends EndToEnd {
  private mnist?: ReturnType<typeof unitMnist>;

  constructor(dataDir: string, readonly iters: number) {
    super("e2e-train-neuralnet", `post 001 train_neuralnet: ${iters} iterations, batch 100, 784-50-10 ReLU, accuracy each epoch (the library's TwoLayerNet and trainNeuralnet)`, dataDir);
  }

  override setup(): void {
    this.mnist ??= unitMnist();
  }

  protected runOnce(): Promise<unknown> {
    return trainNeuralnet(this.mnist!, this.iters, 0);
  }

  protected warmUp(): Promise<unknown> {
    return trainNeuralnet(this.mnist!, WARM_UP_ITERS, 0);
  }

  protected task(): object {
    return { kind: "train_neuralnet", iters: this.iters, warm_up_iters: WARM_UP_ITERS, warm_up_runs: WARM_UP_RUNS, seed: 0 };
  }
}

class MlpEpoch extends EndToEnd {
  private data?: MnistArrays;

  constructor(dataDir: string) {
    super("e2e-mlp-epoch", "post 000 NeuralNetMLP: one epoch of 55000 images in [−1, 1], batches of 100, sigmoid, plus the epoch's evaluation", dataDir);
  }

  override setup(): void {
    this.data ??= mnistArrays("train", "symmetric");
  }

  protected runOnce(): unknown {
    return mlpEpoch(this.data!);
  }

  protected warmUp(): unknown {
    return mlpEpoch(this.data!);
  }

  protected task(): object {
    return { kind: "mlp_epoch", warm_up_runs: WARM_UP_RUNS };
  }
}

export function e2eWorkloads(dataDir: string, iters: number): Workload[] {
  return [new TrainNeuralnet(dataDir, iters), new MlpEpoch(dataDir)];
}
