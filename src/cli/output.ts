// Output helpers shared by the commands: JSON or a plain table, and the error translation.
import {
  AtlasError,
  formatIssue,
  NotFoundError,
  OptionError,
  StoreError,
  ValidationError,
} from "../errors.ts";

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Display width of a string: CJK characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      )
        ? 2
        : 1;
  return w;
}

/** A plain text table with a header row, columns padded by display width. */
export function printTable(header: string[], rows: Array<Array<string | number>>): void {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => displayWidth(r[c] ?? ""))));
  const line = (r: string[]) =>
    r
      .map((v, c) => v + " ".repeat(widths[c]! - displayWidth(v)))
      .join("  ")
      .trimEnd();
  process.stdout.write(
    `${[line(header), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n")}\n`,
  );
}

/** A Node file-system error (ENOENT, EISDIR, …) on a path the user gave, as an OptionError in one line. */
export function fromSystemError(e: unknown): OptionError | undefined {
  const err = e as NodeJS.ErrnoException;
  if (!(err instanceof Error) || typeof err.code !== "string" || typeof err.path !== "string")
    return undefined;
  const why: Record<string, string> = {
    ENOENT: "no such file or folder",
    EISDIR: "is a directory; expected a file",
    ENOTDIR: "a part of the path is a file, not a folder",
    EACCES: "permission denied",
    EPERM: "permission denied",
    EEXIST: "already exists",
    EROFS: "the file system is read-only",
    ENOSPC: "no space left on the device",
  };
  const text = why[err.code];
  return text ? new OptionError(`${err.path}: ${text} (${err.code})`) : undefined;
}

/** Exit codes: 1 invalid input, 2 bad option, 3 not found, 4 store failure, 70 a bug. */
export function exitCodeOf(e: unknown): number {
  if (e instanceof ValidationError) return 1;
  if (e instanceof OptionError) return 2;
  if (e instanceof NotFoundError) return 3;
  if (e instanceof StoreError) return 4;
  return 70;
}

/** Prints an error: a one-line reason on stderr (and, for invalid input, every problem on stdout first). */
export function reportError(thrown: unknown, json: boolean): number {
  const e = fromSystemError(thrown) ?? thrown;
  const code = exitCodeOf(e);
  if (e instanceof ValidationError) {
    // The problems are the command's output (as `validate` prints them); stderr keeps the one-line reason.
    if (!e.listed) {
      if (json)
        process.stdout.write(`${JSON.stringify({ ok: false, error: e.name, issues: e.issues }, null, 2)}\n`);
      else for (const i of e.issues) process.stdout.write(`${formatIssue(i)}\n`);
    }
    process.stderr.write(
      `chain-atlas: ${e.issues.length} problem${e.issues.length === 1 ? "" : "s"} found; nothing was changed\n`,
    );
  } else if (e instanceof AtlasError) {
    process.stderr.write(`chain-atlas: ${oneLine(e.message)}\n`);
  } else {
    const message = oneLine((e as Error)?.message ?? String(e));
    process.stderr.write(
      `chain-atlas: unexpected error (a bug; please report it): ${message}${process.env.CHAIN_ATLAS_DEBUG ? `\n${(e as Error)?.stack}` : " — set CHAIN_ATLAS_DEBUG=1 for the stack"}\n`,
    );
  }
  return code;
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, " ").trim();
