// Gap analysis of a chain: per segment a finding (missing, weak, external, single-source, covered) and its severity.
import type { AtlasGraph } from "../../graph/index.ts";
import { type AnalysisIndex, analysisIndex } from "../core/analysis-index.ts";
import { requireChain } from "../core/chain-lookup.ts";
import { cached, cachedBy } from "../core/memo.ts";
import { parseOptions } from "../core/parse-options.ts";
import { flowBetweenness } from "./flow-betweenness.ts";
import { explainGap } from "./gap-explanation.ts";
import {
  type ChainGaps,
  type FirmRef,
  GAP_KINDS,
  type GapFactors,
  type GapFinding,
  type GapKind,
  worseKind,
} from "./gap-finding.ts";
import { GapOptions, type GapOptionsInput } from "./gap-options.ts";
import { measureSegment, type SegmentMeasures } from "./segment-measures.ts";

/**
 * Findings for every segment of one chain, with the chain's figures. The kind is the first rule that holds:
 * missing (no local firm) · external (ties show local supply share < externalBelow) · single-source (supplier
 * HHI ≥ singleSourceHhi) · weak (capacity < 1, or capacity × customersPerSupplier < local demand firms) · covered.
 * severity = need × (severityFloor + (1 − severityFloor) × importance), where need is 1 for a missing link,
 * else max(deficiency, concentrationWeight × concentration), and importance is the weighted mean of demand,
 * position and strategic weight.
 */
export function findGaps(g: AtlasGraph, input: GapOptionsInput): ChainGaps {
  return findGapsOfIndex(analysisIndex(g), input);
}

/** The same over an index (e.g. of the chain's subgraph, as `gaps --all` reads a province on Neo4j chain by chain). */
export function findGapsOfIndex(ix: AnalysisIndex, input: GapOptionsInput): ChainGaps {
  return chainGaps(ix, parseOptions(GapOptions, input, "gaps"));
}

/** Findings for every chain of the graph. */
export function findAllGaps(g: AtlasGraph, input: Omit<GapOptionsInput, "chain"> = {}): ChainGaps[] {
  return allChainGaps(analysisIndex(g), input);
}

/** Findings for every chain of an index (e.g. analysisIndexOfDataset: a province's gaps with no graph built). */
export function allChainGaps(ix: AnalysisIndex, input: Omit<GapOptionsInput, "chain"> = {}): ChainGaps[] {
  return [...ix.chainSegments.keys()].map((chain) =>
    chainGaps(ix, parseOptions(GapOptions, { ...input, chain }, "gaps")),
  );
}

const memo = new WeakMap<AnalysisIndex, Map<string, ChainGaps>>();

/** The same over parsed options and a built index (for the ranking, what-if and backtest); memoised per index. */
export function chainGaps(ix: AnalysisIndex, opts: GapOptions): ChainGaps {
  const byOpts = cached(memo, ix, () => new Map<string, ChainGaps>());
  return cachedBy(byOpts, JSON.stringify(opts), () => computeGaps(ix, opts));
}

function computeGaps(ix: AnalysisIndex, opts: GapOptions): ChainGaps {
  const segs = requireChain(ix, opts.chain);
  const position = flowBetweenness(ix, segs);
  const gapsByKind = Object.fromEntries(GAP_KINDS.map((k) => [k, 0])) as Record<GapKind, number>;
  let covered = 0;
  let tieWeight = 0;
  let localTieWeight = 0;
  let observedTies = 0;
  let localTies = 0;
  let segmentsWithTies = 0;
  const findings = segs.map((seg) => {
    const m = measureSegment(ix, seg, opts);
    const f = finding(ix, seg, m, position.get(seg) ?? 0, opts);
    gapsByKind[f.kind]++;
    if (m.localFirms.length > 0) covered++;
    if (ix.tiesIn[seg]!.length > 0) segmentsWithTies++;
    for (const t of ix.tiesIn[seg]!) {
      observedTies++;
      tieWeight += t.weight;
      if (ix.local[t.supplier]) {
        localTieWeight += t.weight;
        localTies++;
      }
    }
    return f;
  });
  rollUpChildren(ix, segs, findings);
  const chain = ix.chainNames.get(opts.chain)!;
  return {
    chain: { id: opts.chain, name: chain },
    figures: {
      coverage: segs.length === 0 ? 0 : covered / segs.length,
      localSupplyShare: tieWeight > 0 ? localTieWeight / tieWeight : 0,
      gapsByKind,
      observedTies,
      localTies,
      segmentsWithTies,
    },
    findings,
  };
}

