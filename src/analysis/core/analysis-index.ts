// Precomputed integer indexes over the graph (segments, firms, links, ties) that every analysis reads.
import {
  type AtlasGraph,
  chainsOf,
  graphRevision,
  inDrawingOrder,
  mastersOfChain,
  segmentsOfChain,
} from "../../graph/index.ts";
import {
  type Chain,
  type Dataset,
  type Firm,
  isLocalFirm,
  type LocalizedName,
  type Segment,
  type SegmentLink,
  type SupplyTie,
} from "../../model/index.ts";
import { cached } from "./memo.ts";

/** A curated Firm IN_SEGMENT Segment link. */
export interface LinkRow {
  firm: number;
  link: SegmentLink;
}

/** A supply tie into a local customer, filed under its segment. */
export interface TieRow {
  supplier: number;
  customer: number;
  /** The tie's share of the customer's need when known, else 1. */
  weight: number;
  tie: SupplyTie;
}

export interface AnalysisIndex {
  segments: Segment[];
  segmentIndex: Map<string, number>;
  /** Segment indexes of each chain, in drawing order. */
  chainSegments: Map<string, number[]>;
  chainNames: Map<string, LocalizedName>;
  parent: Int32Array;
  children: number[][];
  feedsOut: number[][];
  feedsIn: number[][];
  firms: Firm[];
  firmIndex: Map<string, number>;
  local: Uint8Array;
  /** 1 for a local firm that is a chain master of any chain. */
  master: Uint8Array;
  /** Local chain-master firm indexes per chain. */
  chainMasters: Map<string, number[]>;
  links: LinkRow[][];
  tiesIn: TieRow[][];
  /** Firms each local chain master trades with (either direction of a tie, with the master or its group). */
  masterPartners: Map<number, Set<number>>;
}

const cache = new WeakMap<AtlasGraph, { revision: number; ix: AnalysisIndex }>();
const fromData = new WeakMap<Dataset, AnalysisIndex>();

/**
 * The index of a graph, built once per graph and revision (a graph patched after a write has a new revision,
 * so a new index, and everything kept per index goes with the old one).
 */
export function analysisIndex(g: AtlasGraph): AnalysisIndex {
  const revision = graphRevision(g);
  let kept = cache.get(g);
  if (kept?.revision !== revision) {
    kept = { revision, ix: buildIndex(graphParts(g)) };
    cache.set(g, kept);
  }
  return kept.ix;
}

/**
 * The same index straight from a dataset, with no graph in between: what buildGraph(ds) would give, for the
 * analyses that read only the index (the gaps of every chain of a province: a graph of a million ties costs
 * more than the analysis). Built once per dataset object.
 */
export function analysisIndexOfDataset(ds: Dataset): AnalysisIndex {
  return cached(fromData, ds, () => buildIndex(datasetParts(ds)));
}

/** What the index is built from, in the graph's iteration order. */
interface IndexParts {
  segments: Segment[];
  firms: Firm[];
  local: boolean[];
  chains: Array<{ chain: Chain; segments: Segment[]; masters: string[] }>;
  feeds: Array<readonly [from: string, to: string]>;
  links: Array<readonly [firm: string, link: SegmentLink]>;
  ties: SupplyTie[];
}

function graphParts(g: AtlasGraph): IndexParts {
  const p: IndexParts = { segments: [], firms: [], local: [], chains: [], feeds: [], links: [], ties: [] };
  g.forEachNode((_k, a) => {
    if (a.kind === "segment") p.segments.push(a.segment);
    else if (a.kind === "firm") {
      p.firms.push(a.firm);
      p.local.push(a.local);
    }
  });
  for (const chain of chainsOf(g))
    p.chains.push({ chain, segments: segmentsOfChain(g, chain.id), masters: mastersOfChain(g, chain.id) });
  g.forEachEdge((_e, attrs, _s, _t, sa, ta) => {
    if (attrs.kind === "FEEDS" && sa.kind === "segment" && ta.kind === "segment")
      p.feeds.push([sa.segment.id, ta.segment.id]);
    else if (attrs.kind === "IN_SEGMENT" && sa.kind === "firm" && ta.kind === "segment")
      p.links.push([sa.firm.id, attrs.link]);
    else if (attrs.kind === "SUPPLIES") p.ties.push(attrs.tie);
  });
  return p;
}

