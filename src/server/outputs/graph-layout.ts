// The map as nodes and edges with positions for the web's graph view: segments and firms of a chain (or all
// chains), laid out once by ForceAtlas2 from a seeded start, so the same data gives the same picture.
import { DirectedGraph } from "graphology";
import forceAtlas2Module from "graphology-layout-forceatlas2";
import type { GapKind } from "../../analysis/index.ts";
import { type AtlasGraph, key } from "../../graph/index.ts";

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

// A CommonJS package: Node hands its module.exports as the default import, the types describe `.default`.
type ForceAtlas2 = typeof forceAtlas2Module.default;
const forceAtlas2 = ((forceAtlas2Module as unknown as { default?: ForceAtlas2 }).default ??
  forceAtlas2Module) as ForceAtlas2;

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

export function graphLayout(
  g: AtlasGraph,
  chains: ReadonlyArray<string>,
  status: ReadonlyMap<string, GapKind>,
  iterations = 150,
): { nodes: LayoutNode[]; edges: LayoutEdge[] } {
  const view = new DirectedGraph<Omit<LayoutNode, "key">>();
  const rnd = seeded(1);
  const wanted = new Set(chains);
  const add = (k: string, attrs: Omit<LayoutNode, "key" | "x" | "y" | "size">) => {
    if (!view.hasNode(k)) view.addNode(k, { ...attrs, x: rnd() * 100, y: rnd() * 100, size: 1 });
  };
  g.forEachNode((k, a) => {
    if (a.kind !== "segment" || !wanted.has(a.segment.chain)) return;
    const s = status.get(a.segment.id);
    add(k, {
      kind: "segment",
      label: a.segment.name.zh,
      color: s ? STATUS_COLOR[s] : "#1f77b4",
      ...(s ? { status: s } : {}),
    });
  });
  const edges: LayoutEdge[] = [];
  g.forEachEdge((e, a, source, target) => {
    if (a.kind === "IN_SEGMENT" && view.hasNode(target)) {
      const f = g.getNodeAttributes(source);
      if (f.kind !== "firm") return;
      add(source, {
        kind: "firm",
        label: f.firm.name.zh,
        color: f.local ? "#17becf" : "#7f7f7f",
        local: f.local,
        tags: [...new Set(f.firm.tags.map((t) => t.list))],
        ...(f.firm.location.region ? { region: f.firm.location.region } : {}),
      });
      edges.push({ key: e, source, target, kind: "IN_SEGMENT" });
    } else if (a.kind === "FEEDS" && view.hasNode(source) && view.hasNode(target))
      edges.push({ key: e, source, target, kind: "FEEDS" });
  });
  g.forEachEdge((e, a, source, target) => {
    if (a.kind === "SUPPLIES" && view.hasNode(source) && view.hasNode(target))
      edges.push({ key: e, source, target, kind: "SUPPLIES" });
  });
  for (const e of edges) if (!view.hasEdge(e.source, e.target)) view.addEdge(e.source, e.target);
  view.forEachNode((k, a) =>
    view.setNodeAttribute(k, "size", (a.kind === "segment" ? 6 : 2) + Math.sqrt(view.degree(k))),
  );
  if (view.order > 1)
    forceAtlas2.assign(view, {
      iterations,
      settings: { ...forceAtlas2.inferSettings(view), barnesHutOptimize: view.order > 500 },
    });
  const nodes = view.mapNodes((k, a) => ({
    key: k,
    ...a,
    x: Math.round(a.x * 100) / 100,
    y: Math.round(a.y * 100) / 100,
  }));
  return { nodes, edges };
}

export const segmentKey = key.segment;
