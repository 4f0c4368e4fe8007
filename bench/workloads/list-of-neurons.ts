// Post 004's network of neuron dictionaries, trained one row at a time: the library's
// port (lib/src/models/list-of-neurons.ts) against the same code in CPython
// (bench/list_of_neurons.py), on the first rows of the digits data.
import { listOfNeurons, loadDigits, PythonRandom } from "nnts";
import { formatTime } from "./gemm";
import { median, Variant, Workload } from "./workload";

interface Task { rows: number; hidden: number; lrate: number; epochs: number }
const TASK: Task = { rows: 300, hidden: 10, lrate: 0.3, epochs: 20 };

function digitRows(n: number): number[][] {
  const { X, y } = loadDigits();
  return Array.from({ length: n }, (_, i) => [...Array.from(X.data.subarray(i * 64, i * 64 + 64), (v) => v / 16), y[i]]);
}

class ListOfNeurons extends Workload {
  private rows?: number[][];

  constructor() {
    super("python-list-of-neurons",
      `post 004 train_network: ${TASK.rows} digit rows, 64-${TASK.hidden}-10 sigmoid, ${TASK.epochs} epochs one row at a time, lrate ${TASK.lrate}`,
      "python", [{ name: "TypeScript", kernel: "reference", samples: [] }]);
  }

  override rounds(total: number): number {
    return Math.min(total, 3);
  }

  override setup(): void {
    this.rows ??= digitRows(TASK.rows);
  }

  time(variant: Variant): number[] {
    const network = listOfNeurons.initializeNetwork(64, TASK.hidden, 10, new PythonRandom(1));
    const t0 = performance.now();
    const history = listOfNeurons.trainNetwork(network, this.rows!, TASK.lrate, TASK.epochs, 10);
    const seconds = (performance.now() - t0) / 1000;
    const correct = this.rows!.filter((row) => listOfNeurons.predict(network, row) === row[64]).length;
    variant.check = { error: history[history.length - 1].error, correct };
    return [seconds];
  }

  numpyTasks(oneThread: boolean): object[] {
    // Pure Python: one run is enough, threads change nothing.
    return oneThread ? [] : [{ id: this.numpyId(false), reps: 1, kind: "list_of_neurons", ...TASK }];
  }

  tableHeader(): string[] {
    return [
      "Plain Python (median seconds per run; the same code in CPython, no numpy; the values each side computed):",
      "",
      "| workload | TypeScript | CPython | TS ÷ CPython | TS result | CPython result |",
      "|---|---:|---:|---:|---|---|",
    ];
  }

  tableRow(): string {
    const ts = median(this.variants[0].samples), py = median(this.numpy);
    const show = (c: unknown) => (c ? Object.entries(c as Record<string, number>).map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toFixed(6)}`).join(", ") : "–");
    return `| ${this.title} | ${formatTime(ts)} | ${formatTime(py)} | ${(ts / py).toFixed(3)}× | ${show(this.variants[0].check)} | ${show(this.numpyCheck)} |`;
  }
}

export function pythonWorkloads(): Workload[] {
  return [new ListOfNeurons()];
}
