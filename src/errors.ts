// The closed set of error classes; the CLI and the HTTP server each translate them in one place.

/** One problem in input, located as precisely as we can. */
export interface InputIssue {
  file?: string;
  line?: number;
  /** Field path inside the file or the request body, e.g. `firms[3].segments[0].grade`. */
  path: string;
  message: string;
  rule: string;
}

/** Renders an issue as `file:line path: message`. */
export function formatIssue(i: InputIssue): string {
  const where = i.file ? `${i.file}${i.line ? `:${i.line}` : ""}` : "";
  return `${[where, i.path].filter(Boolean).join(" ")}: ${i.message}`;
}

export class AtlasError extends Error {
  override name = "AtlasError";
}

/** Input (a seed, an import, a request body) is invalid; nothing was applied. */
export class ValidationError extends AtlasError {
  override name = "ValidationError";
  constructor(
    readonly issues: InputIssue[],
    what = "input",
    /** True when the issues were already printed in full, so only the one-line reason remains. */
    readonly listed = false,
  ) {
    super(
      `${what} has ${issues.length} problem${issues.length === 1 ? "" : "s"}: ${issues.slice(0, 3).map(formatIssue).join("; ")}${issues.length > 3 ? "; …" : ""}`,
    );
  }
}

/** A named thing (chain, firm, segment, file) does not exist. */
export class NotFoundError extends AtlasError {
  override name = "NotFoundError";
}

/** An option or argument is out of range or malformed. */
export class OptionError extends AtlasError {
  override name = "OptionError";
}

/** The store failed or is not reachable. */
export class StoreError extends AtlasError {
  override name = "StoreError";
}

/** No signed-in user (no session, bad token, wrong password). */
export class AuthError extends AtlasError {
  override name = "AuthError";
}

/** The signed-in user's role does not allow this (or a cookie write lacks its CSRF token). */
export class ForbiddenError extends AtlasError {
  override name = "ForbiddenError";
}

/** A write was based on a stale version: someone changed the entity since it was read. */
export class ConflictError extends AtlasError {
  override name = "ConflictError";
  constructor(
    message: string,
    /** The entity as it is now (undefined when it was removed). */
    readonly current?: unknown,
    /** Who changed it last, and when. */
    readonly changedBy?: { who: string; at: string },
  ) {
    super(message);
  }
}
