// One look for every chart in the course: matplotlib's tab10 colours (the posts'
// figures use them), light grid, left-aligned titles.

import type { Config } from "vega-lite";

export const DEFAULT_WIDTH = 400;
export const DEFAULT_HEIGHT = 250;

/** matplotlib's tab10, the colours of the posts' figures. */
export const PALETTE: readonly string[] = [
  "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
  "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
];

/** Point shapes per class, in the order of plot_decision_regions' markers. */
export const SHAPES: readonly string[] = [
  "square", "cross", "circle", "triangle-up", "triangle-down", "diamond", "triangle-left", "triangle-right",
];

export const FONT = "sans-serif";

export function themeConfig(): Config {
  return {
    font: FONT,
    background: "white",
    padding: 5,
    view: { stroke: "#ccc" },
    title: { anchor: "start", fontSize: 14, fontWeight: "bold", subtitleFontSize: 11, subtitleColor: "#8a4b08", offset: 6 },
    axis: {
      labelFontSize: 11,
      titleFontSize: 12,
      titleFontWeight: "normal",
      gridColor: "#e8e8e8",
      domainColor: "#888",
      tickColor: "#888",
      labelColor: "#333",
      titleColor: "#222",
    },
    legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal", symbolSize: 60, labelLimit: 260 },
    range: { category: [...PALETTE] },
    line: { strokeWidth: 2 },
    point: { size: 40, filled: true },
  };
}
