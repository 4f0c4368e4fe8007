// The glossary page's data: data/glossary.json, the posts' Korean terms with the English the
// course uses and the chapter that introduces each. Its shape: { "about": "…", "terms": [ {
// "korean", "english", "chapter": "01", "post": "004" }, … ] } (a bare array of terms is read too).
// A missing file is not an error: the page says so and the build goes on; a file that is there but
// cannot be read stops the build with what is wrong.
import { existsSync, readFileSync } from "node:fs";

export interface GlossaryTerm {
  korean: string;
  english: string;
  /** Two digits: the chapter (notebook number) that introduces it. */
  chapter: string;
  /** Three digits, when given: the post it comes from. */
  post?: string;
}

export type Glossary =
  | { present: true; about?: string; terms: GlossaryTerm[] }
  | { present: false };

export class GlossaryError extends Error {}

export function parseGlossary(json: string, where = "data/glossary.json"): { about?: string; terms: GlossaryTerm[] } {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    throw new GlossaryError(`${where}: not JSON: ${(e as Error).message}`);
  }
  const object = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  const list = Array.isArray(value) ? value : object?.terms;
  if (!Array.isArray(list)) throw new GlossaryError(`${where}: expected { "terms": [ … ] } or an array of terms`);
  const terms = list.map((entry, i): GlossaryTerm => {
    const e = (entry && typeof entry === "object" ? entry : {}) as Record<string, unknown>;
    const field = (name: string, required: boolean): string | undefined => {
      const v = e[name];
      if (typeof v === "number") return String(v);
      if (typeof v === "string" && v.trim() !== "") return v.trim();
      if (required) throw new GlossaryError(`${where}: term ${i + 1} (${JSON.stringify(entry)}): "${name}" missing`);
      return undefined;
    };
    const chapter = field("chapter", true)!;
    return { korean: field("korean", true)!, english: field("english", true)!, chapter: chapter.padStart(2, "0"), post: field("post", false) };
  });
  return { about: typeof object?.about === "string" ? object.about : undefined, terms };
}

export function readGlossary(path: string): Glossary {
  if (!existsSync(path)) return { present: false };
  return { present: true, ...parseGlossary(readFileSync(path, "utf8")) };
}
