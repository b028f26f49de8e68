// zod problems as the API's validation details: one per problem, with its path relative to the body.
import type { z } from "zod";
import { type InputIssue, ValidationError } from "../errors.ts";

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .filter((k): k is string | number => typeof k !== "symbol")
    .map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? k : `.${k}`))
    .join("");
}

export function zodIssues(error: z.ZodError, base: ReadonlyArray<PropertyKey> = []): InputIssue[] {
  return error.issues.map((iss) => {
    const path = [...base, ...iss.path];
    let message = iss.message;
    if (iss.code === "unrecognized_keys")
      message = `found unknown field${iss.keys.length > 1 ? "s" : ""} ${iss.keys.map((k) => JSON.stringify(k)).join(", ")}; expected only the fields the schema defines`;
    else if (iss.code === "invalid_type" && /received undefined/.test(iss.message))
      message = `found nothing; expected ${iss.expected}: the field is required`;
    return { path: formatPath(path), message, rule: "schema" };
  });
}

/** Parses with `schema` or throws a ValidationError listing every problem. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new ValidationError(zodIssues(r.error), what);
  return r.data;
}
