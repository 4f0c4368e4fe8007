// Several named arrays in one compressed file: the course's analogue of numpy's
// np.savez_compressed / np.load (post 000 saves the scaled MNIST arrays that way).
// Layout, gzipped as a whole: "NNTSARR1", u32 header length (LE), JSON header
// { arrays: [{ name, dtype, shape, offset, bytes, sha256 }] }, then the raw
// little-endian data. Writes go to a temporary file renamed into place, so a
// failed save never leaves a half-written file and never clobbers another one.
import { createHash } from "node:crypto";
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { shapeSize, Tensor } from "../tensor";
import { DatasetError } from "./errors";

const MAGIC = "NNTSARR1";

export type ArchiveValue = Tensor | Int32Array | Uint8Array;

interface Entry {
  name: string;
  dtype: "float64" | "int32" | "uint8";
  shape: number[];
  offset: number;
  bytes: number;
  sha256: string;
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function bytesOf(value: ArchiveValue): { dtype: Entry["dtype"]; shape: number[]; bytes: Uint8Array } {
  if (value instanceof Tensor) return { dtype: "float64", shape: [...value.shape], bytes: new Uint8Array(value.data.buffer, value.data.byteOffset, value.data.byteLength) };
  if (value instanceof Int32Array) return { dtype: "int32", shape: [value.length], bytes: new Uint8Array(value.buffer, value.byteOffset, value.byteLength) };
  return { dtype: "uint8", shape: [value.length], bytes: value };
}

/** Save named arrays to `path` (gzip level 6, as numpy's savez_compressed uses zlib's default). Returns the file size. */
export function saveArrays(path: string, arrays: Record<string, ArchiveValue>): number {
  const entries: Entry[] = [];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const [name, value] of Object.entries(arrays)) {
    const { dtype, shape, bytes } = bytesOf(value);
    entries.push({ name, dtype, shape, offset, bytes: bytes.length, sha256: sha256(bytes) });
    chunks.push(bytes);
    offset += bytes.length;
  }
  const header = Buffer.from(JSON.stringify({ arrays: entries }), "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  const file = gzipSync(Buffer.concat([Buffer.from(MAGIC, "ascii"), length, header, ...chunks]), { level: 6 });
  const temporary = `${path}.${process.pid}.partial`;
  try {
    writeFileSync(temporary, file);
    renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
  return file.length;
}

/** Load what saveArrays wrote; every byte is checked (structure, sizes, checksums). */
export function loadArrays(path: string): Record<string, ArchiveValue> {
  const file = basename(path);
  const fail = (message: string, byte?: number): never => {
    throw new DatasetError(file, byte === undefined ? message : `at byte ${byte} of the unpacked data: ${message}`, { path, byte });
  };
  if (arguments.length > 1) throw new TypeError(`loadArrays: takes only the path; the arrays come back in the types saveArrays wrote (float64 tensors, Int32Array, Uint8Array)`);
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) fail(`is a directory, expected a file written by saveArrays: ${path}`);
  let raw: Buffer;
  try {
    raw = gunzipSync(readFileSync(path));
  } catch (e) {
    return fail(`not a readable compressed archive (${(e as Error).message})`);
  }
  if (raw.length < 12 || raw.toString("ascii", 0, 8) !== MAGIC) fail(`does not start with "${MAGIC}"`, 0);
  const headerLength = raw.readUInt32LE(8);
  if (12 + headerLength > raw.length) fail(`header declares ${headerLength} bytes, only ${raw.length - 12} follow`, 8);
  let entries: Entry[];
  try {
    entries = (JSON.parse(raw.toString("utf8", 12, 12 + headerLength)) as { arrays: Entry[] }).arrays;
  } catch (e) {
    return fail(`header is not valid JSON (${(e as Error).message})`, 12);
  }
  const dataStart = 12 + headerLength;
  const out: Record<string, ArchiveValue> = {};
  for (const e of entries) {
    if (!["float64", "int32", "uint8"].includes(e.dtype)) fail(`array "${e.name}": dtype ${JSON.stringify(e.dtype)} is not one saveArrays writes (float64, int32, uint8)`, 12);
    const itemSize = e.dtype === "float64" ? 8 : e.dtype === "int32" ? 4 : 1;
    if (shapeSize(e.shape) * itemSize !== e.bytes) fail(`array "${e.name}": shape ${JSON.stringify(e.shape)} of ${e.dtype} needs ${shapeSize(e.shape) * itemSize} bytes, header says ${e.bytes}`);
    const start = dataStart + e.offset;
    if (start + e.bytes > raw.length) fail(`array "${e.name}" is truncated: needs ${e.bytes} bytes, ${Math.max(0, raw.length - start)} present`, start);
    const copy = new Uint8Array(raw.subarray(start, start + e.bytes)); // aligned copy for the typed array
    if (sha256(copy) !== e.sha256) fail(`array "${e.name}" does not match its checksum`, start);
    if (e.dtype === "float64") out[e.name] = new Tensor(new Float64Array(copy.buffer), e.shape);
    else if (e.dtype === "int32") out[e.name] = new Int32Array(copy.buffer);
    else out[e.name] = copy;
  }
  const end = dataStart + entries.reduce((n, e) => n + e.bytes, 0);
  if (raw.length !== end) fail(`${raw.length - end} bytes after the last array`, end);
  return out;
}
