// Cluster: a tier of the city's "135N" advanced-manufacturing cluster system.
import { z } from "zod";
import { Id, LocalizedName, provenance } from "./common.ts";

export const ClusterTier = z.enum(["global", "national", "regional", "n"]);
export type ClusterTier = z.infer<typeof ClusterTier>;

export const Cluster = z.strictObject({
  id: Id,
  name: LocalizedName,
  tier: ClusterTier,
  /** Chains this cluster covers. */
  chains: z.array(Id).default([]),
  ...provenance,
});
export type Cluster = z.infer<typeof Cluster>;

/** A grouping of chains such as the "6" and the "4" of "6+4"; the public list is unknown, so usually assumed. */
export const ChainGroup = z.strictObject({
  id: Id,
  name: LocalizedName,
  chains: z.array(Id).min(1, "expected at least one chain id"),
  ...provenance,
});
export type ChainGroup = z.infer<typeof ChainGroup>;
