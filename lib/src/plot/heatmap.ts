import { argumentError } from "../checks";
import { buildChart, Chart, ChartOptions, LayerSpec } from "./chart";
import { Dropped, finiteExtent, numbers, Numbers, tidy } from "./data";
import { MAX_HEATMAP_CELLS } from "./limits";

/** A matrix: rows of numbers, or flat row-major numbers with `rows`/`cols` (a Tensor's shape is used when present). */
export type Matrix = readonly ArrayLike<number>[] | Numbers;

export interface HeatmapOptions extends ChartOptions {
  values: Matrix;
  rows?: number;
  cols?: number;
  /** Coordinates of the columns / rows (cell centres). With them the axes are numeric and y points up, as for f(x, y). Without them the cells are matrix entries, row 0 at the top. */
  x?: Numbers;
  y?: Numbers;
  /** Names of the columns / rows in matrix mode (e.g. class names for a confusion matrix). */
  colNames?: string[];
  rowNames?: string[];
  /** Vega colour scheme (default "viridis"; "blueorange" when `diverging`). */
  scheme?: string;
  /** Colours symmetric around 0 (weights, gradients). */
  diverging?: boolean;
  /** Colour domain (default: the finite values' extent). */
  domain?: [number, number];
  /** Legend title. */
  colorLabel?: string;
  /** Print each value in its cell (small matrices, confusion matrices). */
  showValues?: boolean;
  /** d3-format for `showValues` (default ".3~g"). */
  format?: string;
}

interface Grid {
  rows: number;
  cols: number;
  at(r: number, c: number): number;
}

/** Read a matrix in any of its accepted forms. */
export function toGrid(values: Matrix, rows: number | undefined, cols: number | undefined, what: string): Grid {
  if (Array.isArray(values) && values.length > 0 && typeof values[0] !== "number") {
    const rowsArr = values as readonly ArrayLike<number>[];
    const n = rowsArr[0].length;
    rowsArr.forEach((row, i) => {
      if (row.length !== n) throw new Error(`${what}: row ${i} has ${row.length} values, row 0 has ${n}`);
    });
    return { rows: rowsArr.length, cols: n, at: (r, c) => rowsArr[r][c] };
  }
  const flat = numbers(values as Numbers, what);
  const shape = (values as { shape?: readonly number[] }).shape;
  if (rows === undefined && cols === undefined && shape && shape.length === 2) [rows, cols] = shape;
  if (rows === undefined && cols !== undefined) rows = flat.length / cols;
  if (cols === undefined && rows !== undefined) cols = flat.length / rows;
  if (rows === undefined || cols === undefined) {
    const side = Math.round(Math.sqrt(flat.length));
    if (side * side !== flat.length) throw new Error(`${what}: give rows or cols for ${flat.length} flat values`);
    rows = cols = side;
  }
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows * cols !== flat.length) {
    throw new Error(`${what}: ${flat.length} values do not make ${rows}×${cols}`);
  }
  const c0 = cols;
  return { rows, cols, at: (r, c) => flat[r * c0 + c] };
}

/** Cell edges around the given centres (midpoints; the ends extended by half a step). */
function edgesOf(centres: ArrayLike<number>, what: string): number[] {
  const n = centres.length;
  for (let i = 0; i < n; i++) if (!Number.isFinite(centres[i])) throw new Error(`${what}: coordinates must be finite`);
  if (n === 1) return [centres[0] - 0.5, centres[0] + 0.5];
  const edges = [centres[0] - (centres[1] - centres[0]) / 2];
  for (let i = 0; i + 1 < n; i++) edges.push((centres[i] + centres[i + 1]) / 2);
  edges.push(centres[n - 1] + (centres[n - 1] - centres[n - 2]) / 2);
  return edges;
}

const DARK_TO_LIGHT = new Set(["viridis", "magma", "inferno", "plasma", "cividis", "darkblue", "darkgold", "darkgreen", "darkmulti", "darkred"]);

