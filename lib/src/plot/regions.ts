import { checkInteger } from "../checks";
import { buildChart, Chart, ChartOptions, LayerSpec } from "./chart";
import { classDomain, className, ClassNames, Dropped, finiteExtent, labelArray, numbers, plural, tidy } from "./data";
import { drawnNote, MAX_REGION_RECTANGLES, MAX_REGION_RESOLUTION } from "./limits";
import { checkClassCount, scatterLayer, ScatterPoints } from "./scatter";
import { PALETTE } from "./theme";

export interface DecisionRegionsOptions extends ChartOptions {
  /** The classifier: class of the point (x1, x2), an index into classNames or a label such as -1 / 1. */
  predict: (x1: number, x2: number) => number | string;
  /** Plotted ranges; default: the points' extent plus 10% on each side. */
  xRange?: [number, number];
  yRange?: [number, number];
  /**
   * Grid cells along each axis (default 60, at most MAX_REGION_RESOLUTION = 200). Runs of equal cells are
   * merged into one rectangle; above MAX_REGION_RECTANGLES rectangles a coarser grid is drawn (and text/plain says so).
   */
  resolution?: number;
  /** The training points, drawn over the regions. */
  points?: ScatterPoints;
  classNames?: ClassNames;
  colors?: string[];
  /** Opacity of the regions (default 0.3). */
  opacity?: number;
  /** Different point shapes per class (default true). */
  shapes?: boolean;
  legendTitle?: string;
}

/** `#rrggbb` (or `#rgb`) seen at `alpha` over white, as `#rrggbb`; null for other colour syntaxes. */
export function blendWithWhite(color: string, alpha: number): string | null {
  let hex = /^#([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(color.trim())?.[1];
  if (hex === undefined) return null;
  if (hex.length === 3) hex = hex.replace(/./g, (ch) => ch + ch);
  const a = Math.min(1, Math.max(0, alpha));
  let out = "#";
  for (let i = 0; i < 3; i++) {
    const v = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
    out += Math.round(a * v + (1 - a) * 255).toString(16).padStart(2, "0");
  }
  return out;
}

interface Rect {
  x: number;
  x2: number;
  y: number;
  y2: number;
  class: string;
}

function defaultRange(values: ArrayLike<number> | undefined, what: string): [number, number] {
  const extent = values ? finiteExtent(Array.from(values)) : null;
  if (!extent) throw new Error(`decisionRegions: give ${what} (there are no points to take it from)`);
  const pad = extent[1] > extent[0] ? 0.1 * (extent[1] - extent[0]) : 1;
  return [extent[0] - pad, extent[1] + pad];
}

/**
 * The classes of the n×n cell centres (row by row from the bottom; null where predict
 * gave no class), and the cells merged into rectangles (in cell units).
 */
function classifiedRegions(
  options: DecisionRegionsOptions,
  xRange: [number, number],
  yRange: [number, number],
  n: number,
): { grid: (number | string | null)[]; rects: Rect[]; badCells: number } {
  const dx = (xRange[1] - xRange[0]) / n;
  const dy = (yRange[1] - yRange[0]) / n;
  let badCells = 0;
  const grid: (number | string | null)[] = new Array(n * n);
  for (let r = 0; r < n; r++) {
    const y = yRange[0] + (r + 0.5) * dy;
    for (let c = 0; c < n; c++) {
      const k = options.predict(xRange[0] + (c + 0.5) * dx, y);
      const ok = typeof k === "string" || Number.isFinite(k);
      if (!ok) badCells++;
      grid[r * n + c] = ok ? k : null;
    }
  }
  // Merge equal neighbours: runs along each row, then identical runs in consecutive rows.
  const rects: Rect[] = [];
  let open = new Map<string, Rect>();
  for (let r = 0; r < n; r++) {
    const next = new Map<string, Rect>();
    let c = 0;
    while (c < n) {
      const k = grid[r * n + c];
      let end = c + 1;
      while (end < n && grid[r * n + end] === k) end++;
      if (k !== null) {
        const name = className(k, options.classNames);
        const key = `${c}:${end}:${name}`;
        const prev = open.get(key);
        if (prev) {
          prev.y2 = r + 1;
          next.set(key, prev);
        } else {
          const rect = { x: c, x2: end, y: r, y2: r + 1, class: name };
          rects.push(rect);
          next.set(key, rect);
        }
      }
      c = end;
    }
    open = next;
  }
  return { grid, rects, badCells };
}

/**
 * The classifier's decision regions as filled rectangles, with the training points on
 * top: the posts' plot_decision_regions.
 */
