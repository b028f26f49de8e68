// Progress on stderr for work long enough to wait for: a bar redrawn in place on a terminal, a line every
// tenth (or every few seconds) in a log. Shows count, rate and time left; silent for work that ends quickly.

export interface ProgressBarOptions {
  /** What is counted ("files", "rows", "MB"). */
  unit: string;
  /** Nothing is drawn until the work has run this long (ms): short runs stay quiet. */
  quietFor?: number;
  /** Where to write (stderr unless a test gives another). */
  out?: { write(s: string): unknown; isTTY?: boolean };
  /** The clock (ms), for tests. */
  now?: () => number;
}

export interface ProgressBar {
  /** `done` of `total` units so far; `extra` is appended to the line (e.g. "123,456 rows"). */
  update(done: number, total: number, extra?: string): void;
  /** Ends the bar: the last line with the total time, if anything was drawn; says whether it was. */
  done(extra?: string): boolean;
}

const num = (n: number) => Math.round(n).toLocaleString("en-US");

/** "1:05" or "12 s". */
export function clock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "?";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return `${m}:${String(s).padStart(2, "0")}`;
}

/** One progress line: `label [####------] 40% 4,000/10,000 rows 1,234 rows/s ETA 5 s`. */
export function progressLine(
  label: string,
  done: number,
  total: number,
  elapsedMs: number,
  unit: string,
  extra?: string,
): string {
  const share = total > 0 ? Math.min(1, done / total) : 0;
  const width = 24;
  const fill = Math.round(share * width);
  const rate = elapsedMs > 0 ? (done / elapsedMs) * 1000 : 0;
  const eta = rate > 0 ? (total - done) / rate : Number.NaN;
  const parts = [
    `${label} [${"#".repeat(fill)}${"-".repeat(width - fill)}] ${Math.floor(share * 100)}%`,
    `${num(done)}/${num(total)} ${unit}`,
    `${num(rate)} ${unit}/s`,
    done >= total ? `${clock(elapsedMs / 1000)}` : `ETA ${clock(eta)}`,
  ];
  if (extra) parts.push(extra);
  return parts.join("  ");
}

export function progressBar(label: string, opts: ProgressBarOptions): ProgressBar {
  const out = opts.out ?? process.stderr;
  const now = opts.now ?? Date.now;
  const quietFor = opts.quietFor ?? 1000;
  const start = now();
  let drawn = false;
  let drewEnd = false; // a log already holds the 100% line
  let lastStep = -1;
  let lastAt = 0;
  let last: { done: number; total: number; extra?: string } | undefined;
  const draw = (line: string, final: boolean) => {
    if (out.isTTY) out.write(`\r${line}\x1b[K${final ? "\n" : ""}`);
    else out.write(`${line}\n`);
    drawn = true;
  };
  return {
    update(done, total, extra) {
      last = { done, total, extra };
      const t = now();
      if (t - start < quietFor) return;
      const step = total > 0 ? Math.floor((done / total) * 10) : 0;
      // In a log: a line per tenth, or every five seconds when a tenth takes longer.
      if (!out.isTTY && step <= lastStep && t - lastAt < 5000) return;
      if (out.isTTY && t - lastAt < 100 && done < total) return;
      lastStep = step;
      lastAt = t;
      draw(progressLine(label, done, total, t - start, opts.unit, extra), false);
      drewEnd = !out.isTTY && done >= total;
    },
    done(extra) {
      if (!drawn || !last) return false;
      if (drewEnd && extra === undefined) return true;
      draw(progressLine(label, last.total, last.total, now() - start, opts.unit, extra ?? last.extra), true);
      return true;
    },
  };
}

/**
 * The progress of a command's long step: drawn on a terminal (after a second), in a log only when `forced`
 * (the command's --progress), from the first update. Undefined when nothing is to be drawn.
 */
export function commandProgress(label: string, unit: string, forced: boolean): ProgressBar | undefined {
  if (!forced && process.stderr.isTTY !== true) return undefined;
  return progressBar(label, { unit, quietFor: forced ? 0 : 1000 });
}
