// Typed reads over the graph: a chain's segments in drawing order, its leads and masters.
import type { Chain, Official, Segment } from "../model/index.ts";
import { STAGE_ORDER } from "../model/index.ts";
import { type AtlasGraph, key } from "./atlas-graph.ts";

export function chainOf(g: AtlasGraph, chainId: string): Chain | undefined {
  const k = key.chain(chainId);
  if (!g.hasNode(k)) return undefined;
  const a = g.getNodeAttributes(k);
  return a.kind === "chain" ? a.chain : undefined;
}

export function chainsOf(g: AtlasGraph): Chain[] {
  const out: Chain[] = [];
  g.forEachNode((_k, a) => {
    if (a.kind === "chain") out.push(a.chain);
  });
  return out;
}

export function segmentOf(g: AtlasGraph, segmentId: string): Segment | undefined {
  const k = key.segment(segmentId);
  if (!g.hasNode(k)) return undefined;
  const a = g.getNodeAttributes(k);
  return a.kind === "segment" ? a.segment : undefined;
}

/**
 * The chain's segments in stage order (upstream first); within a stage, top-level segments by `order`
 * (then seed order), each followed by its sub-segments depth-first.
 */
export function segmentsOfChain(g: AtlasGraph, chainId: string): Segment[] {
  const all: Segment[] = [];
  g.forEachInEdge(key.chain(chainId), (_e, attrs, source) => {
    const a = g.getNodeAttributes(source);
    if (attrs.kind === "PART_OF" && a.kind === "segment") all.push(a.segment);
  });
  return inDrawingOrder(all);
}

/** One chain's segments (in seed order) in drawing order, as segmentsOfChain gives them (no graph needed). */
export function inDrawingOrder(all: ReadonlyArray<Segment>): Segment[] {
  const seq = new Map(all.map((s, i) => [s.id, i]));
  const byOrder = (a: Segment, b: Segment) =>
    STAGE_ORDER[a.stage] - STAGE_ORDER[b.stage] ||
    (a.order ?? 1e9) - (b.order ?? 1e9) ||
    seq.get(a.id)! - seq.get(b.id)!;
  const children = new Map<string | undefined, Segment[]>();
  for (const s of all) {
    const p = s.parent !== undefined && seq.has(s.parent) ? s.parent : undefined;
    children.set(p, [...(children.get(p) ?? []), s]);
  }
  const out: Segment[] = [];
  const visit = (parent: string | undefined) => {
    for (const s of (children.get(parent) ?? []).sort(byOrder)) {
      out.push(s);
      visit(s.id);
    }
  };
  visit(undefined);
  return out;
}

/** Sub-segments directly below a segment. */
export function childSegments(g: AtlasGraph, segmentId: string): Segment[] {
  const out: Segment[] = [];
  g.forEachInEdge(key.segment(segmentId), (_e, attrs, source) => {
    const a = g.getNodeAttributes(source);
    if (attrs.kind === "CHILD_OF" && a.kind === "segment") out.push(a.segment);
  });
  return out;
}

export function leadsOfChain(g: AtlasGraph, chainId: string): Official[] {
  const out: Official[] = [];
  g.forEachInEdge(key.chain(chainId), (_e, attrs, source) => {
    const a = g.getNodeAttributes(source);
    if (attrs.kind === "LEADS" && a.kind === "official") out.push(a.official);
  });
  return out;
}

/** Chain-master firm ids of a chain. */
export function mastersOfChain(g: AtlasGraph, chainId: string): string[] {
  const out: string[] = [];
  g.forEachInEdge(key.chain(chainId), (_e, attrs, source) => {
    const a = g.getNodeAttributes(source);
    if (attrs.kind === "MASTERS" && a.kind === "firm") out.push(a.firm.id);
  });
  return out;
}
