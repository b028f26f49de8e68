import { describe, expect, it } from "vitest";
import { findAllGaps, findGaps } from "../../src/analysis/gaps/find-gaps.ts";
import { plantedGraph } from "../fixtures/analysis/planted.ts";

const findingsOf = () =>
  Object.fromEntries(findGaps(plantedGraph(), { chain: "demo" }).findings.map((f) => [f.segment.id, f]));

describe("findGaps on the planted chain", () => {
  it("gives each segment the kind its rule names", () => {
    const f = findingsOf();
    expect(Object.fromEntries(Object.entries(f).map(([id, x]) => [id, x.kind]))).toEqual({
      a: "weak", // only a weak-evidence local firm
      b: "missing", // no local firm
      c: "single-source", // one local supplier serves both module makers
      m: "external", // a third of cell supply is local
      d: "covered",
      p: "missing",
    });
  });

  it("computes every factor and the severity as worked out by hand", () => {
    const f = findingsOf();
    expect(f.b!.factors.demand).toBeCloseTo(5 / 7, 6); // l1 (master ×3) + l2 + l3
    expect(f.b!.factors.deficiency).toBe(1);
    expect(f.b!.factors.concentration).toBeCloseTo(1, 9);
    expect(f.b!.severity).toBeCloseTo(0.64, 6);
    expect(f.m!.factors.deficiency).toBeCloseTo(2 / 3, 6);
    expect(f.m!.factors.concentration).toBeCloseTo(5 / 9, 6);
    expect(f.m!.factors.position).toBeCloseTo(0.5, 6);
    expect(f.d!.factors.position).toBeCloseTo(1, 6);
    expect(f.m!.severity).toBeCloseTo(0.464444, 5);
    expect(f.c!.severity).toBeCloseTo(0.384, 6);
    expect(f.a!.factors.deficiency).toBeCloseTo(0.5, 6);
    expect(f.a!.severity).toBeCloseTo(0.29, 6);
    expect(f.p!.factors.strategic).toBeCloseTo(0.75, 6);
    expect(f.p!.severity).toBeCloseTo(0.51, 6);
    expect(f.d!.severity).toBe(0);
  });

  it("reports chain figures: coverage, local supply share, gaps by kind", () => {
    const { figures } = findGaps(plantedGraph(), { chain: "demo" });
    expect(figures.coverage).toBeCloseTo(4 / 6, 6);
    expect(figures.localSupplyShare).toBeCloseTo(3 / 7, 6);
    expect(figures.gapsByKind).toEqual({ missing: 2, weak: 1, external: 1, "single-source": 1, covered: 1 });
    expect(figures.observedTies).toBe(7);
  });

  it("explains a missing link in Chinese and English, naming buyers and the outside supplier", () => {
    const b = findingsOf().b!;
    expect(b.explanation.zh).toContain("光伏玻璃：本地无企业");
    expect(b.explanation.zh).toContain("外地玻璃股份有限公司");
    expect(b.explanation.zh).toContain("3家本地下游企业");
    expect(b.explanation.en).toMatch(/no local firm.*outside the city/);
    expect(b.externalSuppliers.map((x) => x.id)).toEqual(["e1"]);
    expect(b.demandFirms?.[0]).toMatchObject({ id: "l1", master: true });
  });

  it("follows its options: a lower external threshold turns the cell link single-source or weak", () => {
    const m = findGaps(plantedGraph(), { chain: "demo", externalBelow: 0.2 }).findings.find(
      (x) => x.segment.id === "m",
    )!;
    expect(m.kind).not.toBe("external");
  });

  it("runs over every chain", () => {
    expect(findAllGaps(plantedGraph()).map((c) => c.chain.id)).toEqual(["demo"]);
  });
});
