// Text → binary for the fast kernel, shared by the build and by the test that checks the built file is current.
import wabtInit from "wabt";
import { kernelWat } from "../lib/src/kernel/wasm/wat";

const FEATURES = { simd: true, threads: true, bulk_memory: true };

export async function assembleKernel(): Promise<{ wat: string; wasm: Uint8Array }> {
  const wabt = await wabtInit();
  const wat = kernelWat();
  const module = wabt.parseWat("kernel.wat", wat, FEATURES);
  try {
    // wabt's typings omit validate's features argument, which SIMD and shared memory need.
    (module as unknown as { validate(features: object): void }).validate(FEATURES);
    const { buffer } = module.toBinary({ log: false, write_debug_names: true });
    return { wat, wasm: new Uint8Array(buffer) };
  } finally {
    module.destroy();
  }
}
