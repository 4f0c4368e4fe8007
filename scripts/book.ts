// The course as a book: a static site built from the committed, executed notebooks.
//   npm run book                      build it into book/ (git-ignored); open book/index.html
//   npm run book -- --serve           build, then serve it on http://127.0.0.1:8024/ until Ctrl-C
//   --port N                          another port for --serve
//   --out DIR                         build into DIR instead of book/
// Pages: index.html (the chapter map), one page per notebook, errata.html, glossary.html. Every
// script, stylesheet and font is copied into the folder (scripts/book/assets.ts): nothing is
// loaded from another host. npm run test:browser checks the pages in Chromium.
import { relative, resolve } from "node:path";
import { buildBook } from "./book/build";
import { serveBook } from "./book/serve";

export interface BookArgs {
  serve: boolean;
  port: number;
  out: string;
}

export const DEFAULT_PORT = 8024;

export function parseBookArgs(argv: string[]): BookArgs {
  const args: BookArgs = { serve: false, port: DEFAULT_PORT, out: "book" };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--serve") args.serve = true;
    else if (a === "--port") {
      const p = Number(value());
      if (!Number.isInteger(p) || p < 1 || p > 65535) throw new Error(`--port must be a port number, got ${argv[i]}`);
      args.port = p;
    } else if (a === "--out") args.out = value();
    else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

async function main(): Promise<number> {
  let args: BookArgs;
  try {
    args = parseBookArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`book: ${(e as Error).message}\nusage: tsx scripts/book.ts [--serve] [--port N] [--out DIR]`);
    return 2;
  }
  const root = resolve(__dirname, "..");
  const outDir = resolve(root, args.out);
  const started = Date.now();
  const r = buildBook({ root, outDir });
  const where = relative(process.cwd(), outDir) || ".";
  console.log(`book: ${r.chapters} chapters, ${r.plots} plots, ${r.errata} errata, glossary: ${r.glossaryTerms === "missing" ? "data/glossary.json missing" : `${r.glossaryTerms} terms`}; ${r.pages.length} pages in ${where}/ (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  for (const note of r.notes) console.log(`book: note: ${note}`);
  if (!args.serve) {
    console.log(`book: open ${where}/index.html, or serve it with npm run book -- --serve`);
    return 0;
  }
  const server = await serveBook(outDir, args.port);
  console.log(`book: serving ${where}/ at ${server.url} (Ctrl-C to stop)`);
  await new Promise<void>((r) => {
    process.once("SIGINT", () => r());
    process.once("SIGTERM", () => r());
  });
  await server.close();
  return 0;
}

if (require.main === module) {
  main().then((code) => process.exit(code), (e: unknown) => {
    console.error(`book: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
