import { describe, expect, it } from "vitest";
import { asListRow, listBacktest, rowLeaks } from "../../src/analysis/evaluation/list-backtest.ts";
import { matchSegments } from "../../src/analysis/matching/match-segments.ts";
import { useMatchingResources } from "../../src/analysis/matching/matching-resources.ts";
import { SegmentMatcher } from "../../src/analysis/matching/segment-matcher.ts";
import { density, presence, proximity, rca } from "../../src/analysis/targets/ecomplexity.ts";
import { rankTargets } from "../../src/analysis/targets/rank-targets.ts";
import { buildGraph } from "../../src/graph/index.ts";
import { CrosswalkFile, checkDataset, type Segment } from "../../src/model/index.ts";
import { loadSeed, readMatchingResources, readProductsEn } from "../../src/seed/index.ts";
import { plantedDataset } from "../fixtures/analysis/planted.ts";

const seg = (
  id: string,
  chain: string,
  zh: string,
  en: string,
  keywords: string[],
  codes: string[] = [],
): Segment =>
  ({ id, chain, name: { zh, en }, stage: "midstream", keywords, codes, weight: 1, sources: [] }) as Segment;

const SEGMENTS = [
  seg("mlcc", "el", "多层陶瓷电容器", "Multilayer ceramic capacitors", ["片式多层陶瓷电容器"]),
  seg("optic", "com", "光模块", "Optical transceivers", ["光收发模块"]),
  seg("jbox", "pv", "接线盒", "Junction boxes", ["接线盒", "光伏连接器"]),
  seg("conn", "nev", "汽车连接器", "Automotive connectors", ["高压连接器", "线束"]),
  seg("glass", "pv", "光伏玻璃", "PV glass", ["超白压延玻璃"]),
];
const VOCAB = {
  vocabulary: [{ segment: "mlcc", zh: ["MLCC", "片式电容"], en: ["MLCC", "chip capacitors"] }],
  classes: new Map(),
  crosswalks: [],
};

describe("matching list text to segments", () => {
  const m = new SegmentMatcher(SEGMENTS, VOCAB);
  it("a synonym from the vocabulary finds its segment (片式电容 → 多层陶瓷电容器)", () => {
    expect(m.match("片式电容")[0]?.segment).toBe("mlcc");
    expect(m.match("MLCC")[0]?.segment).toBe("mlcc");
  });
  it("English product text matches through stems (optical transceivers → 光模块)", () => {
    const hit = m.match("400G optical transceiver")[0]!;
    expect(hit.segment).toBe("optic");
    expect(hit.words).toContain("optical");
  });
  it("words match, not only substrings: 光伏压延玻璃 is PV glass with medium evidence", () => {
    const hit = m.match("光伏压延玻璃")[0]!;
    expect(hit.segment).toBe("glass");
    expect(hit.grade).toBe("medium");
  });
  it("one shared word from another industry stays weak (汽车连接器 on PV junction boxes)", () => {
    const jbox = m.match("汽车连接器").find((h) => h.segment === "jbox");
    expect(jbox?.grade ?? "weak").toBe("weak");
    expect(m.match("汽车连接器")[0]!.segment).toBe("conn");
    expect(m.match("汽车连接器").every((h) => h.grade !== ("strong" as string))).toBe(true);
  });
});

describe("a keyword that matches segments of many chains is flagged", () => {
  it("names the rule, the keyword and the chains", () => {
    const ds = plantedDataset();
    const base = ds.segments[0]!;
    ds.segments = ["a", "b", "c", "d"].map((c, i) => ({
      ...base,
      id: `s${i}`,
      chain: c,
      parent: undefined,
      keywords: ["传感器"],
    }));
    ds.chains = ["a", "b", "c", "d"].map((c) => ({ ...ds.chains[0]!, id: c, masters: [] }));
    const found = checkDataset(ds).filter((f) => f.rule === "keyword-too-general");
    expect(found.length).toBe(4);
    expect(found[0]!.message).toContain("传感器");
  });
});

