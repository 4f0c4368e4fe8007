// Two notebooks in a live Jupyter server, as a newcomer on Debian runs them (README: "Running the
// notebooks yourself"): Debian's classic Notebook (jupyter-notebook), the project's kernel spec in
// .jupyter/ through JUPYTER_PATH, copies of the notebooks trusted with `jupyter trust`, run with
// Cell → Run All in Chromium, in the ci profile (NNTS_PROFILE=ci: fewer epochs). The copies live in
// .cache/browser/ (inside the project, so the kernel resolves `nnts`); the committed files are not
// touched. Checked: the trusted copy shows its committed SVG plots, and its formulas typeset by
// MathJax, before running; after Run All
// every cell has run with no error and no stderr, each cell has outputs of the same kinds as
// committed, every plot shows as an SVG drawing, and the live training display of chapter 11 is
// one output that changes in place (the runner's text, then each epoch's line), not a new output
// per update. Screenshots in screenshots/notebook/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "puppeteer-core";
import { installKernelSpec, jupyterCommand } from "../../scripts/course/jupyter";
import { readNotebook, VEGA_LITE, type Notebook } from "../../scripts/course/notebook";
import { launchChromium, watchPage } from "./chromium";

const root = join(__dirname, "..", "..");
const work = join(root, ".cache", "browser");
const notebooksDir = join(work, "notebooks");
const shots = join(root, "screenshots", "notebook");
const token = randomBytes(16).toString("hex");
const NOTEBOOKS = ["01_linear_classifier.ipynb", "11_neuralnet_mlp_mnist.ipynb"];

let server: ChildProcess | undefined;
let serverLog = "";
let base = "";
let browser: Browser;