/** A colour-scaled grid of cells: weight matrices, confusion matrices, f(x, y) on a grid; at most MAX_HEATMAP_CELLS cells. */
export function heatmap(options: HeatmapOptions): Chart {
  const grid = toGrid(options.values, options.rows, options.cols, "heatmap: values");
  if (grid.rows * grid.cols > MAX_HEATMAP_CELLS) {
    const side = Math.floor(Math.sqrt(MAX_HEATMAP_CELLS));
    throw argumentError("heatmap", "the number of cells", `at most ${MAX_HEATMAP_CELLS} (e.g. ${side}×${side})`, `${grid.rows * grid.cols} (${grid.rows}×${grid.cols})`);
  }
  const coords = options.x !== undefined || options.y !== undefined;
  const dropped = new Dropped();
  const values: Record<string, number | string>[] = [];
  const all: number[] = [];
  let xEdges: number[] = [];
  let yEdges: number[] = [];
  if (coords) {
    const xs = options.x === undefined ? Array.from({ length: grid.cols }, (_, i) => i) : numbers(options.x, "heatmap: x");
    const ys = options.y === undefined ? Array.from({ length: grid.rows }, (_, i) => i) : numbers(options.y, "heatmap: y");
    if (xs.length !== grid.cols) throw new Error(`heatmap: x has ${xs.length} values for ${grid.cols} columns`);
    if (ys.length !== grid.rows) throw new Error(`heatmap: y has ${ys.length} values for ${grid.rows} rows`);
    xEdges = edgesOf(xs, "heatmap: x");
    yEdges = edgesOf(ys, "heatmap: y");
  }
  const colName = (c: number) => options.colNames?.[c] ?? String(c);
  const rowName = (r: number) => options.rowNames?.[r] ?? String(r);
  for (let r = 0; r < grid.rows; r++) {
    for (let c = 0; c < grid.cols; c++) {
      const v = grid.at(r, c);
      if (!dropped.finite(v)) continue;
      all.push(v);
      values.push(
        coords
          ? { x: tidy(xEdges[c]), x2: tidy(xEdges[c + 1]), y: tidy(yEdges[r]), y2: tidy(yEdges[r + 1]), v: tidy(v) }
          : { col: colName(c), row: rowName(r), v: tidy(v) },
      );
    }
  }
  const extent = finiteExtent(all) ?? [0, 1];
  let domain: [number, number] = options.domain ?? extent;
  if (options.diverging && !options.domain) {
    const m = Math.max(Math.abs(extent[0]), Math.abs(extent[1])) || 1;
    domain = [-m, m];
  }
  const scheme = options.scheme ?? (options.diverging ? "blueorange" : "viridis");
  const color = {
    field: "v",
    type: "quantitative",
    title: options.colorLabel ?? null,
    scale: { scheme, domain: domain.map(tidy), clamp: true, ...(options.diverging ? { domainMid: 0 } : {}) },
  };
  // Square cells by default in matrix mode: whole pixels, so no seams between cells.
  let { width, height } = options;
  const cell = Math.max(4, Math.min(80, Math.floor(300 / Math.max(grid.rows, grid.cols))));
  if (!coords && width === undefined && height === undefined) {
    width = cell * grid.cols;
    height = cell * grid.rows;
  }
  let encoding: Record<string, unknown>;
  if (coords) {
    encoding = {
      x: { field: "x", type: "quantitative", title: options.xLabel ?? "x", scale: { domain: [xEdges[0], xEdges[xEdges.length - 1]].map(tidy), nice: false, zero: false } },
      x2: { field: "x2" },
      y: { field: "y", type: "quantitative", title: options.yLabel ?? "y", scale: { domain: [yEdges[0], yEdges[yEdges.length - 1]].map(tidy), nice: false, zero: false } },
      y2: { field: "y2" },
      color,
    };
  } else {
    const longest = (names: string[]) => Math.max(0, ...names.map((n) => n.length));
    const tickStep = (n: number) => (n <= 20 ? 1 : Math.ceil(n / 10 / 5) * 5);
    const ticks = (n: number, name: (i: number) => string) =>
      Array.from({ length: n }, (_, i) => i).filter((i) => i % tickStep(n) === 0).map(name);
    const colTicks = ticks(grid.cols, colName);
    // Slant the column labels when they would not fit side by side (about 6.5 px per character).
    const slant = longest(colTicks) * 6.5 > (tickStep(grid.cols) * (width ?? cell * grid.cols)) / grid.cols;
    const colDomain = Array.from({ length: grid.cols }, (_, i) => colName(i));
    const rowDomain = Array.from({ length: grid.rows }, (_, i) => rowName(i));
    encoding = {
      x: { field: "col", type: "ordinal", title: options.xLabel ?? null, scale: { domain: colDomain }, axis: { values: colTicks, labelAngle: slant ? -45 : 0, domain: false, ticks: false } },
      y: { field: "row", type: "ordinal", title: options.yLabel ?? null, scale: { domain: rowDomain }, axis: { values: ticks(grid.rows, rowName), domain: false, ticks: false } },
      color,
    };
  }
  const layers: LayerSpec[] = [{ data: { values }, mark: { type: "rect" }, encoding } as unknown as LayerSpec];
  if (options.showValues) {
    const mid = (domain[0] + domain[1]) / 2;
    const span = domain[1] - domain[0];
    const test = options.diverging
      ? `abs(datum.v) > ${tidy(0.6 * Math.max(Math.abs(domain[0]), Math.abs(domain[1])))}`
      : DARK_TO_LIGHT.has(scheme)
        ? `datum.v < ${tidy(mid - 0.1 * span)}`
        : `datum.v > ${tidy(mid + 0.1 * span)}`;
    const position = coords
      ? {
          x: { ...(encoding.x as object), field: "xc" },
          y: { ...(encoding.y as object), field: "yc" },
        }
      : { x: encoding.x, y: encoding.y };
    layers.push({
      data: { values },
      ...(coords ? { transform: [{ calculate: "(datum.x + datum.x2) / 2", as: "xc" }, { calculate: "(datum.y + datum.y2) / 2", as: "yc" }] } : {}),
      mark: { type: "text", fontSize: 11 },
      encoding: {
        ...position,
        text: { field: "v", type: "quantitative", format: options.format ?? ".3~g" },
        color: { condition: { test, value: "white" }, value: "black" },
      },
    } as unknown as LayerSpec);
  }
  return buildChart(
    { ...options, width, height },
    { kind: "heatmap", summary: `${grid.rows}×${grid.cols} cells`, notes: dropped.notes(), layers },
  );
}
