// One line per chain: its segments by stage, local firms, candidates, ties, lead and masters.

import type { AtlasGraph } from "../../graph/index.ts";
import {
  chainsOf,
  customersOf,
  firmOf,
  firmsOfSegment,
  leadsOfChain,
  mastersOfChain,
  segmentsOfChain,
  suppliersOf,
} from "../../graph/index.ts";
import {
  type Chain,
  type Dataset,
  type Firm,
  isLocalFirm,
  type LocalizedName,
  type MasterLevel,
  type Official,
  type Segment,
  type Stage,
  type SupplyTie,
} from "../../model/index.ts";

export interface ChainSummary {
  id: string;
  name: LocalizedName;
  stages: Record<Stage, number>;
  segments: number;
  localFirms: number;
  candidateFirms: number;
  /** Supply ties that concern the chain: with a local firm of the chain on either side, or in one of its segments. */
  supplyTies: number;
  leads: Array<{ id: string; name: string; post: string }>;
  /** Chain masters with the level of their designation and who made it (county, 桐乡经济开发区). */
  masters: Array<{ id: string; name: string; level?: MasterLevel | undefined; issuer?: string | undefined }>;
}

/** What a chain's summary reads, from a graph or straight from a dataset. */
interface SummaryParts {
  chains: Array<{ chain: Chain; segments: Segment[]; leads: Official[]; masters: string[] }>;
  firm: (id: string) => Firm | undefined;
  /** The firms linked to a segment, and whether each is local. */
  firmsOf: (segment: string) => ReadonlyArray<{ id: string; local: boolean }>;
  /** Ids of the ties a firm supplies or buys by. */
  tiesOf: (firm: string) => ReadonlyArray<string>;
  /** Ids of the ties filed under a segment (stated segment only). */
  tiesIn: (segment: string) => ReadonlyArray<string>;
}

export function summarizeChains(g: AtlasGraph): ChainSummary[] {
  // One pass over the ties for every chain (not one per chain: a province has a million).
  const bySegment = new Map<string, string[]>();
  g.forEachEdge((_e, attrs) => {
    if (attrs.kind === "SUPPLIES" && attrs.tie.segment !== undefined)
      push(bySegment, attrs.tie.segment, attrs.tie.id);
  });
  return summarize({
    chains: chainsOf(g).map((chain) => ({
      chain,
      segments: segmentsOfChain(g, chain.id),
      leads: leadsOfChain(g, chain.id),
      masters: mastersOfChain(g, chain.id),
    })),
    firm: (id) => firmOf(g, id),
    firmsOf: (segment) => firmsOfSegment(g, segment).map((f) => ({ id: f.firm.id, local: f.local })),
    tiesOf: (firm) => [...suppliersOf(g, firm), ...customersOf(g, firm)].map((p) => p.tie.id),
    tiesIn: (segment) => bySegment.get(segment) ?? [],
  });
}

/**
 * The same summaries straight from a dataset, as summarizeChains(buildGraph(ds)) gives them: `chains` over a
 * province reads the whole store, and building a graph of its million ties would cost most of the time.
 */
export function summarizeChainsOfDataset(ds: Dataset): ChainSummary[] {
  const acc = new ChainSummaryCounts(ds);
  for (const f of ds.firms) acc.addFirm(f);
  for (const t of ds.ties) acc.addTie(t);
  return acc.summaries();
}

/**
 * The summaries counted one firm and one tie at a time, so a store can stream a province through it without
 * holding it: the skeleton (chains, segments, officials) first, then every firm, then every tie. Holds only the
 * chains of each local firm linked to one.
 */
export class ChainSummaryCounts {
  private readonly chainOf = new Map<string, string>();
  private readonly counts = new Map<string, { local: number; candidates: number; ties: number }>();
  private readonly localChains = new Map<string, string[]>();
  private readonly masters = new Set<string>();
  private readonly names = new Map<string, string>();

