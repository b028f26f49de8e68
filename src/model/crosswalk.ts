// Industry crosswalks: a list's industry name (Fortune) or a GB/T 4754 class → the few segments it points to.
import { z } from "zod";
import { Id, provenance } from "./common.ts";
import { IndustryCode } from "./industry-code.ts";

export const CrosswalkScheme = z.enum(["fortune", "gbt4754"]);
export type CrosswalkScheme = z.infer<typeof CrosswalkScheme>;

export const CrosswalkRow = z
  .strictObject({
    /** The industry as the list prints it (Fortune), or a GB/T class code. */
    industry: z.string().trim().min(1, "expected the industry text or code"),
    /** At most six segments: a crosswalk row says which links, not which industry. */
    segments: z.array(Id).min(1, "expected at least one segment").max(6, "expected at most 6 segments"),
    ...provenance,
  })
  .refine((r) => r.sources.length > 0 || r.assumed === true, {
    message: "expected sources, or assumed: true with a note",
    path: ["sources"],
  })
  .refine((r) => r.assumed !== true || r.note !== undefined, {
    message: "expected a note saying why the assumption holds",
    path: ["note"],
  });
export type CrosswalkRow = z.infer<typeof CrosswalkRow>;

export const CrosswalkFile = z
  .strictObject({
    scheme: CrosswalkScheme,
    origin: z.string().trim().min(1, "expected where the rows came from"),
    rows: z.array(CrosswalkRow).default([]),
  })
  .superRefine((f, ctx) => {
    if (f.scheme !== "gbt4754") return;
    f.rows.forEach((r, i) => {
      if (!IndustryCode.safeParse(r.industry).success)
        ctx.addIssue({
          code: "custom",
          message: "expected a GB/T 4754-2017 code",
          path: ["rows", i, "industry"],
        });
    });
  });
export type CrosswalkFile = z.infer<typeof CrosswalkFile>;
