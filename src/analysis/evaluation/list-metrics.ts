// Metrics of a list backtest over queries with one relevant firm each: hit@10, MRR, median rank, share not ranked.

export interface ListMetrics {
  hitRateAt10: number;
  mrr: number;
  /** Median rank over queries; null when more than half were not ranked at all. */
  medianRank: number | null;
  notRankedShare: number;
  queries: number;
}

/** `ranks`: the 1-based rank of the relevant firm per query, Infinity when it was not ranked. */
export function listMetrics(ranks: ReadonlyArray<number>): ListMetrics {
  const n = ranks.length;
  if (n === 0) return { hitRateAt10: 0, mrr: 0, medianRank: null, notRankedShare: 0, queries: 0 };
  const sorted = [...ranks].sort((a, b) => a - b);
  const mid = n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  return {
    hitRateAt10: ranks.filter((r) => r <= 10).length / n,
    mrr: ranks.reduce((a, r) => a + (Number.isFinite(r) ? 1 / r : 0), 0) / n,
    medianRank: Number.isFinite(mid) ? mid : null,
    notRankedShare: ranks.filter((r) => !Number.isFinite(r)).length / n,
    queries: n,
  };
}
