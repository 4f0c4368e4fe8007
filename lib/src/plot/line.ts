import { argumentError } from "../checks";
import { buildChart, Chart, ChartOptions, LayerSpec } from "./chart";
import { checkSameLength, Dropped, numbers, Numbers, plural, tidy } from "./data";
import { drawnNote, MAX_LINE_POINTS, MAX_LINE_SERIES, MAX_MARKED_LINE_POINTS, minMaxPerColumn } from "./limits";
import { DEFAULT_WIDTH, PALETTE } from "./theme";

export interface LineSeries {
  name: string;
  /** x values; default 1, 2, …, n (epochs). */
  x?: Numbers;
  y: Numbers;
  /** A fixed colour for this series (default: the palette in order). */
  color?: string;
  /** Dashed line, e.g. for a validation curve or a reference. */
  dashed?: boolean;
}

export interface LineChartOptions extends ChartOptions {
  series: LineSeries | LineSeries[];
  logX?: boolean;
  logY?: boolean;
  /** Mark every point, not just the line. */
  points?: boolean;
  /** "x" (default): connect points from left to right, for curves. "order": in the given order, for paths such as gradient-descent steps. */
  connect?: "x" | "order";
  /** Fixed axis ranges (default: fit the data). */
  xDomain?: [number, number];
  yDomain?: [number, number];
}

/**
 * Line chart of one or more series, e.g. the cost per epoch. Non-finite values (and ≤ 0 on log axes) are dropped and noted.
 * Above MAX_LINE_POINTS points (MAX_MARKED_LINE_POINTS with `points`), each long series is drawn by
 * the lowest and highest point of each pixel column, and text/plain says how many were drawn.
 */
export function lineChart(options: LineChartOptions): Chart {
  const series = Array.isArray(options.series) ? options.series : [options.series];
  if (series.length === 0) throw new Error("lineChart: no series");
  if (series.length > MAX_LINE_SERIES) throw argumentError("lineChart", "the number of series", `at most ${MAX_LINE_SERIES}`, String(series.length));
  const names = series.map((s, i) => s.name ?? `series ${i + 1}`);
  if (new Set(names).size !== names.length) throw new Error(`lineChart: series names must differ (${names.join(", ")})`);
  const dropped = new Dropped();
  const inOrder = options.connect === "order";
  // The drawable points of each series: their index in the series, x and y.
  const kept = series.map((s, i) => {
    const y = numbers(s.y, `lineChart: series "${names[i]}" y`);
    const x = s.x === undefined ? null : numbers(s.x, `lineChart: series "${names[i]}" x`);
    if (x) checkSameLength(`lineChart: series "${names[i]}"`, x, "x", y, "y");
    const ks: number[] = [];
    const xs: number[] = [];
    const ys: number[] = [];
    for (let k = 0; k < y.length; k++) {
      const xv = x ? x[k] : k + 1;
      if (!dropped.keep(xv, y[k], options.logX, options.logY)) continue;
      ks.push(k);
      xs.push(xv);
      ys.push(y[k]);
    }
    return { ks, xs, ys };
  });
  const total = kept.reduce((sum, s) => sum + s.ks.length, 0);
  // Over the budget, each series longer than its share keeps its extremes per pixel column.
  const budget = options.points ? MAX_MARKED_LINE_POINTS : MAX_LINE_POINTS;
  const share = Math.floor(budget / series.length);
  const columns = Math.max(1, Math.min(options.width ?? DEFAULT_WIDTH, Math.floor((share - 2) / (inOrder ? 4 : 2))));
  const values: { series: string; x: number; y: number; i?: number }[] = [];
  kept.forEach(({ ks, xs, ys }, i) => {
    const drawn = total > budget && ks.length > share
      ? minMaxPerColumn(xs, ys, columns, { inOrder, t: options.logX ? Math.log10 : undefined })
      : ks.map((_, j) => j);
    for (const j of drawn) {
      values.push(inOrder ? { series: names[i], x: tidy(xs[j]), y: tidy(ys[j]), i: ks[j] } : { series: names[i], x: tidy(xs[j]), y: tidy(ys[j]) });
    }
  });
  const colors = series.map((s, i) => s.color ?? PALETTE[i % PALETTE.length]);
  const dashes = series.map((s) => (s.dashed ? [6, 3] : [1, 0]));
  const multi = series.length > 1;
  const axisScale = (log: boolean | undefined, domain: [number, number] | undefined) =>
    log ? { type: "log", ...(domain ? { domain } : {}) } : { zero: false, ...(domain ? { domain } : {}) };
  const encoding: Record<string, unknown> = {
    x: { field: "x", type: "quantitative", title: options.xLabel ?? (series.every((s) => s.x === undefined) ? "epoch" : "x"), scale: axisScale(options.logX, options.xDomain) },
    y: { field: "y", type: "quantitative", title: options.yLabel ?? (multi ? "value" : names[0]), scale: axisScale(options.logY, options.yDomain) },
    color: {
      field: "series",
      type: "nominal",
      title: null,
      scale: { domain: names, range: colors },
      legend: multi ? {} : null,
    },
  };
  if (inOrder) encoding.order = { field: "i", type: "quantitative" };
  if (series.some((s) => s.dashed)) {
    encoding.strokeDash = { field: "series", type: "nominal", scale: { domain: names, range: dashes }, legend: null };
  }
  const layer = {
    data: { values },
    mark: { type: "line", clip: true, ...(options.points ? { point: true } : {}) },
    encoding,
  } as unknown as LayerSpec;
  return buildChart(options, {
    kind: "line chart",
    summary: `${plural(series.length, "series", "series")}, ${plural(total, "point")}${drawnNote(total, values.length)}`,
    notes: dropped.notes(),
    layers: [layer],
  });
}
