// One line per chain: its segments by stage, local firms, candidates, ties, lead and masters.

import type { AtlasGraph } from "../../graph/index.ts";
import {
  chainsOf,
  customersOf,
  firmOf,
  firmsOfSegment,
  leadsOfChain,
  mastersOfChain,
  segmentsOfChain,
  suppliersOf,
} from "../../graph/index.ts";
import type { LocalizedName, Stage } from "../../model/index.ts";

export interface ChainSummary {
  id: string;
  name: LocalizedName;
  stages: Record<Stage, number>;
  segments: number;
  localFirms: number;
  candidateFirms: number;
  /** Supply ties that concern the chain: with a local firm of the chain on either side, or in one of its segments. */
  supplyTies: number;
  leads: Array<{ id: string; name: string; post: string }>;
  masters: Array<{ id: string; name: string }>;
}

export function summarizeChains(g: AtlasGraph): ChainSummary[] {
  return chainsOf(g).map((chain) => {
    const segments = segmentsOfChain(g, chain.id);
    const stages: Record<Stage, number> = { upstream: 0, midstream: 0, downstream: 0 };
    const local = new Set<string>();
    const candidates = new Set<string>();
    for (const s of segments) {
      stages[s.stage]++;
      for (const f of firmsOfSegment(g, s.id)) (f.local ? local : candidates).add(f.firm.id);
    }
    // Ties that concern the chain: a local firm of the chain buys or sells, or the tie's product is one of its segments.
    const ids = new Set(segments.map((s) => s.id));
    const ties = new Set<string>();
    for (const id of local)
      for (const p of [...suppliersOf(g, id), ...customersOf(g, id)]) ties.add(p.tie.id);
    g.forEachEdge((_e, attrs) => {
      if (attrs.kind === "SUPPLIES" && attrs.tie.segment !== undefined && ids.has(attrs.tie.segment))
        ties.add(attrs.tie.id);
    });
    return {
      id: chain.id,
      name: chain.name,
      stages,
      segments: segments.length,
      localFirms: local.size,
      candidateFirms: candidates.size,
      supplyTies: ties.size,
      leads: leadsOfChain(g, chain.id).map((o) => ({ id: o.id, name: o.name, post: o.post })),
      masters: mastersOfChain(g, chain.id).map((id) => ({ id, name: firmOf(g, id)?.name.zh ?? id })),
    };
  });
}
