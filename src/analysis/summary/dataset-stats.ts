// Counts of every kind in a dataset, as `chain-atlas stats` prints them.
import {
  blockedBy,
  type Dataset,
  type Firm,
  firmFactSources,
  hostOfUrl,
  isLocalFirm,
  MasterLevel,
  normaliseUrl,
  type Source,
  SourceKind,
  type SupplyTie,
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

/** The dataset without its long lists: what a store hands over before it streams firms, ties and sources. */
export type DatasetSkeleton = Omit<Dataset, "firms" | "ties" | "sources">;

/**
 * The stats counted one entity at a time, so a store can stream a province through them without holding it: the
 * skeleton first, then every source, firm and tie in any order. Holds the id and address of each source and the
 * citation count of each id cited, nothing of a firm or a tie. datasetStats is this over a dataset.
 */
export class DatasetStatsTally {
  private readonly cites = new Map<string, number>();
  private readonly sourceIds: string[] = [];
  private readonly urls = new Set<string>();
  private readonly assumed: AssumedByReason = {};
  private readonly byKind = Object.fromEntries(
    [...SourceKind.options, "unknown"].map((k) => [k, 0]),
  ) as Record<SourceKind | "unknown", number>;
  private sources = 0;
  private duplicates = 0;
  private blockedCount = 0;
  private localFirms = 0;
  private firms = 0;
  private links = 0;
  private ties = 0;
  private unsourced = 0;
  private assumedFacts = 0;
  private inferred = 0;

  constructor(
    private readonly skeleton: DatasetSkeleton,
    private readonly blocked: ReadonlySet<string> = new Set(),
  ) {
    const s = skeleton;
    for (const r of s.regions) this.cite(r.sources);
    for (const c of s.clusters) this.cite(c.sources);
    for (const g of s.groups) this.cite(g.sources);
    for (const o of s.officials) this.cite(o.sources);
    for (const c of s.chains) {
      this.cite(c.sources);
      for (const m of c.masters) this.cite(m.sources);
    }
    for (const x of s.segments) this.cite(x.sources);
    for (const f of s.feeds) this.cite(f.sources);
    this.facts(s.chains.flatMap((c) => c.masters));
    this.facts(s.officials);
    this.facts(s.clusters);
    this.reasons("region", s.regions);
    this.reasons("cluster", s.clusters);
    this.reasons("chain-group", s.groups);
    this.reasons("official", s.officials);
    this.reasons("chain", s.chains);
    this.reasons(
      "chain-master",
      s.chains.flatMap((c) => c.masters),
    );
    this.reasons("segment", s.segments);
    this.reasons("feed", s.feeds);
  }

  addSource(x: Source): void {
    this.sources++;
    this.byKind[x.kind ?? "unknown"] += 1;
    this.sourceIds.push(x.id);
    if (x.url === undefined) return;
    const key = normaliseUrl(x.url);
    if (this.urls.has(key)) this.duplicates++;
    else this.urls.add(key);
    const host = hostOfUrl(x.url);
    if (host !== undefined && blockedBy(host, this.blocked) !== undefined) this.blockedCount++;
  }

  addFirm(f: Firm): void {
    this.firms++;
    if (isLocalFirm(f)) this.localFirms++;
    this.links += f.segments.length;
    this.inferred += f.products.filter((p) => p.inferred === true).length;
    this.cite(firmFactSources(f));
    for (const p of f.products) this.cite(p.sources);
    const figures = [f.revenue, f.employees].filter((x) => x !== undefined);
    this.facts([f, ...f.tags, ...f.segments, ...figures]);
    this.reasons("firm", [f]);
    this.reasons("firm-name", [f.name]);
    this.reasons("list-tag", f.tags);
    this.reasons("figure", figures);
    this.reasons("segment-link", f.segments);
  }

  addTie(t: SupplyTie): void {
    this.ties++;
    this.cite(t.sources);
    this.facts([t]);
    this.reasons("supply-tie", [t]);
  }

  stats(): DatasetStats {
    const s = this.skeleton;
    const masters = s.chains.flatMap((c) => c.masters);
    const mastersByLevel = Object.fromEntries(
      [...MasterLevel.options, "unset"].map((l) => [l, 0]),
    ) as DatasetStats["mastersByLevel"];
    for (const m of masters) mastersByLevel[m.level ?? "unset"] += 1;
    const uncited = this.sourceIds.filter((id) => (this.cites.get(id) ?? 0) === 0).length;
    const byKind = { ...this.byKind };
    return {
      chains: s.chains.length,
      segments: s.segments.length,
      feeds: s.feeds.length,
      localFirms: this.localFirms,
      candidateFirms: this.firms - this.localFirms,
      firmSegmentLinks: this.links,
      supplyTies: this.ties,
      sources: this.sources,
      regions: s.regions.length,
      clusters: s.clusters.length,
      officials: s.officials.length,
      chainMasters: masters.length,
      unsourcedFacts: this.unsourced,
      assumedFacts: this.assumedFacts,
      inferredProducts: this.inferred,
      sourceQuality: {
        byKind,
        duplicateUrls: this.duplicates,
        uncited,
        blockedHosts: this.blockedCount,
        repostShare: this.sources === 0 ? 0 : Math.round((byKind.repost / this.sources) * 1000) / 1000,
      },
      assumedByReason: Object.fromEntries(
        Object.entries(this.assumed).sort(([a], [b]) => a.localeCompare(b)),
      ),
      mastersByLevel,
    };
  }

  private cite(ids: ReadonlyArray<string>): void {
    for (const id of ids) this.cites.set(id, (this.cites.get(id) ?? 0) + 1);
  }

  private facts(xs: ReadonlyArray<Fact>): void {
    for (const f of xs) {
      if (f.assumed === true) this.assumedFacts++;
      else if (f.sources.length === 0) this.unsourced++;
    }
  }

  private reasons(reason: string, xs: ReadonlyArray<{ assumed?: boolean | undefined }>): void {
    const n = xs.filter((x) => x.assumed === true).length;
    if (n > 0) this.assumed[reason] = (this.assumed[reason] ?? 0) + n;
  }
}

export function datasetStats(ds: Dataset, opts: DatasetStatsOptions = {}): DatasetStats {
  const tally = new DatasetStatsTally(ds, opts.blockedHosts);
  for (const x of ds.sources) tally.addSource(x);
  for (const f of ds.firms) tally.addFirm(f);
  for (const t of ds.ties) tally.addTie(t);
  return tally.stats();
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
