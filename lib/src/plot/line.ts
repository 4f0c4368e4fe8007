import { buildChart, Chart, ChartOptions, LayerSpec } from "./chart";
import { checkSameLength, Dropped, numbers, Numbers, plural, tidy } from "./data";
import { PALETTE } from "./theme";

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

/** Line chart of one or more series, e.g. the cost per epoch. Non-finite values (and ≤ 0 on log axes) are dropped and noted. */
export function lineChart(options: LineChartOptions): Chart {
  const series = Array.isArray(options.series) ? options.series : [options.series];
  if (series.length === 0) throw new Error("lineChart: no series");
  const names = series.map((s, i) => s.name ?? `series ${i + 1}`);
  if (new Set(names).size !== names.length) throw new Error(`lineChart: series names must differ (${names.join(", ")})`);
  const dropped = new Dropped();
  const values: { series: string; x: number; y: number; i?: number }[] = [];
  const inOrder = options.connect === "order";
  series.forEach((s, i) => {
    const y = numbers(s.y, `lineChart: series "${names[i]}" y`);
    const x = s.x === undefined ? null : numbers(s.x, `lineChart: series "${names[i]}" x`);
    if (x) checkSameLength(`lineChart: series "${names[i]}"`, x, "x", y, "y");
    for (let k = 0; k < y.length; k++) {
      const xv = x ? x[k] : k + 1;
      if (!dropped.keep(xv, y[k], options.logX, options.logY)) continue;
      values.push(inOrder ? { series: names[i], x: tidy(xv), y: tidy(y[k]), i: k } : { series: names[i], x: tidy(xv), y: tidy(y[k]) });
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
    summary: `${plural(series.length, "series", "series")}, ${plural(values.length, "point")}`,
    notes: dropped.notes(),
    layers: [layer],
  });
}
