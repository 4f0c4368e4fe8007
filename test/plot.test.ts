import { test } from "node:test";
import assert from "node:assert/strict";
import { PNG } from "pngjs";
import * as vegaLite from "vega-lite";
import type { TopLevelSpec } from "vega-lite";
import { setDisplayWriter, show } from "../lib/src/display/show";
import type { DisplayMessage } from "../lib/src/display/tslab";
import {
  arrowField,
  barChart,
  binValues,
  Chart,
  compactSvg,
  contourLines,
  contourWithPaths,
  decisionRegions,
  digitGrid,
  heatmap,
  histogram,
  imagePng,
  layerCharts,
  lineChart,
  scatterChart,
  VEGA_LITE_MIME,
} from "../lib/src/plot/index";

type Json = Record<string, any>;

/** Compile with Vega-Lite, failing on any warning. */
function compiles(chart: Chart): void {
  const warnings: string[] = [];
  const logger = {
    level: () => 0,
    error: (...a: unknown[]) => {
      throw new Error(a.join(" "));
    },
    warn: (...a: unknown[]) => warnings.push(a.join(" ")),
    info: () => undefined,
    debug: () => undefined,
  };
  vegaLite.compile(chart.spec, { logger: logger as any });
  assert.deepEqual(warnings, [], "Vega-Lite warnings");
}

/** The unit specs of a chart (the chart itself, or its layers). */
function units(chart: Chart): Json[] {
  const spec = chart.spec as Json;
  return Array.isArray(spec.layer) ? spec.layer : [spec];
}

function markType(unit: Json): string {
  return typeof unit.mark === "string" ? unit.mark : unit.mark.type;
}

function rows(unit: Json): Json[] {
  return unit.data.values;
}

function subtitle(chart: Chart): string[] {
  const title = (chart.spec as Json).title;
  if (!title || typeof title === "string" || title.subtitle === undefined) return [];
  return Array.isArray(title.subtitle) ? title.subtitle : [title.subtitle];
}

async function svgOf(chart: Chart): Promise<string> {
  const svg = await chart.toSVG();
  assert.ok(svg.startsWith("<svg"), "SVG starts with <svg");
  assert.deepEqual(await chart.warnings(), [], "no Vega warnings");
  return svg;
}

const epochs = 30;
const costA = Array.from({ length: epochs }, (_, i) => 2 * Math.exp(-i / 8) + 0.05 * Math.sin(i));
const costB = Float64Array.from({ length: epochs }, (_, i) => 2.2 * Math.exp(-i / 10) + 0.1);

function costChart(): Chart {
  return lineChart({
    title: "Cost per epoch",
    series: [{ name: "η = 0.01", y: costA }, { name: "η = 0.0001", y: costB }],
    xLabel: "Epochs",
    yLabel: "Sum-squared-error",
  });
}

test("lineChart: valid spec, SVG with title, axis labels and legend", async () => {
  const chart = costChart();
  compiles(chart);
  const [unit] = units(chart);
  assert.equal(markType(unit), "line");
  assert.equal(rows(unit).length, 2 * epochs);
  assert.deepEqual(rows(unit)[0], { series: "η = 0.01", x: 1, y: 2 }, "x defaults to 1..n");
  assert.equal((chart.spec as Json).$schema, "https://vega.github.io/schema/vega-lite/v5.json");
  const svg = await svgOf(chart);
  for (const text of ["Cost per epoch", "Epochs", "Sum-squared-error", "η = 0.01", "η = 0.0001"]) {
    assert.ok(svg.includes(text), `SVG shows ${text}`);
  }
  assert.equal(chart.description, '<line chart "Cost per epoch": 2 series, 60 points>');
});

