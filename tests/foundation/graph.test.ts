// The graph built from a dataset answers the typed questions the analysis asks.
import { describe, expect, it } from "vitest";
import { summarizeChains } from "../../src/analysis/summary/chain-summary.ts";
import {
  buildGraph,
  customersOf,
  firmsOfSegment,
  leadsOfChain,
  localFirmsOfSegment,
  mastersOfChain,
  segmentsOfChain,
  suppliersOf,
} from "../../src/graph/index.ts";
import type { Dataset, Segment } from "../../src/model/index.ts";
import { loadSeed } from "../../src/seed/index.ts";
import { DEMO_SEED } from "../helpers/seed-files.ts";

const seg = (id: string, stage: Segment["stage"], extra: Partial<Segment> = {}): Segment => ({
  id,
  chain: "c",
  name: { zh: id },
  stage,
  keywords: [],
  codes: [],
  weight: 1,
  sources: [],
  ...extra,
});

describe("the graph", () => {
  it("lists a chain's segments upstream first, ordered, each followed by its sub-segments", () => {
    const ds = loadSeed(DEMO_SEED);
    const tree: Dataset = {
      ...ds,
      chains: [{ id: "c", name: { zh: "链" }, masters: [], sources: [] }],
      segments: [
        seg("down", "downstream"),
        seg("mid-b", "midstream", { order: 2 }),
        seg("mid-a", "midstream", { order: 1 }),
        seg("mid-a-2", "midstream", { parent: "mid-a", order: 2 }),
        seg("mid-a-1", "midstream", { parent: "mid-a", order: 1 }),
        seg("up", "upstream"),
      ],
      feeds: [],
      firms: [],
      ties: [],
    };
    expect(segmentsOfChain(buildGraph(tree), "c").map((s) => s.id)).toEqual([
      "up",
      "mid-a",
      "mid-a-1",
      "mid-a-2",
      "mid-b",
      "down",
    ]);
  });

  it("tells local firms from candidates in a segment, and follows supply ties both ways", () => {
    const g = buildGraph(loadSeed(DEMO_SEED));
    expect(firmsOfSegment(g, "pv-glass").map((f) => [f.firm.id, f.local, f.link.grade])).toEqual([
      ["glass-co", false, "strong"],
    ]);
    expect(localFirmsOfSegment(g, "pv-glass")).toEqual([]);
    expect(localFirmsOfSegment(g, "pv-module").map((f) => f.firm.id)).toEqual(["sun-modules"]);
    expect(suppliersOf(g, "sun-modules").map((p) => [p.firm.id, p.local, p.tie.product])).toEqual([
      ["glass-co", false, "光伏玻璃"],
    ]);
    expect(customersOf(g, "glass-co").map((p) => p.firm.id)).toEqual(["sun-modules"]);
    expect(mastersOfChain(g, "pv")).toEqual(["sun-modules"]);
    expect(leadsOfChain(g, "pv")).toEqual([]);
  });
});

describe("the chain summary", () => {
  it("counts the chain's stages, local firms, candidates and every tie that concerns it", () => {
    const ds = loadSeed(DEMO_SEED);
    // A local firm selling to a firm outside the chain concerns the chain too.
    ds.firms.push({
      ...structuredClone(ds.firms[1]!),
      id: "buyer",
      name: { zh: "外地买家", aliases: [] },
      segments: [],
    });
    ds.ties.push({
      ...ds.ties[0]!,
      id: "sun-to-buyer",
      supplier: "sun-modules",
      customer: "buyer",
      segment: undefined,
    });
    ds.ties.push({
      ...ds.ties[0]!,
      id: "unrelated",
      supplier: "buyer",
      customer: "glass-co",
      segment: undefined,
    });
    const [pv] = summarizeChains(buildGraph(ds));
    expect(pv).toMatchObject({ id: "pv", segments: 2, localFirms: 1, candidateFirms: 1, supplyTies: 2 });
    expect(pv!.stages).toEqual({ upstream: 1, midstream: 1, downstream: 0 });
  });
});
