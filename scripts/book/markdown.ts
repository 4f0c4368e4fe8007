// The notebooks' markdown, rendered at build time: markdown-it (CommonMark, as Jupyter and
// GitHub read it), formulas ($…$, $$…$$) typeset by KaTeX through VS Code's markdown-it plugin
// (so a page shows them with no script), code highlighted by highlight.js, headings given ids for
// the page's table of contents, erratum markers shown as flags, and `NN_name.ipynb` code spans
// linked to that chapter's page.
import MarkdownIt from "markdown-it";
import markdownItKatex from "@vscode/markdown-it-katex";
import { escapeHtml, highlight } from "./highlight";
import { isErratumClosing, isErratumMarker, parseErratumMarker, sectionLabel } from "./errata";

export interface Heading {
  level: number;
  id: string;
  /** The heading's inline HTML (formulas and code included). */
  html: string;
}

/** What rendering one page collects and needs; the cells of a page share it. */
export interface PageEnv {
  /** Ids given so far on the page, kept unique. */
  ids: Set<string>;
  headings: Heading[];
  /** Erratum markers seen so far on the page: the next one is number errata + 1. */
  errata: number;
  /** The page's chapter id (its notebook's name without .ipynb): the errata page's anchors. */
  chapter: string;
  /** Notebook file names that have a page, to link code spans naming them. */
  notebooks: ReadonlySet<string>;
}

export function pageEnv(chapter: string, notebooks: ReadonlySet<string> = new Set()): PageEnv {
  return { ids: new Set(), headings: [], errata: 0, chapter, notebooks };
}

/** A formula KaTeX could not read: the build stops on it instead of shipping red text. */
export class MathError extends Error {}

/** An id from a heading's text: lower case, letters and digits of any script, hyphens. */
export function slug(text: string, taken: Set<string>): string {
  const base = text.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, "").trim().replace(/[\s-]+/g, "-") || "section";
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

export function erratumAnchor(chapter: string, number: number): string {
  return `${chapter}-${number}`;
}

export function createMarkdown(): MarkdownIt {
  const md: MarkdownIt = new MarkdownIt({
    html: true,
    linkify: false,
    typographer: false,
    highlight: (code, language) => `<pre class="hljs"><code${language ? ` class="language-${escapeHtml(language)}"` : ""}>${highlight(code, language)}</code></pre>`,
  });
  md.use(markdownItKatex, { throwOnError: false });

  // Headings: an id each, and the list the table of contents is made from.
  md.core.ruler.push("heading_ids", (state) => {
    const env = state.env as Partial<PageEnv>;
    if (!env.ids || !env.headings) return;
    state.tokens.forEach((token, i) => {
      if (token.type !== "heading_open") return;
      const inline = state.tokens[i + 1];
      const text = (inline.children ?? []).filter((c) => c.type === "text" || c.type === "code_inline").map((c) => c.content).join("");
      const id = slug(text, env.ids!);
      token.attrSet("id", id);
      env.headings!.push({ level: Number(token.tag.slice(1)), id, html: md.renderer.renderInline(inline.children ?? [], md.options, {}) });
    });
  });

  // Erratum markers: a flag linking to the errata page; the closing comment disappears.
  const defaultHtmlBlock = md.renderer.rules.html_block!;
  const defaultHtmlInline = md.renderer.rules.html_inline!;
  const erratumFlag = (html: string, env: Partial<PageEnv>, block: boolean): string | undefined => {
    if (isErratumClosing(html)) return "";
    if (!isErratumMarker(html)) return undefined;
    const marker = parseErratumMarker(html);
    env.errata = (env.errata ?? 0) + 1;
    const anchor = erratumAnchor(env.chapter ?? "page", env.errata);
    const flag = `<a class="erratum-flag" id="erratum-${env.errata}" href="errata.html#${anchor}" title="The post says: ${escapeHtml(marker.says)} — right: ${escapeHtml(marker.right)}">Erratum · post ${escapeHtml(marker.post)} ${escapeHtml(sectionLabel(marker.section))}</a>`;
    return block ? `<div class="erratum-line">${flag}</div>\n` : flag + " ";
  };
  md.renderer.rules.html_block = (tokens, idx, options, env, self) =>
    erratumFlag(tokens[idx].content, env, true) ?? defaultHtmlBlock(tokens, idx, options, env, self);
  md.renderer.rules.html_inline = (tokens, idx, options, env, self) =>
    erratumFlag(tokens[idx].content, env, false) ?? defaultHtmlInline(tokens, idx, options, env, self);

  // `10_mnist_two_layer_net.ipynb` in a sentence: a link to that chapter's page.
  const defaultCodeInline = md.renderer.rules.code_inline!;
  md.renderer.rules.code_inline = (tokens, idx, options, env, self) => {
    const html = defaultCodeInline(tokens, idx, options, env, self);
    const name = tokens[idx].content;
    const notebooks = (env as Partial<PageEnv>).notebooks;
    return notebooks?.has(name) ? `<a href="${escapeHtml(name.replace(/\.ipynb$/, ".html"))}">${html}</a>` : html;
  };
  return md;
}

/** Render markdown; throws MathError when a formula does not typeset. */
export function renderMarkdown(md: MarkdownIt, source: string, env: PageEnv | Record<string, never> = {}): string {
  const html = md.render(source, env);
  checkMath(html, source);
  return html;
}

export function renderInlineMarkdown(md: MarkdownIt, source: string, env: PageEnv | Record<string, never> = {}): string {
  const html = md.renderInline(source, env);
  checkMath(html, source);
  return html;
}

function checkMath(html: string, source: string): void {
  const error = /class="[^"]*katex-error[^"]*"[^>]*title="([^"]*)"[^>]*>([^<]*)/.exec(html) ?? /class="katex-error"[^>]*>([^<]*)/.exec(html);
  if (error) throw new MathError(`a formula KaTeX cannot typeset: ${error.slice(1).join(" — ")}\nin: ${source.slice(0, 200)}`);
}