test("SVG is deterministic and compact", async () => {
  const first = await costChart().toSVG();
  // Render something with clip paths and gradients in between: Vega's id counters move.
  await heatmap({ values: [[1, 2], [3, 4]], title: "between" }).toSVG();
  await decisionRegions({ predict: (a) => (a > 0 ? 1 : 0), xRange: [-1, 1], yRange: [-1, 1], resolution: 10 }).toSVG();
  const second = await costChart().toSVG();
  assert.equal(second, first, "byte-identical");
  // Geometry has at most 2 decimals.
  for (const m of first.matchAll(/\s(?:d|transform|x|y|width|height)="([^"]*)"/g)) {
    assert.doesNotMatch(m[1], /\d\.\d{3}/, `rounded: ${m[0]}`);
  }
  assert.doesNotMatch(first, /aria-|role="|class="/);
  assert.ok(first.length < 15000, `line chart SVG is ${first.length} bytes`);
});

test("compactSvg rounds geometry but leaves text alone", () => {
  const raw =
    '<svg class="marks"><g transform="translate(10.123456,0.5)"><path class="x" aria-hidden="true" d="M13.3333,0L40.006,7.923"/>' +
    '<path d=""/><text x="1.23456" y="-0.004">1.23456</text><g id="clip1"><rect width="2.999"/></g><path clip-path="url(#clip1)" d="M0,0"/></g></svg>';
  const out = compactSvg(raw);
  assert.match(out, /transform="translate\(10\.12,0\.5\)"/);
  assert.match(out, /d="M13\.33,0L40\.01,7\.92"/);
  assert.match(out, /<text x="1\.23" y="0">1\.23456<\/text>/);
  assert.doesNotMatch(out, /class=|aria-hidden|d=""/);
  const id = /id="([^"]+)"/.exec(out)![1];
  assert.match(id, /^v[0-9a-f]{8}-clip1$/, "ids made unique per content");
  assert.ok(out.includes(`url(#${id})`));
  assert.equal(compactSvg(raw), out);
});

test("non-finite values are dropped and reported (diverging cost)", async () => {
  const diverging = [1, 3, 10, 100, 1e6, Infinity, NaN, NaN];
  const chart = lineChart({ title: "Diverging", series: { name: "cost", y: diverging } });
  compiles(chart);
  assert.equal(rows(units(chart)[0]).length, 5);
  assert.deepEqual(subtitle(chart), ["3 non-finite values not shown"]);
  assert.equal(chart.description, '<line chart "Diverging": 1 series, 5 points; 3 non-finite values not shown>');
  const svg = await svgOf(chart);
  assert.ok(svg.includes("3 non-finite values not shown"));
  const bundle = await chart.bundle();
  assert.ok(bundle["text/plain"].includes("3 non-finite values not shown"));
});

test("log scale drops zero and negative values, with non-finite ones", async () => {
  const chart = lineChart({
    title: "Log cost",
    series: [
      { name: "a", y: [10, 1, 0, -2, 0.1, Infinity] },
      { name: "b", x: [1, 2, 3], y: [5, NaN, 0.5] },
    ],
    logY: true,
    points: true,
  });
  compiles(chart);
  const [unit] = units(chart);
  assert.equal(unit.encoding.y.scale.type, "log");
  assert.equal(rows(unit).length, 5);
  assert.ok(rows(unit).every((r) => r.y > 0 && Number.isFinite(r.y)));
  assert.deepEqual(subtitle(chart), ["2 non-finite values not shown", "2 values ≤ 0 not shown (log scale)"]);
  const svg = await svgOf(chart);
  assert.ok(svg.includes("2 values ≤ 0 not shown (log scale)"));
  // Nothing drawable at all still renders.
  const empty = lineChart({ title: "Nothing", series: { name: "c", y: [NaN, -1] }, logY: true });
  await svgOf(empty);
  assert.match(empty.description, /0 points; 1 non-finite value not shown; 1 value ≤ 0/);
});

