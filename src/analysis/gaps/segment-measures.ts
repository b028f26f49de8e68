// The raw counts behind one segment's gap finding: local firms, local demand, ties and their suppliers.
import { type AnalysisIndex, subtreeOf } from "../core/analysis-index.ts";
import { FirmMarks } from "../core/firm-marks.ts";
import { cached } from "../core/memo.ts";
import type { GapOptions } from "./gap-options.ts";

export interface SegmentMeasures {
  /** Local firms of the segment and its sub-segments, in index order. */
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

const scratch = new WeakMap<AnalysisIndex, { local: FirmMarks; demand: FirmMarks }>();

/**
 * Segments whose local firms need `seg`: those fed by it, by an ancestor or by a sub-segment. Need does not
 * pass through a segment with no local firm: local module makers do not buy polysilicon when no local
 * wafer maker stands between them (treating them as demand would count an empty segment as supply).
 */
function downstreamOf(ix: AnalysisIndex, seg: number): number[] {
  const from = new Set(subtreeOf(ix, seg));
  for (let s = ix.parent[seg]!; s >= 0; s = ix.parent[s]!) from.add(s);
  const out = new Set<number>();
  for (const s of from)
    for (const t of ix.feedsOut[s]!) if (!from.has(t)) for (const u of subtreeOf(ix, t)) out.add(u);
  return [...out];
}

export function measureSegment(ix: AnalysisIndex, seg: number, opts: GapOptions): SegmentMeasures {
  const marks = cached(scratch, ix, () => ({
    local: new FirmMarks(ix.firms.length),
    demand: new FirmMarks(ix.firms.length),
  }));
  const { local, demand } = marks;
  local.clear();
  demand.clear();
  const subtree = subtreeOf(ix, seg);
  const localFirms: number[] = [];
  let capacity = 0;
  for (const s of subtree)
    for (const { firm, link } of ix.links[s]!) {
      if (!ix.local[firm]) continue;
      const v = link.grade === "weak" ? 0.5 : 1;
      const prev = local.get(firm);
      if (!local.has(firm)) localFirms.push(firm);
      if (v > prev) {
        capacity += v - prev;
        local.set(firm, v);
      }
    }
  // Downstream local firms that also make this segment supply themselves; buying through a tie still counts.
  const demandFirms: number[] = [];
  let demandWeighted = 0;
  const need = (f: number) => {
    if (demand.has(f)) return;
    demand.set(f, 1);
    demandFirms.push(f);
    demandWeighted += ix.master[f] ? opts.masterWeight : 1;
  };
  for (const s of downstreamOf(ix, seg))
    for (const { firm } of ix.links[s]!) if (ix.local[firm] && !local.has(firm)) need(firm);
  let ties = 0;
  let tieWeight = 0;
  let localTieWeight = 0;
  const supplierWeight = new Map<number, number>();
  for (const s of subtree)
    for (const t of ix.tiesIn[s]!) {
      need(t.customer);
      ties++;
      tieWeight += t.weight;
      if (ix.local[t.supplier]) localTieWeight += t.weight;
      supplierWeight.set(t.supplier, (supplierWeight.get(t.supplier) ?? 0) + t.weight);
    }
  return {
    localFirms,
    capacity,
    demandFirms,
    demandWeighted,
    ties,
    tieWeight,
    localTieWeight,
    supplierWeight,
  };
}
