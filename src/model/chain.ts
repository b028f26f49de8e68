// Chain: one industrial chain of the city, with its chain-master firms.
import { z } from "zod";
import { Id, LocalizedName, provenance } from "./common.ts";

/** The level a chain-master designation comes from; `assumed` where no source makes it. */
export const MasterLevel = z.enum(["city", "county", "zone", "assumed"]);
export type MasterLevel = z.infer<typeof MasterLevel>;

/** A chain master (链主) and where that designation was read. */
export const ChainMaster = z.strictObject({
  firm: Id,
  level: MasterLevel.optional(),
  /** The body that named the firm, e.g. 桐乡经济开发区. */
  issuer: z.string().trim().min(1).optional(),
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