describe("targets on the shipped seed", () => {
  const ds = loadSeed("graph-seeds/jiaxing");
  const res = readMatchingResources();
  const g = useMatchingResources(buildGraph(ds), res);
  it("a covered segment can take a strong candidate, marked 强链 (strengthen)", () => {
    const rows = rankTargets(g, { chain: "pv", aim: "strengthen", top: 50 });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.gapFits.some((x) => x.aim === "strengthen"))).toBe(true);
    expect(rows.some((r) => r.evidence.some((e) => e.grade === "strong"))).toBe(true);
  });
  it("a code-only row gets evidence for the segments whose primary class it is, not every auto part", () => {
    const row = {
      id: "code-only",
      name: { zh: "某公司", aliases: [] },
      location: { country: "DE" },
      tags: [],
      products: [],
      codes: ["3670"],
      segments: [],
      sources: [],
    };
    const g2 = useMatchingResources(buildGraph({ ...ds, firms: [...ds.firms, row] }), res);
    const hits = rankTargets(g2, { chain: "nev", top: 500 }).find((r) => r.firm.id === "code-only");
    expect(hits).toBeDefined();
    const medium = hits!.evidence.filter((e) => e.grade === "medium").map((e) => e.segment);
    expect(medium.length).toBeGreaterThan(0);
    expect(medium.length).toBeLessThan(10);
  });
  it("a Fortune tag on a poor fit does not beat a good fit without one", () => {
    const poor = {
      id: "tagged-poor",
      name: { zh: "甲集团", aliases: [] },
      location: { country: "US" },
      tags: [{ list: "fortune-global-500", year: 2024, sources: [] }],
      products: [{ name: "汽车连接器", sources: [] }],
      segments: [],
      sources: [],
      codes: [],
    };
    const good = {
      id: "untagged-good",
      name: { zh: "乙公司", aliases: [] },
      location: { country: "CN" },
      tags: [],
      products: [
        { name: "光伏接线盒", sources: [] },
        { name: "光伏连接器", sources: [] },
      ],
      segments: [],
      sources: [],
      codes: [],
    };
    const g3 = useMatchingResources(
      buildGraph({ ...ds, firms: [...ds.firms, poor, good] } as typeof ds),
      res,
    );
    const rows = rankTargets(g3, { chain: "pv", gap: "pv-junction-box", top: 500 });
    const at = (id: string) => rows.findIndex((r) => r.firm.id === id);
    expect(at("untagged-good")).toBeGreaterThanOrEqual(0);
    expect(at("tagged-poor") < 0 || at("tagged-poor") > at("untagged-good")).toBe(true);
  });
  it("matchSegments finds the issue's examples on the shipped chains, in both languages", () => {
    expect(matchSegments(g, "optical transceiver")[0]!.segment).toBe("com-optical-modules");
    expect(matchSegments(g, "伺服驱动器")[0]!.segment).toBe("eq-servo");
    expect(matchSegments(g, "光伏壓延玻璃")[0]!.segment).toMatch(/pv-glass$/);
    expect(matchSegments(g, "ＴＯＰＣｏｎ電池片")[0]!.segment).toBe("pv-cell");
  });
  it("--aim takes only fill, strengthen or extend", () => {
    expect(() => rankTargets(g, { chain: "pv", aim: "grow" })).toThrow(/fill, strengthen or extend/);
  });
});

describe("ecomplexity's proximity and density on a 3-region × 3-product fixture", () => {
  // Worked by hand from the published formulas (py-ecomplexity calc_discrete_proximity / calc_density):
  // X = [[2,0,1],[1,1,0],[0,2,2]] → RCA = 3x/row → M = [[1,0,1],[1,1,0],[0,1,1]]; k = [2,2,2];
  // φ = C / max(k): 1 on the diagonal, 0.5 off it; ω(r0, p1) = (0.5 + 0.5) / 2 = 0.5, ω(r0, p0) = 1.5 / 2 = 0.75.
  const m = presence(
    rca([
      [2, 0, 1],
      [1, 1, 0],
      [0, 2, 2],
    ]),
  );
  it("presence", () =>
    expect(m).toEqual([
      [1, 0, 1],
      [1, 1, 0],
      [0, 1, 1],
    ]));
  it("proximity", () =>
    expect(proximity(m)).toEqual([
      [1, 0.5, 0.5],
      [0.5, 1, 0.5],
      [0.5, 0.5, 1],
    ]));
  it("density", () => {
    const d = density(m, proximity(m));
    expect(d[0]![1]).toBeCloseTo(0.5, 9);
    expect(d[0]![0]).toBeCloseTo(0.75, 9);
  });
  it("a product nobody reports is unknown (NaN), never 0", () => {
    expect(
      Number.isNaN(
        rca([
          [1, 0],
          [2, 0],
        ])[0]![1]!,
      ),
    ).toBe(true);
  });
});

