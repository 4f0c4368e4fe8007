// The library's layers and the rule of what may import what (lib/README.md), read
// from the import statements of lib/src: a change that breaks the rule fails here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const src = resolve(__dirname, "..", "lib", "src");

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

/** The module a relative specifier names, as a path under lib/src without ".ts" ("kernel/index"). */
function resolveModule(fromFile: string, specifier: string): string {
  const base = resolve(dirname(fromFile), specifier);
  for (const candidate of [base + ".ts", join(base, "index.ts")]) {
    try {
      if (statSync(candidate).isFile()) return relative(src, candidate).replace(/\\/g, "/").replace(/\.ts$/, "");
    } catch {
      // not this one
    }
  }
  throw new Error(`${relative(src, fromFile)}: cannot resolve ${specifier}`);
}

/** Every `import … from "./x"`, `import "./x"` and `export … from "./x"` of the library's own modules. */
export function libraryImports(): Import[] {
  const out: Import[] = [];
  for (const file of sourceFiles(src)) {
    const text = readFileSync(file, "utf8");
    const from = relative(src, file).replace(/\\/g, "/").replace(/\.ts$/, "");
    for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?(?:[^;"]*?\bfrom\s+)?"(\.[^"]*)"/gm)) {
      out.push({ from, to: resolveModule(file, m[3]), typeOnly: Boolean(m[2]) });
    }
  }
  return out;
}

/** The layers of lib/README.md, lowest first: a module imports only from its own layer or lower ones. */
const LAYERS: [string, RegExp][] = [
  ["kernel", /^kernel\//],
  ["foundations", /^(checks|pairwise-sum|tensor-format|python-format)$/],
  ["tensor", /^tensor$/],
  ["services", /^(random\/|profile$|display\/)/],
  ["functions, data and plots", /^(activations|losses|metrics|gradient|init|preprocessing|graph-nodes)$|^(data|plot)\//],
  ["layers", /^(layers|loss-layers)$/],
  ["optimizers", /^optimizers$/],
  ["training", /^training$/],
  ["models", /^models\//],
  ["entry point", /^index$/],
];

function layerOf(module: string): number {
  const i = LAYERS.findIndex(([, pattern]) => pattern.test(module));
  if (i < 0) throw new Error(`lib/src/${module}.ts belongs to no layer of lib/README.md: add it there and to LAYERS`);
  return i;
}

const imports = libraryImports();

test("the import reader finds the library's imports (so the rules below have something to check)", () => {
  assert.ok(imports.length > 100, `only ${imports.length} imports found`);
  assert.ok(imports.some((i) => i.from === "tensor" && i.to === "kernel/index"));
  assert.ok(imports.some((i) => i.from === "models/two-layer-net" && i.to === "layers"));
});

test("the kernel is sealed: outside lib/src/kernel only tensor.ts (the adapter) imports it, and index.ts its public index", () => {
  const offenders = imports.filter((i) => i.to.startsWith("kernel/") && !i.from.startsWith("kernel/"))
    .filter((i) => i.from !== "tensor" && !(i.from === "index" && i.to === "kernel/index"));
  assert.deepEqual(offenders.map((i) => `${i.from} imports ${i.to}`), []);
  const outward = imports.filter((i) => i.from.startsWith("kernel/") && !i.to.startsWith("kernel/"));
  assert.deepEqual(outward.map((i) => `${i.from} imports ${i.to}`), [], "the kernel imports nothing of the library");
  const testOnly = imports.filter((i) => i.to === "kernel/testing");
  assert.deepEqual(testOnly.map((i) => i.from), [], "kernel/testing is for the tests only");
});

test("every import goes down the layers of lib/README.md (or stays in its layer)", () => {
  const upward = imports.filter((i) => layerOf(i.to) > layerOf(i.from))
    .map((i) => `${i.from} (${LAYERS[layerOf(i.from)][0]}) imports ${i.to} (${LAYERS[layerOf(i.to)][0]})`);
  assert.deepEqual(upward, []);
});

test("nothing but index.ts and other models imports a model, and plot/ and data/ import no layers", () => {
  assert.deepEqual(imports.filter((i) => i.to.startsWith("models/") && i.from !== "index" && !i.from.startsWith("models/")).map((i) => i.from), []);
  assert.deepEqual(imports.filter((i) => /^(plot|data)\//.test(i.from) && /^(layers|optimizers|training|models\/)/.test(i.to)).map((i) => `${i.from} → ${i.to}`), []);
});

test("no import cycles", () => {
  const edges = new Map<string, string[]>();
  for (const i of imports) edges.set(i.from, [...(edges.get(i.from) ?? []), i.to]);
  const state = new Map<string, "open" | "done">();
  const cycles: string[] = [];
  const visit = (m: string, path: string[]): void => {
    if (state.get(m) === "done") return;
    if (state.get(m) === "open") {
      cycles.push([...path.slice(path.indexOf(m)), m].join(" → "));
      return;
    }
    state.set(m, "open");
    for (const next of edges.get(m) ?? []) visit(next, [...path, m]);
    state.set(m, "done");
  };
  for (const m of edges.keys()) visit(m, []);
  assert.deepEqual(cycles, []);
});

test("the checks notice a violation: a made-up upward import and a cycle are reported", () => {
  assert.ok(layerOf("tensor") > layerOf("checks"));
  assert.ok(layerOf("models/two-layer-net") > layerOf("layers"), "a layers → models import would be upward");
  assert.throws(() => layerOf("brand-new-module"), /belongs to no layer/);
});
