import { argumentError } from "../checks";
import { buildChart, Chart, ChartOptions, LayerSpec } from "./chart";
import { checkSameLength, Dropped, finiteExtent, numbers, Numbers, plural, tidy } from "./data";
import { MAX_ARROWS } from "./limits";
import { DEFAULT_HEIGHT, DEFAULT_WIDTH, PALETTE } from "./theme";

export interface ArrowFieldOptions extends ChartOptions {
  /** Arrow bases. */
  x: Numbers;
  y: Numbers;
  /** Arrow directions (e.g. the negative gradient at each base). */
  u: Numbers;
  v: Numbers;
  /** Data units of arrow length per unit of (u, v); default: the longest arrow is 0.9 grid steps. */
  scale?: number;
  /** Draw every arrow the same length and show the magnitude by colour only. */
  normalize?: boolean;
  /** Colour arrows by magnitude (default: when `normalize`). */
  colorByMagnitude?: boolean;
  color?: string;
  xRange?: [number, number];
  yRange?: [number, number];
  /** Legend title for the magnitude (default "|(u, v)|"). */
  colorLabel?: string;
}

/** Smallest positive gap between distinct sorted values: the grid step. */
function gridStep(values: number[]): number {
  const u = [...new Set(values)].sort((a, b) => a - b);
  let step = Infinity;
  for (let i = 1; i < u.length; i++) step = Math.min(step, u[i] - u[i - 1]);
  return step;
}

function padded(lo: number, hi: number): [number, number] {
  const pad = hi > lo ? 0.05 * (hi - lo) : 1;
  return [tidy(lo - pad), tidy(hi + pad)];
}

/**
 * A vector field as arrows: a rule for each shaft and a small triangle at its tip,
 * turned to point along the arrow on screen. At most MAX_ARROWS arrows.
 */
export function arrowField(options: ArrowFieldOptions): Chart {
  const x = numbers(options.x, "arrowField: x");
  const y = numbers(options.y, "arrowField: y");
  const u = numbers(options.u, "arrowField: u");
  const v = numbers(options.v, "arrowField: v");
  checkSameLength("arrowField", x, "x", y, "y");
  checkSameLength("arrowField", x, "x", u, "u");
  checkSameLength("arrowField", x, "x", v, "v");
  if (x.length > MAX_ARROWS) throw argumentError("arrowField", "the number of arrows", `at most ${MAX_ARROWS}`, String(x.length));
  const dropped = new Dropped();
  const keep: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (dropped.keep(x[i], y[i]) && dropped.keep(u[i], v[i])) keep.push(i);
  }
  const mags = keep.map((i) => Math.hypot(u[i], v[i]));
  const maxMag = Math.max(0, ...mags);
  const xs = keep.map((i) => x[i]);
  const ys = keep.map((i) => y[i]);
  let step = Math.min(gridStep(xs), gridStep(ys));
  if (!Number.isFinite(step)) {
    const ex = finiteExtent(xs);
    const ey = finiteExtent(ys);
    const span = Math.max(ex ? ex[1] - ex[0] : 0, ey ? ey[1] - ey[0] : 0);
    step = span > 0 ? span / Math.max(1, Math.sqrt(keep.length)) : 1;
  }
  const lengthOf = (m: number) => (options.normalize ? (m > 0 ? (0.9 * step) / m : 0) : options.scale ?? (maxMag > 0 ? (0.9 * step) / maxMag : 0));
  const rows = keep.map((i, k) => {
    const s = lengthOf(mags[k]);
    return { x: x[i], y: y[i], x2: x[i] + u[i] * s, y2: y[i] + v[i] * s, m: mags[k] };
  });
  const ex = finiteExtent(rows.flatMap((r) => [r.x, r.x2])) ?? [0, 1];
  const ey = finiteExtent(rows.flatMap((r) => [r.y, r.y2])) ?? [0, 1];
  const xDomain = options.xRange ?? padded(ex[0], ex[1]);
  const yDomain = options.yRange ?? padded(ey[0], ey[1]);
  // Screen direction: pixels per data unit on each axis (y grows downwards on screen).
  const kx = (options.width ?? DEFAULT_WIDTH) / (xDomain[1] - xDomain[0]);
  const ky = (options.height ?? DEFAULT_HEIGHT) / (yDomain[1] - yDomain[0]);
  const values = rows.map((r) => ({
    x: tidy(r.x),
    y: tidy(r.y),
    x2: tidy(r.x2),
    y2: tidy(r.y2),
    m: tidy(r.m),
    // Degrees clockwise from "up", the angle Vega turns a symbol by.
    angle: tidy((Math.atan2((r.x2 - r.x) * kx, (r.y2 - r.y) * ky) * 180) / Math.PI),
  }));
  const byMagnitude = options.colorByMagnitude ?? options.normalize ?? false;
  const color = byMagnitude
    ? { color: { field: "m", type: "quantitative", title: options.colorLabel ?? "|(u, v)|", scale: { scheme: "viridis" }, legend: { type: "gradient" } } }
    : {};
  const fixed = byMagnitude ? {} : { color: options.color ?? PALETTE[0] };
  const pos = {
    x: { field: "x", type: "quantitative", title: options.xLabel ?? "x", scale: { domain: xDomain, nice: false, zero: false } },
    y: { field: "y", type: "quantitative", title: options.yLabel ?? "y", scale: { domain: yDomain, nice: false, zero: false } },
  };
  const shafts = {
    data: { values },
    mark: { type: "rule", strokeWidth: 1.3, clip: true, ...fixed },
    encoding: { ...pos, x2: { field: "x2" }, y2: { field: "y2" }, ...color },
  };
  const heads = {
    data: { values },
    transform: [{ filter: "datum.m > 0" }],
    mark: { type: "point", shape: "triangle", filled: true, size: 36, opacity: 1, clip: true, ...fixed },
    encoding: {
      x: { ...pos.x, field: "x2" },
      y: { ...pos.y, field: "y2" },
      angle: { field: "angle", type: "quantitative", scale: null },
      ...color,
    },
  };
  return buildChart(options, {
    kind: "arrow field",
    summary: plural(values.length, "arrow"),
    notes: dropped.notes(),
    layers: [shafts, heads] as unknown as LayerSpec[],
  });
}
