// One chain's drawing, report and portfolio read from a store, as both faces run them: the chain's subgraph without
// candidates (its gaps, summary, the firms on its bones, its sources) and, beside it, one read for every ranking
// they list (queries/chain-targets.ts). The same answers as over the whole graph.
import type { AnalysisIndex } from "../analysis/core/analysis-index.ts";
import { cachedBy } from "../analysis/core/memo.ts";
import { parseOptions } from "../analysis/core/parse-options.ts";
import { findGaps, findGapsOfIndex } from "../analysis/gaps/find-gaps.ts";
import type { ChainGaps } from "../analysis/gaps/gap-finding.ts";
import { type MatchingResources, useMatchingResources } from "../analysis/matching/matching-resources.ts";
import {
  type ChainRanker,
  type ChainReport,
  ChainReportOptions,
  type ChainReportOptionsInput,
  chainReport,
  gapRankings,
  reportRankings,
  targetsForGaps,
} from "../analysis/report/chain-report.ts";
import {
  type Portfolio,
  PortfolioOptions,
  type PortfolioOptionsInput,
  portfolioTargets,
} from "../analysis/targets/portfolio.ts";
import type { TargetScore } from "../analysis/targets/rank-targets.ts";
import type { TargetOptionsInput } from "../analysis/targets/target-options.ts";
import { type AtlasGraph, buildGraph } from "../graph/index.ts";
import type { Dataset } from "../model/index.ts";
import { type ChainAsks, type ChainRead, rankedOnStore } from "./chain-targets.ts";

/** The chain's subgraph a drawing reads, and its graph matched with the rankings' resources. */
export interface ChainGraph {
  ds: Dataset;
  g: AtlasGraph;
}

/**
 * The chain's subgraph without candidates — what its gaps, summary, bones and sources read — and its graph; with
 * `firms`, those firms too, whole (the targets a report names, for their sources).
 */
async function localGraph(
  read: ChainRead,
  res: MatchingResources,
  firms?: ReadonlyArray<string>,
): Promise<ChainGraph> {
  const ds = await read(firms && firms.length > 0 ? { candidates: false, firms } : { candidates: false });
  return { ds, g: useMatchingResources(buildGraph(ds), res) };
}

/**
 * The chain lead's report: every ranking it lists from one read of the chain, then its gaps, summary, drawing and
 * provenance from the chain's subgraph with the firms those rankings name (whole: their sources are cited).
 */
export async function chainReportOnStore(
  read: ChainRead,
  res: MatchingResources,
  input: ChainReportOptionsInput,
): Promise<ChainGraph & { report: ChainReport }> {
  const opts = parseOptions(ChainReportOptions, input, "report");
  const asks = (ix: AnalysisIndex): ChainAsks => {
    const r = reportRankings(findGapsOfIndex(ix, { chain: opts.chain }), opts);
    return { targets: [...r.perGap.map(([, o]) => o), r.overall], portfolios: [r.portfolio] };
  };
  const cover = { chain: opts.chain, top: Math.max(opts.top, opts.k, opts.targetsPerGap) };
  const { ranker, ...local } = await rankedThenLocal(read, res, cover, asks);
  return { ...local, report: chainReport(local.g, opts, ranker) };
}

/**
 * What the fishbone draws: the chain's subgraph and, with gaps, its findings and each gap's best `perGap` targets —
 * ranked on one read of the chain, then drawn on its subgraph with the targets whole (their short names).
 */
export async function chainDrawingOnStore(
  read: ChainRead,
  res: MatchingResources,
  chain: string,
  perGap: number | undefined,
): Promise<ChainGraph & { gaps?: ChainGaps; targets?: Map<string, TargetScore[]> }> {
  if (perGap === undefined) return localGraph(read, res);
  const asks = (ix: AnalysisIndex): ChainAsks => ({
    targets: gapRankings(findGapsOfIndex(ix, { chain }), perGap).map(([, o]) => o),
    portfolios: [],
  });
  const { ranker, ...local } = await rankedThenLocal(read, res, { chain, top: perGap }, asks);
  const gaps = findGaps(local.g, { chain });
  return { ...local, gaps, targets: targetsForGaps(local.g, gaps, perGap, ranker) };
}

/**
 * The rankings `asks` names, from one read of the chain (each answered once), then the chain's subgraph with the
 * firms they name read whole beside it.
 */
async function rankedThenLocal(
  read: ChainRead,
  res: MatchingResources,
  cover: TargetOptionsInput & { chain: string },
  asks: (ix: AnalysisIndex) => ChainAsks,
): Promise<ChainGraph & { ranker: ChainRanker }> {
  const ranked = await rankedOnStore(read, res, cover, asks);
  const { ranker, named } = remembered(ranked.ranker, asks(ranked.index));
  return { ranker, ...(await localGraph(read, res, named)) };
}

/**
 * A ranker answering each ranking once, and the firms `asks` name (their rows, their picks), answered first: what a
 * drawing or report reads whole beside the chain's subgraph.
 */
function remembered(inner: ChainRanker, asks: ChainAsks): { ranker: ChainRanker; named: string[] } {
  const rows = new Map<string, TargetScore[]>();
  const picks = new Map<string, Portfolio>();
  const ranker: ChainRanker = {
    targets: (o) => cachedBy(rows, JSON.stringify(o), () => inner.targets(o)),
    portfolio: (o) => cachedBy(picks, JSON.stringify(o), () => inner.portfolio(o)),
  };
  const named = new Set<string>();
  for (const o of asks.targets) for (const t of ranker.targets(o)) named.add(t.firm.id);
  for (const o of asks.portfolios) for (const p of ranker.portfolio(o).picks) named.add(p.firm.id);
  return { ranker, named: [...named] };
}

/** The portfolio, picked on what one read of the chain for it returns. */
export async function portfolioOnStore(
  read: ChainRead,
  res: MatchingResources,
  input: PortfolioOptionsInput,
): Promise<Portfolio> {
  const opts = parseOptions(PortfolioOptions, input, "portfolio");
  const { ranker } = await rankedOnStore(read, res, portfolioTargets(opts), () => ({
    targets: [],
    portfolios: [opts],
  }));
  return ranker.portfolio(opts);
}
