// Counts of every kind in a dataset, as `chain-atlas stats` prints them.
import { type Dataset, isLocalFirm } from "../../model/index.ts";

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

export function datasetStats(ds: Dataset): DatasetStats {
  const facts = factsOf(ds);
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
  };
}
