// The fishbone's marks say what they mean: single source in legend and tooltip, parents by their worst child, master levels.
import { describe, expect, it } from "vitest";
import { findGaps } from "../../src/analysis/gaps/find-gaps.ts";
import { buildGraph } from "../../src/graph/index.ts";
import { Dataset } from "../../src/model/index.ts";
import { fishboneInputOf } from "../../src/render/fishbone/fishbone-input.ts";
import { renderFishboneSvg } from "../../src/render/fishbone/fishbone-svg.ts";
import { PLANTED_INPUT } from "../fixtures/analysis/planted.ts";
import { smallChain } from "./fishbone-fixtures.ts";

const link = (segment: string) => ({
  segment,
  grade: "strong",
  basis: "observed",
  confidence: 0.9,
  sources: ["src-demo"],
});

/** The planted chain with modules (d) split into a covered and a missing sub-segment, and leveled masters. */
function plantedWithSubs() {
  return buildGraph(
    Dataset.parse({
      ...PLANTED_INPUT,
      chains: [
        {
          id: "demo",
          name: { zh: "示例光伏链" },
          masters: [{ firm: "l1", level: "county", issuer: "桐乡经济开发区", sources: ["src-demo"] }],
        },
      ],
      segments: [
        ...PLANTED_INPUT.segments,
        {
          id: "d1",
          chain: "demo",
          parent: "d",
          name: { zh: "组件边框" },
          stage: "downstream",
          keywords: [],
          codes: [],
        },
        {
          id: "d2",
          chain: "demo",
          parent: "d",
          name: { zh: "接线盒" },
          stage: "downstream",
          keywords: [],
          codes: [],
        },
      ],
      firms: PLANTED_INPUT.firms.map((f) =>
        f.id === "l2" ? { ...f, segments: [...f.segments, link("d1")] } : f,
      ),
    }),
  );
}

describe("fishbone marks", () => {
  it("draws a covered parent with a missing sub-segment as missing, noting the mix", () => {
    const g = plantedWithSubs();
    const input = fishboneInputOf(g, "demo", { date: "2026-12-01", gaps: findGaps(g, { chain: "demo" }) });
    const d = input.segments.find((s) => s.id === "d")!;
    expect(d.gap).toBe("missing");
    expect(d.mixed).toEqual({ missing: 1, covered: 1 });
    const svg = renderFishboneSvg(input);
    expect(svg).toContain("子环节：缺链 1、已覆盖 1");
    expect(svg).toContain("含子环节的环节按子环节中最差的状态标注");
  });

  it("explains single source in the legend and in the card's tooltip", () => {
    const g = plantedWithSubs();
    const input = fishboneInputOf(g, "demo", { date: "2026-12-01", gaps: findGaps(g, { chain: "demo" }) });
    const c = input.segments.find((s) => s.id === "c")!;
    expect(c.gap).toBe("single-source");
    const svg = renderFishboneSvg(input);
    expect(svg).toContain("单一来源：本地企业所需供应只来自一家供应商");
    expect(svg).toMatch(
      /<rect [^>]*><title>单一来源：本地企业所需的已观测供应只来自一家供应商（不论本地有几家同类企业）。封装胶膜：/,
    );
  });

  it("names each chain master's level and issuer in the legend, and an assumed one as such", () => {
    const g = plantedWithSubs();
    const svg = renderFishboneSvg(fishboneInputOf(g, "demo", { date: "2026-12-01" }));
    expect(svg).toContain("链主认定：★本地组件一：县级链主型企业（桐乡经济开发区）");
    const assumed = renderFishboneSvg(
      smallChain({ masters: [{ name: { zh: "链主集团" }, level: "assumed" }] }),
    );
    expect(assumed).toContain("★链主集团：链主（演示假设，无公开认定）");
    const en = renderFishboneSvg(
      smallChain({
        lang: "en",
        masters: [{ name: { zh: "链主集团", en: "Master Group" }, level: "city", issuer: "Jiaxing" }],
      }),
    );
    expect(en).toContain("★Master Group: city-level chain master (Jiaxing)");
  });
});