test("scatterChart: classes as colours, shapes and legend", async () => {
  const chart = scatterChart({
    x: [5.1, 4.9, 7.0, 6.4, 6.3, 5.8],
    y: [1.4, 1.4, 4.7, 4.5, 6.0, 5.1],
    labels: new Float64Array([0, 0, 1, 1, 2, 2]),
    classNames: ["setosa", "versicolor", "virginica"],
    title: "Iris",
    xLabel: "sepal length [cm]",
    yLabel: "petal length [cm]",
  });
  compiles(chart);
  const [unit] = units(chart);
  assert.equal(markType(unit), "point");
  assert.equal(rows(unit).length, 6);
  assert.deepEqual(unit.encoding.color.scale.domain, ["setosa", "versicolor", "virginica"]);
  assert.equal(unit.encoding.shape.field, "class");
  const svg = await svgOf(chart);
  for (const text of ["Iris", "sepal length [cm]", "petal length [cm]", "setosa", "virginica"]) assert.ok(svg.includes(text), text);
  // Labels -1 / 1 with a name map.
  const pm = scatterChart({ x: [0, 1], y: [0, 1], labels: [-1, 1], classNames: { "-1": "setosa", "1": "versicolor" } });
  assert.deepEqual(units(pm)[0].encoding.color.scale.domain, ["setosa", "versicolor"]);
  assert.equal(pm.description, "<scatter chart: 2 points, 2 classes>");
});

test("layerCharts: a line over a scatter", async () => {
  const points = scatterChart({ x: [1, 2, 3, 4], y: [1, 2, 2, 4], labels: [0, 0, 1, 1], title: "Fit", xLabel: "x₁", yLabel: "x₂" });
  const line = lineChart({ series: { name: "boundary", x: [0, 5], y: [0.5, 4.5] } });
  const chart = layerCharts(points, line);
  compiles(chart);
  const layers = units(chart);
  assert.deepEqual(layers.map(markType), ["point", "line"]);
  assert.equal((chart.spec as Json).resolve.scale.color, "independent", "classes and series keep their own colours");
  const svg = await svgOf(chart);
  for (const text of ["Fit", "x₁", "x₂"]) assert.ok(svg.includes(text), text);
  assert.match(chart.description, /^<layered chart "Fit": scatter chart \(4 points, 2 classes\) \+ line chart/);
  // Same classes in both layers share one scale and legend.
  const test2 = scatterChart({ x: [1], y: [1], labels: [1], classNames: ["a", "b"] });
  const train = scatterChart({ x: [2], y: [2], labels: [0], classNames: ["a", "b"] });
  assert.equal((layerCharts(train, test2).spec as Json).resolve, undefined);
});

test("decisionRegions: merged rectangles under the points", async () => {
  const predict = (x1: number, x2: number) => (x1 < 0 ? 0 : x1 + x2 < 1 ? 1 : 2);
  const chart = decisionRegions({
    predict,
    xRange: [-2, 2],
    yRange: [-1, 3],
    resolution: 100,
    points: { x: [-1, 0.5, 1.5, NaN], y: [0, 0, 2, 0], labels: [0, 1, 2, 2] },
    classNames: ["setosa", "versicolor", "virginica"],
    title: "Perceptron",
    xLabel: "sepal length",
    yLabel: "petal length",
  });
  compiles(chart);
  const [regions, points] = units(chart);
  assert.equal(markType(regions), "rect");
  assert.equal(markType(points), "point");
  assert.equal(rows(points).length, 3);
  const rects = rows(regions);
  assert.ok(rects.length < 300, `${rects.length} rectangles for 100×100 cells`);
  let area = 0;
  for (const r of rects) {
    area += (r.x2 - r.x) * (r.y2 - r.y);
    const expected = ["setosa", "versicolor", "virginica"][predict((r.x + r.x2) / 2, (r.y + r.y2) / 2)];
    assert.equal(r.class, expected);
  }
  assert.ok(Math.abs(area - 16) < 1e-6, "the rectangles tile the plot");
  assert.deepEqual(subtitle(chart), ["1 non-finite value not shown"]);
  const svg = await svgOf(chart);
  for (const text of ["Perceptron", "sepal length", "petal length", "versicolor"]) assert.ok(svg.includes(text), text);
  assert.ok(svg.length < 60000, `decision regions SVG is ${svg.length} bytes`);
  // Ranges default to the points' extent.
  const auto = decisionRegions({ predict: () => 1, points: { x: [0, 10], y: [0, 5], labels: [1, 1] } });
  assert.deepEqual((units(auto)[0].encoding.x.scale as Json).domain, [-1, 11]);
});

