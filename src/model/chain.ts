// Chain: one industrial chain of the city, with its chain-master firms.
import { z } from "zod";
import { Id, LocalizedName, provenance } from "./common.ts";

/** A chain master (链主) and where that designation was read. */
export const ChainMaster = z.strictObject({
  firm: Id,
  ...provenance,
});
export type ChainMaster = z.infer<typeof ChainMaster>;

export const Chain = z.strictObject({
  id: Id,
  name: LocalizedName,
  description: z.string().trim().min(1).optional(),
  masters: z.array(ChainMaster).default([]),
  ...provenance,
});
export type Chain = z.infer<typeof Chain>;
