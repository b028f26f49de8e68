// Source: a document a fact was read in (title or address, and dates).
import { z } from "zod";
import { Id, PartialDate } from "./common.ts";

export const Source = z.strictObject({
  id: Id,
  title: z.string().trim().min(1, "expected a non-empty title"),
  url: z.url({ message: "expected an absolute http(s) address" }).optional(),
  publisher: z.string().trim().min(1).optional(),
  published: PartialDate.optional(),
  /** When a person of this project read it. */
  read: PartialDate,
  note: z.string().trim().min(1).optional(),
});
export type Source = z.infer<typeof Source>;
