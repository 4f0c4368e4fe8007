// Files the course runner writes. Every one goes through writeFileAtomic: the new content goes
// to NAME.<pid>.partial, is flushed to the disk, and only then renamed over NAME, so a reader (or a
// run killed half-way, or a power cut) finds the old file or the new one, never a torn one.
// A run killed between the write and the rename leaves NAME.<pid>.partial; the next run removes it
// (removePartialFiles, called by the runner's cleanup at its start).
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export const PARTIAL_SUFFIX = ".partial";

/** Write `data` to `path` atomically: NAME.partial, fsync, rename, fsync of the folder where possible. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  // The process id keeps two runs writing the same file from sharing one partial file.
  const partial = `${path}.${process.pid}${PARTIAL_SUFFIX}`;
  try {
    const fd = openSync(partial, "w");
    try {
      writeFileSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(partial, path);
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
  fsyncDirectory(dirname(path));
}

/** Make a rename in `dir` durable. Not every platform can open a folder (Windows cannot): then skip. */
function fsyncDirectory(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, "r");
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a folder (EINVAL, EISDIR, EPERM): nothing more to do.
  } finally {
    closeSync(fd);
  }
}

/** Remove the partial files of dead runs directly in `dir` (not below it); returns their paths. */
export function removePartialFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const removed: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.name.endsWith(PARTIAL_SUFFIX) || entry.isDirectory()) continue;
    // NAME.<pid>.partial of another run still alive is that run's write in progress.
    const writer = Number(/\.(\d+)\.partial$/.exec(entry.name)?.[1]);
    if (writer && writer !== process.pid && processExists(writer)) continue;
    const path = join(dir, entry.name);
    rmSync(path, { force: true });
    removed.push(path);
  }
  return removed;
}

/** Whether a process with this id exists (EPERM: it exists, but belongs to someone else). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
