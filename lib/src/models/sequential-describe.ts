// How Sequential names its layers in error messages and finds their widths in summary().
// Apart from sequential.ts so that it reads as the class itself; not part of the public API.
import { Affine } from "../layers";

export function layerName(layer: object): string {
  return layer.constructor.name;
}

/** "Affine 10→50" or "Relu", for messages. */
export function describeLayer(layer: object, index: number): string {
  return layer instanceof Affine ? `layers[${index}] (Affine ${layer.W.shape[0]}→${layer.W.shape[1]})` : `layers[${index}] (${layerName(layer)})`;
}

/** The width a non-Affine entry outputs: that of the nearest Affine before it. */
export function entryWidth(entries: [object, number][], i: number, inputSize: number): number {
  for (let j = i; j >= 0; j--) {
    const layer = entries[j][0];
    if (layer instanceof Affine) return layer.W.shape[1];
  }
  return inputSize;
}
