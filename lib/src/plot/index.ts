// Plots for the course: Vega-Lite v5 charts (shown by JupyterLab, with an SVG
// rendered in Node as the static fallback) and grayscale PNG images.
//
// - Every builder takes one options object and returns a Chart; `show(chart)` sends
//   the Vega-Lite spec, the SVG and a one-line text/plain as one output.
// - Values that cannot be drawn (NaN, ±Infinity, ≤ 0 on a log axis) are left out and
//   counted in a subtitle and in text/plain, never thrown.
// - SVGs are deterministic (same chart, same bytes) and compact (geometry rounded to
//   2 decimals); text widths use Vega's estimate, as there is no canvas in Node.
// - Outputs stay small (under 1 MB each): sizes that set the work (bins, grid
//   resolutions, image sizes) are bounded, and long data is thinned above a number of
//   marks, said in text/plain ("(drawn: 802)"); the bounds and why are in limits.ts.
// - digitGrid draws optional labels with a built-in 3×5 bitmap font (digits and
//   " -./:" only); other text belongs in the notebook.

export { Chart, VEGA_LITE_MIME, VEGA_LITE_SCHEMA } from "./chart";
export type { ChartBundle, ChartInfo, ChartOptions, LayerSpec } from "./chart";
export type { ClassNames, Labels, Numbers } from "./data";
export { lineChart } from "./line";
export type { LineChartOptions, LineSeries } from "./line";
export { scatterChart } from "./scatter";
export type { ScatterChartOptions, ScatterPoints } from "./scatter";
export { layerCharts } from "./layer";
export { sideBySide } from "./concat";
export type { SideBySideOptions } from "./concat";
export type { LayerOptions } from "./layer";
export { decisionRegions } from "./regions";
export type { DecisionRegionsOptions } from "./regions";
export { barChart, binValues, histogram } from "./bar";
export type { BarChartOptions, Bins, HistogramOptions } from "./bar";
export { heatmap } from "./heatmap";
export type { HeatmapOptions, Matrix } from "./heatmap";
export { contourChart, contourLines, contourWithPaths } from "./contour";
export type { ContourLine, ContourOptions, ContourWithPathsOptions } from "./contour";
export { arrowField } from "./arrows";
export type { ArrowFieldOptions } from "./arrows";
export { digitGrid, encodeGray, imagePng, LABEL_CHARACTERS, PngImage } from "./png";
export type { DigitGridOptions, GrayMap, ImageOptions } from "./png";
export {
  MAX_ARROWS,
  MAX_BARS,
  MAX_CLASSES,
  MAX_CONTOUR_LEVELS,
  MAX_CONTOUR_POINTS,
  MAX_CONTOUR_RESOLUTION,
  MAX_HEATMAP_CELLS,
  MAX_HISTOGRAM_BINS,
  MAX_IMAGE_PIXELS,
  MAX_IMAGE_SCALE,
  MAX_LINE_POINTS,
  MAX_LINE_SERIES,
  MAX_MARKED_LINE_POINTS,
  MAX_REGION_RECTANGLES,
  MAX_REGION_RESOLUTION,
  MAX_SCATTER_POINTS,
} from "./limits";
export { compactSvg, renderSvg } from "./svg";
export { DEFAULT_HEIGHT, DEFAULT_WIDTH, PALETTE, themeConfig } from "./theme";
