// A SYNTHETIC city for what-if on chain subgraphs, and the firms worth landing in one of its chains.
import { generateSynthetic } from "../../scripts/synthetic/generate.ts";
import { type Dataset, isLocalFirm } from "../../src/model/index.ts";

/** A SYNTHETIC city where a third of the ties name no segment (they count under the supplier's one segment). */
export function whatIfCity(): Dataset {
  const ds = generateSynthetic({ seed: 5, chains: 4, firms: 500, ties: 3_000 });
  ds.ties.forEach((t, i) => {
    if (i % 3 === 0) delete t.segment;
  });
  return ds;
}

/** Firms with the most ties that are not linked to the chain: three outside the city, three local. */
export function landingFirms(ds: Dataset, chain: string): string[] {
  const ties = new Map<string, number>();
  for (const t of ds.ties) for (const f of [t.supplier, t.customer]) ties.set(f, (ties.get(f) ?? 0) + 1);
  const chainOf = new Map(ds.segments.map((s) => [s.id, s.chain]));
  const free = ds.firms
    .filter((f) => !f.segments.some((l) => chainOf.get(l.segment) === chain))
    .sort((a, b) => (ties.get(b.id) ?? 0) - (ties.get(a.id) ?? 0) || a.id.localeCompare(b.id));
  return [
    ...free.filter((f) => !isLocalFirm(f)).slice(0, 3),
    ...free.filter((f) => isLocalFirm(f)).slice(0, 3),
  ].map((f) => f.id);
}
