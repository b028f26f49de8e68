// Hide-and-recover backtest: hide a segment's local firms, rank, and see where they land, beside naive baselines.
import { z } from "zod";
import { buildGraph } from "../../graph/index.ts";
import { type Dataset, isLocalFirm } from "../../model/index.ts";
import { analysisIndex } from "../core/analysis-index.ts";
import { parseOptions } from "../core/parse-options.ts";
import { GapOptions } from "../gaps/gap-options.ts";
import { scoredTargets } from "../targets/rank-targets.ts";
import { TargetOptions, TargetWeights } from "../targets/target-options.ts";
import { hideFirms, leaksOf } from "./hide-firms.ts";
import { meanMetrics, type RankingMetrics, rankingMetrics, ranksIn } from "./ranking-metrics.ts";
import { seededRandom, shuffled } from "./seeded-random.ts";

export const BacktestOptions = z.strictObject({
  /** Only this chain (all chains when absent). */
  chain: z.string().trim().min(1).optional(),
  seed: z.coerce.number().int().default(1),
  /** Shuffles averaged for the random baseline. */
  randomRuns: z.coerce.number().int().positive().default(20),
  weights: TargetWeights.prefault({}),
  gaps: GapOptions.omit({ chain: true }).prefault({}),
});
export type BacktestOptionsInput = z.input<typeof BacktestOptions>;

export interface BacktestQuery {
  chain: string;
  segment: string;
  hidden: string[];
  candidates: number;
  ranks: { ranker: number[]; revenue: number[] };
}

export type MethodReport = RankingMetrics & {
  perChain: Record<string, RankingMetrics & { queries: number }>;
};

export interface BacktestReport {
  overall: RankingMetrics;
  perChain: Record<string, RankingMetrics & { queries: number }>;
  baselines: { random: MethodReport; revenue: MethodReport };
  queries: BacktestQuery[];
}

const CNY_PER_USD = 7.2;
const revenueOf = (f: Dataset["firms"][number]) =>
  f.revenue ? f.revenue.amountMillions * (f.revenue.currency === "USD" ? CNY_PER_USD : 1) : 0;

/** One query per segment with local firms; the ranker must beat random and revenue-only order. */
export function backtest(ds: Dataset, input: BacktestOptionsInput = {}): BacktestReport {
  const opts = parseOptions(BacktestOptions, input, "backtest");
  const rand = seededRandom(opts.seed);
  const localIds = new Set(ds.firms.filter(isLocalFirm).map((f) => f.id));
  const results: Array<{
    chain: string;
    ranker: RankingMetrics;
    revenue: RankingMetrics;
    random: RankingMetrics;
  }> = [];
  const queries: BacktestQuery[] = [];
  for (const seg of ds.segments) {
    if (opts.chain !== undefined && seg.chain !== opts.chain) continue;
    const hidden = new Set(
      ds.firms
        .filter((f) => localIds.has(f.id) && f.segments.some((l) => l.segment === seg.id))
        .map((f) => f.id),
    );
    if (hidden.size === 0) continue;
    const g = buildGraph(hideFirms(ds, hidden));
    const leaks = leaksOf(g, hidden);
    if (leaks.length > 0) throw new Error(`backtest leakage: ${leaks.join("; ")}`);
    const ix = analysisIndex(g);
    const pool = ix.firms.filter((_f, i) => !ix.local[i]);
    const topts = TargetOptions.parse({
      chain: seg.chain,
      gap: seg.id,
      weights: opts.weights,
      gaps: opts.gaps,
    });
    const ranked = scoredTargets(g, ix, topts).map((c) => ix.firms[c.firm]!.id);
    const seen = new Set(ranked);
    const rest = shuffled(
      pool.map((f) => f.id).filter((id) => !seen.has(id)),
      rand,
    );
    const byRevenue = shuffled(pool, rand)
      .sort((a, b) => revenueOf(b) - revenueOf(a))
      .map((f) => f.id);
    const rankerRanks = ranksIn([...ranked, ...rest], hidden);
    const revenueRanks = ranksIn(byRevenue, hidden);
    const ids = pool.map((f) => f.id);
    const random = meanMetrics(
      Array.from({ length: opts.randomRuns }, () => rankingMetrics(ranksIn(shuffled(ids, rand), hidden))),
    );
    results.push({
      chain: seg.chain,
      ranker: rankingMetrics(rankerRanks),
      revenue: rankingMetrics(revenueRanks),
      random,
    });
    queries.push({
      chain: seg.chain,
      segment: seg.id,
      hidden: [...hidden],
      candidates: pool.length,
      ranks: { ranker: rankerRanks, revenue: revenueRanks },
    });
  }
  const report = (pick: (r: (typeof results)[number]) => RankingMetrics): MethodReport => {
    const perChain: MethodReport["perChain"] = {};
    for (const chain of new Set(results.map((r) => r.chain))) {
      const rows = results.filter((r) => r.chain === chain);
      perChain[chain] = { ...meanMetrics(rows.map(pick)), queries: rows.length };
    }
    return { ...meanMetrics(results.map(pick)), perChain };
  };
  const ranker = report((r) => r.ranker);
  return {
    overall: { hitRateAt10: ranker.hitRateAt10, mrr: ranker.mrr, ndcgAt10: ranker.ndcgAt10 },
    perChain: ranker.perChain,
    baselines: { random: report((r) => r.random), revenue: report((r) => r.revenue) },
    queries,
  };
}
