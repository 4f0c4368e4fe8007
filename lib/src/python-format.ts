// How Python prints values, for the chapters whose posts print Python lists and
// dictionaries: a float's repr, "%.Nf" formatting, and repr of lists and dicts.
// JavaScript and Python pick the same shortest digits for a float; they differ in
// when they switch to exponent notation, in "1.0" against "1", and in how "%.3f" and
// toFixed break exact ties.
import { checkInteger } from "./checks";

/** Python's repr of a float: 0.1, 1.0, 1e-05, 1e+16, inf, nan. */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  // The shortest round-trip digits, as both languages choose them.
  const [mantissa, expText] = x.toExponential().split("e");
  const exponent = Number(expText);
  const sign = mantissa.startsWith("-") ? "-" : "";
  const digits = mantissa.replace("-", "").replace(".", "");
  // Python's float_repr_style 'short': positional for 1e-4 ≤ |x| < 1e16.
  if (exponent < -4 || exponent >= 16) {
    const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expDigits = String(Math.abs(exponent)).padStart(2, "0");
    return `${sign}${body}e${exponent < 0 ? "-" : "+"}${expDigits}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
  const fracPart = digits.slice(exponent + 1);
  return `${sign}${intPart}.${fracPart || "0"}`;
}

/** Python's "%.{digits}f" % x: toFixed, except that an exact tie rounds to even, as Python does. */
export function pythonFixed(x: number, digits: number): string {
  // Up to 40: the tie test below reads 60 digits past them, and toFixed gives at most 100.
  checkInteger("pythonFixed", "digits", digits, 0, 40);
  if (!Number.isFinite(x)) return pythonFloatRepr(x);
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  // toFixed switches to exponent notation from 1e21; such a float is an integer, exactly a BigInt.
  if (Math.abs(x) >= 1e21) return sign + BigInt(Math.abs(x)).toString() + (digits > 0 ? "." + "0".repeat(digits) : "");
  const fixed = sign + Math.abs(x).toFixed(digits);
  // Sixty more digits of the exact binary value are enough to tell a tie from a near-tie.
  const exact = Math.abs(x).toFixed(Math.min(100, digits + 60));
  const cut = exact.indexOf(".") + 1 + digits;
  if (!/^50*$/.test(exact.slice(cut))) return fixed;
  // On a tie toFixed rounds away from zero; Python keeps the even neighbour.
  const truncated = exact.slice(0, digits === 0 ? cut - 1 : cut);
  return Number(truncated[truncated.length - 1]) % 2 === 0 ? sign + truncated : fixed;
}

/** Python's repr of a number, string, boolean, list or dict (insertion order), as print() shows it. */
export function pythonRepr(value: unknown): string {
  if (typeof value === "number") return pythonFloatRepr(value);
  if (typeof value === "bigint") return String(value);
  if (typeof value === "string") return pythonStringRepr(value);
  if (typeof value === "boolean") return value ? "True" : "False";
  if (value === null || value === undefined) return "None";
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    return `[${Array.from(value as ArrayLike<unknown>, pythonRepr).join(", ")}]`;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${pythonRepr(k)}: ${pythonRepr(v)}`).join(", ")}}`;
  }
  return String(value);
}

/** Python's repr of a str: single quotes unless the text holds one and no double quote. */
function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const escaped = text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\t/g, "\\t");
  return quote + (quote === "'" ? escaped.replace(/'/g, "\\'") : escaped) + quote;
}
