// The plot builders' size limits (lib/src/plot/limits.ts): sizes refused with a message
// that names the bound, long data thinned (and said so) into an output under 1 MB, and
// the thinning keeping what matters: first and last points, and the extremes.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  arrowField,
  barChart,
  binValues,
  Chart,
  contourChart,
  decisionRegions,
  digitGrid,
  heatmap,
  histogram,
  imagePng,
  lineChart,
  MAX_ARROWS,
  MAX_BARS,
  MAX_CONTOUR_POINTS,
  MAX_HEATMAP_CELLS,
  MAX_HISTOGRAM_BINS,
  MAX_IMAGE_PIXELS,
  MAX_LINE_POINTS,
  MAX_LINE_SERIES,
  MAX_MARKED_LINE_POINTS,
  MAX_REGION_RECTANGLES,
  MAX_SCATTER_POINTS,
  PngImage,
  scatterChart,
} from "../lib/src/plot/index";
import { minMaxPerColumn } from "../lib/src/plot/limits";

type Json = Record<string, any>;

const MB = 1_000_000;

/** The bytes one output takes in a notebook file: the bundle as the course writes it (JSON, one-space indent, nested in a cell). */
async function notebookBytes(item: Chart | PngImage): Promise<number> {
  const data = await item.mimeBundle();
  const nb = { cells: [{ cell_type: "code", outputs: [{ data, metadata: {}, output_type: "display_data" }] }] };
  return Buffer.byteLength(JSON.stringify(nb, null, 1));
}

function units(chart: Chart): Json[] {
  const spec = chart.spec as Json;
  return Array.isArray(spec.layer) ? spec.layer : [spec];
}

function rows(chart: Chart, k = 0): Json[] {
  return units(chart)[k].data.values;
}

/** A deterministic noise in [0, 1). */
function noise(n: number, seed: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => ((Math.sin(i * 12.9898 + seed) * 43758.5453) % 1 + 1) % 1);
}

test("every size bound is refused with a message that says the bound", () => {
  const refused: [() => unknown, string][] = [
    [() => histogram({ values: [1, 2, 3], bins: 1e7 }), "histogram: bins must be an integer in 1..1000, got 10000000"],
    [() => histogram({ values: [1, 2, 3], bins: 0 }), "histogram: bins must be an integer in 1..1000, got 0"],
    [() => binValues([1, 2], 2.5), "histogram: bins must be an integer in 1..1000, got 2.5"],
    [
      () => barChart({ categories: Array.from({ length: 1001 }, (_, i) => `c${i}`), values: new Float64Array(1001) }),
      "barChart: the number of bars must be at most 1000, got 1001",
    ],
    [
      () => lineChart({ series: Array.from({ length: 101 }, (_, i) => ({ name: `s${i}`, y: [1, 2] })) }),
      "lineChart: the number of series must be at most 100, got 101",
    ],
    [
      () => scatterChart({ x: noise(500, 1), y: noise(500, 2), labels: noise(500, 3) }),
      "scatterChart: the number of classes must be at most 100, got 500",
    ],
    [
      () => decisionRegions({ predict: () => 0, xRange: [0, 1], yRange: [0, 1], resolution: 201 }),
      "decisionRegions: resolution must be an integer in 2..200, got 201",
    ],
    [
      () => decisionRegions({ predict: (a, b) => 1000 * a + b, xRange: [0, 1], yRange: [0, 1], resolution: 20 }),
      "decisionRegions: the number of classes must be at most 100, got 400",
    ],
    [
      () => contourChart({ f: (a, b) => a * b, xRange: [0, 1], yRange: [0, 1], resolution: 301 }),
      "contourChart: resolution must be an integer in 3..300, got 301",
    ],
    [
      () => contourChart({ f: (a, b) => a * b, xRange: [0, 1], yRange: [0, 1], levels: 51 }),
      "contourChart: levels must be an integer in 1..50, got 51",
    ],
    [
      () => contourChart({ f: (a, b) => a * b, xRange: [0, 1], yRange: [0, 1], levels: Array.from({ length: 51 }, (_, i) => i / 51) }),
      "contourChart: levels must be at most 50 values, got 51 values",
    ],
    [
      () => heatmap({ values: new Float64Array(41 * 40), rows: 41, cols: 40 }),
      "heatmap: the number of cells must be at most 1600 (e.g. 40×40), got 1640 (41×40)",
    ],
    [
      () => arrowField({ x: new Float64Array(1001), y: new Float64Array(1001), u: new Float64Array(1001), v: new Float64Array(1001) }),
      "arrowField: the number of arrows must be at most 1000, got 1001",
    ],
    [() => imagePng(new Float64Array(784), 28, 28, { scale: 65 }), "imagePng: scale must be an integer in 1..64, got 65"],
    [
      () => imagePng(new Float64Array(1000 * 701), 1000, 701),
      "imagePng: the number of pixels must be at most 700000 (e.g. 1000×700), got 701000 (1000×701)",
    ],
    [
      () => digitGrid({ images: new Float64Array(250 * 784), side: 28 }),
      "digitGrid: the number of pixels must be at most 700000 (e.g. 1000×700), got 845064 (582×1452)",
    ],
    [() => digitGrid({ images: new Float64Array(784), gap: -1 }), "digitGrid: gap must be an integer ≥ 0, got -1"],
  ];
  for (const [call, message] of refused) assert.throws(call, { message });
  // At the bounds themselves, nothing is refused.
  assert.equal(binValues([1, 2, 3], MAX_HISTOGRAM_BINS).counts.length, MAX_HISTOGRAM_BINS);
  barChart({ categories: Array.from({ length: MAX_BARS }, (_, i) => `c${i}`), values: new Float64Array(MAX_BARS) });
  lineChart({ series: Array.from({ length: MAX_LINE_SERIES }, (_, i) => ({ name: `s${i}`, y: [1, 2] })) });
  heatmap({ values: new Float64Array(MAX_HEATMAP_CELLS), rows: 40, cols: 40 });
  arrowField({ x: noise(MAX_ARROWS, 1), y: noise(MAX_ARROWS, 2), u: noise(MAX_ARROWS, 3), v: noise(MAX_ARROWS, 4) });
  assert.equal(imagePng(new Float64Array(MAX_IMAGE_PIXELS), 1000, 700).width, 1000);
});

