// The raw counts behind one segment's gap finding: local firms, local demand, ties and their suppliers.
import { type AnalysisIndex, subtreeOf } from "./analysis-index.ts";
import type { GapOptions } from "./gap-options.ts";

export interface SegmentMeasures {
  /** Local firms of the segment and its sub-segments. */
  localFirms: number[];
  /** Local supply capacity in firms: a firm linked only by weak evidence counts one half. */
  capacity: number;
  /** Local firms that need the segment: in segments it feeds, or buying it through a tie. */
  demandFirms: number[];
  /** Demand with chain masters counted `masterWeight` times. */
  demandWeighted: number;
  /** Ties into local firms for this segment (and sub-segments). */
  ties: number;
  tieWeight: number;
  localTieWeight: number;
  /** Tie weight per supplier. */
  supplierWeight: Map<number, number>;
}

/** Segments downstream of `seg`: fed by it or by one of its ancestors. */
function downstreamOf(ix: AnalysisIndex, seg: number): number[] {
  const out = new Set<number>();
  for (let s = seg; s >= 0; s = ix.parent[s]!) for (const t of ix.feedsOut[s]!) for (const u of subtreeOf(ix, t)) out.add(u);
  return [...out];
}

export function measureSegment(ix: AnalysisIndex, seg: number, opts: GapOptions): SegmentMeasures {
  const subtree = subtreeOf(ix, seg);
  const grade = new Map<number, number>();
  for (const s of subtree)
    for (const { firm, link } of ix.links[s]!)
      if (ix.local[firm]) grade.set(firm, Math.max(grade.get(firm) ?? 0, link.grade === "weak" ? 0.5 : 1));
  let capacity = 0;
  for (const v of grade.values()) capacity += v;

  // Downstream local firms that also make this segment supply themselves; buying through a tie still counts.
  const demand = new Set<number>();
  for (const s of downstreamOf(ix, seg)) for (const { firm } of ix.links[s]!) if (ix.local[firm] && !grade.has(firm)) demand.add(firm);
  let ties = 0;
  let tieWeight = 0;
  let localTieWeight = 0;
  const supplierWeight = new Map<number, number>();
  for (const s of subtree)
    for (const t of ix.tiesIn[s]!) {
      demand.add(t.customer);
      ties++;
      tieWeight += t.weight;
      if (ix.local[t.supplier]) localTieWeight += t.weight;
      supplierWeight.set(t.supplier, (supplierWeight.get(t.supplier) ?? 0) + t.weight);
    }
  const localFirms = [...grade.keys()];
  const demandFirms = [...demand];
  let demandWeighted = 0;
  for (const f of demandFirms) demandWeighted += ix.master[f] ? opts.masterWeight : 1;
  return { localFirms, capacity, demandFirms, demandWeighted, ties, tieWeight, localTieWeight, supplierWeight };
}
