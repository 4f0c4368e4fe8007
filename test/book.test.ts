// The book (scripts/book.ts, scripts/book/): the chapter map read from a notebook's first markdown
// cell, the errata markers, markdown with formulas typeset at build time, outputs, the glossary,
// and whole builds — of a small project made here, and of the course's own notebooks — whose pages
// load nothing from another host and link only to files and anchors that exist. What a browser
// shows is checked by npm run test:browser.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { parseBookArgs } from "../scripts/book";
import { packageVersion } from "../scripts/book/assets";
import { BookError, buildBook, partialOutDir } from "../scripts/book/build";
import { chapterSummary } from "../scripts/book/chapters";
import { ErratumError, findErrata, parseErratumMarker } from "../scripts/book/errata";
import { GlossaryError, parseGlossary, readGlossary } from "../scripts/book/glossary";
import { createMarkdown, MathError, pageEnv, renderMarkdown } from "../scripts/book/markdown";
import { renderOutputs, scriptJson, svgSize } from "../scripts/book/outputs";
import { serveBook } from "../scripts/book/serve";
import { serializeNotebook, VEGA_LITE, type Cell, type Notebook } from "../scripts/course/notebook";

const repo = join(__dirname, "..");
const base = mkdtempSync(join(tmpdir(), "nnts-book-"));
after(() => rmSync(base, { recursive: true, force: true }));

test("the chapter map's fields come from the first markdown cell", () => {
  const s = chapterSummary(`# 04 · Adaline and gradient descent

This notebook follows post 000, §3.1 and §3.2.

You will learn:

- how Adaline differs;
- the cost J(w), and
  its gradient;

- what the learning rate does.

Then the chapter begins.`);
  assert.equal(s.title, "Adaline and gradient descent");
  assert.equal(s.follows, "This notebook follows post 000, §3.1 and §3.2.");
  assert.equal(s.teaches, "- how Adaline differs;\n- the cost J(w), and\n  its gradient;\n\n- what the learning rate does.");

  assert.equal(chapterSummary("# 01 — A title: with a colon\n\n*Follows post 004.*\n\nYou will see:\n1. one\n2. two\n").teaches, "1. one\n2. two");
  assert.equal(chapterSummary("# 01 — A title: with a colon\n").title, "A title: with a colon");
  const none = chapterSummary("# 12 · No list here\n\nFirst paragraph\non two lines.\n\nSecond paragraph.");
  assert.deepEqual(none, { title: "No list here", follows: "First paragraph\non two lines.", teaches: "" });
});

const marker = (attrs: string) => `<!-- erratum ${attrs} -->`;
const good = 'post="000" section="4.1" says="through the origin" right="through (0, 0.5)"';

test("erratum markers: all four attributes, three-digit posts, &quot; for a quote; anything else is an error", () => {
  assert.deepEqual(parseErratumMarker(marker(good)), { post: "000", section: "4.1", says: "through the origin", right: "through (0, 0.5)" });
  assert.equal(parseErratumMarker(marker('post="003" section="Chapter 2" says="the &quot;sigmoid&quot;" right="x &lt; 1"')).says, 'the "sigmoid"');
  const multiline = '<!-- erratum\n  post="000"\n  section="4.1"\n  says="through the origin"\n  right="through (0, 0.5)"\n-->';
  assert.deepEqual(parseErratumMarker(multiline), parseErratumMarker(marker(good)), "a marker may span lines");
  assert.throws(() => parseErratumMarker(marker('post="000" section="4.1" says="x"')), /right missing/);
  assert.throws(() => parseErratumMarker(marker(`${good} page="3"`)), /unknown attribute page/);
  assert.throws(() => parseErratumMarker(marker(good.replace('"000"', '"0"'))), /three digits/);
  assert.throws(() => parseErratumMarker(marker(`${good} stray`)), /cannot read "stray"/);
  assert.throws(() => parseErratumMarker(marker(`post="000" post="001" section="1" says="a" right="b"`)), /given twice/);
  assert.throws(() => parseErratumMarker("<!-- a comment -->"), ErratumError);
  // At a line's start with text after it, markdown makes the whole line raw HTML: refused rather than lost.
  assert.throws(() => findErrata(createMarkdown(), `Some text.\n${marker(good)} The post is wrong.\n`), /on a line of its own/);
});

