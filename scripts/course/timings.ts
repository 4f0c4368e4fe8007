// How long each notebook takes to run in the full profile: notebooks/timings.json, written by
// `npm run course -- --record-timings` after each notebook that runs through (a plain
// `npm run course` leaves the committed file alone), read by the book's chapter map (and
// copied by hand into the README's chapter table). One object, the notebook's file name to its
// wall time in seconds (one decimal, as the runner prints it), keys sorted so diffs stay small.
// A time stamp of the machine, not of the notebook: outputs never carry one.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "./files";

export const TIMINGS_FILE = "timings.json";

export type Timings = Record<string, number>;

/** The recorded times, {} when the file is missing; throws on a file that is not such an object. */
export function readTimings(notebooksDir: string): Timings {
  const path = join(notebooksDir, TIMINGS_FILE);
  if (!existsSync(path)) return {};
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new Error(`notebooks/${TIMINGS_FILE}: not JSON: ${(e as Error).message}`);
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new Error(`notebooks/${TIMINGS_FILE}: expected an object of notebook names to seconds`);
  const timings: Timings = {};
  for (const [name, seconds] of Object.entries(value as Record<string, unknown>)) {
    if (typeof seconds !== "number" || !(seconds >= 0)) throw new Error(`notebooks/${TIMINGS_FILE}: ${name}: expected seconds, got ${JSON.stringify(seconds)}`);
    timings[name] = seconds;
  }
  return timings;
}

/** The file's text for these times: sorted by name, one decimal. */
export function serializeTimings(timings: Timings): string {
  const sorted = Object.fromEntries(Object.keys(timings).sort().map((k) => [k, Math.round(timings[k] * 10) / 10]));
  return JSON.stringify(sorted, null, 1) + "\n";
}

/**
 * Record one notebook's time. The file is read again just before the write, so that two runs
 * of different notebooks at once (`--only 05`, `--only 12`) keep each other's entries.
 */
export function recordTiming(notebooksDir: string, name: string, seconds: number): void {
  const timings = readTimings(notebooksDir);
  timings[name] = seconds;
  writeFileAtomic(join(notebooksDir, TIMINGS_FILE), serializeTimings(timings));
}

/** "4 s", "52 s", "3 min 41 s", "9 min": for the chapter map. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${Math.max(s, 1)} s`;
  const m = Math.floor(s / 60);
  const rest = s % 60;
  return rest === 0 ? `${m} min` : `${m} min ${rest} s`;
}