describe("backtest --mode list on the shipped seed", () => {
  it("a re-entered row that keeps a curated link is reported as leakage", () => {
    const f = loadSeed("graph-seeds/jiaxing").firms.find((x) => x.id === "flat-glass")!;
    const row = { ...asListRow(f, "zh", new Map(), false), segments: f.segments };
    expect(rowLeaks(row, f, false).join(" ")).toContain("curated segment link");
    expect(rowLeaks(asListRow(f, "zh", new Map(), false), f, false)).toEqual([]);
  });
  it("re-enters every shipped firm as a row that carries no curator's link, note or inferred product", () => {
    const firms = loadSeed("graph-seeds/jiaxing").firms;
    const leaks = firms.flatMap((f) => rowLeaks(asListRow(f, "zh", new Map(), false), f, false));
    expect(leaks).toEqual([]);
    const noted = firms.find((f) => f.products.some((p) => p.note || p.inferred))!;
    const row = asListRow(noted, "zh", new Map(), false);
    expect(row.products.map((p) => p.name)).toEqual(
      noted.products.filter((p) => !p.inferred).map((p) => p.name),
    );
  });
  it("meets the issue's targets on a chain", () => {
    const ds = loadSeed("graph-seeds/jiaxing");
    const r = listBacktest(ds, { chain: "textiles" }, readMatchingResources(), readProductsEn());
    expect(r.overall.zh.queries).toBeGreaterThan(10);
    expect(r.overall.zh.hitRateAt10).toBeGreaterThanOrEqual(0.6);
    expect(r.overall.zh.hitRateAt10).toBeGreaterThanOrEqual(2 * r.baselines.revenue.hitRateAt10);
    expect(r.overall.en.hitRateAt10).toBeGreaterThanOrEqual(0.4);
  }, 60_000);
});

describe("the shipped vocabulary and crosswalks", () => {
  it("name only segments of the seed, and every file says where its words came from", () => {
    const ids = new Set(loadSeed("graph-seeds/jiaxing").segments.map((s) => s.id));
    const res = readMatchingResources();
    expect(res.vocabulary.length).toBeGreaterThan(100);
    expect(res.vocabulary.filter((v) => !ids.has(v.segment)).map((v) => v.segment)).toEqual([]);
    expect(res.crosswalks.flatMap((r) => r.segments).filter((s) => !ids.has(s))).toEqual([]);
    expect(res.classes.get("3825")?.name).toBe("光伏设备及元器件制造");
  });
  it("a crosswalk row must be sourced or assumed with a note", () => {
    expect(
      CrosswalkFile.safeParse({
        scheme: "fortune",
        origin: "x",
        rows: [{ industry: "Metals", segments: ["a"] }],
      }).success,
    ).toBe(false);
    expect(
      CrosswalkFile.safeParse({
        scheme: "gbt4754",
        origin: "x",
        rows: [{ industry: "Metals", segments: ["a"], assumed: true, note: "n" }],
      }).success,
    ).toBe(false);
  });
  it("a row with only a Fortune industry gets medium evidence for the row's few segments", () => {
    const ds = loadSeed("graph-seeds/jiaxing");
    const row = {
      id: "fortune-only",
      name: { zh: "甲公司", aliases: [] },
      location: { country: "US" },
      tags: [],
      products: [],
      codes: [],
      industry: "Motor Vehicles & Parts",
      segments: [],
      sources: [],
    };
    const g = useMatchingResources(buildGraph({ ...ds, firms: [...ds.firms, row] }), readMatchingResources());
    const hit = rankTargets(g, { chain: "nev", top: 1000 }).find((r) => r.firm.id === "fortune-only")!;
    expect(hit.evidence.every((e) => e.grade === "medium" && e.via === "crosswalk")).toBe(true);
    expect(hit.evidence[0]!.confidence).toBeCloseTo(0.7 / 4, 9);
    expect(
      hit.gaps.every((s) => ["nev-passenger", "nev-commercial", "nev-chassis", "nev-body"].includes(s)),
    ).toBe(true);
  });
});
