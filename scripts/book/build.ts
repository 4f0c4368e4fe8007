// Builds the book: one page per notebook (its cells as committed, outputs included), the chapter
// map (index.html), the errata and the glossary, and the assets they load, into one folder.
// The book is built into a sibling folder, BOOK.partial-<pid>, and renamed over the old one only
// once every page is written: a build that fails (a BookError) or is killed half-way leaves the
// last good book as it was. A killed build's partial folder is removed by the next build.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { processExists } from "../course/files";
import type MarkdownIt from "markdown-it";
import { sourceText, type Cell } from "../course/notebook";
import { formatDuration } from "../course/timings";
import { copyAssets } from "./assets";
import { readChapters, type Chapter } from "./chapters";
import { findErrata, sectionLabel, type Erratum } from "./errata";
import { readGlossary, type Glossary } from "./glossary";
import { escapeHtml, highlight } from "./highlight";
import { page, SITE_TITLE, type PageLink } from "./layout";
import { createMarkdown, erratumAnchor, pageEnv, renderInlineMarkdown, renderMarkdown } from "./markdown";
import { renderOutputs } from "./outputs";
import { postTitle } from "./posts";

export interface BuildOptions {
  /** The project root: README.md, notebooks/, data/glossary.json. */
  root: string;
  outDir: string;
  notebooksDir?: string;
  glossaryPath?: string;
}

export interface BuildResult {
  /** Every page written, relative to outDir. */
  pages: string[];
  chapters: number;
  errata: number;
  plots: number;
  glossaryTerms: number | "missing";
  /** What a reader of the build's output should know (a missing glossary, unrecorded run times). */
  notes: string[];
}

/** Marks a folder as the book's, so that a rebuild may empty it. */
const MARKER = ".nnts-book";

/** A failure with the notebook and cell it comes from. */
export class BookError extends Error {}

/** The folder a build writes into before it replaces `outDir`: BOOK.partial-<pid>, next to it. */
export function partialOutDir(outDir: string, pid = process.pid): string {
  return `${resolve(outDir)}.partial-${pid}`;
}

/** A book may replace `outDir` only if it is missing, empty or a book built here. */
function checkOutDir(outDir: string): void {
  if (existsSync(outDir) && readdirSync(outDir).length > 0 && !existsSync(join(outDir, MARKER))) {
    throw new BookError(`${outDir} exists and is not a book built by this script (no ${MARKER} in it): not emptying it`);
  }
}

/**
 * Remove what killed builds left next to `outDir`: BOOK.partial-<pid> folders whose process is
 * gone (or carries this process's id, from an earlier one). A live build's folder stays. Returns them.
 */
export function removeStalePartials(outDir: string): string[] {
  const parent = dirname(outDir);
  if (!existsSync(parent)) return [];
  const prefix = `${basename(outDir)}.partial-`;
  const removed: string[] = [];
  for (const entry of readdirSync(parent, { withFileTypes: true })) {
    if (!entry.isDirectory() || !entry.name.startsWith(prefix)) continue;
    const pid = entry.name.slice(prefix.length);
    if (!/^\d+$/.test(pid)) continue;
    if (Number(pid) !== process.pid && processExists(Number(pid))) continue;
    const path = join(parent, entry.name);
    rmSync(path, { recursive: true, force: true });
    removed.push(path);
  }
  return removed;
}

/** An empty folder to build into, marked as the book's. */
function preparePartialDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, MARKER), "Built by scripts/book.ts; emptied and rebuilt by npm run book.\n");
}

/** The built book takes the place of the old one: removed just before the rename. */
function replaceOutDir(built: string, outDir: string): void {
  checkOutDir(outDir);
  rmSync(outDir, { recursive: true, force: true });
  renameSync(built, outDir);
}

function chapterLink(md: MarkdownIt, c: Chapter): PageLink {
  return { href: `${c.stem}.html`, label: `${c.number} · ${renderInlineMarkdown(md, c.title)}` };
}

function codeCell(cell: Cell, index: number, chapter: Chapter, outDir: string, stats: { plots: number }): string {
  const source = sourceText(cell);
  if (source.trim() === "") return "";
  const prompt = cell.execution_count ? `[${cell.execution_count}]` : "[ ]";
  const outputs = renderOutputs(cell, index, { dir: join(outDir, "figures", chapter.stem), href: `figures/${chapter.stem}` }, stats);
  return `<section class="cell code" id="cell-${index}"><div class="prompt">${prompt}</div>` +
    `<div class="code"><pre class="hljs"><code class="language-typescript">${highlight(source, "typescript")}</code></pre></div>` +
    (outputs ? `<div class="outputs">${outputs}</div>` : "") + `</section>`;
}