test("barChart and histogram", async () => {
  const bars = barChart({ categories: ["a", "b", "c", "d"], values: [3, NaN, 1, 2], title: "Bars", yLabel: "count" });
  compiles(bars);
  const [bu] = units(bars);
  assert.equal(markType(bu), "bar");
  assert.deepEqual(rows(bu).map((r) => r.category), ["a", "c", "d"]);
  assert.deepEqual(subtitle(bars), ["1 non-finite value not shown"]);
  assert.ok((await svgOf(bars)).includes("Bars"));

  const n = 100000;
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = Math.sin(i * 12.9898) * 3;
  values[7] = NaN;
  const hist = histogram({ values, bins: 25, title: "Weights", xLabel: "w" });
  compiles(hist);
  const [hu] = units(hist);
  assert.equal(markType(hu), "rect");
  assert.equal(rows(hu).length, 25, "one row per bin, not per value");
  assert.equal(rows(hu).reduce((a, r) => a + r.count, 0), n - 1);
  assert.equal(hist.description, '<histogram "Weights": 99999 values in 25 bins; 1 non-finite value not shown>');
  const svg = await svgOf(hist);
  assert.ok(svg.includes("Weights") && svg.includes("count"));
  const b = binValues([0, 0.5, 1, 2, 5], 2, [0, 2]);
  assert.deepEqual(b, { edges: [0, 1, 2], counts: [2, 2], nonFinite: 0, outside: 1 });
});

test("heatmap: matrix, flat values and coordinates", async () => {
  const m = heatmap({ values: [[1, 2, 3], [4, 5, 6]], title: "Matrix", showValues: true, colorLabel: "w" });
  compiles(m);
  const [cells, text] = units(m);
  assert.equal(markType(cells), "rect");
  assert.equal(markType(text), "text");
  assert.equal(rows(cells).length, 6);
  const svg = await svgOf(m);
  assert.ok(svg.includes("Matrix") && svg.includes(">6<"));

  const flat = heatmap({ values: new Float64Array(28 * 28).map((_, i) => (i % 28) - 14), rows: 28, cols: 28, diverging: true });
  compiles(flat);
  assert.equal(rows(units(flat)[0]).length, 784);
  assert.deepEqual(units(flat)[0].encoding.color.scale.domain, [-14, 14]);
  const flatSvg = await svgOf(flat);
  assert.ok(flatSvg.length < 60000, `28×28 heatmap SVG is ${flatSvg.length} bytes`);

  const xs = [0, 1, 2, 3];
  const ys = [0, 0.5, 1];
  const f = heatmap({ values: new Float64Array(12).map((_, i) => i), rows: 3, cols: 4, x: xs, y: ys });
  const [fu] = units(f);
  assert.equal(fu.encoding.x.type, "quantitative");
  assert.deepEqual(rows(fu)[0], { x: -0.5, x2: 0.5, y: -0.25, y2: 0.25, v: 0 });
  // A path over the heatmap.
  const path = lineChart({ series: { name: "descent", x: [3, 2, 1], y: [1, 0.5, 0.2] }, connect: "order", points: true });
  const layered = layerCharts(f, path);
  compiles(layered);
  assert.deepEqual(units(layered).map(markType), ["rect", "line"]);
  assert.equal(units(layered)[1].encoding.order.field, "i");
  await svgOf(layered);
});

test("arrowField: shafts and turned heads", async () => {
  const chart = arrowField({ x: [0, 1, 0, 1], y: [0, 0, 1, 1], u: [1, 0, -1, NaN], v: [0, 1, 0, 0], title: "Gradient", xLabel: "w₁" });
  compiles(chart);
  const [shafts, heads] = units(chart);
  assert.equal(markType(shafts), "rule");
  assert.equal(markType(heads), "point");
  const r = rows(shafts);
  assert.equal(r.length, 3);
  assert.deepEqual(r.map((q) => q.angle), [90, 0, -90], "right, up, left");
  assert.deepEqual(subtitle(chart), ["1 non-finite value not shown"]);
  const svg = await svgOf(chart);
  assert.ok(svg.includes("Gradient") && svg.includes("w₁"));
});

