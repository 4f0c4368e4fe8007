// The course's own runner.
//   tsx scripts/course.ts --profile full   execute every notebook, record outputs in place
//   tsx scripts/course.ts --check          tests: committed outputs fresh and clean, every
//                                          notebook runs in the ci profile, twice, identically
//   --only 03                               restrict to notebooks whose name starts with 03
import { readFileSync, readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { executeNotebook, installKernelSpec } from "./course/jupyter";
import { libraryBuildProblem, libraryHash, numberCells, outputProblems, readNotebook, serializeNotebook, sourceHash, writeNotebook } from "./course/notebook";

const root = resolve(__dirname, "..");
const notebooksDir = join(root, "notebooks");
// One scratch folder per run, so that two runs at once do not clear each other's files.
const scratch = join(root, ".cache", "notebooks", String(process.pid));

// Per-cell limits: a hung cell fails instead of hanging the run (Jupyter's client has none by default).
const CELL_TIMEOUT = { full: 3600, ci: 300 } as const;

function parseArgs(argv: string[]): { mode: "course" | "check"; profile: "full" | "ci"; only?: string } {
  let mode: "course" | "check" = "course";
  let profile: "full" | "ci" = "full";
  let only: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--check") mode = "check";
    else if (a === "--profile") {
      const p = argv[++i];
      if (p !== "full" && p !== "ci") throw new Error(`--profile must be full or ci, got ${p}`);
      profile = p;
    } else if (a === "--only") only = argv[++i];
    else throw new Error(`unknown argument ${a}`);
  }
  return { mode, profile, only };
}

function notebookNames(only?: string): string[] {
  const names = readdirSync(notebooksDir).filter((n) => /^\d\d_.*\.ipynb$/.test(n)).sort();
  const chosen = only ? names.filter((n) => n.startsWith(only)) : names;
  if (chosen.length === 0) throw new Error(`no notebooks${only ? ` starting with "${only}"` : ""} in ${notebooksDir}`);
  return chosen;
}

function pad(name: string): string {
  return name.padEnd(40);
}

/** Execute into scratch, then stamp and number it; the committed file changes only on success. */
function runCourse(names: string[], profile: "full" | "ci"): boolean {
  let ok = true;
  const library = libraryHash(root);
  for (const name of names) {
    const src = join(notebooksDir, name);
    const r = executeNotebook({ root, notebook: src, outputDir: join(scratch, profile), profile, cellTimeoutSeconds: CELL_TIMEOUT[profile] });
    if (!r.ok) {
      console.log(`${pad(name)} FAILED after ${r.seconds.toFixed(1)} s\n${indent(r.failure ?? "")}`);
      ok = false;
      continue;
    }
    const nb = readNotebook(r.outputPath);
    numberCells(nb);
    nb.metadata.nnts = { profile, sourceHash: sourceHash(root, nb, library) };
    const problems = outputProblems(nb);
    writeNotebook(src, nb);
    console.log(`${pad(name)} ${r.seconds.toFixed(1).padStart(7)} s${problems.length ? "  PROBLEMS:\n" + indent(problems.join("\n")) : ""}`);
    if (problems.length) ok = false;
  }
  return ok;
}

/** Everything `npm test` asks of the notebooks. */
function check(names: string[]): boolean {
  const failures: string[] = [];
  const library = libraryHash(root);
  for (const name of names) {
    const path = join(notebooksDir, name);
    const committed = readNotebook(path);
    const stamp = committed.metadata.nnts;
    if (!stamp || stamp.profile !== "full") failures.push(`${name}: committed without outputs of the full profile: run npm run course`);
    else if (stamp.sourceHash !== sourceHash(root, committed, library)) failures.push(`${name}: stale outputs: its code cells or the compiled library (lib/dist) changed since they were recorded: run npm run course`);
    if (readFileSync(path, "utf8") !== serializeNotebook(committed)) failures.push(`${name}: not in the course's canonical format: run npm run course`);
    for (const p of outputProblems(committed)) failures.push(`${name} (committed): ${p}`);

    // Two executions in the ci profile must both be clean and give the same bytes.
    const runs: string[] = [];
    for (const run of ["run1", "run2"]) {
      const r = executeNotebook({ root, notebook: path, outputDir: join(scratch, "ci-" + run), profile: "ci", cellTimeoutSeconds: CELL_TIMEOUT.ci });
      if (!r.ok) {
        failures.push(`${name} (ci ${run}): execution failed\n${indent(r.failure ?? "")}`);
        console.log(`${pad(name)} ci ${run} FAILED after ${r.seconds.toFixed(1)} s`);
        break;
      }
      const nb = readNotebook(r.outputPath);
      for (const p of outputProblems(nb)) failures.push(`${name} (ci ${run}): ${p}`);
      runs.push(readFileSync(r.outputPath, "utf8"));
      console.log(`${pad(name)} ci ${run} ${r.seconds.toFixed(1).padStart(7)} s`);
    }
    if (runs.length === 2 && runs[0] !== runs[1]) failures.push(`${name}: two executions in the ci profile gave different outputs`);
  }
  for (const f of failures) console.log("not ok: " + f);
  const failedNames = new Set(failures.map((f) => f.split(/[: ]/)[0]));
  console.log(`notebooks: ${names.length - failedNames.size} passed, ${failedNames.size} failed`);
  return failures.length === 0;
}

function indent(text: string): string {
  return text.split("\n").map((l) => "    " + l).join("\n");
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  // The stamp hashes lib/dist: it must be built from the lib/src in the tree.
  const buildProblem = libraryBuildProblem(root);
  if (buildProblem) {
    console.log("not ok: " + buildProblem);
    process.exit(1);
  }
  installKernelSpec(root);
  rmSync(scratch, { recursive: true, force: true });
  const names = notebookNames(args.only);
  const ok = args.mode === "check" ? check(names) : runCourse(names, args.profile);
  rmSync(scratch, { recursive: true, force: true });
  process.exit(ok ? 0 : 1);
}

main();
