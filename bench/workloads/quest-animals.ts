// Post 004's Quest, step 5: a part of chapter 13's grid (evaluate_algorithm with back_propagation
// for several n_folds and l_rate, each from seed(1)) on the zoo: the library's port
// (lib/src/models/quest-animals.ts) against the same code in CPython (bench/quest_animals.py).
import { PythonRandom, questAnimals } from "nnts";
import { PythonWorkload } from "./python-workload";
import { Variant, Workload } from "./workload";

interface Task { folds: number[]; lrates: number[]; epochs: number[] }
// Three of the notebook's 27 cells: n_folds 3, 5 and 10 at l_rate 0.3 and its shortest n_epoch, 100 (about 150 000 row updates).
const TASK: Task = { folds: [3, 5, 10], lrates: [0.3], epochs: [100] };

class QuestGrid extends PythonWorkload {
  private dataset?: number[][];

  constructor() {
    super("python-quest-grid",
      `post 004's Quest grid on the zoo: n_folds ${TASK.folds.join("/")}, l_rate ${TASK.lrates.join("/")}, ${TASK.epochs.join("/")} epochs, 16-5-7 sigmoid`,
      { kind: "quest_animals", ...TASK });
  }

  override setup(): void {
    this.dataset ??= questAnimals.loadAnimals().dataset;
  }

  time(variant: Variant): number[] {
    const t0 = performance.now();
    const cells = questAnimals.gridSearch(this.dataset!, TASK.folds, TASK.lrates, TASK.epochs, 5, new PythonRandom(1));
    const seconds = (performance.now() - t0) / 1000;
    variant.check = { meanOfMeans: cells.reduce((a, c) => a + c.mean, 0) / cells.length };
    return [seconds];
  }
}

export function questWorkloads(): Workload[] {
  return [new QuestGrid()];
}
