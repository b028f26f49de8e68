// Fit of candidate firms to segments, graded by evidence: strong (makes it / supplies it locally), medium (code), weak (name).
import type { AtlasGraph } from "../../graph/index.ts";
import { type Basis, type EvidenceGrade, firmNames } from "../../model/index.ts";
import { type AnalysisIndex, analysisIndex, type TieRow } from "../core/analysis-index.ts";
import { cached } from "../core/memo.ts";
import { type MatchingResources, matchingResourcesOf } from "../matching/matching-resources.ts";
import { normalizeText } from "../matching/normalize-text.ts";
import { type SegmentMatcher, segmentMatcher } from "../matching/segment-matcher.ts";
import type { StoredTextEvidence } from "../matching/text-evidence.ts";

export const GRADE_SCORE: Record<EvidenceGrade, number> = { strong: 1, medium: 0.6, weak: 0.3 };

/** Confidence we give our own inferences, by how they were made. */
export const INFERRED_CONFIDENCE = { product: 0.8, codeClass: 0.8, crosswalk: 0.7, name: 0.6 } as const;

export interface FitEvidence {
  segment: string;
  grade: EvidenceGrade;
  basis: Basis;
  confidence: number;
  /** Where the evidence comes from: a curated link, a supply tie to a local firm, or our matching. */
  via: "link" | "tie" | "product" | "code" | "crosswalk" | "name";
  detail: string;
  /** For text matches: the shared words, as the text wrote them. */
  words?: string[];
}

export interface CandidateFit {
  firm: number;
  /** Best grade score × confidence over the evidence, in [0, 1]. */
  fit: number;
  /** Best evidence first, at most four. */
  evidence: FitEvidence[];
}

interface FitCache {
  fits: CandidateFit[][];
  /** 1 for each segment whose fits are built. */
  built: Uint8Array;
}

const cache = new WeakMap<AnalysisIndex, WeakMap<MatchingResources, FitCache>>();

/**
 * Per segment index, every non-local firm with some evidence of fit, built once per graph and segment. Only the
 * `segments` asked for are built (all when omitted): a chain's ranking needs its own segments, while a province
 * subgraph holds every chain's and a firm's code alone would give it fits in hundreds of them. The lists of
 * segments not asked for are left empty; the fits of a segment do not depend on which others are built.
 */
export function candidateFits(g: AtlasGraph, segments?: Iterable<number>): CandidateFit[][] {
  return candidateFitsOf(analysisIndex(g), matchingResourcesOf(g), segments);
}

/**
 * The same over a built index and the resources to match with (an index straight from a dataset: no graph). With
 * `only`, the fits of those firms alone (a firm's fits come from its own evidence: the others' are left out, not
 * changed), built afresh and not kept.
 */
export function candidateFitsOf(
  ix: AnalysisIndex,
  res: MatchingResources,
  segments?: Iterable<number>,
  stored?: StoredTextEvidence,
  only?: ReadonlySet<string>,
): CandidateFit[][] {
  if (only) {
    const want = new Uint8Array(ix.segments.length);
    for (const seg of segments ?? ix.segments.keys()) want[seg] = 1;
    return buildFits(ix, res, want, stored, only);
  }
  const byRes = cached(cache, ix, () => new WeakMap<MatchingResources, FitCache>());
  let c = byRes.get(res);
  if (!c) {
    c = { fits: ix.segments.map(() => []), built: new Uint8Array(ix.segments.length) };
    byRes.set(res, c);
  }
  const want = new Uint8Array(ix.segments.length);
  let missing = false;
  for (const seg of segments ?? ix.segments.keys())
    if (!c.built[seg]) {
      want[seg] = 1;
      missing = true;
    }
  if (missing) {
    const fresh = buildFits(ix, res, want, stored);
    want.forEach((w, seg) => {
      if (!w) return;
      c.fits[seg] = fresh[seg]!;
      c.built[seg] = 1;
    });
  }
  return c.fits;
}

const score = (e: FitEvidence) => GRADE_SCORE[e.grade] * e.confidence;

/**
 * The fits of the segments flagged in `want` (the other lists stay empty). With `stored`, the product and name
 * evidence is the store's (text-evidence.ts: the same matcher's answers, kept for every pair it found), and no
 * text is matched here.
 */
