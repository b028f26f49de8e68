import { describe, expect, it } from "vitest";
import { rankTargets } from "../../src/analysis/targets/rank-targets.ts";
import { buildGraph } from "../../src/graph/index.ts";
import { plantedDataset, plantedGraph } from "../fixtures/analysis/planted.ts";

describe("rankTargets on the planted chain", () => {
  it("ranks candidates in the order worked out by hand", () => {
    const rows = rankTargets(plantedGraph(), { chain: "demo" });
    expect(rows.map((r) => r.firm.id)).toEqual(["e1", "e3", "e2", "e5", "e4", "e6"]);
    const score = Object.fromEntries(rows.map((r) => [r.firm.id, r.score]));
    // score = 0.5·gapFit + 0.2·tier·min(1, fit/0.6) + 0.15·masterTies + 0.15·relatedness; relatedness is the
    // flow signal (no reference population): every gap here has all FEEDS neighbours local, so 1.
    // e1: glass 0.64 × 0.9; listed 0.4; tie with master l1 → 0.288 + 0.08 + 0.075 + 0.15.
    expect(score.e1).toBeCloseTo(0.593, 6);
    // e3: cells 0.464444 × 0.9; little giant 0.6 → 0.209 + 0.12 + 0.075 + 0.15.
    expect(score.e3).toBeCloseTo(0.554, 5);
    // e2: 超白光伏玻璃 is a medium text match, 0.48; Fortune 1 × 0.48/0.6 → 0.1536 + 0.16 + 0.15.
    expect(score.e2).toBeCloseTo(0.4636, 6);
    // e5: plants are an extension, need 0.5 × 0.51, fit 0.48; China 500 0.8 × 0.8 → 0.0612 + 0.128 + 0.15.
    expect(score.e5).toBeCloseTo(0.3392, 6);
    // e4: code 3041 is glass's primary class, medium 0.48 → 0.1536 + 0.15.
    expect(score.e4).toBeCloseTo(0.3036, 6);
    // e6: its name holds film's phrase 胶膜 (strengthen, 0.8 × 0.384), weak 0.3 × 0.6 → 0.027648 + 0.15.
    expect(score.e6).toBeCloseTo(0.177648, 6);
  });

  it("shows every term, the gaps, graded evidence and a reason", () => {
    const rows = rankTargets(plantedGraph(), { chain: "demo" });
    const e3 = rows.find((r) => r.firm.id === "e3")!;
    expect(e3.terms.gapFit).toBeCloseTo(0.9 * 0.464444, 5);
    expect(e3.terms).toMatchObject({ tier: 0.6, masterTies: 0.5, relatedness: 1 });
    expect(e3.gaps).toEqual(["m"]);
    const e1 = rows.find((r) => r.firm.id === "e1")!;
    expect(e1.evidence.map((e) => `${e.grade}/${e.via}`)).toEqual(
      expect.arrayContaining(["strong/link", "strong/tie", "medium/product"]),
    );
    expect(rows.find((r) => r.firm.id === "e4")!.evidence[0]).toMatchObject({
      grade: "medium",
      via: "code",
      basis: "inferred",
    });
    expect(rows.find((r) => r.firm.id === "e6")!.evidence[0]).toMatchObject({ grade: "weak", via: "name" });
    expect(e3.explanation.zh).toContain("电池片");
    expect(e3.explanation.zh).toContain("链主");
    // A curated link naming no product: the kind of evidence says it, in each language, with no English in Chinese.
    expect(e3.evidence[0]).toMatchObject({ via: "link", detail: "" });
    expect(e3.explanation.zh).toContain("补链·电池片（强：已核实主营）");
    expect(e3.explanation.zh).not.toMatch(/[A-Za-z]/);
    expect(e3.explanation.en).toContain("(strong: curated link)");
    expect(e3.serves.map((f) => f.id)).toEqual(["l1", "l2"]);
  });

  it("matches Chinese products by words: 超白光伏玻璃 makes PV glass, 汽车 makes nothing here", () => {
    const rows = rankTargets(plantedGraph(), { chain: "demo" });
    // A text match is graded, never strong: two shared words (光伏, 玻璃) and the segment's own phrase → medium.
    expect(rows.find((r) => r.firm.id === "e2")!.evidence[0]).toMatchObject({
      segment: "b",
      grade: "medium",
      via: "product",
      words: ["光伏", "玻璃"],
    });
    expect(rows.find((r) => r.firm.id === "e2")!.explanation.zh).toContain("“光伏、玻璃”于 超白光伏玻璃");
    expect(rows.some((r) => r.firm.id === "e7")).toBe(false);
  });

  it("filters by list tag and country, ranks one gap, and cuts at --top", () => {
    const g = plantedGraph();
    expect(
      rankTargets(g, { chain: "demo", tag: "fortune-global-500,china-500" }).map((r) => r.firm.id),
    ).toEqual(["e2", "e5"]);
    expect(rankTargets(g, { chain: "demo", country: "jp" }).map((r) => r.firm.id)).toEqual(["e2"]);
    // One gap: its fit alone is the gap term, so the proven supplier (0.9, ties to the master) beats the giant's
    // text match (0.48): 0.45 + 0.08 + 0.075 + 0.15 against 0.24 + 0.16 + 0.15.
    const glass = rankTargets(g, { chain: "demo", gap: "b" });
    expect(glass.map((r) => r.firm.id)).toEqual(["e1", "e2", "e4"]);
    expect(glass[0]!.score).toBeCloseTo(0.755, 6);
    expect(glass[1]!.score).toBeCloseTo(0.55, 6);
    expect(rankTargets(g, { chain: "demo", top: 2 })).toHaveLength(2);
  });

  it("lets weights change the order: fit alone puts the proven glass supplier first", () => {
    const rows = rankTargets(plantedGraph(), {
      chain: "demo",
      weights: "gapFit=1,tier=0,masterTies=0,relatedness=0",
    });
    expect(rows.map((r) => r.firm.id).slice(0, 3)).toEqual(["e1", "e3", "e2"]);
    expect(rows[0]!.score).toBeCloseTo(0.576, 6);
    // With relatedness weighted 0 the score is the gap term alone.
    expect(rows[2]!.score).toBeCloseTo(0.64 * 0.48, 6);
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

  it("says the aim of each row and filters by it: 补链 fill, 强链 strengthen, 延链 extend", () => {
    const g = plantedGraph();
    const rows = rankTargets(g, { chain: "demo" });
    expect(Object.fromEntries(rows.map((r) => [r.firm.id, r.aim]))).toMatchObject({
      e1: "fill",
      e3: "fill",
      e5: "extend",
      e6: "strengthen",
    });
    expect(rankTargets(g, { chain: "demo", aim: "extend" }).map((r) => r.firm.id)).toEqual(["e5"]);
    expect(rankTargets(g, { chain: "demo", aim: "strengthen" }).map((r) => r.firm.id)).toEqual(["e6"]);
    expect(rows.find((r) => r.firm.id === "e5")!.explanation.zh).toMatch(/^延链·光伏电站/);
    expect(rankTargets(g, { chain: "demo", minScore: 0.5 }).map((r) => r.firm.id)).toEqual(["e1", "e3"]);
  });

  it("names a segment as filled only above the minimum fit; below it the reason says possible", () => {
    const e6 = rankTargets(plantedGraph(), { chain: "demo" }).find((r) => r.firm.id === "e6")!;
    expect(e6.gapFits[0]).toMatchObject({ segment: "c", filled: false });
    expect(e6.explanation.zh).toContain("可能相关");
    expect(e6.explanation.en).toContain("possible");
  });

  it("names each list once: a firm listed on two exchanges is 上市公司 once, and keeps both listings", () => {
    const ds = plantedDataset();
    const e1 = ds.firms.find((f) => f.id === "e1")!;
    e1.tags = [...e1.tags, { ...e1.tags[0]!, code: "second exchange" }];
    const row = rankTargets(buildGraph(ds), { chain: "demo" }).find((r) => r.firm.id === "e1")!;
    expect(e1.tags).toHaveLength(2);
    expect(row.firm.tags).toEqual(["listed"]);
  });
});
