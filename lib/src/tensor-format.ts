// How a tensor prints: like numpy, the first and last few entries of long axes.

/** What printing needs of a tensor (this module comes before tensor.ts). */
interface Printable {
  readonly data: Float64Array;
  readonly shape: readonly number[];
  readonly ndim: number;
}

function formatNumber(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-4 || a >= 1e8) ? v.toExponential(6).replace(/\.?0+e/, "e") : String(Number(v.toPrecision(8)));
}

export function formatTensor(t: Printable): string {
  // A 0-d tensor is one number, printed as numpy prints a scalar: 26, not "Tensor() 26".
  if (t.ndim === 0) return formatNumber(t.data[0]);
  const edge = 3; // like numpy, show the first and last few entries of long axes
  const prefix = `Tensor(${t.shape.join("×")}) `;
  const fmt = (axis: number, off: number): string => {
    if (axis === t.ndim) return formatNumber(t.data[off]);
    const len = t.shape[axis];
    const stride = t.shape.slice(axis + 1).reduce((n, d) => n * d, 1);
    const items: string[] = [];
    for (let i = 0; i < len; i++) {
      if (len > 2 * edge + 1 && i === edge) { items.push("…"); i = len - edge - 1; continue; }
      items.push(fmt(axis + 1, off + i * stride));
    }
    const sep = axis === t.ndim - 1 ? ", " : ",\n" + " ".repeat(prefix.length + axis + 1);
    return "[" + items.join(sep) + "]";
  };
  return prefix + fmt(0, 0);
}
