// The IDX file format of MNIST (http://yann.lecun.com/exdb/mnist/):
//   bytes 0-1  zero
//   byte  2    element type (0x08 unsigned byte, 0x09 signed byte, 0x0B int16, 0x0C int32,
//              0x0D float32, 0x0E float64) — only 0x08 is supported here
//   byte  3    number of dimensions d
//   bytes 4..  d big-endian uint32 sizes, then the data, row-major.
// Read as one big-endian uint32, bytes 0-3 are the "magic number": 2051 (0x00000803) for
// MNIST images, 2049 (0x00000801) for labels.

import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { basename } from "node:path";
import { DatasetError } from "./errors";

export const IDX_TYPES: Readonly<Record<number, string>> = Object.freeze({
  0x08: "unsigned byte",
  0x09: "signed byte",
  0x0b: "int16",
  0x0c: "int32",
  0x0d: "float32",
  0x0e: "float64",
});

export interface IdxHeader {
  /** Name used in error messages. */
  file: string;
  /** Bytes 0-3 as a big-endian uint32, e.g. 2051 for images, 2049 for labels. */
  magic: number;
  /** Element type byte (0x08). */
  type: number;
  typeName: string;
  /** Sizes of the dimensions, e.g. [60000, 28, 28]. */
  dims: number[];
  /** 4 + 4·dims.length. */
  headerBytes: number;
  /** Data bytes the header declares (product of dims, 1 byte per element). */
  dataBytes: number;
  /** Size of the whole file (or buffer). */
  fileBytes: number;
}

export interface IdxFile extends IdxHeader {
  /** The data, a view into the buffer (not a copy). */
  data: Uint8Array;
}

function hex(b: number): string {
  return "0x" + b.toString(16).padStart(2, "0");
}

// Checks and decodes the header from its first bytes; `fileBytes` is the whole file's size.
function decodeHeader(head: Uint8Array, fileBytes: number, file: string): IdxHeader {
  if (head.length < 4) {
    throw new DatasetError(file, `too short at byte ${head.length}: ${fileBytes} bytes, an IDX file starts with a 4-byte magic number`, {
      byte: head.length,
    });
  }
  if (head[0] !== 0 || head[1] !== 0) {
    const gz = head[0] === 0x1f && head[1] === 0x8b ? " (this looks gzip-compressed: gunzip it first)" : "";
    throw new DatasetError(
      file,
      `bad magic at byte 0: expected two zero bytes then type and dimension count, got ${hex(head[0]!)} ${hex(head[1]!)}${gz}`,
      { byte: 0 },
    );
  }
  const type = head[2]!;
  if (type !== 0x08) {
    const known = IDX_TYPES[type];
    throw new DatasetError(
      file,
      `unsupported element type at byte 2: ${hex(type)}${known ? ` (${known})` : " (not an IDX type)"}; only 0x08 (unsigned byte) is supported`,
      { byte: 2 },
    );
  }
  const ndims = head[3]!;
  if (ndims === 0) throw new DatasetError(file, `bad header at byte 3: 0 dimensions declared`, { byte: 3 });
  const headerBytes = 4 + 4 * ndims;
  if (head.length < headerBytes) {
    throw new DatasetError(
      file,
      `header truncated at byte ${head.length}: declares ${ndims} dimensions, so a ${headerBytes}-byte header, but the file has ${fileBytes} bytes`,
      { byte: head.length },
    );
  }
  const view = new DataView(head.buffer, head.byteOffset, headerBytes);
  const magic = view.getUint32(0, false);
  const dims: number[] = [];
  let dataBytes = 1;
  for (let k = 0; k < ndims; k++) {
    const d = view.getUint32(4 + 4 * k, false);
    dims.push(d);
    dataBytes *= d;
  }
  return { file, magic, type, typeName: IDX_TYPES[type]!, dims, headerBytes, dataBytes, fileBytes };
}

/**
 * Parses a whole IDX file held in memory. Throws a DatasetError naming `fileName` and the byte
 * offset for a bad magic, unsupported type, short header, truncated data or trailing bytes.
 */
export function parseIdx(buffer: Uint8Array, fileName: string): IdxFile {
  const h = decodeHeader(buffer, buffer.length, fileName);
  const have = buffer.length - h.headerBytes;
  const shape = h.dims.join("×");
  if (have < h.dataBytes) {
    throw new DatasetError(
      fileName,
      `truncated at byte ${buffer.length}: header declares ${h.dataBytes} data bytes from byte ${h.headerBytes} (${shape}), file has ${have}`,
      { byte: buffer.length },
    );
  }
  if (have > h.dataBytes) {
    const end = h.headerBytes + h.dataBytes;
    throw new DatasetError(
      fileName,
      `${have - h.dataBytes} unexpected trailing bytes at byte ${end}: header declares ${h.dataBytes} data bytes from byte ${h.headerBytes} (${shape}), file has ${have}`,
      { byte: end },
    );
  }
  const data = new Uint8Array(buffer.buffer, buffer.byteOffset + h.headerBytes, h.dataBytes);
  return { ...h, data };
}

/**
 * Reads and checks just the header of an IDX file (a path: only the header bytes are read) or
 * buffer, for showing in a notebook: { magic: 2051, dims: [60000, 28, 28], ... }. Does not check
 * that the data length matches; parseIdx does.
 */
export function readIdxHeader(source: string | Uint8Array, fileName?: string): IdxHeader {
  if (typeof source !== "string") return decodeHeader(source, source.length, fileName ?? "IDX buffer");
  const file = fileName ?? basename(source);
  let fd: number;
  try {
    fd = openSync(source, "r");
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new DatasetError(file, `${err.code === "ENOENT" ? "file not found" : `cannot open (${err.code})`}: ${source}`, { path: source });
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new DatasetError(file, `is not a file (a directory?), expected an IDX file: ${source}`, { path: source });
    const size = stat.size;
    const head = new Uint8Array(Math.min(size, 4 + 4 * 255));
    const n = readSync(fd, head, 0, head.length, 0);
    // Only as many bytes as the header needs (so a long header is not read past).
    const want = n >= 4 ? Math.min(n, 4 + 4 * head[3]!) : n;
    return decodeHeader(head.subarray(0, want), size, file);
  } finally {
    closeSync(fd);
  }
}
