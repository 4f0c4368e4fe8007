// The machinery of quest-checks.ts: the stub's todo() and NotDoneYet, running a check's body so
// that it prints one line and never throws, and comparing a learner's result with the expected one.
// Kept apart so that quest-checks.ts reads as the checks themselves; it re-exports todo and NotDoneYet.
import { pythonRepr } from "../python-format";

/** What a stub throws until the learner writes the function. */
export class NotDoneYet extends Error {
  override readonly name = "NotDoneYet";
}

/** The body of a stub: `function myStrToInt(dataset, column) { return todo(); }`. */
export function todo(what = "this function"): never {
  throw new NotDoneYet(`${what} is not written yet`);
}

export type Print = (line: string) => void;

// Thrown inside a check when the learner's result differs from the expected one.
export class Differs extends Error {}

function isNotDoneYet(e: unknown): boolean {
  return e instanceof NotDoneYet || (e instanceof Error && e.name === "NotDoneYet");
}

/** Runs a check's body: its return value is what is right; a Differs, a stub or any error says what is not. */
export function runCheck(name: string, print: Print, body: () => string): void {
  let line: string;
  try {
    line = `${name}: right — ${body()}`;
  } catch (e) {
    if (isNotDoneYet(e)) line = `${name}: not done yet — the stub still calls todo(); write the function and run this cell again.`;
    else if (e instanceof Differs) line = `${name}: differs — ${e.message}`;
    else line = `${name}: differs — your function threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
  }
  print(line);
}

/** Calls a learner's function; an error it throws (other than todo's) is reported as its own. */
export function call<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (isNotDoneYet(e) || e instanceof Differs) throw e;
    throw new Differs(`${what} threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  }
}

export function show(value: unknown): string {
  const text = pythonRepr(value);
  return text.length > 120 ? text.slice(0, 117) + "..." : text;
}

/** The first place where got and expected differ (numbers to a relative 1e-9), or null. */
export function firstDifference(got: unknown, expected: unknown, path: string): string | null {
  if (typeof expected === "number") {
    if (typeof got !== "number") return `${path} is ${show(got)}, expected the number ${show(expected)}`;
    const scale = Math.max(Math.abs(got), Math.abs(expected), 1e-300);
    return got === expected || Math.abs(got - expected) / scale <= 1e-9 ? null : `${path} is ${show(got)}, expected ${show(expected)}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(got)) return `${path} is ${show(got)}, expected a list of ${expected.length}`;
    if (got.length !== expected.length) return `${path} has ${got.length} items, expected ${expected.length}`;
    for (let i = 0; i < expected.length; i++) {
      const d = firstDifference(got[i], expected[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (expected !== null && typeof expected === "object") {
    if (got === null || typeof got !== "object") return `${path} is ${show(got)}, expected ${show(expected)}`;
    const g = got as Record<string, unknown>, e = expected as Record<string, unknown>;
    const keys = Object.keys(e);
    if (Object.keys(g).join() !== keys.join()) return `${path} has the keys ${show(Object.keys(g))}, expected ${show(keys)}`;
    for (const k of keys) {
      const d = firstDifference(g[k], e[k], `${path}[${pythonRepr(k)}]`);
      if (d) return d;
    }
    return null;
  }
  return got === expected ? null : `${path} is ${show(got)}, expected ${show(expected)}`;
}

export function expectSame(got: unknown, expected: unknown, path: string): void {
  const d = firstDifference(got, expected, path);
  if (d) throw new Differs(d);
}

export const clone = <T>(rows: T[][]): T[][] => rows.map((row) => [...row]);
