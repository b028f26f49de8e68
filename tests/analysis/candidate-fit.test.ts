import { describe, expect, it } from "vitest";
import { generateSynthetic } from "../../scripts/synthetic/generate.ts";
import { analysisIndex } from "../../src/analysis/core/analysis-index.ts";
import { useMatchingResources } from "../../src/analysis/matching/matching-resources.ts";
import { candidateFits } from "../../src/analysis/targets/candidate-fit.ts";
import { buildGraph } from "../../src/graph/index.ts";
import type { Dataset } from "../../src/model/index.ts";
import { loadSeed, readMatchingResources } from "../../src/seed/index.ts";

const res = readMatchingResources();
const graphOf = (ds: Dataset) => useMatchingResources(buildGraph(ds), res);

/** The fits built for only some segments equal the same segments' fits in a build of every segment. */
function expectSameAsWhole(ds: Dataset, chains: ReadonlyArray<string>) {
  const whole = candidateFits(graphOf(ds));
  const g = graphOf(ds);
  const ix = analysisIndex(g);
  const asked = new Set<number>();
  for (const chain of chains) {
    const segs = ix.segments.flatMap((s, i) => (s.chain === chain ? [i] : []));
    for (const s of segs) asked.add(s);
    // One chain at a time on the same graph, as a portfolio or a backtest asks.
    const part = candidateFits(g, segs);
    for (const s of segs) expect(part[s], ix.segments[s]!.id).toEqual(whole[s]);
  }
  const part = candidateFits(g, []);
  let skipped = 0;
  ix.segments.forEach((seg, s) => {
    if (asked.has(s)) return;
    // Not asked for: left empty (a province's other chains cost nothing), where the whole build has fits.
    expect(part[s], seg.id).toEqual([]);
    if (whole[s]!.length > 0) skipped++;
  });
  return { whole, skipped };
}

describe("candidate fits built per segment", () => {
  it("equal the whole build on every shipped chain, asked for one chain at a time", () => {
    const ds = loadSeed("graph-seeds/jiaxing");
    const { whole } = expectSameAsWhole(
      ds,
      ds.chains.map((c) => c.id),
    );
    expect(whole.some((list) => list.length > 0)).toBe(true);
  });

  it("equal the whole build on a SYNTHETIC province, and leave the chains not asked for unbuilt", () => {
    const ds = generateSynthetic({ seed: 11, chains: 8, firms: 3_000, ties: 12_000 });
    const { skipped } = expectSameAsWhole(ds, ["syn-c0", "syn-c3"]);
    expect(skipped).toBeGreaterThan(0);
  });
});
