// Hides local firms for a backtest: they become bare candidates, carrying only what a candidate list would.
import type { AtlasGraph } from "../../graph/index.ts";
import { key } from "../../graph/index.ts";
import type { Dataset, Firm } from "../../model/index.ts";

/** A firm as a candidate list would carry it: names, tags, revenue, products, industry codes, country. */
export function asBareCandidate(f: Firm): Firm {
  return {
    id: f.id,
    name: f.name,
    location: { country: f.location.country },
    tags: f.tags,
    revenue: f.revenue,
    products: f.products,
    codes: f.codes,
    segments: [],
    sources: f.sources,
    assumed: f.assumed,
    note: f.note,
  };
}

/**
 * The dataset without the hidden firms' local presence: no region, no curated segment links, no supply ties
 * (with local firms or any other), no chain-master designations.
 */
export function hideFirms(ds: Dataset, hidden: ReadonlySet<string>): Dataset {
  return {
    ...ds,
    chains: ds.chains.map((c) => ({ ...c, masters: c.masters.filter((m) => !hidden.has(m.firm)) })),
    firms: ds.firms.map((f) => (hidden.has(f.id) ? asBareCandidate(f) : f)),
    ties: ds.ties.filter((t) => !hidden.has(t.supplier) && !hidden.has(t.customer)),
  };
}

/** What of the hidden firms' local presence still reaches the graph; empty when nothing leaks. */
export function leaksOf(g: AtlasGraph, hidden: ReadonlySet<string>): string[] {
  const leaks: string[] = [];
  for (const id of hidden) {
    const k = key.firm(id);
    if (!g.hasNode(k)) continue;
    const a = g.getNodeAttributes(k);
    if (a.kind === "firm" && (a.local || a.firm.location.region !== undefined))
      leaks.push(`${id} is still local`);
    g.forEachEdge(k, (_e, attrs, source, target) => {
      const other = g.getNodeAttributes(source === k ? target : source);
      if (attrs.kind === "IN_SEGMENT") leaks.push(`${id} keeps its segment link to ${attrs.link.segment}`);
      else if (attrs.kind === "MASTERS") leaks.push(`${id} is still a chain master`);
      else if (attrs.kind === "SUPPLIES" && other.kind === "firm" && other.local)
        leaks.push(`${id} keeps its tie ${attrs.tie.id} with local firm ${other.firm.id}`);
    });
  }
  return leaks;
}