function buildFits(
  ix: AnalysisIndex,
  res: MatchingResources,
  want: Uint8Array,
  stored?: StoredTextEvidence,
  only?: ReadonlySet<string>,
): CandidateFit[][] {
  let built: SegmentMatcher | undefined;
  const matcher = () => (built ??= segmentMatcher(ix.segments, res));
  const crosswalk = fortuneCrosswalk(ix, res);
  const firmsByCode = new Map<string, number[]>();
  // One entry per (firm, segment), keeping the best four pieces of evidence as they arrive.
  const nSeg = ix.segments.length;
  const acc = new Map<number, FitEvidence[]>();
  const add = (firm: number, seg: number, e: Omit<FitEvidence, "segment">) => {
    if (!want[seg]) return;
    const k = firm * nSeg + seg;
    const ev = { segment: ix.segments[seg]!.id, ...e };
    const list = acc.get(k);
    if (!list) return void acc.set(k, [ev]);
    const v = score(ev);
    if (list.length === 4 && v <= score(list[3]!)) return;
    let at = list.length;
    while (at > 0 && score(list[at - 1]!) < v) at--;
    list.splice(at, 0, ev);
    if (list.length > 4) list.pop();
  };
  ix.firms.forEach((f, i) => {
    if (ix.local[i] || (only && !only.has(f.id))) return;
    for (const l of f.segments) {
      const seg = ix.segmentIndex.get(l.segment);
      if (seg !== undefined)
        add(i, seg, {
          grade: l.grade,
          basis: l.basis,
          confidence: l.confidence,
          via: "link",
          // The product the curated link names, if any (the explanation names the kind of evidence itself).
          detail: l.product ?? "",
        });
    }
    // The fit of a text match is graded by how much of the text it explains (segment-matcher.ts).
    const product = (seg: number, p: string, grade: "weak" | "medium", fit: number, words: string[]) =>
      add(i, seg, {
        grade,
        basis: "inferred",
        confidence: fit / GRADE_SCORE[grade],
        via: "product",
        detail: p,
        words,
      });
    const told = stored
      ? stored.of(f).flatMap(([id, d]) => {
          const seg = ix.segmentIndex.get(id);
          return seg !== undefined && want[seg] ? [[seg, d] as const] : [];
        })
      : undefined;
    if (told) {
      for (const [seg, d] of told)
        for (const [k, grade, fit, words] of d.p) product(seg, f.products[k]!.name, grade, fit, words);
    } else
      for (const { name: p } of f.products)
        for (const m of matcher().match(p)) product(m.index, p, m.grade, m.fit, m.words);
    for (const c of f.codes) {
      const list = firmsByCode.get(c);
      if (list) list.push(i);
      else firmsByCode.set(c, [i]);
    }
    if (f.industry !== undefined)
      for (const [seg, share] of crosswalk.get(normalizeText(f.industry)) ?? [])
        add(i, seg, {
          grade: "medium",
          basis: "inferred",
          confidence: INFERRED_CONFIDENCE.crosswalk / share,
          via: "crosswalk",
          detail: share > 1 ? `${f.industry} (1 of ${share} segments)` : f.industry,
        });
    // A name says little about what a firm makes: only a segment's specific phrase in it counts, as weak evidence.
    const names = firmNames(f);
    const name = (seg: number, n: string) =>
      add(i, seg, {
        grade: "weak",
        basis: "inferred",
        confidence: INFERRED_CONFIDENCE.name,
        via: "name",
        detail: n,
      });
    if (told) {
      for (const [seg, d] of told) for (const k of d.n) name(seg, names[k]!);
    } else for (const n of names) for (const seg of matcher().matchPhrases(n)) name(seg, n);
  });
  // Ties from outside suppliers to local firms: one piece of evidence per supplier and segment.
  const sold = new Map<number, { best: TieRow; customers: number }>();
  ix.tiesIn.forEach((rows, seg) => {
    for (const t of rows) {
      if (ix.local[t.supplier] || !want[seg]) continue;
      if (only && !only.has(ix.firms[t.supplier]!.id)) continue;
      const k = t.supplier * nSeg + seg;
      const s = sold.get(k);
      if (!s) sold.set(k, { best: t, customers: 1 });
      else {
        s.customers++;
        if (t.tie.confidence > s.best.tie.confidence) s.best = t;
      }
    }
  });
  for (const [k, { best, customers }] of sold) {
    const more = customers > 1 ? ` 等${customers}家本地企业` : "";
    add(best.supplier, k % nSeg, {
      grade: "strong",
      basis: best.tie.basis,
      confidence: best.tie.confidence,
      via: "tie",
      detail: `${best.tie.product} → ${ix.firms[best.customer]!.name.zh}${more}`,
    });
  }
  const out: CandidateFit[][] = ix.segments.map(() => []);
  for (const [k, evidence] of acc)
    out[k % nSeg]!.push({ firm: Math.floor(k / nSeg), fit: score(evidence[0]!), evidence });
  addCodeFits(ix, out, firmsByCode, res, want);
  return out;
}

