// The fishbone input builder reads the graph, and the gap analysis and targets when it has them.
import { describe, expect, it } from "vitest";
import { findGaps } from "../../src/analysis/gaps/find-gaps.ts";
import type { ChainGaps, GapKind } from "../../src/analysis/gaps/gap-finding.ts";
import { buildGraph } from "../../src/graph/index.ts";
import { fishboneInputOf, shortFirmName } from "../../src/render/fishbone/fishbone-input.ts";
import { loadSeed } from "../../src/seed/index.ts";
import { DEMO_SEED } from "../helpers/seed-files.ts";

const g = buildGraph(loadSeed(DEMO_SEED));
/** The real gap analysis of the demo chain, with one finding's kind set by the test. */
function gapsWith(kind: GapKind): ChainGaps {
  const gaps = findGaps(g, { chain: "pv" });
  return { ...gaps, findings: gaps.findings.map((f) => (f.segment.id === "pv-module" ? { ...f, kind } : f)) };
}

describe("the fishbone input", () => {
  it("without gap analysis, marks segments with no local firm missing and the rest covered", () => {
    const input = fishboneInputOf(g, "pv", { date: "2026-12-01" });
    expect(input.gapAnalysis).toBe(false);
    expect(input.segments.map((s) => [s.id, s.gap])).toEqual([
      ["pv-glass", "missing"],
      ["pv-module", "covered"],
    ]);
    expect(input.segments[1]!.firms).toEqual([
      { id: "sun-modules", name: { zh: "示例组件", en: "Sun Modules" }, master: true },
    ]);
  });

  it("takes each segment's kind from the findings and up to three targets for gap segments only", () => {
    const gaps = gapsWith("single-source");
    const t = (id: string) => ({ firm: { id, name: { zh: id } } });
    const targets = new Map([
      ["pv-glass", [t("a"), t("b"), t("c"), t("d")]],
      ["pv-module", [t("e")]],
    ]);
    const input = fishboneInputOf(g, "pv", { date: "2026-12-01", gaps, targets });
    expect(input.gapAnalysis).toBe(true);
    expect(input.segments.map((s) => s.gap)).toEqual(["missing", "single-source"]);
    expect(input.segments[0]!.targets.map((x) => x.id)).toEqual(["a", "b", "c"]);
    expect(input.segments[1]!.targets.map((x) => x.id)).toEqual(["e"]);
    const covered = fishboneInputOf(g, "pv", { date: "2026-12-01", gaps: gapsWith("covered"), targets });
    expect(covered.segments[1]!.targets).toEqual([]);
  });

  it("titles the drawing with the city and the chain, and cites the sources it draws from", () => {
    const input = fishboneInputOf(g, "pv", { date: "2026-12-01", city: { zh: "示例市", en: "Demo City" } });
    expect(input.title).toBe("示例市光伏新能源产业链鱼骨图");
    expect(input.source).toContain("引用公开资料 1 份");
    expect(fishboneInputOf(g, "pv", { date: "2026-12-01", lang: "en" }).source).toMatch(/^Source:/);
  });

  it("refuses an unknown chain, naming it", () => {
    expect(() => fishboneInputOf(g, "nope", { date: "2026-12-01" })).toThrow(/chain "nope"/);
  });

  it("shortens firm names: legal form, place names and abbreviating aliases", () => {
    const name = (zh: string, aliases: string[] = [], en?: string) => ({
      name: { zh, aliases, ...(en ? { en } : {}) },
    });
    expect(shortFirmName(name("浙江晶科能源有限公司"), ["浙江"]).zh).toBe("晶科能源");
    expect(shortFirmName(name("采埃孚传动技术（嘉兴）有限公司"), ["嘉兴"]).zh).toBe("采埃孚传动技术");
    expect(shortFirmName(name("斯达半导体股份有限公司", ["斯达半导", "旧名称公司"])).zh).toBe("斯达半导");
    expect(shortFirmName(name("嘉兴", []), ["嘉兴"]).zh).toBe("嘉兴");
    expect(shortFirmName(name("某公司", [], "Acme Co., Ltd.")).en).toBe("Acme");
  });
});
