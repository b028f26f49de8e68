// The query of an analysis route, documented from the analysis's own option schema: every top-level option
// the CLI takes is a query parameter (values are parsed by that schema, so new options arrive by themselves).
import { z } from "zod";

/** Options that are not flat values (nested objects) are not query parameters. */
const NESTED = new Set(["gaps", "importance"]);

/** A documentation schema: one optional string parameter per option of `schema`, minus `omit`. */
export function queryOf(
  schema: z.ZodType,
  omit: ReadonlyArray<string>,
  describe: Record<string, string> = {},
): z.ZodObject {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape ?? {};
  const out: Record<string, z.ZodType> = {};
  for (const key of Object.keys(shape))
    if (!omit.includes(key) && !NESTED.has(key))
      out[key] = describe[key] ? z.string().optional().describe(describe[key]) : z.string().optional();
  return z.object(out);
}
