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

/** The parts of a zod issue the wording below reads (structural: errors.ts imports nothing). */
export interface SchemaIssue {
  code: string;
  message: string;
  expected?: unknown;
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  inclusive?: boolean;
  format?: unknown;
  pattern?: unknown;
  values?: ReadonlyArray<unknown>;
  keys?: ReadonlyArray<string>;
  divisor?: unknown;
}

const TYPE_WORDS: Record<string, string> = {
  string: "a text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "a mapping (key: value)",
  date: "a date",
};

/** Zod's own wording ("Too small: expected string to have >=1 characters") does not reach users. */
const ZOD_DEFAULT = /^(Invalid|Too (small|big)|Unrecognized|Expected|Required)/;

/**
 * A schema problem in the project's words ("expected …"): the schema's own message when it wrote one,
 * else a sentence built from the issue's code and limits.
 */
export function schemaMessage(i: SchemaIssue): string {
  if (!ZOD_DEFAULT.test(i.message)) return i.message;
  const what = (x: unknown) => TYPE_WORDS[String(x)] ?? String(x);
  const bound = (limit: unknown, inclusive: boolean | undefined, more: boolean) =>
    `${more ? (inclusive === false ? ">" : "≥") : inclusive === false ? "<" : "≤"} ${String(limit)}`;
  switch (i.code) {
    case "invalid_type":
      return `expected ${what(i.expected)}`;
    case "too_small":
      if (i.origin === "string")
        return Number(i.minimum) <= 1
          ? "expected a non-empty text"
          : `expected at least ${i.minimum} characters`;
      if (i.origin === "array")
        return `expected at least ${i.minimum} item${Number(i.minimum) === 1 ? "" : "s"}`;
      return `expected a number ${bound(i.minimum, i.inclusive, true)}`;
    case "too_big":
      if (i.origin === "string") return `expected at most ${i.maximum} characters`;
      if (i.origin === "array") return `expected at most ${i.maximum} items`;
      return `expected a number ${bound(i.maximum, i.inclusive, false)}`;
    case "invalid_format":
      return i.format === "regex" && i.pattern !== undefined
        ? `expected text matching ${String(i.pattern)}`
        : `expected a valid ${String(i.format)}`;
    case "invalid_value":
      return `expected one of ${(i.values ?? []).map((v) => JSON.stringify(v)).join(", ")}`;
    case "unrecognized_keys":
      return `found unknown key${(i.keys ?? []).length === 1 ? "" : "s"} ${(i.keys ?? []).map((k) => JSON.stringify(k)).join(", ")}; expected only the documented ones`;
    case "not_multiple_of":
      return `expected a multiple of ${String(i.divisor)}`;
    case "invalid_union":
      return "expected one of the accepted forms (see graph-seeds/README.md)";
    default:
      return "expected a valid value here";
  }
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
