// The book in a real browser (npm run test:browser): the book is built from the committed
// notebooks into a temporary folder, served on 127.0.0.1, and every page is opened in Debian's
// Chromium. Each page: no console error, no uncaught exception, no failed request, no request to
// another host, every image loaded, every Vega-Lite plot rendered by vega-embed to a non-empty SVG,
// every formula typeset (no `$` left in the text, no KaTeX error), and a full-page screenshot in
// screenshots/book/ (git-ignored) to look at. Also: with scripts off a chapter shows its committed
// SVGs, and Korean text is drawn with a CJK font, not as empty boxes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { buildBook } from "../../scripts/book/build";
import { serveBook, type BookServer } from "../../scripts/book/serve";
import { launchChromium, watchPage } from "./chromium";

const root = join(__dirname, "..", "..");
const shots = join(root, "screenshots", "book");
const outDir = mkdtempSync(join(tmpdir(), "nnts-book-"));
const built = buildBook({ root, outDir });
let server: BookServer;
let browser: Browser;

before(async () => {
  rmSync(shots, { recursive: true, force: true });
  mkdirSync(shots, { recursive: true });
  server = await serveBook(outDir);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(outDir, { recursive: true, force: true });
});

interface PageReport {
  plots: { rendered: boolean; width: number; height: number; marks: number }[];
  rawMath: string[];
  katexErrors: number;
  formulas: number;
  brokenImages: string[];
  title: string;
}

// Runs in the page. A string, so that the browser's types stay out of the project's compilation.
const INSPECT = `(async () => {
  const figures = [...document.querySelectorAll("figure.vega-plot")];
  const deadline = Date.now() + 30000;
  while (figures.some((f) => !f.classList.contains("rendered")) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const plots = figures.map((f) => {
    const drawn = f.querySelector(".vega-live svg, .vega-live canvas");
    const box = drawn ? drawn.getBoundingClientRect() : { width: 0, height: 0 };
    return { rendered: f.classList.contains("rendered"), width: box.width, height: box.height,
      marks: drawn ? drawn.querySelectorAll("path, rect, line, text").length : 0 };
  });
  const text = document.querySelector("main").cloneNode(true);
  text.querySelectorAll("code, pre, script, .katex").forEach((e) => e.remove());
  const t = text.textContent;
  const rawMath = (t.match(/.{0,40}\\$\\$.{0,40}/g) || []).concat(t.match(/.{0,20}\\$[^\\s$][^$\\n]{0,80}\\$.{0,20}/g) || []);
  await Promise.all([...document.images].map((im) => im.complete ? null : new Promise((r) => { im.onload = im.onerror = r; })));
  return { plots, rawMath, katexErrors: document.querySelectorAll(".katex-error").length,
    formulas: document.querySelectorAll(".katex").length,
    brokenImages: [...document.images].filter((im) => im.naturalWidth === 0).map((im) => im.getAttribute("src")),
    title: document.title };
})()`;

async function open(name: string, options: { javaScript?: boolean } = {}): Promise<{ page: Page; problems: Awaited<ReturnType<typeof watchPage>> }> {
  const page = await browser.newPage();
  if (options.javaScript === false) await page.setJavaScriptEnabled(false);
  const problems = await watchPage(page);
  await page.goto(server.url + name, { waitUntil: "networkidle0", timeout: 60_000 });
  return { page, problems };
}

test("the build: every chapter, the index, errata and glossary", () => {
  assert.ok(built.chapters >= 11, `${built.chapters} chapters`);
  assert.ok(built.pages.includes("index.html") && built.pages.includes("errata.html") && built.pages.includes("glossary.html"));
  assert.ok(built.plots > 50, `${built.plots} plots`);
});

for (const name of built.pages) {
  test(`${name}: no console error, no failed or external request, plots rendered, formulas typeset`, async () => {
    const { page, problems } = await open(name);
    try {
      const r = (await page.evaluate(INSPECT)) as PageReport;
      await page.screenshot({ path: join(shots, name.replace(/\.html$/, ".png")), fullPage: true, optimizeForSpeed: true });
      assert.deepEqual(problems.externalRequests, [], "requests to other hosts");
      assert.deepEqual(problems.failedRequests, [], "failed requests");
      assert.deepEqual(problems.consoleErrors, [], "console errors");
      assert.deepEqual(problems.pageErrors, [], "uncaught exceptions");
      assert.deepEqual(r.brokenImages, [], "images that did not load");
      assert.deepEqual(r.rawMath, [], "formulas left as text");
      assert.equal(r.katexErrors, 0, "KaTeX errors");
      const notDrawn = r.plots.map((p, i) => ({ ...p, i })).filter((p) => !p.rendered || p.width < 50 || p.height < 50 || p.marks < 3);
      assert.deepEqual(notDrawn, [], `plots not rendered by vega-embed (of ${r.plots.length})`);
      if (/^\d\d_/.test(name)) assert.ok(r.title.includes(" · "), r.title);
    } finally {
      await page.close();
    }
  });
}

test("with scripts off, a chapter shows its committed SVG plots", async () => {
  const chapter = built.pages.find((p) => p.startsWith("01_"))!;
  const { page, problems } = await open(chapter, { javaScript: false });
  try {
    const images = await page.$$eval("figure.vega-plot img.static-plot", (els) => els.map((e) => [(e as unknown as { naturalWidth: number }).naturalWidth, e.getAttribute("src")]));
    assert.ok(images.length > 0);
    for (const [width, src] of images) assert.ok((width as number) > 0, `${src} not shown`);
    assert.deepEqual(problems.failedRequests, []);
    assert.deepEqual(problems.externalRequests, []);
  } finally {
    await page.close();
  }
});

/** The fonts Chromium drew an element's text with (DevTools protocol). */
async function fontsOf(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.createCDPSession();
  await cdp.send("DOM.enable");
  await cdp.send("CSS.enable");
  const { root: doc } = await cdp.send("DOM.getDocument");
  const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: doc.nodeId, selector });
  assert.ok(nodeId, `no element ${selector}`);
  const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
  await cdp.detach();
  return fonts.map((f) => f.familyName);
}

test("Korean text is drawn with a CJK font (Debian's fonts-noto-cjk), not as empty boxes", async () => {
  const { page } = await open("glossary.html");
  try {
    if (built.glossaryTerms === "missing") return;
    const fonts = await fontsOf(page, "td[lang=ko]");
    assert.ok(fonts.some((f) => /CJK|KR|Korean|Nanum|Gothic|Batang/i.test(f)), `Hangul drawn with: ${fonts.join(", ")}`);
  } finally {
    await page.close();
  }
});
