// Parses an options object with its zod schema once, at entry; a bad value becomes an OptionError.
import type { z } from "zod";
import { OptionError, type SchemaIssue, schemaMessage } from "../../errors.ts";

/** Parses `input` with `schema`; every problem is named by its option and quotes the bad value. */
export function parseOptions<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const [option, ...rest] = issue.path.map(String);
    // The value as given: the nested one when it exists, else the option's whole text (e.g. "tier=abc,x=1").
    const given = option === undefined ? undefined : (valueAt(input, issue.path) ?? valueAt(input, [option]));
    const quoted = given === undefined ? "" : ` (got ${JSON.stringify(given)})`;
    const name =
      option === undefined
        ? "options"
        : `--${option}${rest.length > 0 && Number.isNaN(Number(rest[0])) ? ` ${rest.join(".")}` : ""}`;
    if (issue.code === "unrecognized_keys" && option === undefined)
      return `unknown option${issue.keys.length === 1 ? "" : "s"} ${issue.keys.map((k) => `--${k}`).join(", ")}; expected only the documented ones`;
    return `${name}: ${schemaMessage(issue as SchemaIssue)}${quoted}`;
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