  constructor(private readonly skeleton: Pick<Dataset, "chains" | "segments" | "officials">) {
    for (const s of skeleton.segments) this.chainOf.set(s.id, s.chain);
    for (const c of skeleton.chains) {
      this.counts.set(c.id, { local: 0, candidates: 0, ties: 0 });
      for (const m of c.masters) this.masters.add(m.firm);
    }
  }

  addFirm(f: Firm): void {
    if (this.masters.has(f.id)) this.names.set(f.id, f.name.zh);
    const chains = new Set<string>();
    for (const l of f.segments) {
      const c = this.chainOf.get(l.segment);
      if (c !== undefined) chains.add(c);
    }
    if (chains.size === 0) return;
    const local = isLocalFirm(f);
    for (const c of chains) {
      const n = this.counts.get(c);
      if (n === undefined) continue;
      if (local) n.local++;
      else n.candidates++;
    }
    if (local) this.localChains.set(f.id, [...chains]);
  }

  /** After every firm: a tie counts for the chains of its local ends and of the segment it is filed under. */
  addTie(t: SupplyTie): void {
    const chains = new Set([
      ...(this.localChains.get(t.supplier) ?? []),
      ...(this.localChains.get(t.customer) ?? []),
    ]);
    const filed = t.segment === undefined ? undefined : this.chainOf.get(t.segment);
    if (filed !== undefined) chains.add(filed);
    for (const c of chains) {
      const n = this.counts.get(c);
      if (n) n.ties++;
    }
  }

