// A code cell's outputs as HTML. A plot (Vega-Lite + SVG + text) becomes its committed SVG, as an
// image file, inside a container that also holds the Vega-Lite spec: the page's script replaces
// the image by the interactive chart (vega-embed), and without scripts the SVG stays. PNG images
// (digit grids) become image files; text, streams and errors become preformatted text.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { VEGA_LITE, type Cell, type Output } from "../course/notebook";
import { escapeHtml } from "./highlight";

export interface FigureFolder {
  /** Where the files go on disk. */
  dir: string;
  /** The folder's URL relative to the page. */
  href: string;
}

const ANSI_ESCAPE = /\x1b\[[0-9;]*[A-Za-z]/g;

function text(value: unknown): string {
  return Array.isArray(value) ? value.join("") : typeof value === "string" ? value : "";
}

/** The width and height of an SVG's root element, for the image's box (no layout shift). */
export function svgSize(svg: string): { width?: number; height?: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? "";
  const number = (name: string): number | undefined => {
    const v = new RegExp(`\\s${name}="([\\d.]+)(?:px)?"`).exec(root)?.[1];
    return v === undefined ? undefined : Number(v);
  };
  return { width: number("width"), height: number("height") };
}

/** JSON inside a <script> element: nothing in it may close the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

function sizeAttributes(size: { width?: number; height?: number }): string {
  return `${size.width ? ` width="${Math.round(size.width)}"` : ""}${size.height ? ` height="${Math.round(size.height)}"` : ""}`;
}

/** The outputs of code cell `cellIndex`; image files go into `figures`. Counts the plots in `stats`. */
export function renderOutputs(cell: Cell, cellIndex: number, figures: FigureFolder, stats: { plots: number } = { plots: 0 }): string {
  const parts: string[] = [];
  (cell.outputs ?? []).forEach((out: Output, k) => {
    const file = `cell${cellIndex}-${k}`;
    if (out.output_type === "stream") {
      parts.push(`<pre class="output stream ${out.name === "stderr" ? "stderr" : "stdout"}">${escapeHtml(text(out.text).replace(ANSI_ESCAPE, ""))}</pre>`);
      return;
    }
    if (out.output_type === "error") {
      const trace = Array.isArray(out.traceback) ? (out.traceback as string[]).join("\n") : `${out.ename}: ${out.evalue}`;
      parts.push(`<pre class="output error">${escapeHtml(trace.replace(ANSI_ESCAPE, ""))}</pre>`);
      return;
    }
    const data = out.data ?? {};
    const alt = text(data["text/plain"]);
    if (VEGA_LITE in data && typeof data["image/svg+xml"] !== "undefined") {
      const svg = text(data["image/svg+xml"]);
      write(figures, `${file}.svg`, svg);
      stats.plots++;
      parts.push(
        `<figure class="output plot vega-plot">` +
          `<img class="static-plot" src="${figures.href}/${file}.svg" alt="${escapeHtml(alt)}"${sizeAttributes(svgSize(svg))}>` +
          `<script type="application/json" class="vega-spec">${scriptJson(data[VEGA_LITE])}</script>` +
          `</figure>`,
      );
      return;
    }
    if (typeof data["image/svg+xml"] !== "undefined") {
      const svg = text(data["image/svg+xml"]);
      write(figures, `${file}.svg`, svg);
      parts.push(`<figure class="output image"><img src="${figures.href}/${file}.svg" alt="${escapeHtml(alt)}"${sizeAttributes(svgSize(svg))}></figure>`);
      return;
    }
    if (typeof data["image/png"] === "string") {
      const png = Buffer.from(text(data["image/png"]).replace(/\s+/g, ""), "base64");
      write(figures, `${file}.png`, png);
      const width = png.length > 24 ? png.readUInt32BE(16) : undefined;
      const height = png.length > 24 ? png.readUInt32BE(20) : undefined;
      parts.push(`<figure class="output image"><img class="pixels" src="${figures.href}/${file}.png" alt="${escapeHtml(alt)}"${sizeAttributes({ width, height })}></figure>`);
      return;
    }
    if (alt) parts.push(`<pre class="output result">${escapeHtml(alt.replace(ANSI_ESCAPE, ""))}</pre>`);
  });
  return parts.join("\n");
}

function write(figures: FigureFolder, name: string, data: string | Uint8Array): void {
  mkdirSync(figures.dir, { recursive: true });
  writeFileSync(join(figures.dir, name), data);
}