/** Gives every parent segment its sub-segments' kinds: a covered parent of missing children is not "green". */
function rollUpChildren(ix: AnalysisIndex, segs: ReadonlyArray<number>, findings: GapFinding[]): void {
  const at = new Map(segs.map((s, i) => [s, i]));
  const kids = new Map<number, GapKind[]>();
  for (const s of segs) {
    const p = ix.parent[s]!;
    if (p >= 0 && at.has(p)) kids.set(p, [...(kids.get(p) ?? []), findings[at.get(s)!]!.kind]);
  }
  for (const [p, kinds] of kids) {
    const f = findings[at.get(p)!]!;
    const counts = Object.fromEntries(GAP_KINDS.map((k) => [k, 0])) as Record<GapKind, number>;
    for (const k of kinds) counts[k]++;
    f.children = {
      worst: kinds.reduce(worseKind, f.kind),
      counts,
      mixed: new Set(kinds).size > 1,
    };
  }
}

function finding(
  ix: AnalysisIndex,
  seg: number,
  m: SegmentMeasures,
  position: number,
  opts: GapOptions,
): GapFinding {
  const s = ix.segments[seg]!;
  // Without ties, local supply is estimated from capacity; a firm known only by weak evidence supplies half.
  const supplyShare =
    m.tieWeight > 0
      ? m.localTieWeight / m.tieWeight
      : m.demandFirms.length === 0
        ? Math.min(1, m.capacity)
        : Math.min(1, m.capacity, (m.capacity * opts.customersPerSupplier) / m.demandFirms.length);
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
  const importance =
    (w.demand * factors.demand + w.position * factors.position + w.strategic * factors.strategic) /
    (w.demand + w.position + w.strategic);
  const need =
    kind === "missing" ? 1 : Math.max(factors.deficiency, opts.concentrationWeight * factors.concentration);
  const severity = need * (opts.severityFloor + (1 - opts.severityFloor) * importance);
  const ref = (f: number) => firmRef(ix, f);
  // Chain masters first, then seed order (numeric: no string compare on the hot path).
  const bySize = (a: number, b: number) => ix.master[b]! - ix.master[a]! || a - b;
  const parts = {
    segment: { id: s.id, name: s.name, stage: s.stage, parent: s.parent },
    kind,
    factors,
    localFirms: m.localFirms.sort(bySize).map(ref),
    externalSuppliers: [...m.supplierWeight.keys()]
      .filter((f) => !ix.local[f])
      .sort(bySize)
      .map(ref),
    demandFirms: m.demandFirms.sort(bySize).map(ref),
    ties: m.ties,
  };
  return { ...parts, severity, explanation: explainGap(parts) };
}

const refs = new WeakMap<AnalysisIndex, Array<FirmRef | undefined>>();

/** One shared FirmRef per firm (findings list many firms; they are read-only). */
function firmRef(ix: AnalysisIndex, f: number): FirmRef {
  const cache = cached(refs, ix, () => new Array<FirmRef | undefined>(ix.firms.length));
  const r = cache[f] ?? { id: ix.firms[f]!.id, name: ix.firms[f]!.name, master: ix.master[f] === 1 };
  cache[f] = r;
  return r;
}
