import { DisplayWriter, tslabDisplayWriter } from "./tslab";

/**
 * Mime type → payload, as Jupyter wants it: JSON types (Vega-Lite) as objects,
 * binary types (PNG) as base64 strings, text types as strings.
 */
export type MimeBundle = Record<string, unknown>;

/** Anything that can be shown as one notebook output. */
export interface Displayable {
  mimeBundle(): MimeBundle | Promise<MimeBundle>;
}

let writerOverride: DisplayWriter | null = null;

/** Route displays to `writer` (tests) or back to the kernel (null). */
export function setDisplayWriter(writer: DisplayWriter | null): void {
  writerOverride = writer;
}

function currentWriter(): DisplayWriter | null {
  return writerOverride ?? tslabDisplayWriter();
}

async function send(item: Displayable, displayId: string | undefined, update: boolean): Promise<void> {
  const data = await item.mimeBundle();
  if (typeof data["text/plain"] !== "string") throw new Error("show: a display bundle needs a text/plain fallback");
  const writer = currentWriter();
  if (writer === null) {
    // Outside a notebook: the text form is the honest fallback.
    console.log(data["text/plain"]);
    return;
  }
  writer({ data, metadata: {}, transient: displayId === undefined ? {} : { display_id: displayId } }, update);
}

/** Show a plot, an image or any Displayable as one output of the current cell. */
export function show(item: Displayable): Promise<void> {
  return send(item, undefined, false);
}

let liveCounter = 0;

/**
 * An output that can be replaced in place (live training progress). In JupyterLab
 * every `update` redraws it; a headless run keeps only the last state.
 */
export class LiveDisplay {
  private readonly id = `nnts-live-${++liveCounter}`;
  private shown = false;

  async update(item: Displayable): Promise<void> {
    await send(item, this.id, this.shown);
    this.shown = true;
  }
}

/** Plain text as a Displayable, e.g. for a live progress line. */
export function textDisplay(text: string): Displayable {
  return { mimeBundle: () => ({ "text/plain": text }) };
}
