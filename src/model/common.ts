// Shared building blocks of the model: ids, names, dates, provenance.
import { z } from "zod";

/** A stable, readable slug: lowercase letters, digits, single dashes or dots between them. */
export const Id = z
  .string()
  .regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/, "expected a slug like 'pv-glass' (a-z, 0-9, '-' or '.')");
export type Id = z.infer<typeof Id>;

const nonBlank = (what: string) => z.string().trim().min(1, `expected a non-empty ${what}`);

/** A name in Chinese first, English where known. */
export const LocalizedName = z.strictObject({
  zh: nonBlank("Chinese name"),
  en: nonBlank("English name").optional(),
});
export type LocalizedName = z.infer<typeof LocalizedName>;

/** A calendar date `YYYY-MM-DD`, or a month `YYYY-MM`, or a year `YYYY` when the source gives no more. */
export const PartialDate = z.union(
  [
    z
      .string()
      .regex(
        /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/,
        "expected a date YYYY-MM-DD (or YYYY-MM, YYYY)",
      ),
    // A bare year in YAML is a number: accept it as the year it is.
    z
      .number()
      .int()
      .min(1900)
      .max(2100)
      .transform((y) => String(y)),
  ],
  { error: "expected a date YYYY-MM-DD (or YYYY-MM, YYYY)" },
);

/** Where a fact comes from: source ids, or an explicit demo assumption with a note saying what was assumed. */
export const provenance = {
  sources: z.array(Id).default([]),
  assumed: z.boolean().optional(),
  note: z.string().trim().min(1).optional(),
};

/** Observed in a source, or inferred by whoever curated the fact. */
export const Basis = z.enum(["observed", "inferred"]);
export type Basis = z.infer<typeof Basis>;

/** How strongly evidence links a firm to a segment (see DOMAIN.md, "Fit"). */
export const EvidenceGrade = z.enum(["strong", "medium", "weak"]);
export type EvidenceGrade = z.infer<typeof EvidenceGrade>;

export const Confidence = z
  .number()
  .min(0, "expected a confidence in [0, 1]")
  .max(1, "expected a confidence in [0, 1]");

export const Stage = z.enum(["upstream", "midstream", "downstream"]);
export type Stage = z.infer<typeof Stage>;

/** Stages in flow order: a FEEDS edge never goes back in this order. */
export const STAGE_ORDER: Record<Stage, number> = { upstream: 0, midstream: 1, downstream: 2 };