test("a line chart of 10⁶ points: under 1 MB, said to be thinned, keeping the first and last points and the extremes", async () => {
  const n = 1_000_000;
  const y = Float64Array.from({ length: n }, (_, k) => Math.exp(-k / 2e5) + 0.01 * Math.sin(k / 7));
  y[123_457] = 50; // one spike up, one down: a stride would miss them
  y[654_321] = -50;
  const chart = lineChart({ title: "loss", series: { name: "loss", y } });
  const drawn = rows(chart);
  assert.ok(drawn.length <= 2 * 400 + 2, `${drawn.length} points drawn`);
  assert.equal(chart.description, `<line chart "loss": 1 series, 1000000 points (drawn: ${drawn.length})>`);
  assert.deepEqual(drawn[0], { series: "loss", x: 1, y: 1 }, "the first point");
  assert.equal(drawn[drawn.length - 1].x, n, "the last point");
  assert.ok(drawn.some((r) => r.x === 123_458 && r.y === 50), "the spike up");
  assert.ok(drawn.some((r) => r.x === 654_322 && r.y === -50), "the spike down");
  assert.ok(drawn.every((r, i) => i === 0 || r.x > drawn[i - 1].x), "in their order");
  const bytes = await notebookBytes(chart);
  assert.ok(bytes < MB, `${bytes} bytes`);
  assert.deepEqual(await chart.warnings(), []);
});

test("several long series share the budget; each keeps its first and last point", async () => {
  const series = Array.from({ length: 10 }, (_, s) => ({ name: `run ${s}`, x: Array.from({ length: 20_000 }, (_, k) => 1 + k / 10), y: noise(20_000, s) }));
  const chart = lineChart({ series, logX: true });
  const drawn = rows(chart);
  assert.ok(drawn.length <= MAX_LINE_POINTS, `${drawn.length} points drawn`);
  assert.match(chart.description, /: 10 series, 200000 points \(drawn: \d+\)>$/);
  for (const s of series) {
    const own = drawn.filter((r) => r.series === s.name);
    assert.equal(own[0].x, 1);
    assert.equal(own[own.length - 1].x, 2000.9);
  }
  assert.ok((await notebookBytes(chart)) < MB);
});

test("paths drawn in order (points marked) keep the extremes of x as well as y", () => {
  const n = 200_000;
  const x = Float64Array.from({ length: n }, (_, k) => Math.cos(k / 5000) * (1 + k / n));
  const y = Float64Array.from({ length: n }, (_, k) => Math.sin(k / 5000) * (1 + k / n));
  x[77_777] = 9; // the farthest point to the right
  const chart = lineChart({ series: { name: "path", x, y }, connect: "order", points: true });
  const drawn = rows(chart);
  assert.ok(drawn.length <= MAX_MARKED_LINE_POINTS, `${drawn.length} points drawn`);
  assert.equal(drawn[0].i, 0);
  assert.equal(drawn[drawn.length - 1].i, n - 1);
  assert.ok(drawn.some((r) => r.i === 77_777 && r.x === 9));
  assert.ok(drawn.every((r, k) => k === 0 || r.i > drawn[k - 1].i), "in path order");
});

test("minMaxPerColumn: one lowest and one highest point per pixel column of x", () => {
  // x crowded at the left: the columns split the x range, not the points.
  const x = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 5, 10];
  const y = [3, 9, 1, 4, 4, 2, 8, 5, 6, 7, 0, 2];
  assert.deepEqual(minMaxPerColumn(x, y, 2), [0, 1, 2, 10, 11]);
  assert.deepEqual(minMaxPerColumn([1, 2, 3], [1, 2, 3], 1), [0, 1, 2], "short lines are kept whole");
});

