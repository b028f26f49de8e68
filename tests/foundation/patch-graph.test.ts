// A graph patched after one firm or tie is written reads exactly as a fresh build of the written dataset:
// the same nodes, edges and orders, and the same gaps and targets of every shipped chain.
import { describe, expect, it } from "vitest";
import { findGaps } from "../../src/analysis/gaps/find-gaps.ts";
import { useMatchingResources } from "../../src/analysis/matching/matching-resources.ts";
import { rankTargets } from "../../src/analysis/targets/rank-targets.ts";
import { type AtlasGraph, buildGraph, type GraphChange, patchGraph } from "../../src/graph/index.ts";
import { type Dataset, type Firm, isLocalFirm, type SupplyTie } from "../../src/model/index.ts";
import { loadSeed, readMatchingResources } from "../../src/seed/index.ts";
import { SHIPPED_SEED } from "../../src/store/index.ts";

const res = readMatchingResources();

/** Everything a reader of the graph can see, keys of edges aside (those are generated per graph). */
function shape(g: AtlasGraph) {
  const edge = (e: string) => [g.getEdgeAttributes(e), g.source(e), g.target(e)];
  return {
    nodes: g.mapNodes((k, a) => [k, a]),
    // Readers walk the edges of one kind at a time (the analysis index, the layout), so each kind's order counts.
    edges: g.reduceEdges(
      (by, e, a) => {
        by[a.kind] = [...(by[a.kind] ?? []), edge(e)];
        return by;
      },
      {} as Record<string, unknown[]>,
    ),
    out: g.mapNodes((k) => g.mapOutEdges(k, (e) => edge(e))),
    in: g.mapNodes((k) => g.mapInEdges(k, (e) => edge(e))),
  };
}

function answers(g: AtlasGraph, ds: Dataset) {
  return ds.chains.map((c) => [findGaps(g, { chain: c.id }), rankTargets(g, { chain: c.id, top: 1000 })]);
}

/** The dataset after one write, as the API's write applies it: in place, appended, or removed. */
function applied(ds: Dataset, change: GraphChange): Dataset {
  const list: Array<Firm | SupplyTie> = [...(change.kind === "firms" ? ds.firms : ds.ties)];
  const i = list.findIndex((e) => e.id === change.id);
  if (!change.after) list.splice(i, 1);
  else if (i < 0) list.push(change.after);
  else list[i] = change.after;
  return { ...ds, [change.kind]: list };
}

describe("patching the graph after a write", () => {
  it("keeps the graph and every chain's answers equal to a fresh build, firm and tie writes alike", () => {
    let ds = loadSeed(SHIPPED_SEED);
    const g = useMatchingResources(buildGraph(ds), res);
    answers(g, ds); // analyses kept for the graph before the writes must not survive them
    const local = ds.firms.find((f) => isLocalFirm(f) && f.segments.length > 0 && f.products.length > 0)!;
    const candidate = ds.firms.find((f) => !isLocalFirm(f) && f.segments.length > 0)!;
    const firm = (id: string) => ds.firms.find((f) => f.id === id)!;
    // A tie into a local firm from outside, filed under a segment: what the gaps weigh as sourced from outside.
    const tie = ds.ties.find(
      (t) =>
        t.segment !== undefined &&
        t.share === undefined &&
        isLocalFirm(firm(t.customer)) &&
        !isLocalFirm(firm(t.supplier)),
    )!;
    const fresh: Firm = {
      ...candidate,
      id: "test-patch-new-firm",
      name: { zh: "补丁测试企业", en: "Patch test firm", aliases: [] },
      segments: candidate.segments.map((l) => ({ ...l, grade: "strong" as const, confidence: 0.9 })),
    };
    const freshTie: SupplyTie = { ...tie, id: "test-patch-new-tie", supplier: fresh.id };
    const changes: GraphChange[] = [
      {
        kind: "firms",
        id: local.id,
        after: { ...local, products: [...local.products, { name: "补丁测试产品", sources: [] }] },
      },
      {
        kind: "firms",
        id: candidate.id,
        after: { ...candidate, segments: candidate.segments.map((l) => ({ ...l, grade: "weak" as const })) },
      },
      { kind: "firms", id: fresh.id, after: fresh },
      { kind: "ties", id: freshTie.id, after: freshTie },
      { kind: "ties", id: tie.id, after: { ...tie, share: 0.5 } },
      { kind: "ties", id: tie.id, after: undefined },
      { kind: "ties", id: freshTie.id, after: undefined },
      { kind: "firms", id: fresh.id, after: undefined },
    ];
    let before = answers(g, ds);
    const moved: string[] = [];
    for (const change of changes) {
      ds = applied(ds, change);
      expect(patchGraph(g, change), `${change.kind} ${change.id}`).toBe(true);
      const built = useMatchingResources(buildGraph(ds), res);
      expect(shape(g), `${change.kind} ${change.id}`).toEqual(shape(built));
      const after = answers(g, ds);
      expect(after, `${change.kind} ${change.id}`).toEqual(answers(built, ds));
      if (JSON.stringify(after) !== JSON.stringify(before)) moved.push(`${change.kind} ${change.id}`);
      before = after;
    }
    // The writes were felt: the new strong candidate, its tie and the tie's share each change some answer.
    expect(moved).toEqual(
      expect.arrayContaining([`firms ${fresh.id}`, `ties ${freshTie.id}`, `ties ${tie.id}`]),
    );
  }, 120_000);

  it("refuses, leaving the graph as it was, a firm moved to other segments or region and a tie moved to other firms", () => {
    const ds = loadSeed(SHIPPED_SEED);
    const g = buildGraph(ds);
    const was = shape(g);
    const firm = ds.firms.find((f) => isLocalFirm(f) && f.segments.length > 0)!;
    const other = ds.segments.find((s) => !firm.segments.some((l) => l.segment === s.id))!;
    const region = ds.regions.find((r) => r.id !== firm.location.region)!;
    const tie = ds.ties[0]!;
    const supplier = ds.firms.find((f) => f.id !== tie.supplier && f.id !== tie.customer)!;
    const refused: GraphChange[] = [
      {
        kind: "firms",
        id: firm.id,
        after: { ...firm, segments: [{ ...firm.segments[0]!, segment: other.id }] },
      },
      {
        kind: "firms",
        id: firm.id,
        after: { ...firm, segments: [...firm.segments, { ...firm.segments[0]!, segment: other.id }] },
      },
      { kind: "firms", id: firm.id, after: { ...firm, location: { ...firm.location, region: region.id } } },
      { kind: "ties", id: tie.id, after: { ...tie, supplier: supplier.id } },
    ];
    for (const change of refused) {
      expect(patchGraph(g, change), `${change.kind} ${change.id}`).toBe(false);
      expect(shape(g)).toEqual(was);
    }
  });
});