export function decisionRegions(options: DecisionRegionsOptions): Chart {
  const px = options.points ? numbers(options.points.x, "decisionRegions: points.x") : undefined;
  const py = options.points ? numbers(options.points.y, "decisionRegions: points.y") : undefined;
  const xRange = options.xRange ?? defaultRange(px, "xRange");
  const yRange = options.yRange ?? defaultRange(py, "yRange");
  for (const [r, name] of [[xRange, "xRange"], [yRange, "yRange"]] as const) {
    if (!(Number.isFinite(r[0]) && Number.isFinite(r[1]) && r[1] > r[0])) throw new Error(`decisionRegions: bad ${name} [${r}]`);
  }
  const requested = checkInteger("decisionRegions", "resolution", options.resolution ?? 60, 2, MAX_REGION_RESOLUTION);
  const regionsAt = (n: number) => classifiedRegions(options, xRange, yRange, n);
  let n = requested;
  let regions = regionsAt(n);
  const labelsSeen = new Set<number | string>();
  for (const k of regions.grid) if (k !== null) labelsSeen.add(k);
  const pointLabels = options.points?.labels;
  if (pointLabels !== undefined) {
    const arr = labelArray(pointLabels, "decisionRegions: points.labels");
    for (let i = 0; i < arr.length; i++) labelsSeen.add(arr[i]);
  }
  const domain = classDomain(labelsSeen, options.classNames);
  checkClassCount("decisionRegions", domain);
  // A ragged classifier on a fine grid: coarser grids until the rectangles fit.
  while (regions.rects.length > MAX_REGION_RECTANGLES && n > 2) {
    n = Math.max(2, Math.min(n - 1, Math.floor((n * MAX_REGION_RECTANGLES) / regions.rects.length)));
    regions = regionsAt(n);
  }
  const { rects, badCells } = regions;
  const dx = (xRange[1] - xRange[0]) / n;
  const dy = (yRange[1] - yRange[0]) / n;
  const dropped = new Dropped();
  if (badCells > 0) dropped.note(`${plural(badCells, "grid cell")} without a class`);
  const values = rects.map((q) => ({
    x: tidy(xRange[0] + q.x * dx),
    x2: tidy(q.x2 === n ? xRange[1] : xRange[0] + q.x2 * dx),
    y: tidy(yRange[0] + q.y * dy),
    y2: tidy(q.y2 === n ? yRange[1] : yRange[0] + q.y2 * dy),
    class: q.class,
  }));

  const colors = options.colors ?? domain.map((_, i) => PALETTE[i % PALETTE.length]);
  const xScale = { domain: xRange, nice: false, zero: false };
  const yScale = { domain: yRange, nice: false, zero: false };
  const xTitle = options.xLabel ?? "x₁";
  const yTitle = options.yLabel ?? "x₂";
  // Regions are painted opaque in the colour the given opacity would give over white,
  // with a hairline outline of the same colour: semi-transparent neighbours leave
  // visible seams between them in most SVG renderers.
  const alpha = options.opacity ?? 0.3;
  const regionColors = colors.map((c) => blendWithWhite(c, alpha));
  const opaque = regionColors.every((c) => c !== null);
  const axisStyle = { grid: false };
  const regionLayer = {
    data: { values },
    mark: opaque ? { type: "rect", strokeWidth: 0.5 } : { type: "rect", opacity: alpha, strokeWidth: 0 },
    encoding: {
      x: { field: "x", type: "quantitative", title: xTitle, scale: xScale, axis: axisStyle },
      x2: { field: "x2" },
      y: { field: "y", type: "quantitative", title: yTitle, scale: yScale, axis: axisStyle },
      y2: { field: "y2" },
      color: {
        field: "class",
        type: "nominal",
        scale: { domain, range: opaque ? regionColors : colors },
        legend: options.points ? null : { title: options.legendTitle ?? null },
      },
      ...(opaque ? { stroke: { field: "class", type: "nominal", scale: { domain, range: regionColors }, legend: null } } : {}),
    },
  } as unknown as LayerSpec;
  const layers: LayerSpec[] = [regionLayer];
  const grid = `${requested}×${requested} grid` + (n < requested ? ` (drawn: ${n}×${n})` : "");
  let summary = `${grid} in ${plural(values.length, "rectangle")}, ${plural(domain.length, "class", "classes")}`;
  if (options.points) {
    const pts = scatterLayer(
      options.points,
      {
        classNames: options.classNames,
        colors,
        shapes: options.shapes,
        xLabel: xTitle,
        yLabel: yTitle,
        xDomain: xRange,
        yDomain: yRange,
        legendTitle: options.legendTitle,
      },
      domain,
      "decisionRegions: points",
      dropped,
    );
    const enc = (pts.layer as unknown as { encoding: Record<string, Record<string, unknown>> }).encoding;
    enc.x.scale = xScale;
    enc.y.scale = yScale;
    enc.x.axis = axisStyle;
    enc.y.axis = axisStyle;
    layers.push(pts.layer);
    summary += `, ${plural(pts.points, "point")}${drawnNote(pts.points, pts.drawn)}`;
  }
  return buildChart(options, {
    kind: "decision regions",
    summary,
    notes: dropped.notes(),
    layers,
    resolve: { scale: { color: "independent", stroke: "independent", shape: "independent" } },
  });
}
