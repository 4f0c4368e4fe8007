// Contour lines of f(x, y) by marching squares, joined into polylines so that each
// line is one SVG path, optionally over a coarse heatmap, with paths (gradient
// descent steps) drawn on top.

import { argumentError, checkInteger } from "../checks";
import { buildChart, Chart, ChartOptions, LayerSpec } from "./chart";
import { Dropped, finiteExtent, plural, tidy } from "./data";
import { heatmap } from "./heatmap";
import { layerCharts } from "./layer";
import { MAX_CONTOUR_LEVELS, MAX_CONTOUR_POINTS, MAX_CONTOUR_RESOLUTION } from "./limits";
import { lineChart, LineSeries } from "./line";

export interface ContourOptions extends ChartOptions {
  f: (x: number, y: number) => number;
  xRange: [number, number];
  yRange: [number, number];
  /**
   * Grid points along each axis for the contours (default 60, at most MAX_CONTOUR_RESOLUTION = 300);
   * above MAX_CONTOUR_POINTS points on the lines a coarser grid is drawn (and text/plain says so).
   */
  resolution?: number;
  /** Number of levels (default 12) or the levels themselves, at most MAX_CONTOUR_LEVELS = 50. */
  levels?: number | number[];
  /** Space the levels geometrically (for bowls such as a cost surface: more lines near the minimum). Needs f > 0 above the minimum. */
  logLevels?: boolean;
  /** Fill the background with a coarse heatmap of f (default false: lines only, a smaller SVG). */
  fill?: boolean;
  /** Vega colour scheme for the levels (default "viridis"). */
  scheme?: string;
  /** Legend title for the levels (default "f"). */
  colorLabel?: string;
}

export interface ContourLine {
  level: number;
  points: [number, number][];
}

/** Marching squares over a grid of values z[j * nx + i] at (xs[i], ys[j]); lines joined across cells. */
export function contourLines(z: ArrayLike<number>, xs: readonly number[], ys: readonly number[], levels: readonly number[]): ContourLine[] {
  const nx = xs.length;
  const ny = ys.length;
  const out: ContourLine[] = [];
  for (const level of levels) {
    // An edge point is identified by its grid edge: "h i j" joins (i,j)-(i+1,j), "v i j" joins (i,j)-(i,j+1).
    const pos = new Map<string, [number, number]>();
    const adj = new Map<string, string[]>();
    const point = (key: string, a: number, b: number, pa: [number, number], pb: [number, number]) => {
      if (!pos.has(key)) {
        const t = (level - a) / (b - a);
        pos.set(key, [pa[0] + t * (pb[0] - pa[0]), pa[1] + t * (pb[1] - pa[1])]);
      }
      return key;
    };
    const link = (p: string, q: string) => {
      if (p === q) return;
      adj.set(p, [...(adj.get(p) ?? []), q]);
      adj.set(q, [...(adj.get(q) ?? []), p]);
    };
    for (let j = 0; j + 1 < ny; j++) {
      for (let i = 0; i + 1 < nx; i++) {
        const z00 = z[j * nx + i];
        const z10 = z[j * nx + i + 1];
        const z11 = z[(j + 1) * nx + i + 1];
        const z01 = z[(j + 1) * nx + i];
        if (!(Number.isFinite(z00) && Number.isFinite(z10) && Number.isFinite(z11) && Number.isFinite(z01))) continue;
        const p00: [number, number] = [xs[i], ys[j]];
        const p10: [number, number] = [xs[i + 1], ys[j]];
        const p11: [number, number] = [xs[i + 1], ys[j + 1]];
        const p01: [number, number] = [xs[i], ys[j + 1]];
        const code = (z00 > level ? 1 : 0) | (z10 > level ? 2 : 0) | (z11 > level ? 4 : 0) | (z01 > level ? 8 : 0);
        if (code === 0 || code === 15) continue;
        const bottom = () => point(`h${i},${j}`, z00, z10, p00, p10);
        const right = () => point(`v${i + 1},${j}`, z10, z11, p10, p11);
        const top = () => point(`h${i},${j + 1}`, z01, z11, p01, p11);
        const left = () => point(`v${i},${j}`, z00, z01, p00, p01);
        switch (code) {
          case 1: case 14: link(left(), bottom()); break;
          case 2: case 13: link(bottom(), right()); break;
          case 3: case 12: link(left(), right()); break;
          case 4: case 11: link(right(), top()); break;
          case 6: case 9: link(bottom(), top()); break;
          case 7: case 8: link(left(), top()); break;
          case 5: case 10: {
            // Saddle: decide by the centre value.
            const centreHigh = (z00 + z10 + z11 + z01) / 4 > level;
            if ((code === 5) === centreHigh) {
              link(left(), top());
              link(bottom(), right());
            } else {
              link(left(), bottom());
              link(right(), top());
            }
            break;
          }
        }
      }
    }
    // Walk the chains: open ones from their ends first, then closed loops.
    const used = new Set<string>();
    const edgeKey = (p: string, q: string) => (p < q ? p + "|" + q : q + "|" + p);
    const walk = (start: string) => {
      const pts = [start];
      let cur = start;
      for (;;) {
        const next = (adj.get(cur) ?? []).find((q) => !used.has(edgeKey(cur, q)));
        if (next === undefined) break;
        used.add(edgeKey(cur, next));
        pts.push(next);
        cur = next;
      }
      if (pts.length > 1) out.push({ level, points: pts.map((k) => pos.get(k)!) });
    };
    const keys = [...adj.keys()];
    for (const k of keys) if (adj.get(k)!.length === 1) walk(k);
    for (const k of keys) walk(k);
  }
  return out;
}

