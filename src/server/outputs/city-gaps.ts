// Every chain's gaps as the whole-city pages read them — each chain's figures (the dashboard) and its open findings
// (the city map) — computed once per change: on a store read by chain each chain's subgraph in turn (as
// `gaps --all` reads a province), else the whole graph kept here. The same as each chain's gaps.
import { analysisIndexOfDataset } from "../../analysis/core/analysis-index.ts";
import { findAllGaps, findGapsOfIndex } from "../../analysis/gaps/find-gaps.ts";
import type { ChainGaps, GapKind } from "../../analysis/gaps/gap-finding.ts";
import { NO_RESOURCES } from "../../analysis/matching/matching-resources.ts";
import { subgraphKeys } from "../../analysis/matching/subgraph-keys.ts";
import { eachChainSubgraph } from "../../queries/each-chain.ts";
import type { AtlasState } from "../atlas-state.ts";

export interface CityGaps {
  /** Each chain's figures, in chain order. */
  figures: Array<{ chain: ChainGaps["chain"]; figures: ChainGaps["figures"] }>;
  /** Each chain's findings other than covered, in chain and finding order. */
  open: Array<{ chain: string; segment: string; kind: GapKind; severity: number }>;
}

export function cityGaps(state: AtlasState): Promise<CityGaps> {
  return state.cached("city-gaps", async () => {
    const out: CityGaps = { figures: [], open: [] };
    const add = (r: ChainGaps) => {
      out.figures.push({ chain: r.chain, figures: r.figures });
      for (const f of r.findings)
        if (f.kind !== "covered")
          out.open.push({ chain: r.chain.id, segment: f.segment.id, kind: f.kind, severity: f.severity });
    };
    if (!state.readsByChain) for (const r of findAllGaps(await state.graph())) add(r);
    else
      for await (const { chain, dataset } of eachChainSubgraph(state.graphStore, subgraphKeys(NO_RESOURCES), {
        candidates: false,
      }))
        add(findGapsOfIndex(analysisIndexOfDataset(dataset), { chain }));
    return out;
  });
}
