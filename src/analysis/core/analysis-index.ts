// Precomputed integer indexes over the graph (segments, firms, links, ties) that every analysis reads.
import {
  type AtlasGraph,
  chainsOf,
  graphRevision,
  mastersOfChain,
  segmentsOfChain,
} from "../../graph/index.ts";
import type { Firm, LocalizedName, Segment, SegmentLink, SupplyTie } from "../../model/index.ts";

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

/**
 * The index of a graph, built once per graph and revision (a graph patched after a write has a new revision,
 * so a new index, and everything kept per index goes with the old one).
 */
export function analysisIndex(g: AtlasGraph): AnalysisIndex {
  const revision = graphRevision(g);
  let kept = cache.get(g);
  if (kept?.revision !== revision) {
    kept = { revision, ix: buildIndex(g) };
    cache.set(g, kept);
  }
  return kept.ix;
}

function buildIndex(g: AtlasGraph): AnalysisIndex {
  const segments: Segment[] = [];
  const firms: Firm[] = [];
  const localList: boolean[] = [];
  g.forEachNode((_k, a) => {
    if (a.kind === "segment") segments.push(a.segment);
    else if (a.kind === "firm") {
      firms.push(a.firm);
      localList.push(a.local);
    }
  });
  const segmentIndex = new Map(segments.map((s, i) => [s.id, i]));
  const firmIndex = new Map(firms.map((f, i) => [f.id, i]));
  const local = Uint8Array.from(localList, (l) => (l ? 1 : 0));
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
  for (const chain of chainsOf(g)) {
    chainNames.set(chain.id, chain.name);
    chainSegments.set(
      chain.id,
      segmentsOfChain(g, chain.id).map((s) => segmentIndex.get(s.id)!),
    );
    const ms = mastersOfChain(g, chain.id)
      .map((id) => firmIndex.get(id)!)
      .filter((f) => local[f] === 1);
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
  const ties: SupplyTie[] = [];
  g.forEachEdge((_e, attrs, _s, _t, sa, ta) => {
    if (attrs.kind === "FEEDS" && sa.kind === "segment" && ta.kind === "segment") {
      const from = segmentIndex.get(sa.segment.id)!;
      const to = segmentIndex.get(ta.segment.id)!;
      feedsOut[from]!.push(to);
      feedsIn[to]!.push(from);
    } else if (attrs.kind === "IN_SEGMENT" && sa.kind === "firm" && ta.kind === "segment")
      links[segmentIndex.get(ta.segment.id)!]!.push({ firm: firmIndex.get(sa.firm.id)!, link: attrs.link });
    else if (attrs.kind === "SUPPLIES") ties.push(attrs.tie);
  });
  for (const tie of ties) {
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
