// The honest backtest: hide one local firm, re-enter it as a plain list row, and see where it ranks in each of its segments.
import { z } from "zod";
import { buildGraph } from "../../graph/index.ts";
import { type Dataset, type Firm, isLocalFirm } from "../../model/index.ts";
import { analysisIndex } from "../core/analysis-index.ts";
import { parseOptions } from "../core/parse-options.ts";
import { GapOptions } from "../gaps/gap-options.ts";
import {
  type MatchingResources,
  NO_RESOURCES,
  useMatchingResources,
} from "../matching/matching-resources.ts";
import { scoredTargets } from "../targets/rank-targets.ts";
import { TargetOptions, TargetWeights } from "../targets/target-options.ts";
import { hideFirms, leaksOf } from "./hide-firms.ts";
import { type ListMetrics, listMetrics } from "./list-metrics.ts";
import { seededRandom, shuffled } from "./seeded-random.ts";

export const ListBacktestOptions = z.strictObject({
  chain: z.string().trim().min(1).optional(),
  /** Re-enter the firm's GB/T codes too (a list that carries industry codes). */
  withCodes: z.coerce.boolean().default(false),
  seed: z.coerce.number().int().default(1),
  randomRuns: z.coerce.number().int().positive().default(20),
  weights: TargetWeights.prefault({}),
  gaps: GapOptions.omit({ chain: true }).prefault({}),
});
export type ListBacktestOptionsInput = z.input<typeof ListBacktestOptions>;

export type Lang = "zh" | "en";

export interface ListBacktestReport {
  mode: "list";
  overall: Record<Lang, ListMetrics>;
  baselines: { revenue: ListMetrics; random: ListMetrics };
  byChain: Record<string, Record<Lang, ListMetrics> & { revenue: ListMetrics; random: ListMetrics }>;
  queries: Array<{
    firm: string;
    chain: string;
    segment: string;
    rank: Record<Lang, number | null>;
    revenue: number;
  }>;
}

const CNY_PER_USD = 7.2;
const revenueOf = (f: Firm) =>
  f.revenue ? f.revenue.amountMillions * (f.revenue.currency === "USD" ? CNY_PER_USD : 1) : 0;

/** The firm as a list prints it: name, country, tags, revenue, its products as written (zh or en); codes only if asked. */
export function asListRow(
  f: Firm,
  lang: Lang,
  productsEn: ReadonlyMap<string, string[]>,
  withCodes: boolean,
): Firm {
  const en = lang === "en";
  return {
    id: f.id,
    name: en ? { zh: f.name.en ?? f.name.zh, en: f.name.en, aliases: [] } : { zh: f.name.zh, aliases: [] },
    location: { country: f.location.country },
    tags: f.tags,
    revenue: f.revenue,
    // A list prints product names: no curator's notes, and no product a curator only inferred.
    products: en
      ? (productsEn.get(f.id) ?? []).map((name) => ({ name, sources: [] }))
      : f.products.filter((p) => !p.inferred).map((p) => ({ name: p.name, sources: [] })),
    codes: withCodes ? f.codes : [],
    industry: f.industry,
    segments: [],
    sources: [],
  };
}

/** The ways a re-entered row could still carry curated knowledge; empty when it carries none. */
export function rowLeaks(row: Firm, original: Firm, withCodes: boolean): string[] {
  const out: string[] = [];
  if (row.segments.length > 0) out.push(`${row.id} keeps ${row.segments.length} curated segment link(s)`);
  if (row.location.region !== undefined) out.push(`${row.id} keeps its region`);
  if (!withCodes && row.codes.length > 0) out.push(`${row.id} keeps its industry codes`);
  if (row.products.some((p) => p.inferred || p.note)) out.push(`${row.id} keeps a curator's product note`);
  if (row.name.aliases.length > 0 && original.name.aliases.length > 0)
    out.push(`${row.id} keeps curated aliases`);
  return out;
}