test("contours: marching squares and paths on top", async () => {
  const n = 41;
  const xs = Array.from({ length: n }, (_, i) => -2 + (4 * i) / (n - 1));
  const z = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) z[j * n + i] = xs[i] ** 2 + xs[j] ** 2;
  const lines = contourLines(z, xs, xs, [1]);
  assert.equal(lines.length, 1, "one closed line");
  const pts = lines[0].points;
  assert.deepEqual(pts[0], pts[pts.length - 1]);
  for (const [x, y] of pts) assert.ok(Math.abs(Math.hypot(x, y) - 1) < 0.02);

  const chart = contourWithPaths({
    title: "Descent",
    f: (x, y) => x * x + 5 * y * y,
    xRange: [-5, 5],
    yRange: [-2.5, 2.5],
    logLevels: true,
    paths: { name: "η = 0.1", x: [-4, -3.2, -2.56], y: [2, 1, 0.5] },
  });
  compiles(chart);
  assert.deepEqual(units(chart).map(markType), ["line", "line"]);
  const svg = await svgOf(chart);
  assert.ok(svg.includes("Descent"));
  assert.ok(svg.length < 60000, `contour SVG is ${svg.length} bytes`);
});

test("mimeBundle: Vega-Lite object, SVG and text, sent as one output", async () => {
  const chart = costChart();
  const bundle = (await chart.mimeBundle()) as Record<string, unknown>;
  assert.deepEqual(Object.keys(bundle).sort(), [VEGA_LITE_MIME, "image/svg+xml", "text/plain"].sort());
  const spec = bundle[VEGA_LITE_MIME] as Json;
  assert.equal(typeof spec, "object", "Jupyter wants the JSON payload as an object");
  assert.equal(spec.$schema, "https://vega.github.io/schema/vega-lite/v5.json");
  vegaLite.compile(spec as TopLevelSpec);
  assert.equal(bundle["image/svg+xml"], await chart.toSVG());
  assert.equal(bundle["text/plain"], chart.description);

  const sent: DisplayMessage[] = [];
  setDisplayWriter((message) => sent.push(message));
  try {
    await show(chart);
    await show(digitGrid({ images: [[0, 1, 1, 0]], scale: 1 }));
  } finally {
    setDisplayWriter(null);
  }
  assert.equal(sent.length, 2);
  assert.equal(Object.keys(sent[0].data).length, 3);
  assert.deepEqual(Object.keys(sent[1].data).sort(), ["image/png", "text/plain"]);
});

test("imagePng: decodes to the right size and grays", () => {
  const img = imagePng(new Float64Array([0, 0.5, 1, 0.25, NaN, 2]), 3, 2, { scale: 2, range: [0, 1] });
  assert.equal(img.width, 6);
  assert.equal(img.height, 4);
  assert.equal(img.description, "<image 6×4>");
  const png = PNG.sync.read(img.png);
  assert.equal(png.width, 6);
  assert.equal(png.height, 4);
  const gray = (x: number, y: number) => png.data[(y * png.width + x) * 4];
  // "greys": 0 → white, 1 → black; NaN → mid-gray; above the range → clamped.
  assert.deepEqual([gray(0, 0), gray(1, 1), gray(2, 0), gray(4, 0), gray(0, 2), gray(2, 2), gray(4, 3)], [255, 255, 127, 0, 191, 128, 0]);
  const light = imagePng([0, 1], 2, 1, { scale: 1, colormap: "gray" });
  const lp = PNG.sync.read(light.png);
  assert.deepEqual([lp.data[0], lp.data[4]], [0, 255]);
  assert.deepEqual(Object.keys(img.mimeBundle()).sort(), ["image/png", "text/plain"]);
  assert.equal(img.mimeBundle()["image/png"], img.png.toString("base64"));
});

