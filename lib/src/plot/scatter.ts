import { argumentError } from "../checks";
import { buildChart, Chart, ChartOptions, LayerSpec } from "./chart";
import { checkSameLength, classDomain, ClassNames, className, Dropped, labelArray, Labels, numbers, Numbers, plural, tidy } from "./data";
import { drawnNote, evenlySpaced, MAX_CLASSES, MAX_SCATTER_POINTS } from "./limits";
import { PALETTE, SHAPES } from "./theme";

export interface ScatterPoints {
  x: Numbers;
  y: Numbers;
  /** Class per point: an index into `classNames`, or a name. Omit for one colour. */
  labels?: Labels;
}

export interface ScatterChartOptions extends ChartOptions, ScatterPoints {
  /** Names of the classes, indexed by label: ["setosa", "versicolor"], or { "-1": "setosa", "1": "versicolor" }. */
  classNames?: ClassNames;
  /** Colours per class, in the order of the class domain (default: tab10). */
  colors?: string[];
  /** Different shapes per class as well as colours (default true). */
  shapes?: boolean;
  /** Marker area in square pixels (default 40). */
  size?: number;
  /** Legend title (default none). */
  legendTitle?: string;
  logX?: boolean;
  logY?: boolean;
  xDomain?: [number, number];
  yDomain?: [number, number];
}

export interface ScatterLayer {
  layer: LayerSpec;
  /** Points that could be drawn (finite, > 0 on log axes). */
  points: number;
  /** Points drawn: all of them, or an evenly spaced MAX_SCATTER_POINTS of them. */
  drawn: number;
  classes: string[];
  dropped: Dropped;
}

/** Too many classes for a legend (labels that are measurements, not classes). */
export function checkClassCount(fn: string, classes: readonly string[]): void {
  if (classes.length > MAX_CLASSES) throw argumentError(fn, "the number of classes", `at most ${MAX_CLASSES}`, String(classes.length));
}

/** The point layer shared by scatterChart and decisionRegions; above MAX_SCATTER_POINTS an evenly spaced subsample. */
export function scatterLayer(
  points: ScatterPoints,
  options: Omit<ScatterChartOptions, keyof ScatterPoints>,
  domain: string[] | null,
  what: string,
  dropped = new Dropped(),
): ScatterLayer {
  const x = numbers(points.x, `${what}: x`);
  const y = numbers(points.y, `${what}: y`);
  checkSameLength(what, x, "x", y, "y");
  const labels = points.labels === undefined ? null : labelArray(points.labels, `${what}: labels`);
  if (labels) checkSameLength(what, x, "x", labels, "labels");
  const classes = labels ? domain ?? classDomain(Array.from(labels), options.classNames) : [];
  checkClassCount(what, classes);
  const kept: number[] = [];
  for (let i = 0; i < x.length; i++) if (dropped.keep(x[i], y[i], options.logX, options.logY)) kept.push(i);
  const values: Record<string, number | string>[] = [];
  for (const j of evenlySpaced(kept.length, MAX_SCATTER_POINTS)) {
    const i = kept[j];
    const row: Record<string, number | string> = { x: tidy(x[i]), y: tidy(y[i]) };
    if (labels) row.class = className(labels[i], options.classNames);
    values.push(row);
  }
  // Without a fixed domain, leave a few pixels around the points so none sits on an axis.
  const scale = (log: boolean | undefined, domainOpt: [number, number] | undefined) => ({
    ...(log ? { type: "log" } : { zero: false }),
    ...(domainOpt ? { domain: domainOpt } : { padding: 8 }),
  });
  const encoding: Record<string, unknown> = {
    x: { field: "x", type: "quantitative", title: options.xLabel ?? "x", scale: scale(options.logX, options.xDomain) },
    y: { field: "y", type: "quantitative", title: options.yLabel ?? "y", scale: scale(options.logY, options.yDomain) },
  };
  const mark: Record<string, unknown> = { type: "point", filled: true, opacity: 0.85, clip: true, size: options.size ?? 40 };
  if (labels) {
    const colors = options.colors ?? classes.map((_, i) => PALETTE[i % PALETTE.length]);
    const legend = { title: options.legendTitle ?? null };
    encoding.color = { field: "class", type: "nominal", scale: { domain: classes, range: colors }, legend };
    if (options.shapes !== false) {
      encoding.shape = { field: "class", type: "nominal", scale: { domain: classes, range: classes.map((_, i) => SHAPES[i % SHAPES.length]) }, legend };
    }
  } else {
    mark.color = options.colors?.[0] ?? PALETTE[0];
  }
  // Thin dark outline, like plot_decision_regions' edgecolor="black".
  mark.stroke = "#222";
  mark.strokeWidth = 0.5;
  const layer = { data: { values }, mark, encoding } as unknown as LayerSpec;
  return { layer, points: kept.length, drawn: values.length, classes, dropped };
}

/**
 * Scatter plot coloured (and shaped) by class, with a legend. Above MAX_SCATTER_POINTS points an
 * evenly spaced subsample is drawn, and text/plain says how many.
 */
export function scatterChart(options: ScatterChartOptions): Chart {
  const { layer, points, drawn, classes, dropped } = scatterLayer(options, options, null, "scatterChart");
  const summary = plural(points, "point") + drawnNote(points, drawn) + (classes.length > 0 ? `, ${plural(classes.length, "class", "classes")}` : "");
  return buildChart(options, { kind: "scatter chart", summary, notes: dropped.notes(), layers: [layer] });
}