test("erratum markers: the marked text is the next paragraph, or the rest of this one up to <!-- /erratum -->; not in code", () => {
  const md = createMarkdown();
  const source = [
    "Intro.",
    "",
    marker(good),
    "The post says the sigmoid passes through the origin.",
    "It passes through (0, 0.5).",
    "",
    `Also: ${marker(good.replace("4.1", "4.3"))}a second one, inline.<!-- /erratum --> Not part of it.`,
    "",
    `A code span \`${marker(good)}\` is not a marker.`,
    "",
    "```",
    marker(good),
    "```",
  ].join("\n");
  const found = findErrata(md, source);
  assert.deepEqual(found.map((f) => [f.marker.section, f.text]), [
    ["4.1", "The post says the sigmoid passes through the origin.\nIt passes through (0, 0.5)."],
    ["4.3", "a second one, inline."],
  ]);
  const env = pageEnv("11_x");
  const html = renderMarkdown(md, source, env);
  assert.equal(env.errata, 2, "the page numbers the same markers");
  assert.match(html, /<a class="erratum-flag" id="erratum-1" href="errata\.html#11_x-1"[^>]*>Erratum · post 000 §4\.1<\/a>/);
  assert.match(html, /id="erratum-2" href="errata\.html#11_x-2"/);
  assert.doesNotMatch(html, /<!-- \/erratum -->/);
  assert.throws(() => findErrata(md, marker('post="000"') + "\ntext"), /section, says, right missing/);
});

test("markdown: formulas typeset at build time, headings with unique ids, chapter names linked", () => {
  const md = createMarkdown();
  const env = pageEnv("01_a", new Set(["02_b.ipynb"]));
  const html = renderMarkdown(md, [
    "# Title",
    "## A section (섹션)",
    "The error is $E = t - y$, and",
    "",
    "$$\\Delta A = L\\,(E / x), \\qquad L \\text{ the learning rate (학습률)}$$",
    "$$z_2 = a_{11} w_{21}$$",
    "",
    "## A section (섹션)",
    "See `02_b.ipynb` and `03_c.ipynb`; `$x$` stays code.",
    "```python",
    "print(1)",
    "```",
  ].join("\n"), env);
  assert.equal((html.match(/class="katex-display"/g) ?? []).length, 2, "two display formulas, on consecutive lines");
  assert.equal((html.match(/class="katex"/g) ?? []).length, 3);
  assert.doesNotMatch(html.replace(/<annotation[\s\S]*?<\/annotation>/g, "").replace(/<code>[^<]*<\/code>/g, ""), /\$/, "no dollar left");
  assert.deepEqual(env.headings.map((h) => h.id), ["title", "a-section-섹션", "a-section-섹션-2"]);
  assert.match(html, /<h2 id="a-section-섹션-2">/);
  assert.match(html, /<a href="02_b\.html"><code>02_b\.ipynb<\/code><\/a>/);
  assert.match(html, /<code>03_c\.ipynb<\/code>/, "no page, no link");
  assert.match(html, /<code>\$x\$<\/code>/);
  assert.match(html, /<pre class="hljs"><code class="language-python"><span class="hljs-built_in">print<\/span>/);
  assert.throws(() => renderMarkdown(md, "$$\\frac{1}{$$"), MathError);
});

const plotOutput = {
  output_type: "display_data" as const,
  data: {
    [VEGA_LITE]: { $schema: "https://vega.github.io/schema/vega-lite/v5.json", title: "a </script> title", mark: "point" },
    "image/svg+xml": '<svg xmlns="http://www.w3.org/2000/svg" width="420" height="310.5"><rect/></svg>',
    "text/plain": '<scatter chart "Two bugs": 2 points>',
  },
  metadata: {},
};