function evalGrid(f: (x: number, y: number) => number, xRange: [number, number], yRange: [number, number], n: number) {
  const xs = Array.from({ length: n }, (_, i) => xRange[0] + ((xRange[1] - xRange[0]) * i) / (n - 1));
  const ys = Array.from({ length: n }, (_, j) => yRange[0] + ((yRange[1] - yRange[0]) * j) / (n - 1));
  const z = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) z[j * n + i] = f(xs[i], ys[j]);
  return { xs, ys, z };
}

function chooseLevels(z: ArrayLike<number>, levels: number | number[] | undefined, log: boolean | undefined): number[] {
  if (Array.isArray(levels)) return [...levels].sort((a, b) => a - b);
  const count = levels ?? 12;
  const extent = finiteExtent(Array.from(z));
  if (!extent || extent[1] === extent[0]) return [];
  const [lo, hi] = extent;
  const span = hi - lo;
  // Geometric steps above the minimum are dense near the bottom of a bowl.
  const first = span * 1e-3;
  const raw = Array.from({ length: count }, (_, k) =>
    log ? lo + first * Math.pow(span / first, (k + 0.5) / count) : lo + (span * (k + 0.5)) / count,
  );
  // Round levels for the legend (3 significant digits), keeping them distinct.
  const rounded = [...new Set(raw.map((v) => Number(v.toPrecision(3))))];
  return rounded.length === raw.length ? rounded : raw.map(tidy);
}

/**
 * The contour lines of a grid, level by level, and their number of points; stops after the
 * level that takes them over MAX_CONTOUR_POINTS (a coarser grid is drawn then), so that
 * a ragged f on a fine grid costs no more than that.
 */
function linesWithin(grid: { xs: number[]; ys: number[]; z: Float64Array }, levels: readonly number[]): { lines: ContourLine[]; points: number } {
  const lines: ContourLine[] = [];
  let points = 0;
  for (const level of levels) {
    for (const line of contourLines(grid.z, grid.xs, grid.ys, [level])) {
      lines.push(line);
      points += line.points.length;
    }
    if (points > MAX_CONTOUR_POINTS) break;
  }
  return { lines, points };
}

