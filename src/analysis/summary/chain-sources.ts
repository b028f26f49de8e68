// The sources a chain's facts cite: its segments, the firms linked to them, their tags and ties, masters, leads.
import type { Dataset, Source } from "../../model/index.ts";

/** Sources cited by the facts of one chain, in the dataset's order. */
export function sourcesOfChain(ds: Dataset, chainId: string): Source[] {
  const ids = new Set<string>();
  const add = (list: ReadonlyArray<string>) => {
    for (const id of list) ids.add(id);
  };
  const segments = new Set(ds.segments.filter((s) => s.chain === chainId).map((s) => s.id));
  for (const s of ds.segments) if (segments.has(s.id)) add(s.sources);
  const firms = new Set<string>();
  for (const f of ds.firms) {
    const links = f.segments.filter((l) => segments.has(l.segment));
    if (links.length === 0) continue;
    firms.add(f.id);
    add(f.sources);
    for (const l of links) add(l.sources);
    for (const t of f.tags) add(t.sources);
  }
  for (const t of ds.ties)
    if ((t.segment !== undefined && segments.has(t.segment)) || firms.has(t.customer)) add(t.sources);
  for (const c of ds.chains) if (c.id === chainId) for (const m of c.masters) add(m.sources);
  for (const o of ds.officials) if (o.leads.includes(chainId)) add(o.sources);
  return ds.sources.filter((s) => ids.has(s.id));
}
