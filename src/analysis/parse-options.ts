// Parses an options object with its zod schema once, at entry; a bad value becomes an OptionError.
import type { z } from "zod";
import { OptionError } from "../errors.ts";

/** Parses `input` with `schema`; every problem is named by its option and quotes the bad value. */
export function parseOptions<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    const given = path ? valueAt(input, issue.path) : undefined;
    const quoted = given === undefined ? "" : ` (got ${JSON.stringify(given)})`;
    return `${path ? `--${path}` : "options"}: ${issue.message}${quoted}`;
  });
  throw new OptionError(`bad ${what} option${problems.length === 1 ? "" : "s"}: ${problems.join("; ")}`);
}

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let cur: unknown = input;
  for (const p of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}
