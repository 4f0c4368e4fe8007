// The one place where files are checksummed; the loaders always verify, because md5 is
// cheap even for the largest file, MNIST's training images.

import { createHash } from "node:crypto";
import { DatasetError } from "./errors";

/** Hex md5 of some bytes. */
export function md5(bytes: Uint8Array): string {
  return createHash("md5").update(bytes).digest("hex");
}

/** Throws a DatasetError naming the file unless md5(bytes) is `expected`. */
export function verifyMd5(bytes: Uint8Array, expected: string, file: string, path?: string): void {
  const got = md5(bytes);
  if (got !== expected.toLowerCase()) {
    throw new DatasetError(
      file,
      `md5 mismatch: expected ${expected}, got ${got} (${bytes.length} bytes${path ? `, ${path}` : ""}); ` +
        `the file is corrupted or not the version the course was written for`,
      { path },
    );
  }
}