test("outputs: a plot is its SVG plus its spec; a PNG a file; text, streams and errors preformatted", () => {
  const dir = join(base, "figures");
  const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000003000000020806000000", "hex");
  const cell: Cell = {
    cell_type: "code", metadata: {}, source: "x", execution_count: 1,
    outputs: [
      { output_type: "stream", name: "stdout", text: ["a < b\n", "\x1b[31mred\x1b[0m\n"] },
      plotOutput,
      { output_type: "display_data", data: { "image/png": png.toString("base64"), "text/plain": "<digits>" }, metadata: {} },
      { output_type: "execute_result", data: { "text/plain": "42" }, metadata: {}, execution_count: 1 },
      { output_type: "error", ename: "Error", evalue: "boom", traceback: ["\x1b[31mError: boom\x1b[0m"] },
    ],
  };
  const stats = { plots: 0 };
  const html = renderOutputs(cell, 7, { dir, href: "figures/ch" }, stats);
  assert.equal(stats.plots, 1);
  assert.match(html, /<pre class="output stream stdout">a &lt; b\nred\n<\/pre>/);
  assert.match(html, /<figure class="output plot vega-plot"><img class="static-plot" src="figures\/ch\/cell7-1\.svg" alt="&lt;scatter chart &quot;Two bugs&quot;: 2 points&gt;" width="420" height="311">/);
  assert.match(html, /<script type="application\/json" class="vega-spec">\{.*a \\u003c\/script> title.*\}<\/script>/);
  assert.equal((html.match(/<\/script>/g) ?? []).length, 1, "the spec cannot close its element");
  assert.match(html, /<img class="pixels" src="figures\/ch\/cell7-2\.png" alt="&lt;digits&gt;" width="3" height="2">/);
  assert.match(html, /<pre class="output result">42<\/pre>/);
  assert.match(html, /<pre class="output error">Error: boom<\/pre>/);
  assert.deepEqual(readdirSync(dir).sort(), ["cell7-1.svg", "cell7-2.png"]);
  assert.deepEqual(readFileSync(join(dir, "cell7-2.png")), png);
  assert.deepEqual(svgSize('<svg class="marks" width="500" height="200.4" viewBox="0 0 500 200">'), { width: 500, height: 200.4 });
  assert.equal(JSON.parse(scriptJson({ a: "</script>\u2028" })).a, "</script>\u2028");
});

