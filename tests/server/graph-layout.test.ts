// The map's layout: deterministic, every node placed, each chain in its own part of the picture, and computed
// off the main thread (the event loop keeps turning while a large map is laid out).
import { describe, expect, it } from "vitest";
import { generateSynthetic } from "../../scripts/synthetic/generate.ts";
import { findGaps } from "../../src/analysis/index.ts";
import { buildGraph, chainsOf } from "../../src/graph/index.ts";
import { graphLayout, layoutSteps } from "../../src/server/outputs/graph-layout.ts";

const g = buildGraph(generateSynthetic({ firms: 3_000, ties: 4_000, chains: 4 }));
const chains = chainsOf(g).map((c) => c.id);
const status = new Map(
  chains.flatMap((c) => findGaps(g, { chain: c }).findings.map((f) => [f.segment.id, f.kind] as const)),
);

describe("graph layout", () => {
  it("places every node, the same way twice, off the main thread", async () => {
    let ticks = 0;
    let spinning = true;
    const spin = () => {
      ticks += 1;
      if (spinning) setTimeout(spin, 1);
    };
    spin();
    const t0 = Date.now();
    const a = await graphLayout(g, chains, status, 80);
    const took = Date.now() - t0;
    spinning = false;
    // A layout on the main thread would let no timer run until it returned.
    expect(ticks).toBeGreaterThan(Math.min(20, took / 20));
    expect(a.nodes.length).toBeGreaterThan(3_000);
    expect(a.nodes.every((n) => Number.isFinite(n.x) && Number.isFinite(n.y))).toBe(true);
    const b = await graphLayout(g, chains, status, 80);
    expect(b).toEqual(a);
  });

  it("keeps each chain's segments together, apart from the other chains", async () => {
    const { nodes } = await graphLayout(g, chains, status, 80);
    const segs = nodes.filter((n) => n.kind === "segment");
    const chainOfSeg = new Map(
      chains.flatMap((c) =>
        g.filterNodes((_, a) => a.kind === "segment" && a.segment.chain === c).map((k) => [k, c]),
      ),
    );
    const centre = new Map<string, { x: number; y: number; n: number }>();
    for (const s of segs) {
      const c = chainOfSeg.get(s.key)!;
      const m = centre.get(c) ?? { x: 0, y: 0, n: 0 };
      centre.set(c, { x: m.x + s.x, y: m.y + s.y, n: m.n + 1 });
    }
    // Each segment is nearer its own chain's centre than the average distance to the other chains' centres.
    let nearer = 0;
    for (const s of segs) {
      const dist = (c: string) => {
        const m = centre.get(c)!;
        return Math.hypot(s.x - m.x / m.n, s.y - m.y / m.n);
      };
      const own = dist(chainOfSeg.get(s.key)!);
      const others = chains.filter((c) => c !== chainOfSeg.get(s.key)).map(dist);
      if (own < others.reduce((x, y) => x + y, 0) / others.length) nearer += 1;
    }
    expect(nearer / segs.length).toBeGreaterThan(0.8);
  });

  it("takes fewer steps as the map grows, never below 20", () => {
    expect(layoutSteps(500, 150)).toBe(150);
    expect(layoutSteps(20_000, 80)).toBe(20);
    expect(layoutSteps(4_000, 80)).toBe(40);
  });
});
