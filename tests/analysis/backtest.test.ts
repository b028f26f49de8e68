import { describe, expect, it } from "vitest";
import { backtest } from "../../src/analysis/evaluation/backtest.ts";
import { hideFirms, leaksOf } from "../../src/analysis/evaluation/hide-firms.ts";
import { rankingMetrics } from "../../src/analysis/evaluation/ranking-metrics.ts";
import { rankTargets } from "../../src/analysis/targets/rank-targets.ts";
import { buildGraph } from "../../src/graph/index.ts";
import { plantedDataset } from "../fixtures/analysis/planted.ts";

describe("hide-and-recover backtest", () => {
  it("hides a firm's region, segment links, ties and master role, keeping what a candidate list carries", () => {
    const ds = hideFirms(plantedDataset(), new Set(["l1", "l3"]));
    const l3 = ds.firms.find((f) => f.id === "l3")!;
    expect(l3.location).toEqual({ country: "CN" });
    expect(l3.segments).toEqual([]);
    expect(l3.products.map((p) => p.name)).toEqual(["电池片", "光伏组件"]);
    expect(ds.ties.some((t) => ["l1", "l3"].includes(t.supplier) || ["l1", "l3"].includes(t.customer))).toBe(
      false,
    );
    expect(ds.chains[0]!.masters).toEqual([]);
    expect(leaksOf(buildGraph(ds), new Set(["l1", "l3"]))).toEqual([]);
  });

  it("detects leakage when the hidden firm's own link reaches the graph", () => {
    const leaky = plantedDataset();
    leaky.firms = leaky.firms.map((f) => (f.id === "l3" ? { ...f, location: { country: "CN" } } : f));
    expect(leaksOf(buildGraph(leaky), new Set(["l3"]))).toEqual(
      expect.arrayContaining([expect.stringContaining("keeps its segment link to m")]),
    );
  });

  it("recovers a hidden cell maker from its products alone, never from its curated link", () => {
    const g = buildGraph(hideFirms(plantedDataset(), new Set(["l3", "l6"])));
    const rows = rankTargets(g, { chain: "demo", gap: "m", top: 50 });
    const l3 = rows.find((r) => r.firm.id === "l3")!;
    expect(l3.evidence.every((e) => e.via !== "link" && e.via !== "tie")).toBe(true);
    expect(l3.evidence[0]).toMatchObject({ via: "product", basis: "inferred" });
  });

  it("scores ranks: hit-rate@10, MRR and NDCG@10", () => {
    expect(rankingMetrics([1])).toEqual({ hitRateAt10: 1, mrr: 1, ndcgAt10: 1 });
    const m = rankingMetrics([3, Number.POSITIVE_INFINITY]);
    expect(m.hitRateAt10).toBe(1);
    expect(m.mrr).toBeCloseTo(1 / 3, 9);
    expect(m.ndcgAt10).toBeCloseTo(0.5 / (1 + 1 / Math.log2(3)), 9);
    expect(rankingMetrics([11]).hitRateAt10).toBe(0);
  });

  it("reports the ranker beside random and revenue baselines, overall and per chain, repeatably", () => {
    const r = backtest(plantedDataset());
    expect(r.queries.map((q) => q.segment).sort()).toEqual(["a", "c", "d", "m"]);
    expect(Object.keys(r.perChain)).toEqual(["demo"]);
    expect(r.perChain.demo!.queries).toBe(4);
    expect(r.overall.mrr).toBeGreaterThan(r.baselines.revenue.mrr);
    expect(r.overall.mrr).toBeGreaterThan(r.baselines.random.mrr);
    expect(backtest(plantedDataset())).toEqual(r);
  });
});
