// Dataset: the whole knowledge graph of one city, as the store holds it and the analysis reads it.
import { z } from "zod";
import { Chain } from "./chain.ts";
import { ChainGroup, Cluster } from "./cluster.ts";
import { Firm } from "./firm.ts";
import { Official } from "./official.ts";
import { CityRegion, Region } from "./region.ts";
import { Feed, Segment } from "./segment.ts";
import { Source } from "./source.ts";
import { SupplyTie } from "./supply-tie.ts";

export const Dataset = z.strictObject({
  region: CityRegion,
  regions: z.array(Region),
  clusters: z.array(Cluster),
  groups: z.array(ChainGroup),
  officials: z.array(Official),
  sources: z.array(Source),
  chains: z.array(Chain),
  segments: z.array(Segment),
  feeds: z.array(Feed),
  firms: z.array(Firm),
  ties: z.array(SupplyTie),
});
export type Dataset = z.infer<typeof Dataset>;

/** The collections of a dataset that hold entities with ids, in dependency order (referenced kinds first). */
export const ENTITY_KINDS = [
  "sources",
  "regions",
  "chains",
  "segments",
  "firms",
  "clusters",
  "groups",
  "officials",
  "ties",
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** An empty dataset for a city, to build on. */
export function emptyDataset(region: CityRegion): Dataset {
  return {
    region,
    regions: [],
    clusters: [],
    groups: [],
    officials: [],
    sources: [],
    chains: [],
    segments: [],
    feeds: [],
    firms: [],
    ties: [],
  };
}

/** True when a firm is located in the seed's city (it names one of the city's regions). */
export function isLocalFirm(firm: Firm): boolean {
  return firm.location.region !== undefined;
}
