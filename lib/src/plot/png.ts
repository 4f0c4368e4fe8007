// Grayscale images as PNG (pngjs), deterministic bytes: digits, weight maps, grids of
// digits with optional labels drawn in a tiny built-in bitmap font.

import { PNG } from "pngjs";
import { argumentError, checkInteger } from "../checks";
import type { Displayable, MimeBundle } from "../display/show";
import { finiteExtent, numbers, Numbers, plural } from "./data";
import { MAX_IMAGE_PIXELS, MAX_IMAGE_SCALE } from "./limits";

/** How values map to gray: "greys" = high values dark (ink on paper, matplotlib's gray_r), "gray" = high values light. */
export type GrayMap = "greys" | "gray";

export interface ImageOptions {
  /** Integer upscaling factor 1…MAX_IMAGE_SCALE, nearest neighbour (default: about 112 pixels on the long side). */
  scale?: number;
  /** Values mapped to the ends of the gray ramp (default: the finite values' min and max). */
  range?: [number, number];
  colormap?: GrayMap;
}

/** A PNG image that shows itself in a notebook. */
export class PngImage implements Displayable {
  constructor(
    /** The encoded PNG file. */
    readonly png: Buffer,
    readonly width: number,
    readonly height: number,
    /** text/plain, e.g. "<image 280×56: 10 digits>". */
    readonly description: string,
  ) {}

  toBase64(): string {
    return this.png.toString("base64");
  }

  toString(): string {
    return this.description;
  }

  mimeBundle(): MimeBundle {
    return { "image/png": this.toBase64(), "text/plain": this.description };
  }
}

/** 8-bit gray pixels (row-major, width × height) → PNG bytes. Deterministic: same pixels, same bytes. */
export function encodeGray(gray: Uint8Array, width: number, height: number): Buffer {
  if (gray.length !== width * height) throw new Error(`encodeGray: ${gray.length} pixels for ${width}×${height}`);
  const png = new PNG({ width, height, colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 });
  png.data = Buffer.from(gray.buffer, gray.byteOffset, gray.byteLength);
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 });
}

/** Map a value to 0…255 gray; non-finite values become mid-gray (128). */
function grayMapper(range: [number, number], colormap: GrayMap): (v: number) => number {
  const [lo, hi] = range;
  const span = hi - lo;
  return (v: number) => {
    if (!Number.isFinite(v)) return 128;
    let t = span > 0 ? (v - lo) / span : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    const g = Math.round(255 * t);
    return colormap === "greys" ? 255 - g : g;
  };
}

function defaultRange(values: ArrayLike<number>): [number, number] {
  const e = finiteExtent(Array.from(values)) ?? [0, 1];
  return e[1] > e[0] ? e : [e[0], e[0] + 1];
}

function checkScale(scale: number, what: string): number {
  return checkInteger(what, "scale", scale, 1, MAX_IMAGE_SCALE);
}

/** The output image, W×H pixels, within MAX_IMAGE_PIXELS (checked before any pixel is allocated). */
function checkPixels(what: string, W: number, H: number): void {
  if (W * H > MAX_IMAGE_PIXELS) {
    throw argumentError(what, "the number of pixels", `at most ${MAX_IMAGE_PIXELS} (e.g. 1000×700)`, `${W * H} (${W}×${H})`);
  }
}

/** One grayscale image (e.g. a 28×28 digit or a weight map) as PNG: at most MAX_IMAGE_PIXELS once upscaled. */
export function imagePng(pixels: Numbers, width: number, height: number, options: ImageOptions = {}): PngImage {
  checkInteger("imagePng", "width", width, 1);
  checkInteger("imagePng", "height", height, 1);
  const p = numbers(pixels, "imagePng: pixels");
  if (p.length !== width * height) throw new Error(`imagePng: ${p.length} pixels do not make ${width}×${height}`);
  const scale = checkScale(options.scale ?? Math.max(1, Math.floor(112 / Math.max(width, height))), "imagePng");
  const toGray = grayMapper(options.range ?? defaultRange(p), options.colormap ?? "greys");
  const W = width * scale;
  const H = height * scale;
  checkPixels("imagePng", W, H);
  const out = new Uint8Array(W * H);
  for (let r = 0; r < H; r++) {
    const src = Math.floor(r / scale) * width;
    for (let c = 0; c < W; c++) out[r * W + c] = toGray(p[src + Math.floor(c / scale)]);
  }
  return new PngImage(encodeGray(out, W, H), W, H, `<image ${W}×${H}>`);
}

