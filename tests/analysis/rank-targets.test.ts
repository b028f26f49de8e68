import { describe, expect, it } from "vitest";
import { rankTargets } from "../../src/analysis/targets/rank-targets.ts";
import { buildGraph } from "../../src/graph/index.ts";
import { plantedDataset, plantedGraph } from "../fixtures/analysis/planted.ts";

describe("rankTargets on the planted chain", () => {
  it("ranks candidates in the order worked out by hand", () => {
    const rows = rankTargets(plantedGraph(), { chain: "demo" });
    expect(rows.map((r) => r.firm.id)).toEqual(["e3", "e2", "e1", "e5", "e4", "e6"]);
    const score = Object.fromEntries(rows.map((r) => [r.firm.id, r.score]));
    expect(score.e3).toBeCloseTo(0.554, 6);
    expect(score.e2).toBeCloseTo(0.456, 6);
    expect(score.e1).toBeCloseTo(0.443, 6);
    expect(score.e5).toBeCloseTo(0.364, 6);
    expect(score.e4).toBeCloseTo(0.1536, 6);
    expect(score.e6).toBeCloseTo(0.03456, 6);
  });

  it("shows every term, the gaps, graded evidence and a reason", () => {
    const rows = rankTargets(plantedGraph(), { chain: "demo" });
    const e3 = rows.find((r) => r.firm.id === "e3")!;
    expect(e3.terms.gapFit).toBeCloseTo(0.9 * 0.464444, 5);
    expect(e3.terms).toMatchObject({ tier: 0.6, masterTies: 0.5, relatedness: 1 });
    expect(e3.gaps).toEqual(["m"]);
    const e1 = rows.find((r) => r.firm.id === "e1")!;
    expect(e1.evidence.map((e) => `${e.grade}/${e.via}`)).toEqual(
      expect.arrayContaining(["strong/link", "strong/tie", "strong/product"]),
    );
    expect(rows.find((r) => r.firm.id === "e4")!.evidence[0]).toMatchObject({
      grade: "medium",
      via: "code",
      basis: "inferred",
    });
    expect(rows.find((r) => r.firm.id === "e6")!.evidence[0]).toMatchObject({ grade: "weak", via: "name" });
    expect(e3.explanation.zh).toContain("电池片");
    expect(e3.explanation.zh).toContain("链主");
    expect(e3.serves.map((f) => f.id)).toEqual(["l1", "l2"]);
  });

  it("matches Chinese products by words: 超白光伏玻璃 makes PV glass, 汽车 makes nothing here", () => {
    const rows = rankTargets(plantedGraph(), { chain: "demo" });
    expect(rows.find((r) => r.firm.id === "e2")!.evidence[0]).toMatchObject({
      segment: "b",
      grade: "strong",
      via: "product",
    });
    expect(rows.some((r) => r.firm.id === "e7")).toBe(false);
  });

  it("filters by list tag and country, ranks one gap, and cuts at --top", () => {
    const g = plantedGraph();
    expect(
      rankTargets(g, { chain: "demo", tag: "fortune-global-500,china-500" }).map((r) => r.firm.id),
    ).toEqual(["e2", "e5"]);
    expect(rankTargets(g, { chain: "demo", country: "jp" }).map((r) => r.firm.id)).toEqual(["e2"]);
    // One gap: its fit alone is the gap term, so the proven supplier (0.9, ties to the master) edges the giant (0.8).
    const glass = rankTargets(g, { chain: "demo", gap: "b" });
    expect(glass.map((r) => r.firm.id)).toEqual(["e1", "e2", "e4"]);
    expect(glass[0]!.score).toBeCloseTo(0.605, 6);
    expect(glass[1]!.score).toBeCloseTo(0.6, 6);
    expect(rankTargets(g, { chain: "demo", top: 2 })).toHaveLength(2);
  });

  it("lets weights change the order: fit alone puts the proven glass supplier first", () => {
    const rows = rankTargets(plantedGraph(), {
      chain: "demo",
      weights: "gapFit=1,tier=0,masterTies=0,relatedness=0",
    });
    expect(rows.map((r) => r.firm.id).slice(0, 3)).toEqual(["e1", "e2", "e3"]);
    expect(rows[0]!.score).toBeCloseTo(0.576, 6);
  });

  it("counts a tie with a chain master's group as a tie with the master (以商引商 at group level)", () => {
    const ds = plantedDataset();
    const before = rankTargets(buildGraph(ds), { chain: "demo" }).find((r) => r.firm.id === "e4")!;
    expect(before.terms.masterTies).toBe(0);
    const group = structuredClone(ds.firms.find((f) => f.id === "e6")!);
    Object.assign(group, {
      id: "l1-group",
      name: { zh: "本地组件一集团", aliases: [] },
      segments: [],
      products: [],
      codes: [],
    });
    ds.firms.push(group);
    ds.firms.find((f) => f.id === "l1")!.parent = "l1-group";
    ds.ties.push({ ...ds.ties[0]!, id: "t-group", supplier: "e4", customer: "l1-group" });
    const after = rankTargets(buildGraph(ds), { chain: "demo" }).find((r) => r.firm.id === "e4")!;
    expect(after.terms.masterTies).toBeCloseTo(0.5, 9);
    expect(after.score).toBeGreaterThan(before.score);
    expect(after.explanation.zh).toContain("链主本地组件一（或其所属集团）");
  });
});