/**
 * For each local firm and each segment it sits in (covered or not), hide it, re-enter it as a list row in
 * Chinese and in English, rank for that segment, and record its rank beside revenue-only and random order.
 * Throws when the re-entered row or the graph keeps any curated link (leakage check).
 */
export function listBacktest(
  ds: Dataset,
  input: ListBacktestOptionsInput = {},
  res: MatchingResources = NO_RESOURCES,
  productsEn: ReadonlyMap<string, string[]> = new Map(),
): ListBacktestReport {
  const opts = parseOptions(ListBacktestOptions, input, "backtest");
  const rand = seededRandom(opts.seed);
  const chainOf = new Map(ds.segments.map((s) => [s.id, s.chain]));
  const queries: ListBacktestReport["queries"] = [];
  const randomRanks: Array<{ chain: string; rank: number }> = [];
  for (const f of ds.firms.filter(isLocalFirm)) {
    const segs = [...new Set(f.segments.map((l) => l.segment))].filter(
      (s) => opts.chain === undefined || chainOf.get(s) === opts.chain,
    );
    if (segs.length === 0) continue;
    const hidden = new Set([f.id]);
    const ranks: Record<Lang, Map<string, number>> = { zh: new Map(), en: new Map() };
    let pool: Firm[] = [];
    for (const lang of ["zh", "en"] as const) {
      const row = asListRow(f, lang, productsEn, opts.withCodes);
      const leaks = rowLeaks(row, f, opts.withCodes);
      const base = hideFirms(ds, hidden);
      const g = useMatchingResources(
        buildGraph({ ...base, firms: base.firms.map((x) => (x.id === f.id ? row : x)) }),
        res,
      );
      leaks.push(...leaksOf(g, hidden));
      if (leaks.length > 0) throw new Error(`backtest leakage: ${leaks.join("; ")}`);
      const ix = analysisIndex(g);
      pool = ix.firms.filter((_x, i) => !ix.local[i]);
      for (const seg of segs) {
        const topts = TargetOptions.parse({
          chain: chainOf.get(seg),
          gap: seg,
          weights: opts.weights,
          gaps: opts.gaps,
        });
        const at = scoredTargets(g, ix, topts).findIndex((c) => ix.firms[c.firm]!.id === f.id);
        ranks[lang].set(seg, at < 0 ? Number.POSITIVE_INFINITY : at + 1);
      }
    }
    const byRevenue = shuffled(pool, rand).sort((a, b) => revenueOf(b) - revenueOf(a));
    const revenueRank = byRevenue.findIndex((x) => x.id === f.id) + 1;
    for (const seg of segs) {
      const chain = chainOf.get(seg)!;
      const fin = (r: number) => (Number.isFinite(r) ? r : null);
      queries.push({
        firm: f.id,
        chain,
        segment: seg,
        rank: { zh: fin(ranks.zh.get(seg)!), en: fin(ranks.en.get(seg)!) },
        revenue: revenueRank,
      });
      for (let i = 0; i < opts.randomRuns; i++)
        randomRanks.push({ chain, rank: 1 + Math.floor(rand() * pool.length) });
    }
  }
  const rankOf = (r: number | null) => r ?? Number.POSITIVE_INFINITY;
  const metricsFor = (qs: typeof queries, rs: typeof randomRanks) => ({
    zh: listMetrics(qs.map((q) => rankOf(q.rank.zh))),
    en: listMetrics(qs.map((q) => rankOf(q.rank.en))),
    revenue: listMetrics(qs.map((q) => q.revenue)),
    random: { ...listMetrics(rs.map((r) => r.rank)), queries: qs.length },
  });
  const all = metricsFor(queries, randomRanks);
  const byChain: ListBacktestReport["byChain"] = {};
  for (const chain of [...new Set(queries.map((q) => q.chain))].sort())
    byChain[chain] = metricsFor(
      queries.filter((q) => q.chain === chain),
      randomRanks.filter((r) => r.chain === chain),
    );
  return {
    mode: "list",
    overall: { zh: all.zh, en: all.en },
    baselines: { revenue: all.revenue, random: all.random },
    byChain,
    queries,
  };
}