// A 3×5 bitmap font, enough for labels such as "7", "-1" or "3/8". Rows top to bottom, 3 bits each.
const FONT: Record<string, number[]> = {
  "0": [0b111, 0b101, 0b101, 0b101, 0b111],
  "1": [0b010, 0b110, 0b010, 0b010, 0b111],
  "2": [0b111, 0b001, 0b111, 0b100, 0b111],
  "3": [0b111, 0b001, 0b011, 0b001, 0b111],
  "4": [0b101, 0b101, 0b111, 0b001, 0b001],
  "5": [0b111, 0b100, 0b111, 0b001, 0b111],
  "6": [0b111, 0b100, 0b111, 0b101, 0b111],
  "7": [0b111, 0b001, 0b010, 0b010, 0b010],
  "8": [0b111, 0b101, 0b111, 0b101, 0b111],
  "9": [0b111, 0b101, 0b111, 0b001, 0b111],
  "-": [0b000, 0b000, 0b111, 0b000, 0b000],
  ".": [0b000, 0b000, 0b000, 0b000, 0b010],
  "/": [0b001, 0b001, 0b010, 0b100, 0b100],
  ":": [0b000, 0b010, 0b000, 0b010, 0b000],
  " ": [0, 0, 0, 0, 0],
};
/** Characters the label font can draw. */
export const LABEL_CHARACTERS = Object.keys(FONT).join("");

export interface DigitGridOptions extends ImageOptions {
  /**
   * The images: rows of pixels (number[][] or Float64Array[]), one flat array of
   * n × side² values, or a Tensor of shape [n, side²] or [n, side, side].
   */
  images: readonly ArrayLike<number>[] | Numbers;
  /** Side of each (square) image in pixels; inferred from rows or a Tensor's shape. */
  side?: number;
  /** Images per row of the grid (default: up to 10). */
  columns?: number;
  /** A label under each image, drawn with a 3×5 bitmap font: digits and " -./:" only. */
  labels?: ArrayLike<number | string>;
  /** Gap between cells in output pixels (default 2). */
  gap?: number;
  /** What the images are, for text/plain: "<image 280×56: 10 digits>" (default "digit"). */
  itemName?: string;
}

interface ImageList {
  count: number;
  side: number;
  pixel(k: number, i: number): number;
  all(): Iterable<number>;
}

function imageList(images: DigitGridOptions["images"], sideOpt: number | undefined): ImageList {
  if (Array.isArray(images) && images.length > 0 && typeof images[0] !== "number") {
    const list = images as readonly ArrayLike<number>[];
    const len = list[0].length;
    const side = sideOpt ?? Math.round(Math.sqrt(len));
    list.forEach((img, k) => {
      if (img.length !== side * side) throw new Error(`digitGrid: image ${k} has ${img.length} pixels, not ${side}×${side}`);
    });
    return {
      count: list.length,
      side,
      pixel: (k, i) => list[k][i],
      *all() {
        for (const img of list) for (let i = 0; i < img.length; i++) yield img[i];
      },
    };
  }
  const flat = numbers(images as Numbers, "digitGrid: images");
  const shape = (images as { shape?: readonly number[] }).shape;
  let side = sideOpt;
  if (side === undefined && shape && shape.length === 3 && shape[1] === shape[2]) side = shape[1];
  if (side === undefined && shape && shape.length === 2) side = Math.round(Math.sqrt(shape[1]));
  if (side === undefined) {
    const s = Math.round(Math.sqrt(flat.length));
    if (s * s !== flat.length) throw new Error(`digitGrid: give side for ${flat.length} flat values`);
    side = s;
  }
  const size = side * side;
  if (!Number.isInteger(side) || side < 1 || flat.length % size !== 0) {
    throw new Error(`digitGrid: ${flat.length} values are not whole ${side}×${side} images`);
  }
  return { count: flat.length / size, side, pixel: (k, i) => flat[k * size + i], all: () => Array.from(flat) };
}

