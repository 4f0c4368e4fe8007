import { argumentError, checkInteger } from "../checks";
import { buildChart, Chart, ChartOptions, LayerSpec } from "./chart";
import { checkSameLength, Dropped, finiteExtent, labelArray, numbers, Numbers, plural, tidy } from "./data";
import { MAX_BARS, MAX_HISTOGRAM_BINS } from "./limits";
import { DEFAULT_HEIGHT, PALETTE } from "./theme";

export interface BarChartOptions extends ChartOptions {
  /** Bar names, in the order to show them. */
  categories: ArrayLike<string | number>;
  values: Numbers;
  /** Bars along the y axis (long category names read better that way). */
  horizontal?: boolean;
  /** One colour for all bars, or one per bar. */
  color?: string | string[];
  logY?: boolean;
}

/** Bar chart of one value per category (at most MAX_BARS). Non-finite values are left out and noted. */
export function barChart(options: BarChartOptions): Chart {
  const categories = labelArray(options.categories, "barChart: categories");
  const v = numbers(options.values, "barChart: values");
  checkSameLength("barChart", categories, "categories", v, "values");
  if (categories.length > MAX_BARS) throw argumentError("barChart", "the number of bars", `at most ${MAX_BARS}`, String(categories.length));
  const dropped = new Dropped();
  const names: string[] = [];
  const values: { category: string; value: number }[] = [];
  for (let i = 0; i < v.length; i++) {
    const name = String(categories[i]);
    names.push(name);
    if (dropped.keep(0, v[i], false, options.logY)) values.push({ category: name, value: tidy(v[i]) });
  }
  if (new Set(names).size !== names.length) throw new Error("barChart: category names must differ");
  const cat = { field: "category", type: "nominal", sort: null, title: options.xLabel ?? null, axis: { labelAngle: names.every((n) => n.length <= 4) || options.horizontal ? 0 : -45 } };
  const val = { field: "value", type: "quantitative", title: options.yLabel ?? null, ...(options.logY ? { scale: { type: "log" }, stack: null } : {}) };
  const encoding: Record<string, unknown> = options.horizontal ? { y: cat, x: val } : { x: cat, y: val };
  if (options.logY && values.length > 0) {
    // A log axis has no zero to grow bars from: start them at the power of ten below the smallest value.
    const smallest = Math.min(...values.map((d) => d.value));
    encoding[options.horizontal ? "x2" : "y2"] = { datum: 10 ** Math.floor(Math.log10(smallest)) };
  }
  const mark: Record<string, unknown> = { type: "bar" };
  if (Array.isArray(options.color)) {
    encoding.color = { field: "category", type: "nominal", scale: { domain: names, range: options.color }, legend: null };
  } else {
    mark.color = options.color ?? PALETTE[0];
  }
  const layer = { data: { values }, mark, encoding } as unknown as LayerSpec;
  return buildChart(options, { kind: "bar chart", summary: plural(values.length, "bar"), notes: dropped.notes(), layers: [layer] });
}

export interface HistogramOptions extends ChartOptions {
  values: Numbers;
  /** Number of equal-width bins (default 30, at most MAX_HISTOGRAM_BINS = 1000). */
  bins?: number;
  /** Range covered by the bins (default: the finite values' extent); values outside are counted in a note. */
  range?: [number, number];
  /** Show densities (area 1) instead of counts. */
  density?: boolean;
  color?: string;
  logY?: boolean;
}

export interface Bins {
  edges: number[];
  counts: number[];
  /** Values that were not finite. */
  nonFinite: number;
  /** Finite values outside the range. */
  outside: number;
}

/** Equal-width binning; the last bin includes its right edge (like numpy.histogram). */
export function binValues(values: ArrayLike<number>, bins: number, range?: [number, number]): Bins {
  checkInteger("histogram", "bins", bins, 1, MAX_HISTOGRAM_BINS);
  let lo: number;
  let hi: number;
  if (range) {
    [lo, hi] = range;
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) throw new Error(`histogram: bad range [${range}]`);
  } else {
    const extent = finiteExtent(Array.from(values)) ?? [0, 1];
    [lo, hi] = extent[1] > extent[0] ? extent : [extent[0] - 0.5, extent[0] + 0.5];
  }
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + i * width));
  const counts = new Array<number>(bins).fill(0);
  let nonFinite = 0;
  let outside = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) nonFinite++;
    else if (v < lo || v > hi) outside++;
    else counts[Math.min(bins - 1, Math.floor((v - lo) / width))]++;
  }
  return { edges, counts, nonFinite, outside };
}

/** Histogram, binned here (the spec carries one row per bin, not the raw values). */
export function histogram(options: HistogramOptions): Chart {
  const raw = numbers(options.values, "histogram: values");
  const nBins = options.bins ?? 30;
  const { edges, counts, nonFinite, outside } = binValues(raw, nBins, options.range);
  const dropped = new Dropped();
  dropped.nonFinite = nonFinite;
  if (outside > 0) dropped.note(`${plural(outside, "value")} outside the range not shown`);
  const total = counts.reduce((a, b) => a + b, 0);
  const values: { x: number; x2: number; count: number }[] = [];
  for (let i = 0; i < counts.length; i++) {
    const count = options.density ? counts[i] / (total * (edges[i + 1] - edges[i]) || 1) : counts[i];
    if (options.logY && count <= 0) continue; // empty bins have no bar on a log axis
    values.push({ x: tidy(edges[i]), x2: tidy(edges[i + 1]), count: tidy(count) });
  }
  const layer = {
    data: { values },
    mark: { type: "rect", color: options.color ?? PALETTE[0], stroke: "white", strokeWidth: nBins > 80 ? 0 : 0.5 },
    encoding: {
      x: { field: "x", type: "quantitative", title: options.xLabel ?? "value", scale: { zero: false, nice: false, domain: [edges[0], edges[edges.length - 1]].map(tidy) } },
      x2: { field: "x2" },
      y: { field: "count", type: "quantitative", title: options.yLabel ?? (options.density ? "density" : "count"), ...(options.logY ? { scale: { type: "log" } } : {}) },
      // Bars from the axis: 0 on a linear scale, the bottom of the plot on a log scale.
      ...(options.logY ? { y2: { value: options.height ?? DEFAULT_HEIGHT } } : { y2: { datum: 0 } }),
    },
  } as unknown as LayerSpec;
  return buildChart(options, {
    kind: "histogram",
    summary: `${plural(total, "value")} in ${plural(nBins, "bin")}`,
    notes: dropped.notes(),
    layers: [layer],
  });
}