/** Fortune industry text (normalised) → [segment index, segments in the row] from the fortune crosswalk. */
function fortuneCrosswalk(ix: AnalysisIndex, res: MatchingResources): Map<string, Array<[number, number]>> {
  const out = new Map<string, Array<[number, number]>>();
  for (const row of res.crosswalks) {
    if (row.scheme !== "fortune") continue;
    const segs = row.segments.map((id) => ix.segmentIndex.get(id)).filter((x) => x !== undefined);
    const k = normalizeText(row.industry);
    out.set(k, [...(out.get(k) ?? []), ...segs.map((seg): [number, number] => [seg, row.segments.length])]);
  }
  return out;
}

/**
 * Evidence from a firm's GB/T 4754 class, by a stated rule. A class often spans many segments (3670 is every
 * auto part), so: where a gbt4754 crosswalk row names the class, it points to that row's segments (medium,
 * confidence 0.8 / row length); otherwise a segment whose first (primary) code is the class gets medium
 * evidence and a segment that lists it further down gets weak evidence, the confidence divided among the
 * chain's segments that share the class that way. A code says which industry, not which link.
 */
function addCodeFits(
  ix: AnalysisIndex,
  out: CandidateFit[][],
  firmsByCode: Map<string, number[]>,
  res: MatchingResources,
  want: Uint8Array,
): void {
  const rows = new Map<string, number[]>();
  for (const r of res.crosswalks)
    if (r.scheme === "gbt4754")
      rows.set(
        r.industry,
        r.segments.map((id) => ix.segmentIndex.get(id)).filter((x) => x !== undefined),
      );
  // Each code's segments, with the code's place in their lists (0: primary), in segment order.
  const codeSegments = new Map<string, Array<[seg: number, at: number]>>();
  ix.segments.forEach((s, seg) => {
    s.codes.forEach((code, at) => {
      const list = codeSegments.get(code);
      if (!list) codeSegments.set(code, [[seg, at]]);
      else if (list[list.length - 1]![0] !== seg) list.push([seg, at]);
    });
  });
  // Per code: [segment, grade, how many share it] — from the crosswalk, else from the segments' own codes.
  // In code order, so a firm's code evidence comes in the same order whichever other firms are loaded.
  const targets = new Map<string, Array<[number, EvidenceGrade, number]>>();
  for (const code of [...firmsByCode.keys()].sort()) {
    const row = rows.get(code);
    if (row) {
      targets.set(
        code,
        row.map((seg) => [seg, "medium", row.length]),
      );
      continue;
    }
    const primary = new Map<string, number[]>();
    const other = new Map<string, number[]>();
    for (const [seg, at] of codeSegments.get(code) ?? []) {
      const m = at === 0 ? primary : other;
      const chain = ix.segments[seg]!.chain;
      const segs = m.get(chain);
      if (segs) segs.push(seg);
      else m.set(chain, [seg]);
    }
    const list: Array<[number, EvidenceGrade, number]> = [];
    for (const segs of primary.values()) for (const seg of segs) list.push([seg, "medium", segs.length]);
    for (const segs of other.values()) for (const seg of segs) list.push([seg, "weak", segs.length]);
    targets.set(code, list);
  }
  const have = out.map((list, seg) => (want[seg] ? new Map(list.map((c) => [c.firm, c])) : undefined));
  for (const [code, list] of targets)
    for (const [seg, grade, k] of list) {
      if (!want[seg]) continue;
      const ev: FitEvidence = {
        segment: ix.segments[seg]!.id,
        grade,
        basis: "inferred",
        confidence: INFERRED_CONFIDENCE.codeClass / k,
        via: "code",
        detail: k > 1 ? `GB/T 4754 ${code} (1 of ${k} segments with this code)` : `GB/T 4754 ${code}`,
      };
      const shared = [ev];
      const fit = score(ev);
      for (const firm of firmsByCode.get(code)!) {
        const c = have[seg]!.get(firm);
        if (!c) {
          const entry = { firm, fit, evidence: shared };
          have[seg]!.set(firm, entry);
          out[seg]!.push(entry);
        } else if (
          c.evidence !== shared &&
          c.evidence.length < 4 &&
          !c.evidence.some((e) => e.via === "code")
        ) {
          c.evidence.push(ev);
          c.evidence.sort((a, b) => score(b) - score(a));
          c.fit = Math.max(c.fit, fit);
        }
      }
    }
}
