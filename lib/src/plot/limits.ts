// How big a plot may get. A notebook keeps every output in its .ipynb file, and a
// chart carries its data twice (the Vega-Lite spec and the SVG): a plot of a million
// points would write tens of megabytes into the notebook, and a size such as
// `bins: 1e7` would run the process out of memory before anything is drawn. So every
// builder bounds its sizes: a size that sets the amount of work (bins, grid
// resolutions, image sizes, counts of bars, arrows, series, classes) is refused above
// its bound with an error that names it; data that may legitimately be long (a loss per
// iteration, a cloud of points, fine contours) is thinned above a number of marks, and
// the chart's text form says so (`<line chart "loss": 1 series, 1000000 points (drawn: 802)>`).
//
// Each bound keeps one builder's output (Vega-Lite JSON + SVG + text) under 1 MB even as
// the notebook stores it (JSON indented, which costs more than the compact form); the
// bytes per mark below are measured that way. Every bound lies well above the largest
// plot of the course's notebooks, which are therefore drawn exactly as before. Charts
// combined with layerCharts or sideBySide add up their parts.

/** Histogram bins: more bins than pixel columns draw nothing more (a bin costs about 200 bytes). */
export const MAX_HISTOGRAM_BINS = 1000;

/** Bars of a bar chart: a bar with its axis label costs about 410 bytes (1000: about 410 kB). */
export const MAX_BARS = 1000;

/**
 * Points of a line chart, all series together, above which each series longer than its
 * share is drawn by the lowest and highest point of each pixel column (and its first and
 * last point), so spikes survive: a point costs about 150 bytes (3000: about 450 kB).
 */
export const MAX_LINE_POINTS = 3000;

/** The same with `points: true` (also the paths of contourWithPaths): a marked point costs about 320 bytes (800: about 260 kB). */
export const MAX_MARKED_LINE_POINTS = 800;

/** Series of a line chart: each needs a legend entry and a share of the points above. */
export const MAX_LINE_SERIES = 100;

/**
 * Points of a scatter chart (and of decisionRegions' points), above which an evenly
 * spaced subsample is drawn, the first and last point included: a point costs about
 * 300 bytes (2000: about 610 kB).
 */
export const MAX_SCATTER_POINTS = 2000;

/** Classes of a scatter chart or decision regions: each needs a legend entry, a colour and a shape (labels that are measurements, not classes, end here). */
export const MAX_CLASSES = 100;

/** Arrows of an arrow field: an arrow (shaft and head) costs about 650 bytes (1000: about 650 kB). */
export const MAX_ARROWS = 1000;

/** Cells of a heatmap: a cell costs about 200 bytes, 510 with `showValues` (1600, e.g. 40×40: about 820 kB). */
export const MAX_HEATMAP_CELLS = 1600;

/** Grid cells along each axis of decisionRegions: the classifier is called resolution² times. */
export const MAX_REGION_RESOLUTION = 200;

/**
 * Rectangles of decisionRegions (equal cells merged), above which a coarser grid is
 * drawn: a rectangle costs about 270 bytes (1000: about 270 kB, leaving room for the
 * points). A smooth boundary needs a few hundred; a ragged classifier on a fine grid more.
 */
export const MAX_REGION_RECTANGLES = 1000;

/** Grid points along each axis of a contour chart: f is called resolution² times. */
export const MAX_CONTOUR_RESOLUTION = 300;

/** Levels of a contour chart: more lines than this are no longer told apart by colour. */
export const MAX_CONTOUR_LEVELS = 50;

/**
 * Points of all contour lines together, above which a coarser grid is drawn: a point
 * costs about 150 bytes (2500: about 380 kB, leaving room for a fill and paths).
 */
export const MAX_CONTOUR_POINTS = 2500;

/** Pixels of a PNG image (e.g. 1000×700): at worst a byte each, in base64 4/3 of that (700000: about 935 kB). */
export const MAX_IMAGE_PIXELS = 700_000;

/** Integer upscaling factor of a PNG image. */
export const MAX_IMAGE_SCALE = 64;

/** " (drawn: 802)" after a count of points when fewer were drawn, else "". */
export function drawnNote(total: number, drawn: number): string {
  return drawn < total ? ` (drawn: ${drawn})` : "";
}

/** Indices 0…n−1, or `count` of them evenly spaced, the first and the last included (count ≥ 2 when n > count). */
export function evenlySpaced(n: number, count: number): number[] {
  if (n <= count) return Array.from({ length: n }, (_, i) => i);
  if (count <= 1) return [0];
  return Array.from({ length: count }, (_, k) => Math.floor((k * (n - 1)) / (count - 1)));
}

/**
 * The points of one line to draw in `columns` pixel columns: in each column the lowest
 * and the highest point (for paths drawn in order also the leftmost and the rightmost),
 * and the first and last point of the line, in their order: at most 2 (in order: 4)
 * per column, plus 2.
 *
 * `x` ascending: the columns split the x range evenly (`t` maps x to the axis, e.g. log10);
 * otherwise they split the points into equal runs.
 */
export function minMaxPerColumn(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  columns: number,
  options: { inOrder?: boolean; t?: (v: number) => number } = {},
): number[] {
  const n = y.length;
  if (n <= (options.inOrder ? 4 : 2) * columns + 2) return Array.from({ length: n }, (_, i) => i);
  const t = options.t ?? ((v: number) => v);
  let ascending = !options.inOrder;
  for (let i = 1; ascending && i < n; i++) if (x[i] < x[i - 1]) ascending = false;
  const t0 = t(x[0]);
  const span = t(x[n - 1]) - t0;
  const column = ascending && span > 0
    ? (i: number) => Math.min(columns - 1, Math.floor(((t(x[i]) - t0) / span) * columns))
    : (i: number) => Math.floor((i * columns) / n);
  const keep = new Set<number>([0, n - 1]);
  let start = 0;
  while (start < n) {
    const c = column(start);
    let end = start + 1;
    while (end < n && column(end) === c) end++;
    let lo = start;
    let hi = start;
    let left = start;
    let right = start;
    for (let i = start + 1; i < end; i++) {
      if (y[i] < y[lo]) lo = i;
      if (y[i] > y[hi]) hi = i;
      if (x[i] < x[left]) left = i;
      if (x[i] > x[right]) right = i;
    }
    keep.add(lo).add(hi);
    if (options.inOrder) keep.add(left).add(right);
    start = end;
  }
  return [...keep].sort((a, b) => a - b);
}
