import { test } from "node:test";
import assert from "node:assert/strict";
import { LiveDisplay, setDisplayWriter, show } from "../lib/src/display/show";
import { DisplayMessage, tslabDisplayWriter } from "../lib/src/display/tslab";

const bundle = { "application/vnd.vegalite.v5+json": { mark: "point" }, "image/svg+xml": "<svg/>", "text/plain": "<chart>" };

test("show sends the whole bundle as one display message", async () => {
  const sent: [DisplayMessage, boolean][] = [];
  setDisplayWriter((m, u) => sent.push([m, u]));
  try {
    await show({ mimeBundle: async () => bundle });
  } finally {
    setDisplayWriter(null);
  }
  assert.equal(sent.length, 1);
  assert.deepEqual(sent[0][0].data, bundle);
  assert.equal(sent[0][1], false);
  assert.deepEqual(sent[0][0].transient, {});
});

test("show refuses a bundle without text/plain", async () => {
  setDisplayWriter(() => assert.fail("must not send"));
  try {
    await assert.rejects(show({ mimeBundle: () => ({ "image/png": "AA==" }) }), /text\/plain/);
  } finally {
    setDisplayWriter(null);
  }
});

test("the tslab writer is looked up at call time, as tslab reassigns it per cell", async () => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };
  const saved = jupyter.lastWriteDisplayData;
  const seen: string[] = [];
  try {
    jupyter.lastWriteDisplayData = null;
    assert.equal(tslabDisplayWriter(), null);
    jupyter.lastWriteDisplayData = () => seen.push("cell 1");
    await show({ mimeBundle: () => bundle });
    jupyter.lastWriteDisplayData = () => seen.push("cell 2");
    await show({ mimeBundle: () => bundle });
  } finally {
    jupyter.lastWriteDisplayData = saved;
  }
  assert.deepEqual(seen, ["cell 1", "cell 2"]);
});

test("outside a kernel, show prints the text form", async () => {
  const lines: string[] = [];
  const log = console.log;
  console.log = (s: string) => lines.push(s);
  try {
    await show({ mimeBundle: () => bundle });
  } finally {
    console.log = log;
  }
  assert.deepEqual(lines, ["<chart>"]);
});

test("a live display updates one output in place", async () => {
  const sent: [DisplayMessage, boolean][] = [];
  setDisplayWriter((m, u) => sent.push([m, u]));
  try {
    const live = new LiveDisplay();
    await live.update({ mimeBundle: () => ({ "text/plain": "epoch 1" }) });
    await live.update({ mimeBundle: () => ({ "text/plain": "epoch 2" }) });
    const other = new LiveDisplay();
    await other.update({ mimeBundle: () => ({ "text/plain": "other" }) });
  } finally {
    setDisplayWriter(null);
  }
  assert.deepEqual(sent.map(([, u]) => u), [false, true, false]);
  const ids = sent.map(([m]) => m.transient.display_id);
  assert.equal(ids[0], ids[1]);
  assert.notEqual(ids[0], ids[2]);
  assert.equal(sent[1][0].data["text/plain"], "epoch 2");
});
