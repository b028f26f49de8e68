// Source: a document a fact was read in (title or address, and dates).
import { z } from "zod";
import { Id, PartialDate } from "./common.ts";

/** Who published this copy: the original outlet's kind, or a repost on a site that copied it. */
export const SourceKind = z.enum(["government", "company", "filing", "press", "repost"]);
export type SourceKind = z.infer<typeof SourceKind>;

export const Source = z.strictObject({
  id: Id,
  title: z.string().trim().min(1, "expected a non-empty title"),
  url: z.url({ message: "expected an absolute http(s) address" }).optional(),
  publisher: z.string().trim().min(1).optional(),
  published: PartialDate.optional(),
  /** When a person of this project read it. */
  read: PartialDate,
  kind: SourceKind.optional(),
  /** For a repost: the original it copies, as far as known. */
  original: z
    .strictObject({
      title: z.string().trim().min(1),
      publisher: z.string().trim().min(1).optional(),
      url: z.url().optional(),
    })
    .optional(),
  /**
   * False when the page cannot show that one firm supplies another (e.g. a list of creditors in a
   * debt-for-equity deal, a company profile): a supply tie resting only on such pages is inferred, low confidence.
   */
  supplyEvidence: z.boolean().optional(),
  note: z.string().trim().min(1).optional(),
});
export type Source = z.infer<typeof Source>;
