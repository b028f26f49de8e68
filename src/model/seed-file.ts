// SeedFile: what one YAML file of a seed directory may hold; a chain file also holds its segments and feeds.
import type { z } from "zod";
import { Chain } from "./chain.ts";
import { ChainGroup, Cluster } from "./cluster.ts";
import { Firm } from "./firm.ts";
import { Official } from "./official.ts";
import { CityRegion, Region } from "./region.ts";
import { Feed, SegmentEntry } from "./segment.ts";
import { Source } from "./source.ts";
import { SupplyTie } from "./supply-tie.ts";

/** Keys that hold one object. */
export const SEED_SINGLETONS = { region: CityRegion, chain: Chain } as const;

/** Keys that hold a list; each item is checked on its own so one bad item does not hide the rest. */
export const SEED_COLLECTIONS = {
  regions: Region,
  clusters: Cluster,
  groups: ChainGroup,
  officials: Official,
  sources: Source,
  segments: SegmentEntry,
  feeds: Feed,
  firms: Firm,
  ties: SupplyTie,
} as const satisfies Record<string, z.ZodType>;

export type SeedCollectionKey = keyof typeof SEED_COLLECTIONS;
export type SeedSingletonKey = keyof typeof SEED_SINGLETONS;
export const SEED_KEYS: ReadonlyArray<string> = [
  ...Object.keys(SEED_SINGLETONS),
  ...Object.keys(SEED_COLLECTIONS),
];