/** One chapter's page; returns its errata and whether it has plots. */
function chapterPage(md: MarkdownIt, chapters: Chapter[], i: number, outDir: string): { html: string; errata: Erratum[]; plots: number } {
  const chapter = chapters[i];
  const env = pageEnv(chapter.stem, new Set(chapters.map((c) => c.file)));
  const stats = { plots: 0 };
  const errata: Erratum[] = [];
  const cells = chapter.notebook.cells.map((cell, index) => {
    const where = `${chapter.file}, cell ${index}`;
    try {
      if (cell.cell_type === "markdown") {
        const source = sourceText(cell);
        for (const e of findErrata(md, source)) errata.push({ ...e.marker, text: e.text, cell: index, number: errata.length + 1 });
        return `<section class="cell markdown" id="cell-${index}">${renderMarkdown(md, source, env)}</section>`;
      }
      if (cell.cell_type === "code") return codeCell(cell, index, chapter, outDir, stats);
      return `<section class="cell raw" id="cell-${index}"><pre>${escapeHtml(sourceText(cell))}</pre></section>`;
    } catch (e) {
      throw new BookError(`${where}: ${(e as Error).message}`);
    }
  });
  if (errata.length !== env.errata) throw new BookError(`${chapter.file}: ${errata.length} erratum markers found but ${env.errata} rendered`);
  const runtime = chapter.seconds === undefined ? "" : ` · full run ${formatDuration(chapter.seconds)}`;
  const body = `<p class="note">Chapter ${chapter.number}${runtime} · the notebook <code>notebooks/${escapeHtml(chapter.file)}</code>, as committed, with its outputs</p>\n${cells.filter((c) => c).join("\n")}`;
  const html = page({
    title: `${chapter.number} · ${chapter.title.replace(/`/g, "")} — ${SITE_TITLE}`,
    body,
    headings: env.headings,
    prev: i > 0 ? chapterLink(md, chapters[i - 1]) : undefined,
    next: i + 1 < chapters.length ? chapterLink(md, chapters[i + 1]) : undefined,
    plots: stats.plots > 0,
  });
  return { html, errata, plots: stats.plots };
}

/** The README's first paragraph: what the course is, for the index page. */
function readmeIntro(root: string): string {
  const path = join(root, "README.md");
  if (!existsSync(path)) return "";
  const text = readFileSync(path, "utf8").replace(/\r\n?/g, "\n");
  return text.replace(/^#[^\n]*\n+/, "").split(/\n\s*\n/)[0] ?? "";
}

function indexPage(md: MarkdownIt, root: string, chapters: Chapter[], errataCount: number, glossary: Glossary): string {
  const items = chapters.map((c) => {
    const runtime = c.seconds === undefined ? "run time not recorded yet" : `full run: ${formatDuration(c.seconds)}`;
    return `<li id="chapter-${c.number}"><h2><a href="${c.stem}.html">${c.number} · ${renderInlineMarkdown(md, c.title)}</a><span class="runtime">${runtime}</span></h2>` +
      `<div class="follows">${renderMarkdown(md, c.follows)}</div>` +
      (c.teaches ? `<div class="label">You will learn</div><div class="teaches">${renderMarkdown(md, c.teaches)}</div>` : "") +
      `</li>`;
  });
  const body = `<h1>${SITE_TITLE}</h1>
${renderMarkdown(md, readmeIntro(root))}
<p>The chapters below are the course's notebooks as committed, with the outputs of their last run: formulas are typeset,
plots are interactive (hover for values; the ⋯ menu saves a PNG or SVG), and every page works offline.
<a href="errata.html">Errata</a> lists the ${errataCount} places where a post is wrong and a chapter says so;
the <a href="glossary.html">glossary</a> ${glossary.present ? `maps ${glossary.terms.length} of the posts' Korean terms to the English the course uses` : "maps the posts' Korean terms to the course's English (not built yet)"}.</p>
<p class="note">A chapter's run time is the wall time of its notebook in the full profile (which the committed outputs show), as
recorded in <code>notebooks/timings.json</code> by the last <code>npm run course -- --record-timings</code>: it is that run's time, on
whatever machine made it and however busy that machine was.</p>
<ol class="chapter-map">
${items.join("\n")}
</ol>`;
  return page({ title: SITE_TITLE, body, current: "index" });
}

function errataPage(md: MarkdownIt, chapters: Chapter[], errata: Map<string, Erratum[]>): string {
  const total = [...errata.values()].reduce((n, list) => n + list.length, 0);
  const sections = chapters.filter((c) => (errata.get(c.stem) ?? []).length > 0).map((c) => {
    const rows = (errata.get(c.stem) ?? []).map((e) =>
      `<tr id="${erratumAnchor(c.stem, e.number)}"><td title="${escapeHtml(postTitle(e.post))}">post ${escapeHtml(e.post)}</td><td>${escapeHtml(sectionLabel(e.section))}</td>` +
      `<td>${renderInlineMarkdown(md, e.says)}</td><td>${renderInlineMarkdown(md, e.right)}</td>` +
      `<td>${renderMarkdown(md, e.text)}</td><td><a href="${c.stem}.html#erratum-${e.number}">cell ${e.cell}</a></td></tr>`,
    );
    return `<h2 id="chapter-${c.number}"><a href="${c.stem}.html">${c.number} · ${renderInlineMarkdown(md, c.title)}</a></h2>
<table class="errata"><thead><tr><th>post</th><th>section</th><th>the post says</th><th>right</th><th>what the chapter says</th><th>where</th></tr></thead>
<tbody>${rows.join("\n")}</tbody></table>`;
  });
  const body = `<h1>Errata</h1>
<p>Where a post is wrong, the chapter says so in a sentence and shows the right value. Each of those sentences is marked in its
notebook with an HTML comment (invisible on GitHub and in Jupyter) that this page is built from; README.md describes the
marker. ${total === 0 ? "No sentence is marked yet." : `${total} marked so far.`}</p>
${sections.join("\n")}`;
  return page({ title: `Errata — ${SITE_TITLE}`, body, current: "errata" });
}

function glossaryPage(md: MarkdownIt, chapters: Chapter[], glossary: Glossary): string {
  if (!glossary.present) {
    const body = `<h1>Glossary</h1>
<p class="missing-data">The glossary is built from <code>data/glossary.json</code>, which is not in this copy of the course yet.
Once it is there (an object with a <code>terms</code> array of <code>{ "korean", "english", "chapter", "post" }</code>),
<code>npm run book</code> fills this page.</p>`;
    return page({ title: `Glossary — ${SITE_TITLE}`, body, current: "glossary" });
  }
  const byNumber = new Map(chapters.map((c) => [c.number, c]));
  const terms = glossary.terms.map((t, i) => ({ t, i })).sort((a, b) => a.t.chapter.localeCompare(b.t.chapter) || a.i - b.i).map(({ t }) => t);
  // One chapter cell for each run of terms of the same chapter.
  const rows = terms.map((t, k) => {
    const c = byNumber.get(t.chapter);
    let chapter = "";
    if (k === 0 || terms[k - 1].chapter !== t.chapter) {
      let span = 1;
      while (terms[k + span]?.chapter === t.chapter) span++;
      const link = c ? `<a href="${c.stem}.html">${c.number} · ${renderInlineMarkdown(md, c.title)}</a>` : escapeHtml(t.chapter);
      chapter = `<td${span > 1 ? ` rowspan="${span}"` : ""}>${link}</td>`;
    }
    const post = t.post ? `<span title="${escapeHtml(postTitle(t.post))}">${escapeHtml(t.post)}</span>` : "";
    return `<tr><td lang="ko">${escapeHtml(t.korean)}</td><td>${escapeHtml(t.english)}</td><td>${post}</td>${chapter}</tr>`;
  });
  const body = `<h1>Glossary</h1>
<p>The posts' Korean terms, the English the course uses for each, and the chapter that introduces it (where the notebook gives
the Korean once, in parentheses). From <code>data/glossary.json</code>.</p>
<table class="glossary"><thead><tr><th>Korean</th><th>English</th><th>post</th><th>introduced in</th></tr></thead>
<tbody>${rows.join("\n")}</tbody></table>`;
  return page({ title: `Glossary — ${SITE_TITLE}`, body, current: "glossary" });
}

export function buildBook(o: BuildOptions): BuildResult {
  const outDir = resolve(o.outDir);
  checkOutDir(outDir);
  const removed = removeStalePartials(outDir);
  const building = partialOutDir(outDir);
  try {
    const r = buildInto(o, building);
    replaceOutDir(building, outDir);
    for (const path of removed) r.notes.push(`removed ${basename(path)}, left by a build that was killed`);
    return r;
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
}

/** The whole book, into `outDir` (the partial folder). */
function buildInto(o: BuildOptions, outDir: string): BuildResult {
  const notebooksDir = o.notebooksDir ?? join(o.root, "notebooks");
  const glossary = readGlossary(o.glossaryPath ?? join(o.root, "data", "glossary.json"));
  const chapters = readChapters(notebooksDir);
  preparePartialDir(outDir);
  copyAssets(outDir);
  const md = createMarkdown();
  const pages: string[] = [];
  const write = (name: string, html: string): void => {
    writeFileSync(join(outDir, name), html);
    pages.push(name);
  };
  const errata = new Map<string, Erratum[]>();
  let plots = 0;
  chapters.forEach((c, i) => {
    const r = chapterPage(md, chapters, i, outDir);
    errata.set(c.stem, r.errata);
    plots += r.plots;
    write(`${c.stem}.html`, r.html);
  });
  const errataCount = [...errata.values()].reduce((n, l) => n + l.length, 0);
  write("index.html", indexPage(md, o.root, chapters, errataCount, glossary));
  write("errata.html", errataPage(md, chapters, errata));
  write("glossary.html", glossaryPage(md, chapters, glossary));
  const notes: string[] = [];
  if (!glossary.present) notes.push("data/glossary.json is missing: the glossary page says so");
  const untimed = chapters.filter((c) => c.seconds === undefined).map((c) => c.file);
  if (untimed.length) notes.push(`no run time recorded for ${untimed.join(", ")} (npm run course -- --record-timings records it in notebooks/timings.json)`);
  return { pages: pages.sort(), chapters: chapters.length, errata: errataCount, plots, glossaryTerms: glossary.present ? glossary.terms.length : "missing", notes };
}