  summaries(): ChainSummary[] {
    const segmentsOf = new Map<string, Segment[]>();
    for (const s of this.skeleton.segments) push(segmentsOf, s.chain, s);
    return this.skeleton.chains.map((chain) => {
      const segments = segmentsOf.get(chain.id) ?? [];
      const stages: Record<Stage, number> = { upstream: 0, midstream: 0, downstream: 0 };
      for (const s of segments) stages[s.stage]++;
      const n = this.counts.get(chain.id)!;
      return {
        id: chain.id,
        name: chain.name,
        stages,
        segments: segments.length,
        localFirms: n.local,
        candidateFirms: n.candidates,
        supplyTies: n.ties,
        leads: this.skeleton.officials
          .filter((o) => o.leads.includes(chain.id))
          .map((o) => ({ id: o.id, name: o.name, post: o.post })),
        masters: chain.masters.map((m) => ({
          id: m.firm,
          name: this.names.get(m.firm) ?? m.firm,
          level: m.level,
          issuer: m.issuer,
        })),
      };
    });
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function summarize(p: SummaryParts): ChainSummary[] {
  return p.chains.map(({ chain, segments, leads, masters }) => {
    const stages: Record<Stage, number> = { upstream: 0, midstream: 0, downstream: 0 };
    const local = new Set<string>();
    const candidates = new Set<string>();
    for (const s of segments) {
      stages[s.stage]++;
      for (const f of p.firmsOf(s.id)) (f.local ? local : candidates).add(f.id);
    }
    // Ties that concern the chain: a local firm of the chain buys or sells, or the tie's product is one of its segments.
    const ties = new Set<string>();
    for (const id of local) for (const t of p.tiesOf(id)) ties.add(t);
    for (const s of segments) for (const t of p.tiesIn(s.id)) ties.add(t);
    return {
      id: chain.id,
      name: chain.name,
      stages,
      segments: segments.length,
      localFirms: local.size,
      candidateFirms: candidates.size,
      supplyTies: ties.size,
      leads: leads.map((o) => ({ id: o.id, name: o.name, post: o.post })),
      masters: masters.map((id) => {
        const m = chain.masters.find((x) => x.firm === id);
        return { id, name: p.firm(id)?.name.zh ?? id, level: m?.level, issuer: m?.issuer };
      }),
    };
  });
}

/** Fewer observed ties into local firms than this, or ties in fewer segments, and no share is stated. */
export const MIN_TIES_FOR_SHARE = 10;
export const MIN_SEGMENTS_FOR_SHARE = 3;

/** The 本地配套率 headline: a share only with its basis and a confidence, else "insufficient data". */
export interface LocalSupplyHeadline {
  /** Share of observed ties into local firms that come from local suppliers; undefined when insufficient. */
  share: number | undefined;
  /** 95 % Wilson interval of the share, over ties. */
  interval: [number, number] | undefined;
  confidence: "insufficient" | "low" | "medium" | "high";
  ties: number;
  localTies: number;
  segmentsWithTies: number;
  segments: number;
  /** Segments with no local firm: their demand is bought outside and mostly unobserved. */
  missingSegments: number;
  text: { zh: string; en: string };
}

function wilson(k: number, n: number): [number, number] {
  const z = 1.96;
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.max(0, c - h), Math.min(1, c + h)];
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** States the local supply share with its basis and confidence, or says the data do not support one. */
export function localSupplyHeadline(gaps: {
  figures: {
    localSupplyShare?: number | undefined;
    observedTies?: number | undefined;
    localTies?: number | undefined;
    segmentsWithTies?: number | undefined;
    gapsByKind: Record<string, number>;
  };
  findings: ReadonlyArray<unknown>;
}): LocalSupplyHeadline {
  const f = gaps.figures;
  const ties = f.observedTies ?? 0;
  const localTies = f.localTies ?? 0;
  const segmentsWithTies = f.segmentsWithTies ?? 0;
  const segments = gaps.findings.length;
  const missingSegments = f.gapsByKind.missing ?? 0;
  const basisZh = `据${ties}条已观测供应关系，涉及${segmentsWithTies}/${segments}个环节`;
  const basisEn = `from ${ties} observed supply tie${ties === 1 ? "" : "s"} in ${segmentsWithTies} of ${segments} segments`;
  const base = { ties, localTies, segmentsWithTies, segments, missingSegments };
  if (ties < MIN_TIES_FOR_SHARE || segmentsWithTies < MIN_SEGMENTS_FOR_SHARE)
    return {
      ...base,
      share: undefined,
      interval: undefined,
      confidence: "insufficient",
      text: {
        zh: `数据不足（${basisZh}；至少需${MIN_TIES_FOR_SHARE}条、${MIN_SEGMENTS_FOR_SHARE}个环节）`,
        en: `insufficient data (${basisEn}; needs ≥ ${MIN_TIES_FOR_SHARE} ties in ≥ ${MIN_SEGMENTS_FOR_SHARE} segments)`,
      },
    };
  // The share itself weighs ties by confidence (as the gap analysis does); the interval counts ties.
  const share = f.localSupplyShare ?? localTies / ties;
  const interval = wilson(localTies, ties);
  const width = interval[1] - interval[0];
  // Missing links buy outside the city unobserved: their share of segments caps what the ties can say.
  const coverageOfTies = segmentsWithTies / Math.max(1, segments);
  const confidence =
    width > 0.4 || coverageOfTies < 0.25 ? "low" : width > 0.2 || coverageOfTies < 0.5 ? "medium" : "high";
  const zhConf = { low: "低", medium: "中", high: "高" }[confidence];
  const missingZh = missingSegments > 0 ? `；另有${missingSegments}个缺链环节的采购未计入` : "";
  const missingEn =
    missingSegments > 0 ? `; purchases of ${missingSegments} missing segments not counted` : "";
  return {
    ...base,
    share,
    interval,
    confidence,
    text: {
      zh: `${pct(share)}（${basisZh}，95%区间${pct(interval[0])}–${pct(interval[1])}，可信度${zhConf}${missingZh}）`,
      en: `${pct(share)} (${basisEn}; 95% interval ${pct(interval[0])}–${pct(interval[1])}, ${confidence} confidence${missingEn})`,
    },
  };
}
