// A chart is a Vega-Lite v5 spec plus a one-line description. In JupyterLab the spec
// is drawn by its Vega-Lite renderer; the SVG (rendered here, in Node) is the
// fallback that static viewers such as GitHub and nbconvert show.

import type { TopLevelSpec } from "vega-lite";
import type { Field } from "vega-lite/build/src/channeldef";
import type { UnitSpec } from "vega-lite/build/src/spec/unit";
import type { Displayable, MimeBundle } from "../display/show";
import { renderSvg } from "./svg";
import { DEFAULT_HEIGHT, DEFAULT_WIDTH, themeConfig } from "./theme";

export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

/** One layer of a chart: a Vega-Lite unit spec with its own inline data. */
export type LayerSpec = UnitSpec<Field>;

/** What Chart.mimeBundle() produces. Jupyter wants JSON mime types (Vega-Lite) as an object, not a string. */
export interface ChartBundle {
  [VEGA_LITE_MIME]: Record<string, unknown>;
  "image/svg+xml": string;
  "text/plain": string;
}

/** Options every builder takes. */
export interface ChartOptions {
  title?: string;
  /** Extra subtitle line(s); notes about dropped values are added after them. */
  subtitle?: string | string[];
  xLabel?: string;
  yLabel?: string;
  /** Plot area size in pixels (axes, legend and title come on top); default 400×250. */
  width?: number;
  height?: number;
}

/** What text/plain says about a chart. */
export interface ChartInfo {
  /** "line chart", "scatter chart", … */
  kind: string;
  title?: string;
  /** "2 series, 30 points" */
  summary: string;
  /** "3 non-finite values not shown", … */
  notes: string[];
  /** The caller's own subtitle lines (without the notes). */
  subtitle?: string[];
}

export class Chart implements Displayable {
  readonly spec: TopLevelSpec;
  readonly info: ChartInfo;
  private svgResult: Promise<{ svg: string; warnings: string[] }> | null = null;

  constructor(spec: TopLevelSpec, info?: Partial<ChartInfo>) {
    this.spec = spec;
    const title = typeof spec.title === "string" ? spec.title : undefined;
    this.info = { kind: "chart", summary: "", notes: [], title, ...info };
  }

  /** `<line chart "Cost per epoch": 2 series, 30 points; 3 non-finite values not shown>` */
  get description(): string {
    const { kind, title, summary, notes } = this.info;
    let text = "<" + kind;
    if (title) text += ` ${JSON.stringify(title)}`;
    if (summary) text += ": " + summary;
    if (notes.length > 0) text += (summary ? "; " : ": ") + notes.join("; ");
    return text + ">";
  }

  toString(): string {
    return this.description;
  }

  /** The chart as a standalone SVG document (deterministic: same chart, same bytes). */
  async toSVG(): Promise<string> {
    return (await this.render()).svg;
  }

  /** Warnings from Vega-Lite / Vega while rendering (normally none). */
  async warnings(): Promise<string[]> {
    return (await this.render()).warnings;
  }

  private render(): Promise<{ svg: string; warnings: string[] }> {
    this.svgResult ??= renderSvg(this.spec);
    return this.svgResult;
  }

  /** The bundle with its precise type (the Vega-Lite spec as an object). */
  async bundle(): Promise<ChartBundle> {
    return {
      [VEGA_LITE_MIME]: JSON.parse(JSON.stringify(this.spec)) as Record<string, unknown>,
      "image/svg+xml": await this.toSVG(),
      "text/plain": this.description,
    };
  }

  async mimeBundle(): Promise<MimeBundle> {
    return { ...(await this.bundle()) };
  }
}

function subtitleLines(options: ChartOptions): string[] {
  return options.subtitle === undefined ? [] : Array.isArray(options.subtitle) ? [...options.subtitle] : [options.subtitle];
}

/** Title object: the title, the caller's subtitle, then the notes about dropped values. */
export function titleOf(options: ChartOptions, notes: readonly string[]): TopLevelSpec["title"] | undefined {
  const sub = [...subtitleLines(options), ...notes];
  if (sub.length === 0) return options.title;
  return { text: options.title ?? "", subtitle: sub.length === 1 ? sub[0] : sub };
}

export interface ChartParts {
  kind: string;
  summary: string;
  notes: string[];
  layers: LayerSpec[];
  /** Independent scales, e.g. a second colour legend. */
  resolve?: Record<string, unknown>;
}

/** Assemble the top-level spec: theme, size, title and the layer(s). */
export function buildChart(options: ChartOptions, parts: ChartParts): Chart {
  const top: Record<string, unknown> = { $schema: VEGA_LITE_SCHEMA };
  const title = titleOf(options, parts.notes);
  if (title !== undefined) top.title = title;
  top.width = options.width ?? DEFAULT_WIDTH;
  top.height = options.height ?? DEFAULT_HEIGHT;
  top.config = themeConfig();
  let spec: Record<string, unknown>;
  if (parts.layers.length === 1 && parts.resolve === undefined) {
    spec = { ...top, ...parts.layers[0] };
  } else {
    spec = { ...top, layer: parts.layers };
    if (parts.resolve) spec.resolve = parts.resolve;
  }
  return new Chart(spec as unknown as TopLevelSpec, {
    kind: parts.kind,
    title: options.title,
    summary: parts.summary,
    notes: parts.notes,
    subtitle: subtitleLines(options),
  });
}

/** The layers of a chart's spec (a unit spec is one layer), each carrying its data. */
export function layersOf(chart: Chart): LayerSpec[] {
  const spec = chart.spec as unknown as Record<string, unknown>;
  const { data, encoding, transform } = spec as { data?: unknown; encoding?: Record<string, unknown>; transform?: unknown[] };
  // What a layer inherits from its parent: data, shared encodings, and (with the data) its transforms.
  const inherit = (layer: Record<string, unknown>): LayerSpec => {
    const out: Record<string, unknown> = { ...layer };
    if (out.data === undefined && data !== undefined) {
      out.data = data;
      if (transform) out.transform = [...transform, ...((layer.transform as unknown[] | undefined) ?? [])];
    }
    if (encoding) out.encoding = { ...encoding, ...((layer.encoding as Record<string, unknown> | undefined) ?? {}) };
    return out as unknown as LayerSpec;
  };
  if (Array.isArray(spec.layer)) {
    const nested = (spec.layer as Record<string, unknown>[]).find((l) => Array.isArray(l.layer));
    if (nested) throw new Error("layerCharts: nested layers are not supported");
    return (spec.layer as Record<string, unknown>[]).map(inherit);
  }
  if (spec.mark !== undefined) {
    const { $schema: _s, title: _t, width: _w, height: _h, config: _c, autosize: _a, padding: _p, background: _b, ...unit } = spec;
    return [unit as unknown as LayerSpec];
  }
  throw new Error("layerCharts: only single-view and layered charts can be layered (not facets or concatenations)");
}
