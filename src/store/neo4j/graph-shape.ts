// How a dataset lies in Neo4j: one labelled node per entity, ties and feeds as relationships, the rest derived.
import {
  Chain,
  ChainGroup,
  CityRegion,
  Cluster,
  type Dataset,
  Feed,
  Firm,
  feedKey,
  isLocalFirm,
  normaliseUrl,
  Official,
  Region,
  Segment,
  Source,
  SupplyTie,
} from "../../model/index.ts";
import type { StoredKind } from "../store.ts";
import { citedSourceIds, tieSegment } from "../subgraph-reach.ts";
import { firmBrief } from "./firm-brief.ts";
import { firmNameProps } from "./name-tokens.ts";

/** The label each entity kind is stored under; all carry `id`, `seq` (order in the dataset) and `json`. */
export const NODE_LABELS = {
  sources: "Source",
  regions: "Region",
  chains: "Chain",
  segments: "Segment",
  firms: "Firm",
  clusters: "Cluster",
  groups: "ChainGroup",
  officials: "Official",
} as const;
export type NodeKind = keyof typeof NODE_LABELS;

/** Every label an entity's node carries (the city is :Region:City; firms' industry codes are :IndustryCode). */
export const ENTITY_LABELS = [...Object.values(NODE_LABELS), "City", "IndustryCode"] as const;

/** The label a staged copy of a node of `label` carries until it is swapped in (staged-write.ts). */
export const stagedLabel = (label: string) => `Staged${label}`;
export const NODE_KINDS = Object.keys(NODE_LABELS) as NodeKind[];

/** Kinds kept as relationships (the relationship holds `id`, `seq`, `json`). */
export const EDGE_KINDS = {
  ties: { type: "SUPPLIES", from: "Firm", to: "Firm" },
  feeds: { type: "FEEDS", from: "Segment", to: "Segment" },
} as const;
export type EdgeKind = keyof typeof EDGE_KINDS;

/** The schema each stored kind is read back through. */
export const KIND_SCHEMAS = {
  sources: Source,
  regions: Region,
  chains: Chain,
  segments: Segment,
  firms: Firm,
  clusters: Cluster,
  groups: ChainGroup,
  officials: Official,
  ties: SupplyTie,
  feeds: Feed,
  region: CityRegion,
} as const satisfies Record<StoredKind | "region", unknown>;

export type Props = Record<string, string | number | boolean | string[]>;
export interface NodeRow {
  id: string;
  props: Props;
}
export interface EdgeRow {
  from: string;
  to: string;
  props: Props;
}

/** Drops undefined values: Neo4j properties are never null. */
export function props(o: Record<string, string | number | boolean | string[] | undefined>): Props {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Props;
}

/** Text a firm is found by (lower-cased): names, aliases, products — as the embedded store indexes it. */
export function firmSearchText(f: Firm): string {
  return [f.name.zh, f.name.en ?? "", ...f.name.aliases, ...f.products.map((p) => p.name)]
    .join(" | ")
    .toLowerCase();
}

/**
 * Every source an entity cites, at any depth, as one text "|a|b|" (sorted) that a text index finds a source in with
 * CONTAINS "|id|": who cites a source is asked before a write without reading every firm and tie. None: undefined.
 */
export function citesText(entity: unknown): string | undefined {
  const ids = [...citedSourceIds([entity])].sort();
  return ids.length === 0 ? undefined : `|${ids.join("|")}|`;
}

/** What `citesText` is searched with for one source. */
export const citesNeedle = (source: string) => `|${source}|`;

function readable(kind: NodeKind, e: Dataset[NodeKind][number]): Props {
  switch (kind) {
    case "sources": {
      const s = e as Source;
      return props({
        title: s.title,
        url: s.url,
        // The page's identity (normaliseUrl): one source per page is checked by it.
        urlKey: s.url === undefined ? undefined : normaliseUrl(s.url),
        kind: s.kind,
        published: s.published,
        read: s.read,
      });
    }
    case "regions": {
      const r = e as Region;
      return props({ name: r.name.zh, nameEn: r.name.en, kind: r.kind, parent: r.parent });
    }
    case "segments": {
      const s = e as Segment;
      return props({ name: s.name.zh, nameEn: s.name.en, chain: s.chain, stage: s.stage, weight: s.weight });
    }
    case "firms": {
      const f = e as Firm;
      const { country, province, city, region } = f.location;
      return props({
        name: f.name.zh,
        nameEn: f.name.en,
        local: isLocalFirm(f),
        country,
        province,
        city,
        region,
        // Its lists and its industry codes, each once and sorted: chain subgraphs class code-only candidates by them.
        lists: [...new Set(f.tags.map((t) => t.list))].sort(),
        codes: [...new Set(f.codes)].sort(),
        search: firmSearchText(f),
        // What a ranking scores a firm outside the city by, read before (and instead of) its whole row.
        brief: isLocalFirm(f) ? undefined : firmBrief(f),
        cites: citesText(f),
        // What an import finds the firm by (name-tokens.ts; full-text indexed).
        ...firmNameProps(f),
      });
    }
    case "officials": {
      const o = e as Official;
      return props({ name: o.name, post: o.post });
    }
    case "clusters": {
      const c = e as Cluster;
      return props({ name: c.name.zh, nameEn: c.name.en, tier: c.tier });
    }
    default: {
      const c = e as Chain | ChainGroup;
      return props({ name: c.name.zh, nameEn: c.name.en });
    }
  }
}

/** The nodes of one kind, in dataset order. */
export function nodeRows(ds: Dataset, kind: NodeKind): NodeRow[] {
  return (ds[kind] as Dataset[NodeKind]).map((e, seq) => ({
    id: e.id,
    props: { id: e.id, seq, json: JSON.stringify(e), ...readable(kind, e) },
  }));
}

/** The relationships that hold ties and feeds, in dataset order. */
export function edgeRows(ds: Dataset, kind: EdgeKind): EdgeRow[] {
  if (kind === "feeds")
    return ds.feeds.map((f, seq) => ({
      from: f.from,
      to: f.to,
      props: { id: feedKey(f), seq, json: JSON.stringify(f) },
    }));
  const firms = new Map(ds.firms.map((f) => [f.id, f]));
  return ds.ties.map((t, seq) => ({
    from: t.supplier,
    to: t.customer,
    props: {
      id: t.id,
      seq,
      json: JSON.stringify(t),
      ...props({
        product: t.product,
        segment: t.segment,
        // The segment the analysis files the tie under (chain subgraphs select ties by it; indexed).
        fileSegment: tieSegment(t, firms.get(t.supplier)) ?? undefined,
        basis: t.basis,
        confidence: t.confidence,
        cites: citesText(t),
      }),
    },
  }));
}

/** The city itself: a :Region:City node. */
export function cityProps(ds: Dataset): Props {
  const c = ds.region;
  return props({ id: c.id, json: JSON.stringify(c), name: c.name.zh, nameEn: c.name.en, kind: "city" });
}
