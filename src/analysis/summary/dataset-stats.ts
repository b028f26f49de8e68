// Counts of every kind in a dataset, as `chain-atlas stats` prints them.
import {
  blockedBy,
  citationCounts,
  type Dataset,
  duplicateUrls,
  hostOfUrl,
  isLocalFirm,
  MasterLevel,
  SourceKind,
} from "../../model/index.ts";

/** How good the sources are, as the bureau reads it: who published each, and the three kinds of waste. */
export interface SourceQuality {
  /** Sources per kind; `unknown` counts sources whose kind is not set yet. */
  byKind: Record<SourceKind | "unknown", number>;
  /** Sources whose address repeats an earlier source's (scheme, "www.", trailing slash ignored). */
  duplicateUrls: number;
  /** Sources no fact cites. */
  uncited: number;
  /** Sources on a host of the blocklist given. */
  blockedHosts: number;
  /** Share of reposts among the sources, 0…1 (0 for a seed without sources). */
  repostShare: number;
}

/** What was assumed, by the kind of fact: firm, firm-name, chain-master, chain-group, supply-tie, … */
export type AssumedByReason = Record<string, number>;

export interface DatasetStats {
  chains: number;
  segments: number;
  feeds: number;
  localFirms: number;
  candidateFirms: number;
  firmSegmentLinks: number;
  supplyTies: number;
  sources: number;
  regions: number;
  clusters: number;
  officials: number;
  chainMasters: number;
  /** Facts with neither a source nor an assumption note: zero in a valid dataset. */
  unsourcedFacts: number;
  /** Facts marked `assumed: true` for the demo. */
  assumedFacts: number;
  /** Products marked inferred (no source names them; a curator read them off a broader description). */
  inferredProducts: number;
  sourceQuality: SourceQuality;
  assumedByReason: AssumedByReason;
  /** Chain masters by the level of the body that named them; `unset` where no level is given. */
  mastersByLevel: Record<MasterLevel | "unset", number>;
}

export interface DatasetStatsOptions {
  /** The blocklist of source hosts (see src/seed readBlockedHosts); none when absent. */
  blockedHosts?: ReadonlySet<string>;
}

type Fact = { sources: string[]; assumed?: boolean | undefined };

/** Every fact of a dataset (firms, tags, figures, links, ties, masters, officials, clusters). */
export function factsOf(ds: Dataset): Fact[] {
  const facts: Fact[] = [];
  for (const f of ds.firms) {
    facts.push(f, ...f.tags, ...f.segments);
    if (f.revenue) facts.push(f.revenue);
    if (f.employees) facts.push(f.employees);
  }
  for (const c of ds.chains) facts.push(...c.masters);
  facts.push(...ds.ties, ...ds.officials, ...ds.clusters);
  return facts;
}

/** Assumed facts counted by what kind of fact they are. */
export function assumedByReason(ds: Dataset): AssumedByReason {
  const out: AssumedByReason = {};
  const add = (reason: string, xs: ReadonlyArray<{ assumed?: boolean | undefined }>) => {
    const n = xs.filter((x) => x.assumed === true).length;
    if (n > 0) out[reason] = (out[reason] ?? 0) + n;
  };
  add("region", ds.regions);
  add("cluster", ds.clusters);
  add("chain-group", ds.groups);
  add("official", ds.officials);
  add("chain", ds.chains);
  add(
    "chain-master",
    ds.chains.flatMap((c) => c.masters),
  );
  add("segment", ds.segments);
  add("feed", ds.feeds);
  add("firm", ds.firms);
  add(
    "firm-name",
    ds.firms.map((f) => f.name),
  );
  add(
    "list-tag",
    ds.firms.flatMap((f) => f.tags),
  );
  add(
    "figure",
    ds.firms.flatMap((f) => [f.revenue ?? {}, f.employees ?? {}]),
  );
  add(
    "segment-link",
    ds.firms.flatMap((f) => f.segments),
  );
  add("supply-tie", ds.ties);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

export function sourceQuality(ds: Dataset, blocked: ReadonlySet<string> = new Set()): SourceQuality {
  const byKind = Object.fromEntries([...SourceKind.options, "unknown"].map((k) => [k, 0])) as Record<
    SourceKind | "unknown",
    number
  >;
  for (const s of ds.sources) byKind[s.kind ?? "unknown"] += 1;
  const cites = citationCounts(ds);
  const blockedCount = ds.sources.filter((s) => {
    const host = s.url === undefined ? undefined : hostOfUrl(s.url);
    return host !== undefined && blockedBy(host, blocked) !== undefined;
  }).length;
  return {
    byKind,
    duplicateUrls: duplicateUrls(ds).length,
    uncited: ds.sources.filter((s) => (cites.get(s.id) ?? 0) === 0).length,
    blockedHosts: blockedCount,
    repostShare: ds.sources.length === 0 ? 0 : Math.round((byKind.repost / ds.sources.length) * 1000) / 1000,
  };
}

/** The stats as rows `name, count`, nested counts named by their path (sourceQuality.byKind.press). */
export function statsRows(stats: DatasetStats): Array<[string, number]> {
  const rows: Array<[string, number]> = [];
  const walk = (prefix: string, v: unknown) => {
    if (typeof v === "number") rows.push([prefix, v]);
    else if (typeof v === "object" && v !== null)
      for (const [k, x] of Object.entries(v)) walk(prefix ? `${prefix}.${k}` : k, x);
  };
  walk("", stats);
  return rows;
}

export function datasetStats(ds: Dataset, opts: DatasetStatsOptions = {}): DatasetStats {
  const facts = factsOf(ds);
  const masters = ds.chains.flatMap((c) => c.masters);
  const mastersByLevel = Object.fromEntries(
    [...MasterLevel.options, "unset"].map((l) => [l, 0]),
  ) as DatasetStats["mastersByLevel"];
  for (const m of masters) mastersByLevel[m.level ?? "unset"] += 1;
  const local = ds.firms.filter(isLocalFirm).length;
  return {
    chains: ds.chains.length,
    segments: ds.segments.length,
    feeds: ds.feeds.length,
    localFirms: local,
    candidateFirms: ds.firms.length - local,
    firmSegmentLinks: ds.firms.reduce((n, f) => n + f.segments.length, 0),
    supplyTies: ds.ties.length,
    sources: ds.sources.length,
    regions: ds.regions.length,
    clusters: ds.clusters.length,
    officials: ds.officials.length,
    chainMasters: ds.chains.reduce((n, c) => n + c.masters.length, 0),
    unsourcedFacts: facts.filter((f) => f.sources.length === 0 && f.assumed !== true).length,
    assumedFacts: facts.filter((f) => f.assumed === true).length,
    inferredProducts: ds.firms.reduce((n, f) => n + f.products.filter((p) => p.inferred === true).length, 0),
    sourceQuality: sourceQuality(ds, opts.blockedHosts),
    assumedByReason: assumedByReason(ds),
    mastersByLevel,
  };
}
