// What the plain-Python workloads share: one TypeScript variant against the same code in
// CPython (no numpy, so threads change nothing and one CPython run per round is enough),
// a few rounds, and the "python" group's table.
import { formatTime } from "./gemm";
import { median, Workload } from "./workload";

export abstract class PythonWorkload extends Workload {
  /** The task for numpy_bench.py: its kind and parameters. */
  constructor(id: string, title: string, private readonly task: { kind: string } & Record<string, unknown>) {
    super(id, title, "python", [{ name: "TypeScript", kernel: "reference", samples: [] }]);
  }

  override rounds(total: number): number {
    return Math.min(total, 3);
  }

  numpyTasks(oneThread: boolean): object[] {
    return oneThread ? [] : [{ id: this.numpyId(false), reps: 1, ...this.task }];
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
