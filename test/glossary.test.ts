// data/glossary.json: the posts' key terms, Korean and English, each given once in
// parentheses by the notebook of the chapter that introduces it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..");

interface Term {
  korean: string;
  english: string;
  chapter: string;
  post: string;
}

const glossary = JSON.parse(readFileSync(join(root, "data", "glossary.json"), "utf8")) as { terms: Term[] };

function notebookPath(chapter: string): string | undefined {
  const name = readdirSync(join(root, "notebooks")).find((n) => n.startsWith(chapter + "_") && n.endsWith(".ipynb") && !n.endsWith(".failed.ipynb"));
  return name === undefined ? undefined : join(root, "notebooks", name);
}

/** The text of every markdown cell of a notebook. */
function markdownOf(path: string): string[] {
  const nb = JSON.parse(readFileSync(path, "utf8")) as { cells: { cell_type: string; source: string | string[] }[] };
  return nb.cells.filter((c) => c.cell_type === "markdown").map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

test("every glossary entry is complete: Korean with Hangul, English, a chapter with a notebook, one of the five posts", () => {
  assert.ok(glossary.terms.length > 0);
  for (const t of glossary.terms) {
    assert.match(t.korean, /[\uac00-\ud7a3]/, `${JSON.stringify(t)}: korean`);
    assert.match(t.english, /^[A-Za-z]/, `${JSON.stringify(t)}: english`);
    assert.match(t.chapter, /^\d\d$/, `${JSON.stringify(t)}: chapter`);
    assert.ok(notebookPath(t.chapter), `${JSON.stringify(t)}: no notebook for chapter ${t.chapter}`);
    assert.ok(["000", "001", "002", "003", "004"].includes(t.post), `${JSON.stringify(t)}: post`);
  }
  const pairs = glossary.terms.map((t) => `${t.korean} = ${t.english}`);
  assert.equal(new Set(pairs).size, pairs.length, "a pair is listed twice");
});

test("every term appears in parentheses in a markdown cell of its chapter's notebook", () => {
  const missing: string[] = [];
  for (const t of glossary.terms) {
    const inParentheses = new RegExp(`\\([^()]*${escapeRegExp(t.korean)}[^()]*\\)`);
    if (!markdownOf(notebookPath(t.chapter)!).some((text) => inParentheses.test(text))) missing.push(`${t.korean} (${t.english}) in chapter ${t.chapter}`);
  }
  assert.deepEqual(missing, []);
});