/** The parts buildGraph(ds) would show: node, chain and edge order as the graph iterates them. */
function datasetParts(ds: Dataset): IndexParts {
  const byChain = new Map<string, Segment[]>();
  for (const s of ds.segments) {
    let list = byChain.get(s.chain);
    if (!list) {
      list = [];
      byChain.set(s.chain, list);
    }
    list.push(s);
  }
  const links: Array<readonly [string, SegmentLink]> = [];
  for (const f of ds.firms) for (const link of f.segments) links.push([f.id, link]);
  return {
    segments: ds.segments,
    firms: ds.firms,
    local: ds.firms.map(isLocalFirm),
    chains: ds.chains.map((chain) => ({
      chain,
      segments: inDrawingOrder(byChain.get(chain.id) ?? []),
      masters: chain.masters.map((m) => m.firm),
    })),
    feeds: ds.feeds.map((f) => [f.from, f.to] as const),
    links,
    ties: ds.ties,
  };
}

function buildIndex(p: IndexParts): AnalysisIndex {
  const { segments, firms } = p;
  const segmentIndex = new Map(segments.map((s, i) => [s.id, i]));
  const firmIndex = new Map(firms.map((f, i) => [f.id, i]));
  const local = Uint8Array.from(p.local, (l) => (l ? 1 : 0));
  const nSeg = segments.length;
  const parent = new Int32Array(nSeg).fill(-1);
  const children: number[][] = segments.map(() => []);
  segments.forEach((s, i) => {
    const p = s.parent === undefined ? undefined : segmentIndex.get(s.parent);
    if (p !== undefined) {
      parent[i] = p;
      children[p]!.push(i);
    }
  });

  const chainSegments = new Map<string, number[]>();
  const chainMasters = new Map<string, number[]>();
  const chainNames = new Map<string, LocalizedName>();
  const master = new Uint8Array(firms.length);
  for (const { chain, segments: segs, masters } of p.chains) {
    chainNames.set(chain.id, chain.name);
    chainSegments.set(
      chain.id,
      segs.map((s) => segmentIndex.get(s.id)!),
    );
    const ms = masters.map((id) => firmIndex.get(id)!).filter((f) => local[f] === 1);
    for (const m of ms) master[m] = 1;
    chainMasters.set(chain.id, ms);
  }
  const masterPartners = new Map<number, Set<number>>();
  // Contracts are often reported with a master's group (晶科能源及子公司), not its local plant: a tie with
  // the group counts as a tie with each local master plant of that group.
  const mastersOfGroup = new Map<number, number[]>();
  for (let f = 0; f < firms.length; f++) {
    if (!master[f]) continue;
    masterPartners.set(f, new Set());
    const group = firms[f]!.parent === undefined ? undefined : firmIndex.get(firms[f]!.parent!);
    if (group !== undefined) mastersOfGroup.set(group, [...(mastersOfGroup.get(group) ?? []), f]);
  }
  const partner = (a: number, b: number) => {
    masterPartners.get(a)?.add(b);
    for (const m of mastersOfGroup.get(a) ?? []) if (m !== b) masterPartners.get(m)!.add(b);
  };

  const feedsOut: number[][] = segments.map(() => []);
  const feedsIn: number[][] = segments.map(() => []);
  const links: LinkRow[][] = segments.map(() => []);
  const tiesIn: TieRow[][] = segments.map(() => []);
  for (const [a, b] of p.feeds) {
    const from = segmentIndex.get(a)!;
    const to = segmentIndex.get(b)!;
    feedsOut[from]!.push(to);
    feedsIn[to]!.push(from);
  }
  for (const [firm, link] of p.links)
    links[segmentIndex.get(link.segment)!]!.push({ firm: firmIndex.get(firm)!, link });
  for (const tie of p.ties) {
    const supplier = firmIndex.get(tie.supplier)!;
    const customer = firmIndex.get(tie.customer)!;
    partner(supplier, customer);
    partner(customer, supplier);
    if (!local[customer]) continue;
    const seg = tieSegment(tie, firms[supplier]!, segmentIndex);
    if (seg !== undefined) tiesIn[seg]!.push({ supplier, customer, weight: tie.share ?? 1, tie });
  }
  return {
    segments,
    segmentIndex,
    chainSegments,
    chainNames,
    parent,
    children,
    feedsOut,
    feedsIn,
    firms,
    firmIndex,
    local,
    master,
    chainMasters,
    links,
    tiesIn,
    masterPartners,
  };
}

/** The tie's segment as stated; else the supplier's only curated segment; else none (the tie is not filed). */
function tieSegment(tie: SupplyTie, supplier: Firm, segmentIndex: Map<string, number>): number | undefined {
  if (tie.segment !== undefined) return segmentIndex.get(tie.segment);
  return supplier.segments.length === 1 ? segmentIndex.get(supplier.segments[0]!.segment) : undefined;
}

/** A segment and all its sub-segments, depth-first. */
export function subtreeOf(ix: AnalysisIndex, seg: number): number[] {
  const out = [seg];
  for (let i = 0; i < out.length; i++) out.push(...ix.children[out[i]!]!);
  return out;
}
