// The fishbone layout never lets two labels, two cards, or a bone and a label collide — on real and large chains.
import { describe, expect, it } from "vitest";
import { buildGraph, chainsOf, segmentsOfChain } from "../../src/graph/index.ts";
import { fishboneInputOf } from "../../src/render/fishbone/fishbone-input.ts";
import { layoutFishbone } from "../../src/render/fishbone/fishbone-layout.ts";
import { smallChain, syntheticChain } from "./fishbone-fixtures.ts";
import { collisions } from "./overlap.ts";
import { shippedSeed } from "./seed-chains.ts";

const ds = shippedSeed();
const g = buildGraph(ds);
const chains = chainsOf(g);

/** Targets for every segment, so gap bones carry their target lists too. */
function someTargets(chainId: string) {
  const firms = ds.firms.filter((f) => !f.location.region).slice(0, 3);
  return new Map(
    segmentsOfChain(g, chainId).map((s) => [s.id, firms.map((f) => ({ firm: { id: f.id, name: f.name } }))]),
  );
}

describe("the fishbone layout", () => {
  it("finds chains in the shipped seed", () => {
    expect(chains.length).toBeGreaterThan(0);
  });

  for (const chain of chains)
    for (const lang of ["zh", "en"] as const)
      it(`overlaps nothing for the shipped chain ${chain.id} (${lang}, with targets)`, () => {
        const input = fishboneInputOf(g, chain.id, {
          lang,
          date: "2026-12-01",
          city: ds.region.name,
          targets: someTargets(chain.id),
        });
        // Without gap analysis only missing segments show targets; mark every segment weak to draw them all.
        for (const s of input.segments) if (s.gap === "covered" && s.firms.length > 0) s.gap = "weak";
        expect(collisions(layoutFishbone(input))).toEqual([]);
      });

  it("overlaps nothing for a SYNTHETIC chain of 40 segments and 300 firms", () => {
    const input = syntheticChain(40, 300);
    expect(input.segments).toHaveLength(40);
    expect(new Set(input.segments.flatMap((s) => s.firms.map((f) => f.id))).size).toBe(300);
    const layout = layoutFishbone(input);
    expect(layout.labels.length).toBeGreaterThan(100);
    expect(collisions(layout)).toEqual([]);
    expect(collisions(layoutFishbone({ ...input, lang: "en" }))).toEqual([]);
  });

  it("grows the canvas with the chain instead of squeezing it", () => {
    const small = layoutFishbone(syntheticChain(6, 20));
    const large = layoutFishbone(syntheticChain(40, 300));
    expect(large.width * large.height).toBeGreaterThan(2 * small.width * small.height);
  });

  it("collapses a long firm list to the first few and …等N家", () => {
    const layout = layoutFishbone(smallChain());
    const firmsText = layout.labels
      .filter((l) => l.role === "firms")
      .map((l) => l.runs.map((r) => r.text).join(""));
    expect(firmsText.join("")).toContain("…等14家");
    expect(firmsText.join("")).not.toContain("应用企业14号");
  });

  it("puts each segment's gap mark on its card and marks targets as targets", () => {
    const layout = layoutFishbone(smallChain());
    const marks = layout.labels.filter((l) => l.role === "mark").map((l) => l.runs[0]!.text);
    for (const m of ["缺", "弱", "外", "单"]) expect(marks).toContain(m);
    const targets = layout.labels
      .filter((l) => l.role === "target")
      .map((l) => l.runs.map((r) => r.text).join(""));
    expect(targets).toEqual(expect.arrayContaining(["招引目标", "◎ 目标甲公司", "◎ 目标丙公司"]));
  });

  it("draws the stages on the spine and the chain's name in the head", () => {
    const layout = layoutFishbone(smallChain());
    expect(layout.labels.filter((l) => l.role === "stage").map((l) => l.runs[0]!.text)).toEqual([
      "上游",
      "中游",
      "下游",
    ]);
    expect(layout.labels.find((l) => l.role === "head")?.runs[0]?.text).toBe("示例产业链");
    const stage = (t: string) => layout.labels.find((l) => l.runs[0]?.text === t)!.box.x;
    expect(stage("上游")).toBeLessThan(stage("中游"));
    expect(stage("中游")).toBeLessThan(stage("下游"));
  });
});

describe("the collision check itself", () => {
  it("flags a label moved onto another, and a bone drawn through a label", () => {
    const layout = layoutFishbone(smallChain());
    const [a, b] = layout.labels.filter((l) => l.role === "segment");
    const moved = { ...layout, labels: [...layout.labels, { ...b!, box: { ...a!.box } }] };
    expect(collisions(moved).some((c) => c.includes("overlaps"))).toBe(true);
    const box = a!.box;
    const crossed = {
      ...layout,
      bones: [
        ...layout.bones,
        { x1: box.x - 5, y1: box.y - 5, x2: box.x + box.w + 5, y2: box.y + box.h + 5, width: 1 },
      ],
    };
    expect(collisions(crossed).some((c) => c.includes("bone crosses"))).toBe(true);
  });
});
