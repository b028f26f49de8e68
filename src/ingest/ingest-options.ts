// The options of an import, one schema for the CLI and the API, parsed once where the call enters.
import { z } from "zod";
import { OptionError } from "../errors.ts";
import { ListName, SourceKind } from "../model/index.ts";
import { ImportField } from "./map/import-field.ts";

export const IngestKind = z.enum(["local-firms", "supply-survey", "candidates", "firm-page"]);
export type IngestKind = z.infer<typeof IngestKind>;

/** `--map 企业=name`: a header text (or a 1-based column number) and the field it holds. */
const ColumnOverride = z.string().transform((s, ctx) => {
  const eq = s.lastIndexOf("=");
  const column = s.slice(0, eq).trim();
  const field = ImportField.safeParse(s.slice(eq + 1).trim());
  if (eq <= 0 || column === "" || !field.success) {
    ctx.addIssue({
      code: "custom",
      message: `--map ${s}: expected column=field with field one of ${ImportField.options.join(", ")}`,
    });
    return z.NEVER;
  }
  return { column, field: field.data };
});

export const IngestOptions = z
  .strictObject({
    as: IngestKind,
    list: ListName.optional(),
    year: z.coerce.number().int().min(1950).max(2100).optional(),
    batch: z.string().trim().min(1).optional(),
    map: z.array(ColumnOverride).default([]),
    dryRun: z.boolean().default(false),
    who: z.string().trim().min(1).default("chain-atlas"),
    why: z.string().trim().min(1).default("ingest"),
    /** The kind of the file's publisher; lists are usually reposts of the original. */
    sourceKind: SourceKind.optional(),
    /** Cite this existing source instead of recording one for the file. */
    source: z.string().trim().min(1).optional(),
    /** Where the list comes from originally (kept as the source's note). */
    origin: z.string().trim().min(1).optional(),
    /** Country for rows that give none (ISO alpha-2). */
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/, "expected an ISO alpha-2 code like CN")
      .transform((s) => s.toUpperCase())
      .optional(),
    /** Region id for local-firm rows that name none. */
    region: z.string().trim().min(1).optional(),
    /** An import larger than this many data rows is refused (bounded memory); the file is still read through. */
    maxRows: z.coerce.number().int().min(1).default(50_000),
    /** The date recorded as when the file was read (default today). */
    today: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .default(() => new Date().toISOString().slice(0, 10)),
  })
  .refine(
    (o) => o.as !== "candidates" || o.list === undefined || o.year !== undefined || o.batch !== undefined,
    {
      message: "--list needs --year or --batch",
      path: ["year"],
    },
  );
export type IngestOptions = z.infer<typeof IngestOptions>;

/** Parses raw options (from commander or a request body) or throws an OptionError naming the bad one. */
export function parseIngestOptions(raw: unknown): IngestOptions {
  const r = IngestOptions.safeParse(raw);
  if (r.success) return r.data;
  throw new OptionError(
    r.error.issues.map((i) => `${i.path.length ? `--${i.path.join(".")}: ` : ""}${i.message}`).join("; "),
  );
}
