// The chapters: every numbered notebook, in order, with what the chapter map shows of it, taken
// from its first markdown cell — the title (its `# ` heading), what it follows (the text between
// the heading and "You will learn:"), what it teaches (the list after that line) — and its
// full-profile run time from notebooks/timings.json.
import { join } from "node:path";
import { notebookNames } from "../course";
import { readNotebook, sourceText, type Notebook } from "../course/notebook";
import { readTimings } from "../course/timings";

export interface ChapterSummary {
  /** The heading's text without its number ("01 — ", "02 · "), as markdown. */
  title: string;
  /** Which post and section it follows, as markdown. */
  follows: string;
  /** The "You will learn" list, as markdown ("" when the cell has none). */
  teaches: string;
}

export interface Chapter extends ChapterSummary {
  /** "01_linear_classifier.ipynb" */
  file: string;
  /** "01_linear_classifier": the page is STEM.html */
  stem: string;
  /** "01" */
  number: string;
  notebook: Notebook;
  /** Wall time of the last full-profile run, if recorded. */
  seconds?: number;
}

const LEARN_LINE = /^\s*(?:\*\*)?(?:what )?you will (?:learn|see)\b[^\n]*:\s*(?:\*\*)?\s*$/i;
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+/;

/** The chapter map's fields from a notebook's first markdown cell. */
export function chapterSummary(source: string): ChapterSummary {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const titleAt = lines.findIndex((l) => /^#\s+/.test(l));
  const title = titleAt >= 0 ? lines[titleAt].replace(/^#\s+/, "").replace(/^\d+\s*[·—–:.-]\s*/, "").trim() : "";
  const rest = lines.slice(titleAt + 1);
  const learnAt = rest.findIndex((l) => LEARN_LINE.test(l));
  if (learnAt < 0) {
    const text = rest.join("\n").trim();
    return { title, follows: text.split(/\n\s*\n/)[0] ?? "", teaches: "" };
  }
  const follows = rest.slice(0, learnAt).join("\n").trim();
  const teaches: string[] = [];
  for (let i = learnAt + 1; i < rest.length; i++) {
    const line = rest[i];
    if (line.trim() === "") {
      // A blank line inside the list goes on only if the list does.
      const next = rest.slice(i + 1).find((l) => l.trim() !== "");
      if (teaches.length === 0) continue;
      if (next !== undefined && (LIST_ITEM.test(next) || /^\s+\S/.test(next))) {
        teaches.push(line);
        continue;
      }
      break;
    }
    if (teaches.length === 0 && !LIST_ITEM.test(line)) break;
    if (teaches.length > 0 && !LIST_ITEM.test(line) && !/^\s+\S/.test(line)) break;
    teaches.push(line);
  }
  return { title, follows, teaches: teaches.join("\n").trim() };
}

/** Every numbered notebook of the folder, in order. */
export function readChapters(notebooksDir: string): Chapter[] {
  const timings = readTimings(notebooksDir);
  return notebookNames(notebooksDir).map((file) => {
    const notebook = readNotebook(join(notebooksDir, file));
    const first = notebook.cells.find((c) => c.cell_type === "markdown");
    const stem = file.replace(/\.ipynb$/, "");
    return {
      ...chapterSummary(first ? sourceText(first) : ""),
      file,
      stem,
      number: file.slice(0, 2),
      notebook,
      seconds: timings[file],
    };
  });
}
