// The errata convention: where a notebook says that a post is wrong, an HTML comment marks the
// sentence, in the markdown cell, right before it:
//
//   <!-- erratum post="000" section="4.1" says="the sigmoid passes through the origin" right="it passes through (0, 0.5)" -->
//   The post describes the sigmoid as …
//
// GitHub, JupyterLab, the classic Notebook and VS Code hide the comment; the book shows a flag
// there and collects every marker into its errata page. The erratum's text is what follows the
// marker up to the end of its paragraph, or up to an optional closing `<!-- /erratum -->`.
// All four attributes are required (post: three digits; section: "4.1", "Chapter 2", a heading's
// words); write &quot; for a double quote inside a value, and never "--".
import type MarkdownIt from "markdown-it";

type Token = MarkdownIt.Token;

export interface ErratumMarker {
  post: string;
  section: string;
  says: string;
  right: string;
}

export interface Erratum extends ErratumMarker {
  /** 1-based, in the order of the notebook: the anchor `erratum-N` on the chapter's page. */
  number: number;
  /** The notebook's cell index (0-based, as in the .ipynb). */
  cell: number;
  /** The notebook's markdown that follows the marker (its paragraph, or up to `<!-- /erratum -->`). */
  text: string;
}

const MARKER = /^\s*<!--\s*erratum\b([\s\S]*?)-->\s*$/;
const CLOSING = /^\s*<!--\s*\/erratum\s*-->\s*$/;
const ATTRIBUTE = /\s*([a-z]+)="([^"]*)"/y;
const FIELDS: readonly (keyof ErratumMarker)[] = ["post", "section", "says", "right"];

/** Markup problems: a marker that cannot be read. */
export class ErratumError extends Error {}

/** Whether an HTML comment (a markdown-it html token's content) is an erratum marker. */
export function isErratumMarker(html: string): boolean {
  return MARKER.test(html);
}

export function isErratumClosing(html: string): boolean {
  return CLOSING.test(html);
}

function decode(value: string): string {
  return value.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** The marker's attributes; throws ErratumError naming what is wrong. */
export function parseErratumMarker(html: string): ErratumMarker {
  const m = MARKER.exec(html);
  if (!m) throw new ErratumError(`not an erratum marker: ${html.trim()}`);
  const body = m[1];
  const values: Record<string, string> = {};
  ATTRIBUTE.lastIndex = 0;
  let at = 0;
  for (;;) {
    ATTRIBUTE.lastIndex = at;
    const a = ATTRIBUTE.exec(body);
    if (!a) break;
    if (!(FIELDS as readonly string[]).includes(a[1])) throw new ErratumError(`erratum marker: unknown attribute ${a[1]} (expected ${FIELDS.join(", ")}): ${html.trim()}`);
    if (a[1] in values) throw new ErratumError(`erratum marker: ${a[1]} given twice: ${html.trim()}`);
    values[a[1]] = decode(a[2]).trim();
    at = ATTRIBUTE.lastIndex;
  }
  if (body.slice(at).trim() !== "") throw new ErratumError(`erratum marker: cannot read ${JSON.stringify(body.slice(at).trim())} (write name="value"): ${html.trim()}`);
  const missing = FIELDS.filter((f) => !values[f]);
  if (missing.length) throw new ErratumError(`erratum marker: ${missing.join(", ")} missing: ${html.trim()}`);
  if (!/^\d{3}$/.test(values.post)) throw new ErratumError(`erratum marker: post must be three digits (e.g. post="000"), got ${JSON.stringify(values.post)}`);
  return { post: values.post, section: values.section, says: values.says, right: values.right };
}

/** "§4.1" for a section number, the words as they are otherwise. */
export function sectionLabel(section: string): string {
  return /^\d/.test(section) ? `§${section}` : section;
}

/**
 * The markers of one markdown cell, in order, with the text each marks: parsed with the book's
 * own markdown-it (so a marker inside a code span or a fence is not one, exactly as when rendered).
 */
export function findErrata(md: MarkdownIt, source: string): { marker: ErratumMarker; text: string }[] {
  const tokens = md.parse(source, {});
  const lines = source.split("\n");
  const found: { marker: ErratumMarker; text: string }[] = [];
  tokens.forEach((token, i) => {
    if (token.type === "html_block" && isErratumMarker(token.content)) {
      found.push({ marker: parseErratumMarker(token.content), text: followingBlockText(tokens, i, lines) });
    } else if (token.type === "html_block" && /<!--\s*erratum\b/.test(token.content)) {
      // A marker at the start of a line with text after it makes that whole line raw HTML: it would be lost.
      throw new ErratumError(`erratum marker: put it on a line of its own, or after some text of the paragraph: ${token.content.trim().slice(0, 120)}`);
    }
    if (token.type === "inline") {
      const children = token.children ?? [];
      children.forEach((child, k) => {
        if (child.type === "html_inline" && isErratumMarker(child.content)) {
          found.push({ marker: parseErratumMarker(child.content), text: inlineTextAfter(token.content, children, k) });
        }
      });
    }
  });
  return found;
}

/** A marker on its own line: the next block's source lines (a paragraph, list item, blockquote). */
function followingBlockText(tokens: Token[], i: number, lines: string[]): string {
  const next = tokens.slice(i + 1).find((t) => t.map && t.nesting >= 0);
  if (!next?.map) throw new ErratumError("erratum marker: no text after it");
  const text = lines.slice(next.map[0], next.map[1]).join("\n");
  return untilClosing(text).trim();
}

/** A marker inside a paragraph: the rest of the paragraph's source after it. */
function inlineTextAfter(content: string, children: Token[], k: number): string {
  // The k-th child is the n-th occurrence of this same comment text in the paragraph.
  const marker = children[k].content;
  const nth = children.slice(0, k).filter((c) => c.type === "html_inline" && c.content === marker).length;
  let at = -1;
  for (let n = 0; n <= nth; n++) at = content.indexOf(marker, at + 1);
  return untilClosing(content.slice(at + marker.length)).trim();
}

function untilClosing(text: string): string {
  const close = /<!--\s*\/erratum\s*-->/.exec(text);
  const rest = close ? text.slice(0, close.index) : text;
  // A second marker in the same paragraph starts the next erratum.
  const next = /<!--\s*erratum\b/.exec(rest);
  return next ? rest.slice(0, next.index) : rest;
}
