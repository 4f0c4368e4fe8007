// The book's progress line of NeuralNetMLP.fit, for a notebook's onEpoch to print.
// Apart because it formats text rather than trains, so neural-net-mlp.ts reads as the book's class.
import { pythonFixed } from "../python-format";

/**
 * The book's progress line, in the post's words: epoch zero-padded to the width of
 * `epochs`, the cost and both accuracies (as percentages) with two decimals, e.g.
 * `001/200 | 비용: 66739.71 | 훈련/검증 정확도 : 84.53%/88.86%`.
 */
export function formatEpochLine(epoch: number, epochs: number, cost: number, trainAcc: number, validAcc: number): string {
  const padded = String(epoch).padStart(String(epochs).length, "0");
  return `${padded}/${epochs} | 비용: ${pythonFixed(cost, 2)} | 훈련/검증 정확도 : ${pythonFixed(trainAcc * 100, 2)}%/${pythonFixed(validAcc * 100, 2)}%`;
}
