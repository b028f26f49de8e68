// The map as nodes and edges with positions for the web's graph view: segments and firms of a chain (or all
// chains), laid out once by ForceAtlas2 on a worker thread from a structured, seeded start (each chain a
// sector, its segments from upstream outwards, firms beside their segment), so the same data gives the same
// picture, a large map needs few steps, and the API answers other requests meanwhile.
import { DirectedGraph } from "graphology";
import type { GapKind } from "../../analysis/index.ts";
import { type AtlasGraph, key } from "../../graph/index.ts";
import { forceAtlas2OffThread } from "./layout-thread.ts";

export interface LayoutNode {
  key: string;
  kind: "segment" | "firm";
  label: string;
  x: number;
  y: number;
  size: number;
  color: string;
  status?: GapKind;
  local?: boolean;
  tags?: string[];
  region?: string;
}

export interface LayoutEdge {
  key: string;
  source: string;
  target: string;
  kind: "FEEDS" | "IN_SEGMENT" | "SUPPLIES";
}

const STATUS_COLOR: Record<GapKind, string> = {
  missing: "#d62728",
  weak: "#ff7f0e",
  external: "#bcbd22",
  "single-source": "#9467bd",
  covered: "#2ca02c",
};

/** A small deterministic generator (mulberry32) for the start positions. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STAGE_RANK = { upstream: 0, midstream: 1, downstream: 2 } as const;

/**
 * ForceAtlas2 steps for a map of `order` nodes: the full count up to 2,000 nodes, then fewer as the map grows
 * (each step costs about n log n and the structured start is already close), never below 20.
 */
export function layoutSteps(order: number, iterations: number): number {
  return order <= 2000 ? iterations : Math.max(20, Math.round((iterations * 2000) / order));
}

export async function graphLayout(
  g: AtlasGraph,
  chains: ReadonlyArray<string>,
  status: ReadonlyMap<string, GapKind>,
  iterations = 150,
): Promise<{ nodes: LayoutNode[]; edges: LayoutEdge[] }> {
  const view = new DirectedGraph<Omit<LayoutNode, "key">>();
  const rnd = seeded(1);
  const wanted = new Set(chains);
  // Each chain a sector of the circle; its segments from upstream (inside) to downstream (outside).
  const sector = new Map(chains.map((c, i) => [c, (2 * Math.PI * i) / Math.max(1, chains.length)]));
  const perChain = new Map<string, number>();
  const anchor = new Map<string, { x: number; y: number; spread: number }>();
  const segments: Array<{ k: string; chain: string; rank: number; order: number }> = [];
  g.forEachNode((k, a) => {
    if (a.kind !== "segment" || !wanted.has(a.segment.chain)) return;
    segments.push({
      k,
      chain: a.segment.chain,
      rank: STAGE_RANK[a.segment.stage],
      order: a.segment.order ?? 0,
    });
  });
  segments.sort((p, q) => p.rank - q.rank || p.order - q.order);
  const add = (k: string, attrs: Omit<LayoutNode, "key" | "x" | "y" | "size">, x: number, y: number) => {
    if (!view.hasNode(k)) view.addNode(k, { ...attrs, x, y, size: 1 });
  };
  for (const s of segments) {
    const a = g.getNodeAttributes(s.k);
    if (a.kind !== "segment") continue;
    const n = perChain.get(s.chain) ?? 0;
    perChain.set(s.chain, n + 1);
    const angle = (sector.get(s.chain) ?? 0) + (n % 3) * 0.12 - 0.12;
    const radius = 20 + s.rank * 30 + n * 4;
    const x = radius * Math.cos(angle);
    const y = radius * Math.sin(angle);
    anchor.set(s.k, { x, y, spread: 4 });
    const st = status.get(a.segment.id);
    add(
      s.k,
      {
        kind: "segment",
        label: a.segment.name.zh,
        color: st ? STATUS_COLOR[st] : "#1f77b4",
        ...(st ? { status: st } : {}),
      },
      x,
      y,
    );
  }
  const edges: LayoutEdge[] = [];
  const linked = new Set<string>();
  g.forEachEdge((_e, a, source, target) => {
    if (a.kind === "IN_SEGMENT" && view.hasNode(target)) {
      const f = g.getNodeAttributes(source);
      if (f.kind !== "firm") return;
      const at = anchor.get(target)!;
      const r = at.spread * Math.sqrt(rnd());
      const t = 2 * Math.PI * rnd();
      add(
        source,
        {
          kind: "firm",
          label: f.firm.name.zh,
          color: f.local ? "#17becf" : "#7f7f7f",
          local: f.local,
          tags: [...new Set(f.firm.tags.map((t) => t.list))],
          ...(f.firm.location.region ? { region: f.firm.location.region } : {}),
        },
        at.x + r * Math.cos(t),
        at.y + r * Math.sin(t),
      );
      // A firm linked twice to one segment (two products) is one edge.
      const key = `in:${source}>${target}`;
      if (!linked.has(key)) edges.push({ key, source, target, kind: "IN_SEGMENT" });
      linked.add(key);
    } else if (a.kind === "FEEDS" && view.hasNode(source) && view.hasNode(target))
      edges.push({ key: `feeds:${source}>${target}`, source, target, kind: "FEEDS" });
  });
  // Edge keys name what the edge is (a graph's own keys number its edges: a chain's subgraph numbers them apart).
  g.forEachEdge((_e, a, source, target) => {
    if (a.kind === "SUPPLIES" && view.hasNode(source) && view.hasNode(target))
      edges.push({ key: `tie:${a.tie.id}`, source, target, kind: "SUPPLIES" });
  });
  const keys = view.nodes();
  const index = new Map(keys.map((k, i) => [k, i]));
  const degree = new Uint32Array(keys.length);
  const pairs = new Uint32Array(edges.length * 2);
  const seen = new Set<string>();
  let m = 0;
  for (const e of edges) {
    const s = index.get(e.source)!;
    const t = index.get(e.target)!;
    const id = `${s}>${t}`;
    if (seen.has(id)) continue;
    seen.add(id);
    pairs[m++] = s;
    pairs[m++] = t;
    degree[s]! += 1;
    degree[t]! += 1;
  }
  const xy = new Float64Array(keys.length * 2);
  keys.forEach((k, i) => {
    const a = view.getNodeAttributes(k);
    xy[2 * i] = a.x;
    xy[2 * i + 1] = a.y;
  });
  const out =
    keys.length > 1
      ? await forceAtlas2OffThread({
          keys,
          xy,
          edges: pairs.subarray(0, m),
          iterations: layoutSteps(keys.length, iterations),
        })
      : xy;
  const nodes = keys.map((k, i) => {
    const a = view.getNodeAttributes(k);
    return {
      key: k,
      ...a,
      size: (a.kind === "segment" ? 6 : 2) + Math.sqrt(degree[i]!),
      x: Math.round(out[2 * i]! * 100) / 100,
      y: Math.round(out[2 * i + 1]! * 100) / 100,
    };
  });
  return { nodes, edges };
}

export const segmentKey = key.segment;
