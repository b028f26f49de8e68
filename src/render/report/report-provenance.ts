// The provenance of one report: the sources its facts cite (and no others), and how many of its facts are assumed.
import type { Dataset, Source } from "../../model/index.ts";

type Fact = { sources: ReadonlyArray<string>; assumed?: boolean | undefined };

/**
 * The facts a chain's report states: its segments, master and lead designations, the firms it shows (local
 * firms and targets) with their tags and their links into the chain, and the supply ties in its segments.
 */
function reportFacts(ds: Dataset, chainId: string, shownFirms: ReadonlySet<string>): Fact[] {
  const segments = new Set(ds.segments.filter((s) => s.chain === chainId).map((s) => s.id));
  const facts: Fact[] = ds.segments.filter((s) => segments.has(s.id));
  for (const c of ds.chains) if (c.id === chainId) facts.push(...c.masters);
  for (const o of ds.officials) if (o.leads.includes(chainId)) facts.push(o);
  for (const f of ds.firms) {
    if (!shownFirms.has(f.id)) continue;
    facts.push(f, ...f.tags, ...f.segments.filter((l) => segments.has(l.segment)));
  }
  for (const t of ds.ties) if (t.segment !== undefined && segments.has(t.segment)) facts.push(t);
  return facts;
}

export interface ReportProvenance {
  /** Sources cited by the report's facts, in the dataset's order. */
  sources: Source[];
  /** Of those facts, the demo assumptions. */
  assumedFacts: number;
}

export function reportProvenance(
  ds: Dataset,
  chainId: string,
  shownFirms: ReadonlySet<string>,
): ReportProvenance {
  const facts = reportFacts(ds, chainId, shownFirms);
  const ids = new Set(facts.flatMap((f) => f.sources));
  return {
    sources: ds.sources.filter((s) => ids.has(s.id)),
    assumedFacts: facts.filter((f) => f.assumed === true).length,
  };
}