/**
 * Images in a grid, e.g. the first digits of MNIST, each upscaled, optionally with a
 * label (the digit, or "7/1" for truth/prediction) under it in a bitmap font. The whole
 * grid is at most MAX_IMAGE_PIXELS (e.g. 100 MNIST digits at the default scale, 10 per row).
 */
export function digitGrid(options: DigitGridOptions): PngImage {
  const list = imageList(options.images, options.side);
  const { count, side } = list;
  if (count === 0) throw new Error("digitGrid: no images");
  const scale = checkScale(options.scale ?? Math.max(1, Math.round(56 / side)), "digitGrid");
  const columns = Math.max(1, Math.min(count, options.columns ?? 10));
  const rows = Math.ceil(count / columns);
  const gap = checkInteger("digitGrid", "gap", options.gap ?? 2, 0);
  const labels = options.labels ? Array.from(options.labels, String) : null;
  if (labels && labels.length !== count) throw new Error(`digitGrid: ${labels.length} labels for ${count} images`);
  if (labels) {
    for (const l of labels) {
      for (const ch of l) if (!(ch in FONT)) throw new Error(`digitGrid: labels can use only "${LABEL_CHARACTERS}", not ${JSON.stringify(ch)}`);
    }
  }
  // Label font: 3×5 dots of `dot` pixels each, one dot between characters.
  const cell = side * scale;
  const dot = Math.max(1, Math.min(3, Math.floor(cell / 20)));
  const labelHeight = labels ? 5 * dot + 2 * dot + 2 : 0;
  const cellH = cell + labelHeight;
  const W = columns * cell + (columns + 1) * gap;
  const H = rows * cellH + (rows + 1) * gap;
  checkPixels("digitGrid", W, H);
  const GAP_GRAY = 200;
  const out = new Uint8Array(W * H).fill(GAP_GRAY);
  const toGray = grayMapper(options.range ?? defaultRange(Array.from(list.all())), options.colormap ?? "greys");
  for (let k = 0; k < count; k++) {
    const ox = gap + (k % columns) * (cell + gap);
    const oy = gap + Math.floor(k / columns) * (cellH + gap);
    for (let r = 0; r < cell; r++) {
      const src = Math.floor(r / scale) * side;
      for (let c = 0; c < cell; c++) out[(oy + r) * W + ox + c] = toGray(list.pixel(k, src + Math.floor(c / scale)));
    }
    if (labels) {
      // White strip under the image, text centred, black.
      for (let r = cell; r < cellH; r++) out.fill(255, (oy + r) * W + ox, (oy + r) * W + ox + cell);
      const text = labels[k];
      const textW = text.length * 4 * dot - dot;
      let x0 = ox + Math.max(0, Math.floor((cell - textW) / 2));
      const y0 = oy + cell + dot + 1;
      for (const ch of text) {
        const glyph = FONT[ch];
        for (let gy = 0; gy < 5; gy++) {
          for (let gx = 0; gx < 3; gx++) {
            if (!((glyph[gy] >> (2 - gx)) & 1)) continue;
            for (let dy = 0; dy < dot; dy++) {
              for (let dx = 0; dx < dot; dx++) {
                const px = x0 + gx * dot + dx;
                if (px < ox + cell) out[(y0 + gy * dot + dy) * W + px] = 0;
              }
            }
          }
        }
        x0 += 4 * dot;
      }
    }
  }
  const what = plural(count, options.itemName ?? "digit");
  return new PngImage(encodeGray(out, W, H), W, H, `<image ${W}×${H}: ${what}>`);
}
