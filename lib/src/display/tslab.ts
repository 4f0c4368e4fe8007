// Every tslab-specific trick lives here. tslab's public `display.raw` sends one
// mime type per output; to send a whole bundle (Vega-Lite + SVG + text) as ONE
// output we call the kernel's own display writer. tslab reassigns it for every
// cell execution, so it must be looked up at call time, never cached.

export interface DisplayMessage {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  transient: { display_id?: string };
}
export type DisplayWriter = (message: DisplayMessage, update: boolean) => void;

/** The running tslab kernel's display writer, or null outside a tslab kernel. */
export function tslabDisplayWriter(): DisplayWriter | null {
  let jupyter: { lastWriteDisplayData?: DisplayWriter | null };
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    jupyter = require("tslab/dist/jupyter");
  } catch {
    return null; // tslab is not installed: plain Node, tests, scripts
  }
  return typeof jupyter.lastWriteDisplayData === "function" ? jupyter.lastWriteDisplayData : null;
}

/** The notebook profile: tslab passes the kernel's environment through. */
export function kernelEnv(name: string): string | undefined {
  return process.env[name];
}
