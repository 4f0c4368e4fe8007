import { buildChart, Chart, ChartOptions, LayerSpec, layersOf } from "./chart";

export interface LayerOptions extends ChartOptions {
  /**
   * Give each layer its own colour (and shape) scale and legend. Default: shared when
   * all layers colour by the same field and classes (train and test points), else independent
   * (a boundary line over classed points, a path over a heatmap).
   */
  independentColors?: boolean;
}

const COLOR_CHANNELS = ["color", "fill", "stroke", "shape", "strokeDash"] as const;

/** Whether the layers colour their marks in the same way (same field, type and domain). */
function sameColors(layers: LayerSpec[]): boolean {
  const keys = new Set<string>();
  for (const layer of layers) {
    const enc = (layer as unknown as { encoding?: Record<string, { field?: unknown; type?: unknown; scale?: { domain?: unknown } } | undefined> }).encoding ?? {};
    const def = enc.color ?? enc.fill ?? enc.stroke;
    if (def === undefined || def.field === undefined) continue;
    keys.add(JSON.stringify([def.field, def.type, def.scale?.domain ?? null]));
  }
  return keys.size <= 1;
}

function specSize(chart: Chart, key: "width" | "height"): number | undefined {
  const v = (chart.spec as unknown as Record<string, unknown>)[key];
  return typeof v === "number" ? v : undefined;
}

function encodingTitle(layer: LayerSpec, channel: "x" | "y"): unknown {
  const enc = (layer as unknown as { encoding?: Record<string, { title?: unknown } | undefined> }).encoding;
  return enc?.[channel]?.title;
}

function withTitle(layer: LayerSpec, channel: "x" | "y", title: unknown): LayerSpec {
  const l = layer as unknown as { encoding?: Record<string, Record<string, unknown> | undefined> };
  const def = l.encoding?.[channel];
  if (!def || !("field" in def)) return layer;
  return { ...l, encoding: { ...l.encoding, [channel]: { ...def, title } } } as unknown as LayerSpec;
}

/**
 * Overlay charts in one plot: later charts draw on top (e.g. a boundary line over a
 * scatter, a descent path over a heatmap). Scales are shared; the axis titles, title,
 * size and notes come from the first chart unless `options` overrides them.
 */
export function layerCharts(...args: (Chart | LayerOptions)[]): Chart {
  const charts = args.filter((a): a is Chart => a instanceof Chart);
  const options = Object.assign({}, ...args.filter((a) => !(a instanceof Chart))) as LayerOptions;
  if (charts.length === 0) throw new Error("layerCharts: no charts to layer");
  const first = charts[0];
  let layers = charts.flatMap(layersOf);
  // Vega-Lite joins differing axis titles of layers ("x, y"); use one title per axis.
  for (const channel of ["x", "y"] as const) {
    const label = channel === "x" ? options.xLabel : options.yLabel;
    const title = label ?? layers.map((l) => encodingTitle(l, channel)).find((t) => t !== undefined);
    if (title !== undefined) layers = layers.map((l) => withTitle(l, channel, title));
  }
  const notes = charts.flatMap((c) => c.info.notes);
  const title = options.title ?? first.info.title;
  const summary = charts.map((c) => c.info.kind + (c.info.summary ? ` (${c.info.summary})` : "")).join(" + ");
  return buildChart(
    {
      ...options,
      title,
      subtitle: options.subtitle ?? first.info.subtitle,
      width: options.width ?? specSize(first, "width"),
      height: options.height ?? specSize(first, "height"),
    },
    {
      kind: "layered chart",
      summary,
      notes,
      layers,
      resolve: options.independentColors ?? !sameColors(layers)
        ? { scale: Object.fromEntries(COLOR_CHANNELS.map((c) => [c, "independent"])) }
        : undefined,
    },
  );
}
