// Typed reads over the graph: the firms of a segment, a firm's suppliers and customers.
import type { Firm, SegmentLink, SupplyTie } from "../model/index.ts";
import { type AtlasGraph, key } from "./atlas-graph.ts";

export interface FirmInSegment {
  firm: Firm;
  local: boolean;
  link: SegmentLink;
}

export function firmOf(g: AtlasGraph, firmId: string): Firm | undefined {
  const k = key.firm(firmId);
  if (!g.hasNode(k)) return undefined;
  const a = g.getNodeAttributes(k);
  return a.kind === "firm" ? a.firm : undefined;
}

/** Every firm linked to the segment (IN_SEGMENT), local and candidate. */
export function firmsOfSegment(g: AtlasGraph, segmentId: string): FirmInSegment[] {
  const out: FirmInSegment[] = [];
  g.forEachInEdge(key.segment(segmentId), (_e, attrs, source) => {
    const a = g.getNodeAttributes(source);
    if (attrs.kind === "IN_SEGMENT" && a.kind === "firm")
      out.push({ firm: a.firm, local: a.local, link: attrs.link });
  });
  return out;
}

/** The local firms of a segment. */
export function localFirmsOfSegment(g: AtlasGraph, segmentId: string): FirmInSegment[] {
  return firmsOfSegment(g, segmentId).filter((f) => f.local);
}

export interface TiePartner {
  firm: Firm;
  local: boolean;
  tie: SupplyTie;
}

function partners(g: AtlasGraph, firmId: string, direction: "in" | "out"): TiePartner[] {
  const out: TiePartner[] = [];
  const each = direction === "in" ? g.forEachInEdge.bind(g) : g.forEachOutEdge.bind(g);
  each(key.firm(firmId), (_e, attrs, source, target) => {
    const other = g.getNodeAttributes(direction === "in" ? source : target);
    if (attrs.kind === "SUPPLIES" && other.kind === "firm")
      out.push({ firm: other.firm, local: other.local, tie: attrs.tie });
  });
  return out;
}

/** Firms that supply this firm. */
export const suppliersOf = (g: AtlasGraph, firmId: string) => partners(g, firmId, "in");
/** Firms this firm supplies. */
export const customersOf = (g: AtlasGraph, firmId: string) => partners(g, firmId, "out");