/** Contour lines of f over a rectangle (optionally over a heatmap of f). */
export function contourChart(options: ContourOptions): Chart {
  const requested = checkInteger("contourChart", "resolution", options.resolution ?? 60, 3, MAX_CONTOUR_RESOLUTION);
  if (Array.isArray(options.levels)) {
    if (options.levels.length > MAX_CONTOUR_LEVELS) throw argumentError("contourChart", "levels", `at most ${MAX_CONTOUR_LEVELS} values`, `${options.levels.length} values`);
  } else if (options.levels !== undefined) {
    checkInteger("contourChart", "levels", options.levels, 1, MAX_CONTOUR_LEVELS);
  }
  for (const [r, name] of [[options.xRange, "xRange"], [options.yRange, "yRange"]] as const) {
    if (!(r && Number.isFinite(r[0]) && Number.isFinite(r[1]) && r[1] > r[0])) throw new Error(`contourChart: bad ${name}`);
  }
  let n = requested;
  let grid = evalGrid(options.f, options.xRange, options.yRange, n);
  // The levels come from the requested grid, also when a coarser one is drawn.
  const levels = chooseLevels(grid.z, options.levels, options.logLevels);
  let lines = linesWithin(grid, levels);
  // Lines too long for the output: coarser grids until they fit.
  while (lines.points > MAX_CONTOUR_POINTS && n > 3) {
    n = Math.max(3, Math.min(n - 1, Math.floor((n * MAX_CONTOUR_POINTS) / lines.points)));
    grid = evalGrid(options.f, options.xRange, options.yRange, n);
    lines = linesWithin(grid, levels);
  }
  const dropped = new Dropped();
  let bad = 0;
  for (const v of grid.z) if (!Number.isFinite(v)) bad++;
  if (bad > 0) dropped.note(`f is not finite at ${plural(bad, "grid point")}`);
  const values: { level: number; line: number; i: number; x: number; y: number }[] = [];
  lines.lines.forEach((line, k) =>
    line.points.forEach(([x, y], i) => values.push({ level: tidy(line.level), line: k, i, x: tidy(x), y: tidy(y) })),
  );
  const scale = (r: [number, number]) => ({ domain: r, nice: false, zero: false });
  const lineLayer = {
    data: { values },
    mark: { type: "line", strokeWidth: 1.2, clip: true, ...(options.fill ? { color: "white", opacity: 0.7 } : {}) },
    encoding: {
      x: { field: "x", type: "quantitative", title: options.xLabel ?? "x", scale: scale(options.xRange) },
      y: { field: "y", type: "quantitative", title: options.yLabel ?? "y", scale: scale(options.yRange) },
      detail: { field: "line", type: "nominal" },
      order: { field: "i", type: "quantitative" },
      ...(options.fill
        ? {}
        : {
            // One colour per level, evenly along the scheme (as matplotlib's contour does).
            color: {
              field: "level",
              type: "ordinal",
              title: options.colorLabel ?? "f",
              scale: { scheme: options.scheme ?? "viridis", domain: levels.map(tidy) },
              legend: levels.length <= 16 ? { symbolType: "stroke" } : null,
            },
          }),
    },
  } as unknown as LayerSpec;
  const layers: LayerSpec[] = [];
  if (options.fill) {
    // A coarse grid keeps the SVG small; the contour lines carry the detail.
    const m = Math.min(n, 32);
    const fine = evalGrid(options.f, options.xRange, options.yRange, m);
    const bg = heatmap({
      values: fine.z,
      rows: m,
      cols: m,
      x: fine.xs,
      y: fine.ys,
      scheme: options.scheme,
      colorLabel: options.colorLabel ?? "f",
      xLabel: options.xLabel,
      yLabel: options.yLabel,
    });
    const bgLayer = (bg.spec as unknown as Record<string, unknown>);
    const { $schema: _s, title: _t, width: _w, height: _h, config: _c, ...unit } = bgLayer;
    const enc = (unit as { encoding: Record<string, Record<string, unknown>> }).encoding;
    enc.x.scale = scale(options.xRange);
    enc.y.scale = scale(options.yRange);
    layers.push(unit as unknown as LayerSpec);
  }
  layers.push(lineLayer);
  return buildChart(options, {
    kind: "contour chart",
    summary: `${plural(levels.length, "level")}, ${plural(lines.lines.length, "line")} on a ${requested}×${requested} grid` + (n < requested ? ` (drawn: ${n}×${n})` : ""),
    notes: dropped.notes(),
    layers,
  });
}

export interface ContourWithPathsOptions extends ContourOptions {
  /** Paths drawn in order over the contours, e.g. the weights after each gradient-descent step. */
  paths: LineSeries | LineSeries[];
  /** Mark each step of the paths (default true). */
  points?: boolean;
}

/** Contours of f with paths on top: gradient descent on a cost surface. */
export function contourWithPaths(options: ContourWithPathsOptions): Chart {
  const { paths, points, ...contourOptions } = options;
  const base = contourChart(contourOptions);
  const series = Array.isArray(paths) ? paths : [paths];
  const lines = lineChart({
    series: series.map((s, i) => ({ ...s, color: s.color ?? ["#d62728", "#ff7f0e", "#e377c2", "#17becf", "#1f77b4"][i % 5] })),
    connect: "order",
    points: points ?? true,
    xDomain: options.xRange,
    yDomain: options.yRange,
  });
  return layerCharts(base, lines, {
    title: options.title,
    subtitle: options.subtitle,
    xLabel: options.xLabel ?? "x",
    yLabel: options.yLabel ?? "y",
    width: options.width,
    height: options.height,
    independentColors: true,
  });
}
