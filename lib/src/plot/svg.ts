// Vega-Lite spec → SVG in Node, deterministic and compact. Vega renders headless
// (renderer "none"); without the optional `canvas` package it estimates text
// widths, which is deterministic too.

import { createHash } from "node:crypto";
import type * as Vega from "vega";
import type * as VegaLite from "vega-lite";
import type { TopLevelSpec } from "vega-lite";

/**
 * Vega and Vega-Lite are loaded at the first chart, not with the library, because
 * their modules enlarge V8's heap enough to make a training loop's full garbage
 * collections much more frequent, so a notebook that trains before it plots trains faster.
 */
let modules: { vega: typeof Vega; vegaLite: typeof VegaLite } | undefined;
function vegaModules(): { vega: typeof Vega; vegaLite: typeof VegaLite } {
  return (modules ??= { vega: require("vega") as typeof Vega, vegaLite: require("vega-lite") as typeof VegaLite });
}

/** Collects Vega / Vega-Lite warnings instead of printing them into a notebook cell. */
class CollectingLogger {
  readonly warnings: string[] = [];
  private lvl = 2; // vega.Warn
  level(): number;
  level(_: number): this;
  level(l?: number): number | this {
    if (l === undefined) return this.lvl;
    this.lvl = l;
    return this;
  }
  error(...args: readonly unknown[]): this {
    throw new Error(args.map(String).join(" "));
  }
  warn(...args: readonly unknown[]): this {
    if (this.lvl >= 2) this.warnings.push(args.map(String).join(" "));
    return this;
  }
  info(): this {
    return this;
  }
  debug(): this {
    return this;
  }
}

export interface RenderResult {
  svg: string;
  /** Vega-Lite and Vega warnings met while compiling and rendering. */
  warnings: string[];
}

/** Compile with Vega-Lite; warnings are collected, errors thrown. */
export function compileSpec(spec: TopLevelSpec): { vegaSpec: Vega.Spec; warnings: string[] } {
  const logger = new CollectingLogger();
  const vegaSpec = vegaModules().vegaLite.compile(spec, { logger }).spec as Vega.Spec;
  return { vegaSpec, warnings: logger.warnings };
}

/** Render a Vega-Lite spec to a compact, deterministic SVG string. */
export async function renderSvg(spec: TopLevelSpec): Promise<RenderResult> {
  const { vegaSpec, warnings } = compileSpec(spec);
  const logger = new CollectingLogger();
  const { vega } = vegaModules();
  const view = new vega.View(vega.parse(vegaSpec), { renderer: "none", logger: logger as unknown as Vega.LoggerInterface });
  // Vega numbers clip paths and gradients with module-wide counters; start from zero
  // so the same chart always gets the same ids (they are made unique below).
  (vega as unknown as { resetSVGDefIds?: () => void }).resetSVGDefIds?.();
  try {
    const raw = await view.toSVG();
    return { svg: compactSvg(raw), warnings: warnings.concat(logger.warnings) };
  } finally {
    view.finalize();
  }
}

const NUMBER = /-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi;
const NUMERIC_ATTRS = new Set(["d", "transform", "x", "y", "x1", "x2", "y1", "y2", "width", "height", "cx", "cy", "r", "rx", "ry"]);
const DROP_ATTRS = new Set(["class", "role", "pointer-events", "aria-hidden", "aria-roledescription", "aria-label", "aria-description"]);

function round2(token: string): string {
  const v = Math.round(parseFloat(token) * 100) / 100;
  return Object.is(v, -0) ? "0" : String(v);
}

/** Round every number in an attribute value to 2 decimals. */
export function roundNumbers(value: string): string {
  return value.replace(NUMBER, round2);
}

/** "rgb(113, 175, 210)" → "#71afd2" (interpolated colour schemes come out as rgb()). */
function rgbToHex(value: string): string {
  const m = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(value);
  if (!m) return value;
  return "#" + m.slice(1, 4).map((v) => Math.min(255, Number(v)).toString(16).padStart(2, "0")).join("");
}

function compactTag(tag: string): string | null {
  // Hidden or empty placeholders Vega emits for axes and groups.
  if (/\sdisplay="none"/.test(tag) && tag.endsWith("/>")) return null;
  if (/^<path\b/.test(tag) && tag.endsWith("/>") && /\sd="(?:|M0,0h0v0h0Z)"/.test(tag)) return null;
  // Rect marks (bars, heatmap cells, regions) tile the plane: crisp edges avoid the
  // hairline seams antialiasing leaves between neighbours when the SVG is scaled.
  if (/^<g\b[^>]*\sclass="mark-rect\b/.test(tag)) tag = tag.replace(/^<g\b/, '<g shape-rendering="crispEdges"');
  return tag.replace(/\s([a-zA-Z:-]+)="([^"]*)"/g, (whole, name: string, value: string) => {
    if (DROP_ATTRS.has(name)) return "";
    if (name === "opacity" && value === "1") return ""; // the default, and not inherited
    if (NUMERIC_ATTRS.has(name)) return ` ${name}="${roundNumbers(value)}"`;
    if (name === "offset") return ` offset="${Math.round(parseFloat(value) * 1000) / 1000}"`; // gradient stops, 0…1
    if ((name === "fill" || name === "stroke" || name === "stop-color") && value.startsWith("rgb(")) return ` ${name}="${rgbToHex(value)}"`;
    return whole;
  });
}

/**
 * Make Vega's SVG compact and stable: numbers in geometry attributes rounded to 2
 * decimals (text content such as tick labels untouched), interaction-only attributes
 * and empty placeholders removed, ids made unique per content so that several SVGs
 * inlined in one HTML page don't clash.
 */
export function compactSvg(svg: string): string {
  // Vega escapes "<" and ">" in attribute values and text, so tags split cleanly.
  let out = svg.replace(/<[^>]*>/g, (tag) => compactTag(tag) ?? "");
  // An emptied group: <g></g> or <g transform="..."></g>.
  for (let before = ""; before !== out; ) {
    before = out;
    out = out.replace(/<g(?:\s[^>]*)?><\/g>/g, "");
  }
  const ids = [...out.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  if (ids.length > 0) {
    const prefix = "v" + createHash("sha1").update(out).digest("hex").slice(0, 8) + "-";
    const rename = new Map(ids.map((id) => [id, prefix + id]));
    out = out.replace(/(\sid="|url\(#|href="#)([^")]+)/g, (whole, lead: string, id: string) =>
      rename.has(id) ? lead + rename.get(id) : whole,
    );
  }
  return out;
}
