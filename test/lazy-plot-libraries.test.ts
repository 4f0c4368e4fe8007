import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

// Vega and Vega-Lite load at the first chart, not with the library: with them in the
// heap, V8 collected garbage so much more often that a training loop ran ~15% slower.
test("importing the library does not load Vega or Vega-Lite; the first chart does", () => {
  const script = `
    const loaded = () => Object.keys(require.cache).filter((k) => /node_modules[\\\\/]vega(-lite)?[\\\\/]/.test(k)).length > 0;
    const nnts = require(${JSON.stringify(join(__dirname, "..", "lib", "src", "index.ts"))});
    const before = loaded();
    nnts.renderSvg(nnts.lineChart({ series: { y: [0, 1] } }).spec).then((r) => {
      console.log(JSON.stringify({ before, after: loaded(), svg: r.svg.startsWith("<svg") }));
    });`;
  const run = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout.trim().split("\n").pop()!), { before: false, after: true, svg: true });
});
