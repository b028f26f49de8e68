// Fishbone inputs for tests: a small hand-made chain, and a SYNTHETIC chain of any size (no real facts).
import type { GapKind } from "../../src/analysis/gaps/gap-finding.ts";
import type {
  FishboneFirm,
  FishboneInput,
  FishboneSegment,
} from "../../src/render/fishbone/fishbone-input.ts";

const firm = (id: string, zh: string, master = false, en?: string): FishboneFirm => ({
  id,
  name: { zh, ...(en ? { en } : {}) },
  master,
});

/** A small chain with every gap kind, a chain master, a sub-segment, targets and a hostile firm name. */
export function smallChain(overrides: Partial<FishboneInput> = {}): FishboneInput {
  const seg = (
    id: string,
    zh: string,
    stage: FishboneSegment["stage"],
    gap: GapKind,
    firms: FishboneFirm[] = [],
    extra: Partial<FishboneSegment> = {},
  ): FishboneSegment => ({
    id,
    name: { zh, en: `Segment ${id}` },
    stage,
    gap,
    firms,
    targets: [],
    ...extra,
  });
  return {
    lang: "zh",
    chain: { id: "demo", name: { zh: "示例产业链", en: "Demo chain" } },
    title: "示例市示例产业链鱼骨图",
    date: "2026-12-01",
    source: "数据来源：测试用示例数据（非真实）。",
    gapAnalysis: true,
    segments: [
      seg("raw", "原材料", "upstream", "missing", [], {
        targets: [firm("t1", "目标甲公司"), firm("t2", "目标乙公司")],
      }),
      seg("equip", "装备", "upstream", "single-source", [firm("f1", "装备一号")]),
      seg("parts", "零部件", "midstream", "covered", [firm("m1", "链主集团", true), firm("f2", "零件二号")]),
      seg("parts-a", "零部件甲", "midstream", "weak", [firm("f3", "零件三号")], {
        parent: "parts",
        targets: [firm("t3", "目标丙公司")],
      }),
      seg("parts-b", "零部件乙", "midstream", "external", [firm("x", '<script>&"', false, '<script>&"')], {
        parent: "parts",
      }),
      seg(
        "apps",
        "应用",
        "downstream",
        "covered",
        Array.from({ length: 14 }, (_, i) => firm(`a${i}`, `应用企业${i + 1}号`)),
      ),
    ],
    ...overrides,
  };
}

const KINDS: GapKind[] = ["covered", "missing", "weak", "external", "single-source", "covered"];

/** A SYNTHETIC chain of `segments` segments (a third of them sub-segments) and `firms` local firms. */
export function syntheticChain(segments: number, firms: number): FishboneInput {
  const stages = ["upstream", "midstream", "downstream"] as const;
  const segs: FishboneSegment[] = [];
  let parent: string | undefined;
  for (let i = 0; i < segments; i++) {
    const stage = stages[Math.min(2, Math.floor((i * 3) / segments))]!;
    const isSub = i % 3 !== 0 && parent !== undefined && segs.find((s) => s.id === parent)?.stage === stage;
    const id = `syn-${i}`;
    segs.push({
      id,
      name: {
        zh: `合成环节${i}${i % 4 === 0 ? "（含较长的名称用于测试换行）" : ""}`,
        en: `SYNTHETIC segment ${i}`,
      },
      stage,
      ...(isSub ? { parent } : {}),
      gap: KINDS[i % KINDS.length]!,
      firms: [],
      targets:
        i % 5 === 1
          ? [
              firm(`syn-t${i}a`, `合成目标企业${i}甲`),
              firm(`syn-t${i}b`, "合成目标企业乙"),
              firm(`syn-t${i}c`, "丙"),
            ]
          : [],
    });
    if (!isSub) parent = id;
  }
  // Firms land unevenly: every fourth segment gets many, so lists collapse.
  const present = segs.filter((s) => s.gap !== "missing");
  for (let f = 0; f < firms; f++) {
    const s = present[f % 4 === 0 ? (f * 4) % present.length : (f * 13) % present.length]!;
    s.firms.push(
      firm(
        `syn-f${f}`,
        `合成企业${f}${f % 9 === 0 ? "新材料科技股份" : ""}`,
        f % 37 === 0,
        `SYNTHETIC firm ${f}`,
      ),
    );
  }
  return {
    lang: "zh",
    chain: { id: "syn", name: { zh: "合成测试产业链", en: "SYNTHETIC chain" } },
    title: "合成测试产业链鱼骨图（SYNTHETIC）",
    date: "2026-12-01",
    source: "数据来源：测试生成的合成数据（SYNTHETIC，非真实企业）。",
    gapAnalysis: true,
    segments: segs,
  };
}