test("digitGrid: layout, labels, deterministic bytes", () => {
  const side = 8;
  const images = Array.from({ length: 10 }, (_, d) => Array.from({ length: side * side }, (_, i) => (i % side === d % side ? 16 : 0)));
  const grid = digitGrid({ images, columns: 5, scale: 4, gap: 2, range: [0, 16] });
  // 5 columns of 32 px + 6 gaps of 2; 2 rows of 32 px + 3 gaps.
  assert.equal(grid.description, "<image 172×70: 10 digits>");
  const png = PNG.sync.read(grid.png);
  assert.equal(png.width, 172);
  assert.equal(png.height, 70);
  const gray = (x: number, y: number) => png.data[(y * png.width + x) * 4];
  assert.equal(gray(0, 0), 200, "gap");
  assert.equal(gray(2, 2), 0, "image 0, column 0 is ink");
  assert.equal(gray(2 + 4, 2), 255, "image 0, column 1 is paper");
  assert.equal(gray(2 + 34 + 4, 2), 0, "image 1, column 1 is ink");
  // Same input, same bytes; flat Float64Array with side gives the same image.
  const flat = Float64Array.from(images.flat());
  assert.deepEqual(digitGrid({ images: flat, side, columns: 5, scale: 4, gap: 2, range: [0, 16] }).png, grid.png);
  assert.deepEqual(digitGrid({ images, columns: 5, scale: 4, gap: 2, range: [0, 16] }).png, grid.png);
  // A Tensor-like [n, side, side] works too.
  const tensorLike = { data: flat, shape: [10, side, side] };
  assert.deepEqual(digitGrid({ images: tensorLike, columns: 5, scale: 4, gap: 2, range: [0, 16] }).png, grid.png);

  const labelled = digitGrid({ images, labels: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], columns: 10, scale: 4, range: [0, 16] });
  const lp = PNG.sync.read(labelled.png);
  assert.ok(lp.height > 32 + 4, "room for labels");
  let ink = 0;
  for (let y = 2 + 32; y < lp.height - 2; y++) for (let x = 0; x < lp.width; x++) if (lp.data[(y * lp.width + x) * 4] === 0) ink++;
  assert.ok(ink > 0, "label strip has text");
  assert.throws(() => digitGrid({ images, labels: images.map(() => "x") }), /labels can use only/);
  assert.throws(() => digitGrid({ images: new Float64Array(10) }), /give side/);
});

test("sideBySide puts charts next to each other in one SVG, keeping each title and the dropped-value notes", async () => {
  const { sideBySide, lineChart } = await import("../lib/src/plot");
  const left = lineChart({ title: "eta = 0.01", series: { name: "cost", y: [1, 10, Infinity] }, logY: true });
  const right = lineChart({ title: "eta = 0.0001", series: { name: "cost", y: [3, 2, 1] } });
  const both = sideBySide([left, right], { title: "Two learning rates" });
  const spec = both.spec as unknown as { hconcat: unknown[]; config: unknown };
  assert.equal(spec.hconcat.length, 2);
  assert.ok(spec.config);
  const svg = await both.toSVG();
  for (const text of ["eta = 0.01", "eta = 0.0001", "Two learning rates"]) assert.ok(svg.includes(text), text);
  assert.deepEqual(await both.warnings(), []);
  assert.match(both.description, /^<charts side by side "Two learning rates": <line chart "eta = 0.01".*\| <line chart "eta = 0.0001".*1 non-finite value not shown>$/);
  assert.throws(() => sideBySide([]), /no charts/);
});

test("a bar chart on a log scale draws bars from the power of ten below the smallest value", async () => {
  const { barChart } = await import("../lib/src/plot");
  const chart = barChart({ categories: ["W1", "b1", "W2"], values: [4.6e-10, 2.8e-9, 1.4e-7], logY: true, title: "log bars" });
  const svg = await chart.toSVG();
  const heights = [...svg.matchAll(/<path d="M[\d.]+,([\d.]+)h[\d.]+v([\d.]+)h-[\d.]+Z" fill="#1f77b4"/g)].map((m) => Number(m[2]));
  assert.equal(heights.length, 3, svg.slice(0, 300));
  assert.ok(heights.every((h) => h > 1), `bar heights ${heights}`);
  assert.ok(heights[0] < heights[1] && heights[1] < heights[2]);
  assert.deepEqual(await chart.warnings(), []);
});
