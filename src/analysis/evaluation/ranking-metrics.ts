// Ranking quality of one query: hit-rate@k, reciprocal rank and NDCG@k from the ranks of the relevant items.

export interface RankingMetrics {
  hitRateAt10: number;
  mrr: number;
  ndcgAt10: number;
}

const K = 10;

/** `ranks` are the 1-based positions of the relevant items (Infinity when an item was not ranked). */
export function rankingMetrics(ranks: ReadonlyArray<number>): RankingMetrics {
  const first = Math.min(...ranks);
  let dcg = 0;
  for (const r of ranks) if (r <= K) dcg += 1 / Math.log2(r + 1);
  let ideal = 0;
  for (let i = 1; i <= Math.min(ranks.length, K); i++) ideal += 1 / Math.log2(i + 1);
  return {
    hitRateAt10: first <= K ? 1 : 0,
    mrr: Number.isFinite(first) ? 1 / first : 0,
    ndcgAt10: ideal > 0 ? dcg / ideal : 0,
  };
}

/** The mean of each metric over queries (zeros for none). */
export function meanMetrics(all: ReadonlyArray<RankingMetrics>): RankingMetrics {
  const n = all.length || 1;
  const sum = (f: (m: RankingMetrics) => number) => all.reduce((s, m) => s + f(m), 0) / n;
  return { hitRateAt10: sum((m) => m.hitRateAt10), mrr: sum((m) => m.mrr), ndcgAt10: sum((m) => m.ndcgAt10) };
}

/** 1-based ranks of `relevant` in `order`. */
export function ranksIn(order: ReadonlyArray<string>, relevant: ReadonlySet<string>): number[] {
  const out: number[] = [];
  order.forEach((id, i) => {
    if (relevant.has(id)) out.push(i + 1);
  });
  while (out.length < relevant.size) out.push(Number.POSITIVE_INFINITY);
  return out;
}
