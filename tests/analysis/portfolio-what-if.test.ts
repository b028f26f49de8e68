import { describe, expect, it } from "vitest";
import { findGaps } from "../../src/analysis/gaps/find-gaps.ts";
import { whatIf } from "../../src/analysis/gaps/what-if.ts";
import { pickPortfolio } from "../../src/analysis/targets/portfolio.ts";
import { plantedGraph } from "../fixtures/analysis/planted.ts";

describe("pickPortfolio", () => {
  it("picks greedily by marginal gain, a second firm for the same gap counting less", () => {
    const p = pickPortfolio(plantedGraph(), { chain: "demo", k: 4 });
    expect(p.picks.map((x) => x.firm.id)).toEqual(["e1", "e3", "e5", "e6"]);
    const gains = p.picks.map((x) => x.marginalGain);
    // Needs by aim (target-needs.ts): b fill 0.64, m fill 0.464444, p extend 0.5 × 0.51 (nobody local buys
    // plants, next to covered modules), c strengthen 0.8 × 0.384, a strengthen 0.8 × 0.29.
    expect(gains[0]).toBeCloseTo(0.64 * 0.9, 6);
    expect(gains[1]).toBeCloseTo(0.464444 * 0.9, 5);
    // e5's 光伏电站 is a text match (medium, 0.6 × 0.8 with its whole known text matched) = 0.48.
    expect(gains[2]).toBeCloseTo(0.5 * 0.51 * 0.48, 6);
    // e2 alone would close 0.64·0.48 of the glass gap, but after e1 only 0.64·0.1·0.48 = 0.03072; e6's name
    // match (weak 0.3 × 0.6) on the film gap gives 0.8·0.384·0.18 = 0.055296 and goes first.
    expect(gains[3]).toBeCloseTo(0.8 * 0.384 * 0.18, 6);
    expect(p.picks[3]!.cumulative).toBeCloseTo(0.576 + 0.418 + 0.1224 + 0.055296, 5);
    expect(p.totalSeverity).toBeCloseTo(0.8 * 0.29 + 0.64 + 0.8 * 0.384 + 0.464444 + 0.5 * 0.51, 5);
  });

  it("stops early when no candidate closes anything more", () => {
    expect(pickPortfolio(plantedGraph(), { chain: "demo", k: 50 }).picks).toHaveLength(6);
  });
});

describe("whatIf", () => {
  it("turns the missing glass link single-source when its outside supplier lands (以商引商)", () => {
    const r = whatIf(plantedGraph(), { firm: "e1", segment: "b" });
    expect(r.changes).toHaveLength(1);
    expect(r.changes[0]).toMatchObject({
      segment: { id: "b" },
      kindBefore: "missing",
      kindAfter: "single-source",
    });
    expect(r.changes[0]!.severityBefore).toBeCloseTo(0.64, 6);
    expect(r.changes[0]!.severityAfter).toBeCloseTo(0.6 * 0.64, 6);
    expect(r.after.coverage).toBeCloseTo(5 / 6, 6);
    expect(r.after.localSupplyShare).toBeCloseTo(5 / 7, 6);
    expect(r.region).toBe("demo-east");
  });

  it("leaves the original graph as it was", () => {
    const g = plantedGraph();
    whatIf(g, { firm: "e1", segment: "b" });
    expect(findGaps(g, { chain: "demo" }).findings.find((f) => f.segment.id === "b")!.kind).toBe("missing");
  });

  it("covers a weak link once local supply meets demand, and the count rule keeps it weak when one supplier serves fewer", () => {
    const landed = whatIf(plantedGraph(), { firm: "e4", segment: "a" });
    expect(landed.changes[0]).toMatchObject({ kindBefore: "weak", kindAfter: "covered", severityAfter: 0 });
    // 1.5 firms of capacity, 2 local cell makers to serve: with one customer per supplier that is too few.
    const strict = whatIf(plantedGraph(), { firm: "e4", segment: "a", gaps: { customersPerSupplier: 1 } });
    expect(strict.changes[0]).toMatchObject({ kindBefore: "weak", kindAfter: "weak" });
    expect(strict.changes[0]!.severityAfter).toBeCloseTo(0.25 * 0.58, 6);
  });
});