test("glossary: { terms: [...] } or an array; missing fields named; a missing file is not an error", () => {
  const terms = [{ korean: "오차", english: "error", chapter: "01", post: "004" }, { korean: "편향", english: "bias", chapter: 2 }];
  assert.deepEqual(parseGlossary(JSON.stringify({ about: "Key terms.", terms })), {
    about: "Key terms.",
    terms: [{ korean: "오차", english: "error", chapter: "01", post: "004" }, { korean: "편향", english: "bias", chapter: "02", post: undefined }],
  });
  assert.equal(parseGlossary(JSON.stringify(terms)).terms.length, 2);
  assert.throws(() => parseGlossary(JSON.stringify({ terms: [{ korean: "오차", chapter: "01" }] })), /term 1 .*"english" missing/);
  assert.throws(() => parseGlossary("{"), GlossaryError);
  assert.throws(() => parseGlossary('{"entries": []}'), /expected \{ "terms"/);
  assert.deepEqual(readGlossary(join(base, "no-such-glossary.json")), { present: false });
});

test("book arguments", () => {
  assert.deepEqual(parseBookArgs([]), { serve: false, port: 8024, out: "book" });
  assert.deepEqual(parseBookArgs(["--serve", "--port", "9000", "--out", "x"]), { serve: true, port: 9000, out: "x" });
  assert.throws(() => parseBookArgs(["--port", "http"]), /port number/);
  assert.throws(() => parseBookArgs(["--out"]), /needs a value/);
  assert.throws(() => parseBookArgs(["--open"]), /unknown argument/);
});

const md = (source: string): Cell => ({ cell_type: "markdown", metadata: {}, source });
const code = (source: string, outputs: Cell["outputs"] = []): Cell => ({ cell_type: "code", metadata: {}, source, outputs, execution_count: 1 });
const nb = (cells: Cell[]): Notebook => ({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 });

/** Every src and href in the built pages: local files that exist (and anchors on the page), nothing from another host. */
function checkLinks(outDir: string): { external: string[]; broken: string[]; links: number } {
  const external: string[] = [];
  const broken: string[] = [];
  let links = 0;
  const pages = readdirSync(outDir).filter((f) => f.endsWith(".html"));
  const ids = new Map(pages.map((p) => [p, new Set([...readFileSync(join(outDir, p), "utf8").matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]))]));
  for (const p of pages) {
    const html = readFileSync(join(outDir, p), "utf8").replace(/<script type="application\/json"[\s\S]*?<\/script>/g, "");
    for (const m of html.matchAll(/<(\w+)[^>]*?\s(src|href)="([^"]*)"/g)) {
      const [, tag, , url] = m;
      links++;
      if (/^[a-z]+:/i.test(url) && !url.startsWith("data:")) {
        // A link a reader may follow is fine; anything the page loads must be local.
        if (tag !== "a") external.push(`${p}: <${tag}> ${url}`);
        continue;
      }
      if (url.startsWith("data:")) continue;
      const [file, anchor] = url.split("#");
      const target = file === "" ? p : file;
      if (!existsSync(join(outDir, target))) broken.push(`${p}: ${url}`);
      else if (anchor && target.endsWith(".html") && !ids.get(target)?.has(anchor)) broken.push(`${p}: ${url} (no such anchor)`);
    }
  }
  const css = readFileSync(join(outDir, "assets", "katex", "katex.min.css"), "utf8") + readFileSync(join(outDir, "assets", "book.css"), "utf8");
  for (const m of css.matchAll(/url\(([^)]*)\)/g)) {
    const url = m[1].replace(/["']/g, "");
    if (/^[a-z]+:/i.test(url) && !url.startsWith("data:")) external.push(`css: ${url}`);
    else if (!url.startsWith("data:") && !existsSync(join(outDir, "assets", "katex", url))) broken.push(`katex.min.css: ${url}`);
  }
  return { external, broken, links };
}

test("a whole build: chapter map with run times, pages with prev/next and contents, errata, a missing glossary; every link resolves, nothing from another host", () => {
  const root = join(base, "project");
  mkdirSync(join(root, "notebooks"), { recursive: true });
  writeFileSync(join(root, "README.md"), "# Course\n\nA course in **two** chapters.\n\nMore.\n");
  writeFileSync(join(root, "notebooks", "01_first.ipynb"), serializeNotebook(nb([
    md("# 01 · The first chapter\n\nThis notebook follows post 004, Chapter 1.\n\nYou will learn:\n\n- one thing;\n- another, $a^2$.\n"),
    code('console.log("hi")', [{ output_type: "stream", name: "stdout", text: "hi\n" }, plotOutput]),
    md(`## The section\n\n${marker(good)}\nThe post is wrong here.\n\n$$E = t - y$$`),
    code("   "),
  ])));
  writeFileSync(join(root, "notebooks", "02_second.ipynb"), serializeNotebook(nb([md("# 02 · The second\n\nFollows post 003.\n\nSee `01_first.ipynb`.")])));
  writeFileSync(join(root, "notebooks", "timings.json"), '{ "01_first.ipynb": 220.6 }\n');
  const outDir = join(root, "book");

  const r = buildBook({ root, outDir });

  assert.deepEqual(r.pages, ["01_first.html", "02_second.html", "errata.html", "glossary.html", "index.html"]);
  assert.equal(r.chapters, 2);
  assert.equal(r.plots, 1);
  assert.equal(r.errata, 1);
  assert.equal(r.glossaryTerms, "missing");
  assert.ok(r.notes.some((n) => /glossary\.json is missing/.test(n)));
  assert.ok(r.notes.some((n) => /02_second\.ipynb/.test(n)), "a chapter without a run time is named");

  const index = readFileSync(join(outDir, "index.html"), "utf8");
  assert.match(index, /A course in <strong>two<\/strong> chapters\./, "the README's first paragraph");
  assert.match(index, /<a href="01_first\.html">01 · The first chapter<\/a><span class="runtime">full run: 3 min 41 s<\/span>/);
  assert.match(index, /This notebook follows post 004, Chapter 1\./);
  assert.match(index, /<li>another, <span class="katex">/);
  assert.match(index, /02 · The second<\/a><span class="runtime">run time not recorded yet/);

  const first = readFileSync(join(outDir, "01_first.html"), "utf8");
  assert.match(first, /<a class="next" rel="next" href="02_second\.html">02 · The second →<\/a>/);
  assert.doesNotMatch(first, /rel="prev"/);
  assert.match(first, /<nav class="toc"[^>]*><h2>On this page<\/h2><ul><li class="toc-1"><a href="#the-section">The section<\/a><\/li><\/ul><\/nav>/);
  assert.match(first, /<section class="cell code" id="cell-1"><div class="prompt">\[1\]<\/div>/);
  assert.doesNotMatch(first, /id="cell-3"/, "an empty code cell is left out");
  assert.match(first, /<script src="assets\/vega\/vega-embed\.min\.js"><\/script>/);
  assert.match(readFileSync(join(outDir, "02_second.html"), "utf8"), /rel="prev" href="01_first\.html"/);
  assert.doesNotMatch(readFileSync(join(outDir, "02_second.html"), "utf8"), /vega\.min\.js/, "no plot, no Vega scripts");
  assert.match(readFileSync(join(outDir, "02_second.html"), "utf8"), /<a href="01_first\.html"><code>01_first\.ipynb<\/code><\/a>/);

  const errata = readFileSync(join(outDir, "errata.html"), "utf8");
  assert.match(errata, /<tr id="01_first-1"><td title="\[Python Machine Learning\] 8\. 인공신경망">post 000<\/td><td>§4\.1<\/td><td>through the origin<\/td><td>through \(0, 0\.5\)<\/td><td><p>The post is wrong here\.<\/p>\n<\/td><td><a href="01_first\.html#erratum-1">cell 2<\/a><\/td><\/tr>/);
  assert.match(readFileSync(join(outDir, "glossary.html"), "utf8"), /data\/glossary\.json<\/code>, which is not in this copy of the course yet/);

  const links = checkLinks(outDir);
  assert.deepEqual(links.external, []);
  assert.deepEqual(links.broken, []);
  assert.ok(links.links > 20, String(links.links));

  // A rebuild empties the folder; a folder that is not a book is left alone.
  writeFileSync(join(outDir, "stale.html"), "");
  buildBook({ root, outDir });
  assert.ok(!existsSync(join(outDir, "stale.html")));
  const other = join(root, "other");
  mkdirSync(other);
  writeFileSync(join(other, "keep.txt"), "mine");
  assert.throws(() => buildBook({ root, outDir: other }), BookError);
  assert.equal(readFileSync(join(other, "keep.txt"), "utf8"), "mine");

  // A broken formula names its notebook and cell, and the last good book stays whole: the build
  // went into a partial folder next to it, removed after the failure.
  const goodPages = readdirSync(outDir).sort();
  const goodIndex = readFileSync(join(outDir, "index.html"), "utf8");
  writeFileSync(join(root, "notebooks", "02_second.ipynb"), serializeNotebook(nb([md("# 02 · x"), md("$$\\frac{1}{$$")])));
  assert.throws(() => buildBook({ root, outDir }), /02_second\.ipynb, cell 1: a formula KaTeX cannot typeset/);
  assert.deepEqual(readdirSync(outDir).sort(), goodPages, "the last good book is left as it was");
  assert.equal(readFileSync(join(outDir, "index.html"), "utf8"), goodIndex);
  assert.deepEqual(readdirSync(root).filter((n) => n.startsWith("book.partial-")), [], "no partial folder left");
});

test("a killed build's partial folder is removed by the next build, a live build's is not; the book appears whole at the end", () => {
  const root = join(base, "partials");
  mkdirSync(join(root, "notebooks"), { recursive: true });
  writeFileSync(join(root, "notebooks", "01_only.ipynb"), serializeNotebook(nb([md("# 01 · The only chapter\n\nFollows post 004.")])));
  const outDir = join(root, "book");
  assert.equal(partialOutDir(outDir + sep, 42), `${outDir}.partial-42`, "a trailing slash does not matter");
  const r = spawnSync(process.execPath, ["-e", ""]);
  assert.ok(r.pid);
  const killed = partialOutDir(outDir, r.pid); // its process has ended
  const live = partialOutDir(outDir, process.ppid); // the test runner, alive
  for (const dir of [killed, live]) {
    mkdirSync(dir);
    writeFileSync(join(dir, "index.html"), "half a book");
  }
  const other = join(root, "book.partial-notes"); // not a process id: not the build's
  mkdirSync(other);

  const built = buildBook({ root, outDir });

  assert.ok(!existsSync(killed), "a dead build's folder is removed");
  assert.ok(existsSync(join(live, "index.html")), "a live build's folder is left to it");
  assert.ok(existsSync(other));
  assert.ok(built.notes.some((n) => n === `removed book.partial-${r.pid}, left by a build that was killed`), built.notes.join("\n"));
  assert.ok(!existsSync(partialOutDir(outDir)), "this build's own partial folder became the book");
  assert.deepEqual(built.pages, ["01_only.html", "errata.html", "glossary.html", "index.html"]);
  for (const page of built.pages) assert.ok(existsSync(join(outDir, page)), page);
  assert.ok(existsSync(join(outDir, ".nnts-book")), "the book's marker moves with it");
});

test("the server: the book's files, whether its folder is given with a trailing slash or not; nothing outside it", async () => {
  const dir = join(base, "served", "book");
  mkdirSync(join(dir, "assets"), { recursive: true });
  writeFileSync(join(dir, "index.html"), "<h1>The book</h1>");
  writeFileSync(join(dir, "assets", "book.css"), "h1 {}");
  writeFileSync(join(base, "served", "secret.txt"), "not the book's");
  for (const given of [dir, dir + sep]) {
    const server = await serveBook(given);
    try {
      const get = async (path: string): Promise<[number, string, string | null]> => {
        const res = await fetch(server.url + path);
        return [res.status, await res.text(), res.headers.get("content-type")];
      };
      assert.deepEqual(await get(""), [200, "<h1>The book</h1>", "text/html; charset=utf-8"], given);
      assert.deepEqual(await get("index.html"), [200, "<h1>The book</h1>", "text/html; charset=utf-8"], given);
      assert.deepEqual(await get("assets/book.css"), [200, "h1 {}", "text/css; charset=utf-8"], given);
      assert.equal((await get("..%2fsecret.txt"))[0], 404, "a path out of the folder");
      assert.equal((await get("assets"))[0], 404, "a folder");
      assert.equal((await get("missing.html"))[0], 404);
    } finally {
      await server.close();
    }
  }
});

test("the course's own book: every chapter builds, its errata markers read, Vega-Lite v5 served from the site", () => {
  const outDir = join(base, "course-book");
  const r = buildBook({ root: repo, outDir });
  assert.ok(r.chapters >= 11, String(r.chapters));
  assert.ok(r.errata >= 3, `${r.errata} errata (chapter 11 marks three)`);
  assert.ok(r.plots >= 50, String(r.plots));
  assert.match(packageVersion("vega-lite"), /^5\./, "JupyterLab 4 renders Vega-Lite v5");
  assert.match(packageVersion("vega"), /^5\./);
  for (const f of ["vega.min.js", "vega-lite.min.js", "vega-embed.min.js"]) assert.ok(existsSync(join(outDir, "assets", "vega", f)), f);
  const links = checkLinks(outDir);
  assert.deepEqual(links.external, []);
  assert.deepEqual(links.broken, []);
});
