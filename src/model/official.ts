// Official: a city leader, e.g. the chain lead (链长) of one or more chains.
import { z } from "zod";
import { Id, provenance } from "./common.ts";

export const Official = z.strictObject({
  id: Id,
  name: z.string().trim().min(1, "expected a non-empty name"),
  post: z.string().trim().min(1, "expected the official's post"),
  /** Chains this official leads (LEADS). */
  leads: z.array(Id).default([]),
  ...provenance,
});
export type Official = z.infer<typeof Official>;
