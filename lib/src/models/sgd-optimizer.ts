// scikit-learn's SGDOptimizer (sklearn/neural_network/_stochastic_optimizers.py), the one
// solver MLPClassifier ports. Apart from mlp-classifier.ts so that it reads as the
// classifier itself; not part of the public API (the library's own SGD is in optimizers.ts).
import type { Tensor } from "../tensor";

/** scikit-learn's SGDOptimizer: updates = momentum·v − lr·g become the velocities; Nesterov's repeats it with them. */
export class SGDOptimizer {
  private readonly velocities: Float64Array[];
  constructor(params: readonly Tensor[], private readonly learningRate: number, private readonly momentum: number, private readonly nesterov: boolean) {
    this.velocities = params.map((p) => new Float64Array(p.size));
  }

  updateParams(params: readonly Tensor[], grads: readonly Tensor[]): void {
    const { momentum, learningRate: lr, nesterov } = this;
    params.forEach((param, k) => {
      const v = this.velocities[k], g = grads[k].data, p = param.data;
      for (let i = 0; i < p.length; i++) {
        let update = momentum * v[i] - lr * g[i];
        v[i] = update;
        if (nesterov) update = momentum * update - lr * g[i];
        p[i] += update;
      }
    });
  }
}
