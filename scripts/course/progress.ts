// What the runner shows while a notebook runs: which notebook, which cell, for how long. On a
// terminal, one line rewritten in place (and every second, so a long cell is seen to be alive);
// elsewhere (CI, a pipe, a log file) a plain line when each cell starts. The runner's own lines
// (one per notebook) go through `log`, which clears the progress line first.
import type { CellStart } from "./jupyter";
import { formatDuration } from "./timings";

export interface Progress {
  /** A notebook starts; `label` says which run of it ("ci run1", "full"), if more than one kind. */
  notebook(name: string, label?: string): void;
  cell(cell: CellStart): void;
  /** Print a line of the runner's own (console.log), the progress line cleared and stopped first. */
  log(text: string): void;
  /** Clear the line and stop its timer. */
  done(): void;
}

/** A progress reporter that shows nothing: the runner's lines only (tests, library use). */
export const silentProgress: Progress = {
  notebook() {},
  cell() {},
  log: (text) => console.log(text),
  done() {},
};

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** `stream` (process.stdout) on a terminal: the updated line; otherwise plain lines. */
export function progressReporter(stream: ProgressStream = process.stdout, now: () => number = Date.now): Progress {
  const tty = stream.isTTY === true;
  let name = "";
  let label = "";
  let current: CellStart | undefined;
  let started = 0;
  let shown = false;
  let timer: NodeJS.Timeout | undefined;

  const line = (): string => {
    const where = `${name}${label ? " " + label : ""}`;
    if (!current) return `${where}: starting the kernel`;
    const elapsed = Math.floor((now() - started) / 1000);
    return `${where}: cell ${current.cell}/${current.cells}${tty && elapsed >= 1 ? ` (${formatDuration(elapsed)})` : ""}: ${current.firstLine}`;
  };
  const clear = (): void => {
    if (shown) stream.write("\r\x1b[K");
    shown = false;
  };
  const draw = (): void => {
    const width = Math.max(20, (stream.columns ?? 100) - 1);
    const text = line();
    stream.write(`\r\x1b[K${text.length > width ? text.slice(0, width - 1) + "…" : text}`);
    shown = true;
  };
  const stopTimer = (): void => {
    clearInterval(timer);
    timer = undefined;
  };

  return {
    notebook(n, l = "") {
      name = n;
      label = l;
      current = undefined;
      started = now();
      if (!tty) return;
      draw();
      stopTimer();
      timer = setInterval(draw, 1000);
      timer.unref();
    },
    cell(c) {
      current = c;
      started = now();
      if (tty) draw();
      else stream.write(`  ${line()}\n`);
    },
    log(text) {
      // The runner logs when a notebook has finished: the line goes until the next one starts.
      stopTimer();
      clear();
      console.log(text);
    },
    done() {
      stopTimer();
      clear();
      current = undefined;
    },
  };
}
