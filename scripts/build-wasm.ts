// Assembles the fast kernel's WebAssembly from its generated text (lib/src/kernel/wasm/wat.ts)
// into lib/dist/kernel/wasm/, where both the compiled library and the sources run by tsx load it.
// Run by `npm run build` after tsc. wabt (a devDependency) is the assembler: nothing prebuilt.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { assembleKernel } from "./wasm-assemble";

async function main(): Promise<void> {
  const outDir = resolve(__dirname, "..", "lib", "dist", "kernel", "wasm");
  mkdirSync(outDir, { recursive: true });
  const { wat, wasm } = await assembleKernel();
  writeFileSync(join(outDir, "kernel.wat"), wat);
  writeFileSync(join(outDir, "kernel.wasm"), wasm);
  console.log(`build-wasm: ${join(outDir, "kernel.wasm")} (${wasm.length} bytes)`);
}

main().catch((e) => {
  console.error(`build-wasm: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
