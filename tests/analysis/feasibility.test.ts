import { describe, expect, it } from "vitest";
import { analysisIndex } from "../../src/analysis/core/analysis-index.ts";
import { findFirmsByWords } from "../../src/analysis/matching/find-firms.ts";
import type { ReferencePopulation } from "../../src/analysis/matching/matching-resources.ts";
import { rankTargets } from "../../src/analysis/targets/rank-targets.ts";
import { segmentFeasibility } from "../../src/analysis/targets/relatedness.ts";
import { buildGraph } from "../../src/graph/index.ts";
import { loadSeed } from "../../src/seed/index.ts";
import { plantedDataset, plantedGraph } from "../fixtures/analysis/planted.ts";

describe("feasibility: relatedness against a stated reference, and the chain's flow", () => {
  it("without a reference it is the flow alone: the share of FEEDS neighbours with local firms", () => {
    const ix = analysisIndex(plantedGraph());
    const f = segmentFeasibility(ix);
    const at = (id: string) => f[ix.segmentIndex.get(id)!]!;
    for (const id of ["a", "b", "c", "m", "p"]) expect(at(id)).toBe(1);
    // d's neighbours: b (none), c, m (local), p (none).
    expect(at("d")).toBe(0.5);
  });

  it("with a reference, RCA counts the city's links beside the reference regions (worked by hand)", () => {
    // City links: a 1, b 0, m 2 (only segments the reference counts enter the matrix); r1 {a 1, b 1}, r2 {b 2, m 1}.
    // RCA ≥ 1 → M city [1,0,1], r1 [1,1,0], r2 [0,1,0]; k = [2,2,1]; φ(a,b) = 0.5, φ(a,m) = 0.5, φ(b,m) = 0.
    // ω(b) = (0.5·1 + 1·0 + 0·1) / 1.5 = 1/3 → feasibility mean(1/3, flow 1) = 2/3; ω(a) = 1.5/2 → 0.875.
    const ix = analysisIndex(plantedGraph());
    const ref: ReferencePopulation = {
      name: "test",
      regions: [
        { id: "r1", counts: { a: 1, b: 1 } },
        { id: "r2", counts: { b: 2, m: 1 } },
      ],
    };
    const f = segmentFeasibility(ix, ref);
    expect(f[ix.segmentIndex.get("b")!]).toBeCloseTo(2 / 3, 9);
    expect(f[ix.segmentIndex.get("a")!]).toBeCloseTo(0.875, 9);
    expect(f[ix.segmentIndex.get("c")!]).toBe(1);
  });

  it("a gap with no data is unknown: the term drops out of the score instead of counting 0", () => {
    const ds = plantedDataset();
    ds.segments.push({
      ...ds.segments[0]!,
      id: "z",
      name: { zh: "孤立环节", en: "z" },
      keywords: [],
      codes: [],
    });
    const e9 = structuredClone(ds.firms.find((f) => f.id === "e3")!);
    Object.assign(e9, {
      id: "e9",
      name: { zh: "某某", aliases: [] },
      tags: [],
      segments: [{ ...e9.segments[0]!, segment: "z" }],
    });
    ds.firms.push(e9);
    const row = rankTargets(buildGraph(ds), { chain: "demo" }).find((r) => r.firm.id === "e9")!;
    expect(row.terms.relatedness).toBeNull();
    const t = row.terms;
    expect(row.score).toBeCloseTo((0.5 * t.gapFit + 0.2 * t.tier + 0.15 * t.masterTies) / 0.85, 9);
  });
});

describe("find by words", () => {
  it("光伏玻璃 finds the local leader whose products are 光伏压延玻璃 (no such substring)", () => {
    const ds = loadSeed("graph-seeds/jiaxing");
    const hits = findFirmsByWords(ds, "光伏玻璃");
    const flat = hits.find((h) => h.id === "flat-glass");
    expect(flat).toMatchObject({ local: true });
    expect(flat!.products.some((p) => p.includes("光伏玻璃"))).toBe(false);
    expect(findFirmsByWords(ds, "光伏玻璃").every((h) => h.words.includes("玻璃"))).toBe(true);
  });
});
