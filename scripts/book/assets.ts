// Everything a page loads, copied into book/assets/ so that no page loads anything from another
// host: vega, vega-lite (v5, the line JupyterLab 4 renders) and vega-embed from node_modules,
// KaTeX's stylesheet and fonts, highlight.js's GitHub theme, and the book's own stylesheet and
// script (static/). Each library's licence goes with it.
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** The folder of an installed package (some do not export their package.json). */
export function packageDir(name: string, from: string = __dirname): string {
  try {
    return dirname(require.resolve(`${name}/package.json`, { paths: [from] }));
  } catch {
    let dir = dirname(require.resolve(name, { paths: [from] }));
    while (!existsSync(join(dir, "package.json")) || (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string }).name !== name) {
      const parent = dirname(dir);
      if (parent === dir) throw new Error(`cannot find the folder of the package ${name}`);
      dir = parent;
    }
    return dir;
  }
}

/** What is copied: [package, file in the package, where under assets/]. */
const FILES: readonly [string, string, string][] = [
  ["vega", "build/vega.min.js", "vega/vega.min.js"],
  ["vega-lite", "build/vega-lite.min.js", "vega/vega-lite.min.js"],
  ["vega-embed", "build/vega-embed.min.js", "vega/vega-embed.min.js"],
  ["katex", "dist/katex.min.css", "katex/katex.min.css"],
  ["highlight.js", "styles/github.min.css", "highlight/github.min.css"],
];

/** The installed version of a package. */
export function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(join(packageDir(name), "package.json"), "utf8")) as { version: string }).version;
}

export function copyAssets(outDir: string): void {
  const assets = join(outDir, "assets");
  for (const [pkg, file, target] of FILES) {
    const from = join(packageDir(pkg), file);
    mkdirSync(dirname(join(assets, target)), { recursive: true });
    copyFileSync(from, join(assets, target));
    const licence = ["LICENSE", "LICENSE.md", "LICENSE.txt"].map((l) => join(packageDir(pkg), l)).find((l) => existsSync(l));
    if (licence) copyFileSync(licence, join(assets, dirname(target), `LICENSE.${pkg}`));
  }
  // The fonts katex.min.css names (url(fonts/…)), next to it.
  cpSync(join(packageDir("katex"), "dist", "fonts"), join(assets, "katex", "fonts"), { recursive: true });
  for (const file of ["book.css", "book.js"]) copyFileSync(join(__dirname, "static", file), join(assets, file));
}
