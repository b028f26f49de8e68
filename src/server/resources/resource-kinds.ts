// The map's resource kinds as the API serves them: each kind's schema, its ids and its entities' versions.
import { createHash } from "node:crypto";
import type { z } from "zod";
import {
  Chain,
  ChainGroup,
  Cluster,
  type Dataset,
  Feed,
  Firm,
  feedKey,
  Official,
  Region,
  Segment,
  Source,
  SupplyTie,
} from "../../model/index.ts";

export const RESOURCE_KINDS = [
  "chains",
  "segments",
  "firms",
  "ties",
  "sources",
  "regions",
  "clusters",
  "groups",
  "officials",
  "feeds",
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export const RESOURCE_SCHEMAS: Record<ResourceKind, z.ZodType> = {
  chains: Chain.meta({ id: "Chain" }),
  segments: Segment.meta({ id: "Segment" }),
  firms: Firm.meta({ id: "Firm" }),
  ties: SupplyTie.meta({ id: "SupplyTie" }),
  sources: Source.meta({ id: "Source" }),
  regions: Region.meta({ id: "Region" }),
  clusters: Cluster.meta({ id: "Cluster" }),
  groups: ChainGroup.meta({ id: "ChainGroup" }),
  officials: Official.meta({ id: "Official" }),
  feeds: Feed.meta({ id: "Feed" }),
};

/** Singular names for messages. */
export const SINGULAR: Record<ResourceKind, string> = {
  chains: "chain",
  segments: "segment",
  firms: "firm",
  ties: "supply tie",
  sources: "source",
  regions: "region",
  clusters: "cluster",
  groups: "chain group",
  officials: "official",
  feeds: "feed",
};

export type Entity = Dataset[ResourceKind][number];

/** The id an entity is addressed by (feeds: `from>to`). */
export function entityId(kind: ResourceKind, e: unknown): string {
  return kind === "feeds" ? feedKey(e as { from: string; to: string }) : (e as { id: string }).id;
}

/** The version of an entity: a hash of its canonical JSON (the JSON the store keeps). */
export function versionOf(json: string): string {
  return `"${createHash("sha256").update(json).digest("base64url").slice(0, 22)}"`;
}

export const etagOf = (e: unknown) => versionOf(JSON.stringify(e));

/** The list of one kind in a dataset. */
export const listOf = (ds: Dataset, kind: ResourceKind) => ds[kind] as ReadonlyArray<Entity>;
