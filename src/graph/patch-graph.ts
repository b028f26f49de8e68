// Applies one written firm or supply tie to a graph in place, so an edit through the API costs a few edges,
// not a rebuild of the whole graph. The patched graph reads the same as `buildGraph` of the written
// dataset: the same nodes in the same order, the same edges, and each firm's and tie's edges in their order.
import { type Firm, isLocalFirm, type SupplyTie } from "../model/index.ts";
import { type AtlasGraph, key } from "./atlas-graph.ts";

/** One written entity: its kind and id, and the entity after the write (undefined when it was removed). */
export type GraphChange =
  | { kind: "firms"; id: string; after: Firm | undefined }
  | { kind: "ties"; id: string; after: SupplyTie | undefined };

const REVISION = "revision";

/** How often the graph was patched since it was built (what is derived from the graph is kept per revision). */
export function graphRevision(g: AtlasGraph): number {
  return (g.getAttribute(REVISION) as number | undefined) ?? 0;
}

/**
 * Applies `change` to `g`, the graph of the dataset before the write. Returns false, leaving `g` as it was,
 * where a patch could not keep the graph equal to a fresh build of the dataset after it (a firm moved to
 * other segments, a tie to other firms: their edges would come last, not where the dataset keeps them);
 * the caller then builds the graph again.
 */
export function patchGraph(g: AtlasGraph, change: GraphChange): boolean {
  const done =
    change.kind === "firms" ? patchFirm(g, change.id, change.after) : patchTie(g, change.id, change.after);
  if (done) g.setAttribute(REVISION, graphRevision(g) + 1);
  return done;
}

function patchFirm(g: AtlasGraph, id: string, firm: Firm | undefined): boolean {
  const k = key.firm(id);
  if (!firm) {
    // The dataset rules refuse removing a firm that a tie or a chain still names: dropping the node drops
    // only its own links and location, and the other nodes and edges keep their order.
    if (g.hasNode(k)) g.dropNode(k);
    return true;
  }
  const region =
    firm.location.region && g.hasNode(key.region(firm.location.region)) ? firm.location.region : undefined;
  if (!g.hasNode(k)) {
    // A new firm comes last, as it does in the dataset. (No chain names it as master yet: the rules refuse that.)
    g.addNode(k, { kind: "firm", firm, local: isLocalFirm(firm) });
    if (region) g.addDirectedEdge(k, key.region(region), { kind: "LOCATED_IN" });
    for (const link of firm.segments)
      g.addDirectedEdge(k, key.segment(link.segment), { kind: "IN_SEGMENT", link });
    return true;
  }
  // A firm kept in place: its links are replaced on their edges when it stays in the same segments (in the
  // same order) and region; else edges would move to the end, so the graph is built again.
  const links: string[] = [];
  let located: string | undefined;
  g.forEachOutEdge(k, (e, attrs, _s, target) => {
    if (attrs.kind === "IN_SEGMENT") links.push(e);
    else if (attrs.kind === "LOCATED_IN") located = target;
  });
  // Edges to one target are kept newest first; ordering by the link objects' place restores the firm's order.
  const node = g.getNodeAttributes(k);
  if (node.kind !== "firm") throw new TypeError(`node ${k} is not a firm`);
  const old = node.firm.segments;
  links.sort((a, b) => old.indexOf(linkOf(g, a)) - old.indexOf(linkOf(g, b)));
  const same =
    located === (region && key.region(region)) &&
    links.length === firm.segments.length &&
    firm.segments.every((l, i) => l.segment === old[i]!.segment);
  if (!same) return false;
  g.replaceNodeAttributes(k, { kind: "firm", firm, local: isLocalFirm(firm) });
  links.forEach((e, i) => {
    g.replaceEdgeAttributes(e, { kind: "IN_SEGMENT", link: firm.segments[i]! });
  });
  return true;
}

function linkOf(g: AtlasGraph, edge: string) {
  const attrs = g.getEdgeAttributes(edge);
  if (attrs.kind !== "IN_SEGMENT") throw new TypeError(`edge ${edge} is not IN_SEGMENT`);
  return attrs.link;
}

function patchTie(g: AtlasGraph, id: string, tie: SupplyTie | undefined): boolean {
  let found: string | undefined;
  g.forEachEdge((e, attrs) => {
    if (found === undefined && attrs.kind === "SUPPLIES" && attrs.tie.id === id) found = e;
  });
  if (found === undefined) {
    // A new tie comes last, as it does in the dataset.
    if (tie) g.addDirectedEdge(key.firm(tie.supplier), key.firm(tie.customer), { kind: "SUPPLIES", tie });
    return true;
  }
  if (!tie) {
    g.dropEdge(found);
    return true;
  }
  // A tie moved to other firms keeps its place in the dataset but not in the graph: build again.
  if (g.source(found) !== key.firm(tie.supplier) || g.target(found) !== key.firm(tie.customer)) return false;
  g.replaceEdgeAttributes(found, { kind: "SUPPLIES", tie });
  return true;
}
