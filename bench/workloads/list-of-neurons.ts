// Post 004's network of neuron dictionaries, trained one row at a time: the library's
// port (lib/src/models/list-of-neurons.ts) against the same code in CPython
// (bench/list_of_neurons.py), on the first rows of the digits data.
import { listOfNeurons, loadDigits, PythonRandom } from "nnts";
import { PythonWorkload } from "./python-workload";
import { Variant, Workload } from "./workload";

interface Task { rows: number; hidden: number; lrate: number; epochs: number }
const TASK: Task = { rows: 300, hidden: 10, lrate: 0.3, epochs: 20 };

function digitRows(n: number): number[][] {
  const { X, y } = loadDigits();
  return Array.from({ length: n }, (_, i) => [...Array.from(X.data.subarray(i * 64, i * 64 + 64), (v) => v / 16), y[i]]);
}

class ListOfNeurons extends PythonWorkload {
  private rows?: number[][];

  constructor() {
    super("python-list-of-neurons",
      `post 004 train_network: ${TASK.rows} digit rows, 64-${TASK.hidden}-10 sigmoid, ${TASK.epochs} epochs one row at a time, lrate ${TASK.lrate}`,
      { kind: "list_of_neurons", ...TASK });
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
}

export function pythonWorkloads(): Workload[] {
  return [new ListOfNeurons()];
}
