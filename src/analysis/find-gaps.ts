// Gap analysis of a chain: per segment a finding (missing, weak, external, single-source, covered) and its severity.
import type { AtlasGraph } from "../graph/index.ts";
import { type AnalysisIndex, analysisIndex } from "./analysis-index.ts";
import { requireChain } from "./chain-lookup.ts";
import { flowBetweenness } from "./flow-betweenness.ts";
import { explainGap } from "./gap-explanation.ts";
import { type ChainGaps, type FirmRef, GAP_KINDS, type GapFactors, type GapFinding, type GapKind } from "./gap-finding.ts";
import { GapOptions, type GapOptionsInput } from "./gap-options.ts";
import { parseOptions } from "./parse-options.ts";
import { measureSegment, type SegmentMeasures } from "./segment-measures.ts";

/** Findings for every segment of one chain, with the chain's figures. */
export function findGaps(g: AtlasGraph, input: GapOptionsInput): ChainGaps {
  return chainGaps(analysisIndex(g), parseOptions(GapOptions, input, "gaps"));
}

/** Findings for every chain of the graph. */
export function findAllGaps(g: AtlasGraph, input: Omit<GapOptionsInput, "chain"> = {}): ChainGaps[] {
  const ix = analysisIndex(g);
  return [...ix.chainSegments.keys()].map((chain) => chainGaps(ix, parseOptions(GapOptions, { ...input, chain }, "gaps")));
}

/** The same over parsed options and a built index (for the ranking, what-if and backtest). */
export function chainGaps(ix: AnalysisIndex, opts: GapOptions): ChainGaps {
  const segs = requireChain(ix, opts.chain);
  const position = flowBetweenness(ix, segs);
  const gapsByKind = Object.fromEntries(GAP_KINDS.map((k) => [k, 0])) as Record<GapKind, number>;
  let covered = 0;
  let tieWeight = 0;
  let localTieWeight = 0;
  let observedTies = 0;
  const findings = segs.map((seg) => {
    const m = measureSegment(ix, seg, opts);
    const f = finding(ix, seg, m, position.get(seg) ?? 0, opts);
    gapsByKind[f.kind]++;
    if (m.localFirms.length > 0) covered++;
    for (const t of ix.tiesIn[seg]!) {
      observedTies++;
      tieWeight += t.weight;
      if (ix.local[t.supplier]) localTieWeight += t.weight;
    }
    return f;
  });
  const chain = ix.chainNames.get(opts.chain)!;
  return {
    chain: { id: opts.chain, name: chain },
    figures: {
      coverage: segs.length === 0 ? 0 : covered / segs.length,
      localSupplyShare: tieWeight > 0 ? localTieWeight / tieWeight : 0,
      gapsByKind,
      observedTies,
    },
    findings,
  };
}

function finding(ix: AnalysisIndex, seg: number, m: SegmentMeasures, position: number, opts: GapOptions): GapFinding {
  const s = ix.segments[seg]!;
  const supplyShare =
    m.tieWeight > 0
      ? m.localTieWeight / m.tieWeight
      : m.localFirms.length === 0
        ? 0
        : m.demandFirms.length === 0
          ? 1
          : Math.min(1, (m.capacity * opts.customersPerSupplier) / m.demandFirms.length);
  let hhi = 0;
  for (const w of m.supplierWeight.values()) hhi += (w / m.tieWeight) ** 2;
  const factors: GapFactors = {
    demand: m.demandWeighted / (m.demandWeighted + opts.demandHalf),
    deficiency: 1 - supplyShare,
    concentration: hhi,
    position,
    strategic: s.weight / (s.weight + 1),
  };
  const kind: GapKind =
    m.localFirms.length === 0
      ? "missing"
      : m.ties > 0 && supplyShare < opts.externalBelow
        ? "external"
        : m.ties > 0 && hhi >= opts.singleSourceHhi
          ? "single-source"
          : m.capacity < 1 || m.capacity * opts.customersPerSupplier < m.demandFirms.length
            ? "weak"
            : "covered";
  const w = opts.importance;
  const importance = (w.demand * factors.demand + w.position * factors.position + w.strategic * factors.strategic) / (w.demand + w.position + w.strategic);
  const need = kind === "missing" ? 1 : Math.max(factors.deficiency, opts.concentrationWeight * factors.concentration);
  const severity = need * (opts.severityFloor + (1 - opts.severityFloor) * importance);
  const ref = (f: number): FirmRef => ({ id: ix.firms[f]!.id, name: ix.firms[f]!.name, master: ix.master[f] === 1 });
  const bySize = (a: number, b: number) => ix.master[b]! - ix.master[a]! || ix.firms[a]!.id.localeCompare(ix.firms[b]!.id);
  const parts = {
    segment: { id: s.id, name: s.name, stage: s.stage, parent: s.parent },
    kind,
    factors,
    localFirms: m.localFirms.sort(bySize).map(ref),
    externalSuppliers: [...m.supplierWeight.keys()].filter((f) => !ix.local[f]).sort(bySize).map(ref),
    demandFirms: m.demandFirms.sort(bySize).map(ref),
    ties: m.ties,
  };
  return { ...parts, severity, explanation: explainGap(parts) };
}
