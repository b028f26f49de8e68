// Everything a chain lead's gap report shows, computed once: gaps, top targets per gap, the ranked list, the portfolio.
import { z } from "zod";
import type { AtlasGraph } from "../../graph/index.ts";
import { Id } from "../../model/index.ts";
import { parseOptions } from "../core/parse-options.ts";
import { findGaps } from "../gaps/find-gaps.ts";
import type { ChainGaps } from "../gaps/gap-finding.ts";
import { type ChainSummary, summarizeChains } from "../summary/chain-summary.ts";
import { type Portfolio, pickPortfolio } from "../targets/portfolio.ts";
import { rankTargets, type TargetScore } from "../targets/rank-targets.ts";

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

/** Computes the report's content for one chain. */
export function chainReport(g: AtlasGraph, input: ChainReportOptionsInput): ChainReport {
  const opts = parseOptions(ChainReportOptions, input, "report");
  const gaps = findGaps(g, { chain: opts.chain });
  const summary = summarizeChains(g).find((c) => c.id === opts.chain)!;
  const targetsByGap = targetsForGaps(g, gaps, opts.targetsPerGap);
  return {
    summary,
    gaps,
    targetsByGap,
    targets: rankTargets(g, { chain: opts.chain, top: opts.top }),
    portfolio: pickPortfolio(g, { chain: opts.chain, k: opts.k }),
  };
}

/** The best `perGap` targets of each gap segment (findings other than covered), best first. */
export function targetsForGaps(g: AtlasGraph, gaps: ChainGaps, perGap: number): Map<string, TargetScore[]> {
  return new Map(
    gaps.findings
      .filter((f) => f.kind !== "covered")
      .map(
        (f) =>
          [f.segment.id, rankTargets(g, { chain: gaps.chain.id, gap: f.segment.id, top: perGap })] as const,
      ),
  );
}
