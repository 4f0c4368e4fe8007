// The page shell every book page shares: the site's own stylesheets (KaTeX's, highlight.js's
// theme, the book's), the top bar, the table of contents, previous/next links, and, on a page
// with plots, the Vega scripts. Every URL is relative: the folder reads from disk or any server.
import { escapeHtml } from "./highlight";
import type { Heading } from "./markdown";

export const SITE_TITLE = "Neural networks from scratch, in TypeScript";

export interface PageLink {
  href: string;
  /** HTML */
  label: string;
}

export interface PageOptions {
  /** Plain text for <title>. */
  title: string;
  /** The page's own HTML. */
  body: string;
  /** Headings for the table of contents (the page's first h1, its title, is left out). */
  headings?: Heading[];
  prev?: PageLink;
  next?: PageLink;
  /** Loads vega, vega-lite and vega-embed, and the book's script that embeds the plots. */
  plots?: boolean;
  /** Which top-bar entry is this page. */
  current?: "index" | "errata" | "glossary";
}

function tableOfContents(headings: Heading[]): string {
  const items = headings.slice(1).filter((h) => h.level <= 3);
  if (items.length === 0) return "";
  const top = Math.min(...items.map((h) => h.level));
  return `<nav class="toc" aria-label="On this page"><h2>On this page</h2><ul>${items
    .map((h) => `<li class="toc-${h.level - top + 1}"><a href="#${escapeHtml(h.id)}">${h.html}</a></li>`)
    .join("")}</ul></nav>`;
}

function prevNext(prev?: PageLink, next?: PageLink): string {
  if (!prev && !next) return "";
  return `<nav class="prev-next" aria-label="Chapters">${prev ? `<a class="prev" rel="prev" href="${prev.href}">← ${prev.label}</a>` : "<span></span>"}${next ? `<a class="next" rel="next" href="${next.href}">${next.label} →</a>` : "<span></span>"}</nav>`;
}

export function page(o: PageOptions): string {
  const toc = tableOfContents(o.headings ?? []);
  const nav = (key: PageOptions["current"], href: string, label: string): string =>
    `<a href="${href}"${o.current === key ? ' aria-current="page"' : ""}>${label}</a>`;
  const scripts = o.plots
    ? ["assets/vega/vega.min.js", "assets/vega/vega-lite.min.js", "assets/vega/vega-embed.min.js", "assets/book.js"].map((s) => `<script src="${s}"></script>`).join("\n")
    : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(o.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="assets/katex/katex.min.css">
<link rel="stylesheet" href="assets/highlight/github.min.css">
<link rel="stylesheet" href="assets/book.css">
</head>
<body>
<header class="top"><a class="site" href="index.html">${escapeHtml(SITE_TITLE)}</a><nav>${nav("index", "index.html", "Chapters")}${nav("errata", "errata.html", "Errata")}${nav("glossary", "glossary.html", "Glossary")}</nav></header>
${prevNext(o.prev, o.next)}
<div class="layout${toc ? " with-toc" : ""}">
${toc}
<main>
${o.body}
</main>
</div>
${prevNext(o.prev, o.next)}
${scripts}
</body>
</html>
`;
}