test("a scatter chart of 10⁶ points: an evenly spaced subsample under 1 MB, said so, the first and last point included", async () => {
  const n = 1_000_000;
  const x = Float64Array.from({ length: n }, (_, i) => i);
  const y = noise(n, 1);
  const labels = Array.from({ length: n }, (_, i) => i % 3);
  const chart = scatterChart({ title: "cloud", x, y, labels, classNames: ["setosa", "versicolor", "virginica"] });
  const drawn = rows(chart);
  assert.equal(drawn.length, MAX_SCATTER_POINTS);
  assert.equal(chart.description, `<scatter chart "cloud": 1000000 points (drawn: ${MAX_SCATTER_POINTS}), 3 classes>`);
  assert.equal(drawn[0].x, 0);
  assert.equal(drawn[drawn.length - 1].x, tidyLike(n - 1));
  const gaps = new Set(drawn.slice(1).map((r, i) => Math.round((r.x as number) - (drawn[i].x as number))));
  assert.ok([...gaps].every((g) => Math.abs(g - (n - 1) / (MAX_SCATTER_POINTS - 1)) <= 1), `evenly spaced: gaps ${[...gaps]}`);
  assert.deepEqual(new Set(drawn.map((r) => r.class)), new Set(["setosa", "versicolor", "virginica"]));
  const bytes = await notebookBytes(chart);
  assert.ok(bytes < MB, `${bytes} bytes`);
  // The same input, the same subsample.
  const again = scatterChart({ title: "cloud", x, y, labels, classNames: ["setosa", "versicolor", "virginica"] });
  assert.equal(JSON.stringify(again.spec), JSON.stringify(chart.spec));
});

/** Six significant digits, as the spec stores numbers. */
function tidyLike(v: number): number {
  return Number(v.toPrecision(6));
}

test("at the limits themselves nothing is thinned", () => {
  const line = lineChart({ series: { name: "loss", y: noise(MAX_LINE_POINTS, 1) } });
  assert.equal(rows(line).length, MAX_LINE_POINTS);
  assert.equal(line.description, `<line chart: 1 series, ${MAX_LINE_POINTS} points>`);
  // Two series, one longer than half the budget: together exactly at the limit.
  const two = lineChart({ series: [{ name: "a", y: noise(MAX_LINE_POINTS - 1000, 1) }, { name: "b", y: noise(1000, 2) }] });
  assert.equal(rows(two).length, MAX_LINE_POINTS);
  const marked = lineChart({ series: { name: "loss", y: noise(MAX_MARKED_LINE_POINTS, 1) }, points: true });
  assert.equal(rows(marked).length, MAX_MARKED_LINE_POINTS);
  const scatter = scatterChart({ x: noise(MAX_SCATTER_POINTS, 1), y: noise(MAX_SCATTER_POINTS, 2) });
  assert.equal(rows(scatter).length, MAX_SCATTER_POINTS);
  assert.equal(scatter.description, `<scatter chart: ${MAX_SCATTER_POINTS} points>`);
});

test("a ragged classifier or a ragged f is drawn on a coarser grid, said so, under 1 MB", async () => {
  const checker = decisionRegions({
    predict: (a, b) => (Math.floor(a * 100) + Math.floor(b * 100)) % 2,
    xRange: [0, 1],
    yRange: [0, 1],
    resolution: 200,
    points: { x: noise(10_000, 1), y: noise(10_000, 2), labels: Array.from({ length: 10_000 }, (_, i) => i % 2) },
  });
  assert.ok(rows(checker, 0).length <= MAX_REGION_RECTANGLES);
  assert.match(checker.description, /^<decision regions: 200×200 grid \(drawn: (\d+)×\1\) in \d+ rectangles, 2 classes, 10000 points \(drawn: 2000\)>$/);
  assert.ok((await notebookBytes(checker)) < MB);

  const ragged = contourChart({ f: (a, b) => Math.sin(a * 1e3) * Math.cos(b * 7e2), xRange: [0, 1], yRange: [0, 1], resolution: 300, levels: 50, fill: true });
  assert.ok(rows(ragged, 1).length <= MAX_CONTOUR_POINTS);
  assert.match(ragged.description, /on a 300×300 grid \(drawn: (\d+)×\1\)>$/);
  assert.ok((await notebookBytes(ragged)) < MB);
});

test("the largest image allowed stays under 1 MB even when it does not compress", async () => {
  const image = imagePng(noise(MAX_IMAGE_PIXELS, 1), 1000, MAX_IMAGE_PIXELS / 1000);
  const bytes = await notebookBytes(image);
  assert.ok(bytes < MB, `${bytes} bytes`);
});
