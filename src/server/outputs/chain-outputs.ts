// One chain's report, drawing and portfolio as the server answers them: on a store read by chain (Neo4j) through the
// same store queries as the CLI (queries/chain-report.ts), else from the whole graph kept in memory. The same answers
// either way; each is kept per dataset version.

import type { ChainGaps } from "../../analysis/gaps/gap-finding.ts";
import { findGaps, pickPortfolio } from "../../analysis/index.ts";
import { type ChainReport, chainReport, targetsForGaps } from "../../analysis/report/chain-report.ts";
import type { Portfolio, PortfolioOptionsInput } from "../../analysis/targets/portfolio.ts";
import type { TargetScore } from "../../analysis/targets/rank-targets.ts";
import {
  type ChainGraph,
  chainDrawingOnStore,
  chainReportOnStore,
  portfolioOnStore,
} from "../../queries/chain-report.ts";
import type { ChainRead } from "../../queries/chain-targets.ts";
import type { AtlasState } from "../atlas-state.ts";

/** Reads the chain's subgraph from the store anew on every call, matched with the server's resources. */
export const chainRead =
  (state: AtlasState, chain: string): ChainRead =>
  (opts) =>
    state.chainDataset(chain, state.matching(), opts);

/** The chain lead's report (its content, and the subgraph and graph it draws from). */
export function chainReportOf(
  state: AtlasState,
  chain: string,
): Promise<ChainGraph & { report: ChainReport }> {
  return state.cached(`chain-report:${chain}`, async () => {
    if (state.readsByChain) return chainReportOnStore(chainRead(state, chain), state.matching(), { chain });
    const [ds, g] = [await state.dataset(), await state.graph()];
    return { ds, g, report: chainReport(g, { chain }) };
  });
}

/** What the fishbone draws: with `perGap`, the gaps and each gap's best targets too. */
export function chainDrawingOf(
  state: AtlasState,
  chain: string,
  perGap: number | undefined,
): Promise<ChainGraph & { gaps?: ChainGaps; targets?: Map<string, TargetScore[]> }> {
  return state.cached(`chain-drawing:${chain}:${perGap ?? "-"}`, async () => {
    if (state.readsByChain)
      return chainDrawingOnStore(chainRead(state, chain), state.matching(), chain, perGap);
    const [ds, g] = [await state.dataset(), await state.graph()];
    if (perGap === undefined) return { ds, g };
    const gaps = findGaps(g, { chain });
    return { ds, g, gaps, targets: targetsForGaps(g, gaps, perGap) };
  });
}

/** The portfolio (answers are kept by the route, per its normalised options). */
export async function portfolioOf(
  state: AtlasState,
  input: PortfolioOptionsInput & { chain: string },
): Promise<Portfolio> {
  return state.readsByChain
    ? portfolioOnStore(chainRead(state, input.chain), state.matching(), input)
    : pickPortfolio(await state.graph(), input);
}
