// Everything a chain lead's gap report shows, computed once: gaps, top targets per gap, the ranked list, the portfolio.
import { z } from "zod";
import type { AtlasGraph } from "../../graph/index.ts";
import { Id } from "../../model/index.ts";
import { parseOptions } from "../core/parse-options.ts";
import { findGaps } from "../gaps/find-gaps.ts";
import type { ChainGaps } from "../gaps/gap-finding.ts";
import { type ChainSummary, summarizeChains } from "../summary/chain-summary.ts";
import { type Portfolio, type PortfolioOptionsInput, pickPortfolio } from "../targets/portfolio.ts";
import { rankTargets, type TargetScore } from "../targets/rank-targets.ts";
import type { TargetOptionsInput } from "../targets/target-options.ts";

export const ChainReportOptions = z.strictObject({
  chain: Id,
  /** Targets listed under each gap. */
  targetsPerGap: z.coerce.number().int().min(1).max(20).default(3),
  /** Rows of the chain's overall target list. */
  top: z.coerce.number().int().min(1).max(200).default(20),
  /** Size of the portfolio. */
  k: z.coerce.number().int().min(1).max(50).default(10),
});
export type ChainReportOptionsInput = z.input<typeof ChainReportOptions>;

export interface ChainReport {
  summary: ChainSummary;
  gaps: ChainGaps;
  /** Best targets for each gap segment (not covered ones), best first. */
  targetsByGap: Map<string, TargetScore[]>;
  /** The chain's overall ranking across its gaps. */
  targets: TargetScore[];
  portfolio: Portfolio;
}

/** What a report ranks with: the graph's own ranking, or one a store read for (queries/chain-report.ts). */
export interface ChainRanker {
  targets(input: TargetOptionsInput): TargetScore[];
  portfolio(input: PortfolioOptionsInput): Portfolio;
}

/** Ranks on the whole graph (or the chain's subgraph with every candidate). */
export const graphRanker = (g: AtlasGraph): ChainRanker => ({
  targets: (input) => rankTargets(g, input),
  portfolio: (input) => pickPortfolio(g, input),
});

/**
 * The rankings a chain's report lists, given its gaps: each gap segment's best (not covered ones), the chain's
 * overall list, the portfolio — one list, so a store can read for all of them at once.
 */
export function reportRankings(
  gaps: ChainGaps,
  input: ChainReportOptionsInput,
): {
  perGap: Array<[segment: string, TargetOptionsInput]>;
  overall: TargetOptionsInput;
  portfolio: PortfolioOptionsInput;
} {
  const opts = parseOptions(ChainReportOptions, input, "report");
  return {
    perGap: gapRankings(gaps, opts.targetsPerGap),
    overall: { chain: opts.chain, top: opts.top },
    portfolio: { chain: opts.chain, k: opts.k },
  };
}

/** Each gap segment's ranking of its best `perGap` targets (findings other than covered), in finding order. */
export function gapRankings(gaps: ChainGaps, perGap: number): Array<[segment: string, TargetOptionsInput]> {
  return gaps.findings
    .filter((f) => f.kind !== "covered")
    .map((f) => [f.segment.id, { chain: gaps.chain.id, gap: f.segment.id, top: perGap }]);
}

/**
 * Computes the report's content for one chain: its gaps and summary from `g` (the chain's subgraph, candidates not
 * needed), its rankings from `ranker` (by default on `g`).
 */
export function chainReport(
  g: AtlasGraph,
  input: ChainReportOptionsInput,
  ranker: ChainRanker = graphRanker(g),
): ChainReport {
  const opts = parseOptions(ChainReportOptions, input, "report");
  const gaps = findGaps(g, { chain: opts.chain });
  const summary = summarizeChains(g).find((c) => c.id === opts.chain)!;
  const r = reportRankings(gaps, opts);
  return {
    summary,
    gaps,
    targetsByGap: new Map(r.perGap.map(([segment, o]) => [segment, ranker.targets(o)])),
    targets: ranker.targets(r.overall),
    portfolio: ranker.portfolio(r.portfolio),
  };
}

/** The best `perGap` targets of each gap segment (findings other than covered), best first. */
export function targetsForGaps(
  g: AtlasGraph,
  gaps: ChainGaps,
  perGap: number,
  ranker: ChainRanker = graphRanker(g),
): Map<string, TargetScore[]> {
  return new Map(gapRankings(gaps, perGap).map(([segment, o]) => [segment, ranker.targets(o)]));
}