const env = {
  ...process.env,
  JUPYTER_PATH: join(root, ".jupyter"),
  JUPYTER_CONFIG_DIR: join(work, "jupyter", "config"),
  JUPYTER_DATA_DIR: join(work, "jupyter", "data"), // the trust database goes here
  JUPYTER_RUNTIME_DIR: join(work, "jupyter", "runtime"),
  NNTS_PROFILE: "ci",
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function waitForServer(url: string, seconds: number): Promise<void> {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (server?.exitCode !== null) throw new Error(`the notebook server exited:\n${serverLog}`);
    if (Date.now() > end) throw new Error(`the notebook server did not answer in ${seconds} s:\n${serverLog}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

before(async () => {
  const version = spawnSync(jupyterCommand(), ["notebook", "--version"], { encoding: "utf8", env });
  assert.equal(version.status, 0, "Jupyter's classic Notebook is missing: npm run setup installs Debian's jupyter-notebook and jupyter-nbformat");
  rmSync(work, { recursive: true, force: true });
  rmSync(shots, { recursive: true, force: true });
  mkdirSync(notebooksDir, { recursive: true });
  mkdirSync(shots, { recursive: true });
  installKernelSpec(root);
  for (const name of NOTEBOOKS) copyFileSync(join(root, "notebooks", name), join(notebooksDir, name));
  const trust = spawnSync(jupyterCommand(), ["trust", ...NOTEBOOKS.map((n) => join(notebooksDir, n))], { encoding: "utf8", env });
  assert.equal(trust.status, 0, trust.stderr);

  const port = await freePort();
  base = `http://127.0.0.1:${port}/`;
  const args = ["notebook", "--no-browser", "--ip=127.0.0.1", `--port=${port}`, "--port-retries=0", `--NotebookApp.token=${token}`, `--notebook-dir=${notebooksDir}`];
  if (process.getuid?.() === 0) args.push("--allow-root"); // CI runs as root
  server = spawn(jupyterCommand(), args, { env, stdio: ["ignore", "pipe", "pipe"] });
  server.stdout!.on("data", (d) => (serverLog += d));
  server.stderr!.on("data", (d) => (serverLog += d));
  await waitForServer(`${base}api/status?token=${token}`, 60);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    // Shut the kernels down through the server, then the server itself.
    try {
      const sessions = (await (await fetch(`${base}api/sessions?token=${token}`)).json()) as { id: string }[];
      for (const s of sessions) await fetch(`${base}api/sessions/${s.id}?token=${token}`, { method: "DELETE" });
    } catch {
      // the kernels end with the server (their parent watch) anyway
    }
    const exited = new Promise((r) => server!.once("exit", r));
    server.kill("SIGTERM");
    const timer = setTimeout(() => server!.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(work, { recursive: true, force: true });
});

/** The committed notebook's outputs, by code cell: the kinds a run must give again. */
function outputKinds(nb: Notebook): string[][] {
  return nb.cells.filter((c) => c.cell_type === "code").map((c) => (c.outputs ?? []).map((o) => `${o.output_type}${o.data && VEGA_LITE in o.data ? " plot" : ""}`));
}

// In the page (a string: the browser's types stay out of the project's compilation).
const KERNEL_READY = "window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected() && Jupyter.notebook.kernel_busy === false";
const OUTPUT_KINDS = `Jupyter.notebook.get_cells().filter((c) => c.cell_type === "code").map((c) =>
  c.output_area.outputs.map((o) => o.output_type + (o.data && o.data["${VEGA_LITE}"] ? " plot" : "")))`;
const ALL_RUN = `(() => {
  const cells = Jupyter.notebook.get_cells().filter((c) => c.cell_type === "code" && c.get_text().trim() !== "");
  return cells.every((c) => typeof c.input_prompt_number === "number") && Jupyter.notebook.kernel_busy === false;
})()`;
// Every 50 ms, each output area's number of outputs and the text of its first output: an output
// updated in place shows as one output whose text changes.
const WATCH_OUTPUTS = `(() => {
  window.__watched = {};
  setInterval(() => {
    Jupyter.notebook.get_cells().forEach((c, i) => {
      if (c.cell_type !== "code") return;
      const outs = c.output_area.outputs;
      const w = (window.__watched[i] = window.__watched[i] || { maxOutputs: 0, firstTexts: [] });
      w.maxOutputs = Math.max(w.maxOutputs, outs.length);
      const first = outs[0] && outs[0].data && outs[0].data["text/plain"];
      if (typeof first === "string" && w.firstTexts[w.firstTexts.length - 1] !== first) w.firstTexts.push(first);
    });
  }, 50);
})()`;
const FORMULAS_TYPESET = `(() => {
  const rendered = [...document.querySelectorAll(".text_cell_render")];
  const raw = rendered.some((r) => { const c = r.cloneNode(true); c.querySelectorAll("code, pre, script, .MathJax, .MathJax_Display, .MathJax_Preview").forEach((e) => e.remove()); return c.textContent.includes("$$"); });
  return !raw && document.querySelectorAll(".text_cell_render .MathJax_Display, .text_cell_render .MathJax").length > 0;
})()`;
const PLOTS_DRAWN = `[...document.querySelectorAll(".output_svg svg")].map((s) => {
  const b = s.getBoundingClientRect();
  return { width: b.width, height: b.height, marks: s.querySelectorAll("path, rect, line, text").length };
})`;

async function openNotebook(name: string): Promise<{ page: Page; problems: Awaited<ReturnType<typeof watchPage>> }> {
  const page = await browser.newPage();
  // The classic Notebook's own page asks for a widgets extension Debian does not ship, and MathJax
  // for a font it cannot have; neither comes from the notebook.
  const problems = await watchPage(page, (text) => /nbextensions\/widgets|Failed to load resource|MIME type|about:blank/.test(text));
  await page.goto(`${base}notebooks/${name}?token=${token}`, { waitUntil: "networkidle2", timeout: 60_000 });
  await page.waitForFunction(KERNEL_READY, { timeout: 60_000, polling: 200 });
  return { page, problems };
}

async function runAll(page: Page): Promise<void> {
  await page.click("#celllink");
  await page.waitForSelector("#run_all_cells > a", { visible: true });
  await page.click("#run_all_cells > a");
}

for (const name of NOTEBOOKS) {
  test(`classic Notebook, ${name} (trusted copy, ci profile): Run All shows every output, plots drawn, no error`, async () => {
    const committed = readNotebook(join(root, "notebooks", name));
    const kinds = outputKinds(committed);
    const plots = kinds.flat().filter((k) => k.endsWith(" plot")).length;
    const { page, problems } = await openNotebook(name);
    try {
      assert.equal(await page.evaluate("Jupyter.notebook.trusted"), true, "jupyter trust: the copy is trusted");
      assert.equal(await page.evaluate("document.querySelectorAll('.output_svg svg').length"), plots, "before running, a trusted notebook shows its committed SVG plots");
      // Formulas: MathJax (Debian's libjs-mathjax, served by the Notebook itself) typesets every $$…$$.
      await page.waitForFunction(FORMULAS_TYPESET, { timeout: 60_000, polling: 500 });
      await page.screenshot({ path: join(shots, name.replace(/\.ipynb$/, "-opened.png")) });

      await page.evaluate(WATCH_OUTPUTS);
      await page.evaluate("Jupyter.notebook.clear_all_output()");
      assert.equal(await page.evaluate("document.querySelectorAll('.output_svg svg').length"), 0);
      await runAll(page);
      await page.waitForFunction(ALL_RUN, { timeout: 240_000, polling: 500 });

      const got = (await page.evaluate(OUTPUT_KINDS)) as string[][];
      const errors = got.flatMap((k, i) => (k.includes("error") ? [`code cell ${i + 1}`] : []));
      assert.deepEqual(errors, [], "cells with an error");
      const stderr = (await page.evaluate(`document.querySelectorAll(".output_stderr").length`)) as number;
      assert.equal(stderr, 0, "outputs on stderr");
      assert.deepEqual(got, kinds, "each cell's outputs, of the same kinds as the committed run");
      const drawn = (await page.evaluate(PLOTS_DRAWN)) as { width: number; height: number; marks: number }[];
      assert.equal(drawn.length, plots, "every plot shows (as its SVG: the classic Notebook has no Vega-Lite 5 renderer)");
      assert.deepEqual(drawn.filter((d) => d.width < 50 || d.height < 50 || d.marks < 3), [], "empty plots");

      // A LiveDisplay: an output whose committed form is text only, in a cell that also has a plot.
      const watched = (await page.evaluate("window.__watched")) as Record<string, { maxOutputs: number; firstTexts: string[] }>;
      const codeIndex = (i: number) => committed.cells.slice(0, i).filter((c) => c.cell_type === "code").length;
      const live = committed.cells.flatMap((c, i) => (c.cell_type === "code" && /new LiveDisplay\(/.test([c.source].flat().join("")) ? [i] : []));
      if (name.startsWith("11_")) assert.ok(live.length > 0, "chapter 11 has a live training display");
      for (const i of live) {
        const w = watched[String(i)];
        assert.ok(w, `cell ${i} watched`);
        assert.ok(w.firstTexts.length >= 3, `cell ${i}: the live line changed in place: ${JSON.stringify(w.firstTexts)}`);
        assert.match(w.firstTexts[0], /training/, "first the line before training");
        assert.match(w.firstTexts[w.firstTexts.length - 1], /^(l2 = 0: )?0*2\/0*2 \|/, "last, the last epoch's line (ci profile: 2 epochs)");
        assert.equal(w.maxOutputs, kinds[codeIndex(i)].length, `cell ${i}: never more outputs than at the end (an update replaces, it does not append)`);
      }
      // What a reader sees after the run: the live display's cell, or else the first plot.
      const shown = live[0] ?? committed.cells.findIndex((c) => (c.outputs ?? []).some((o) => o.data && VEGA_LITE in o.data));
      await page.evaluate(`Jupyter.notebook.get_cell(${shown}).output_area.element[0].scrollIntoView()`);
      await page.screenshot({ path: join(shots, name.replace(/\.ipynb$/, "-run.png")) });
      assert.deepEqual(problems.externalRequests, [], "requests to other hosts");
      assert.deepEqual(problems.pageErrors, [], "uncaught exceptions");
      assert.deepEqual(problems.consoleErrors, [], "console errors");
    } finally {
      await page.close();
    }
  });
}
