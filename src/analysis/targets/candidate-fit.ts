// Fit of candidate firms to segments, graded by evidence: strong (makes it / supplies it locally), medium (code), weak (name).
import type { AtlasGraph } from "../../graph/index.ts";
import type { Basis, EvidenceGrade } from "../../model/index.ts";
import { type AnalysisIndex, analysisIndex, type TieRow } from "../core/analysis-index.ts";
import { KeywordMatcher } from "../matching/word-match.ts";

export const GRADE_SCORE: Record<EvidenceGrade, number> = { strong: 1, medium: 0.6, weak: 0.3 };

/** Confidence we give our own inferences, by how they were made. */
export const INFERRED_CONFIDENCE = { product: 0.8, codeClass: 0.8, name: 0.6 } as const;

export interface FitEvidence {
  segment: string;
  grade: EvidenceGrade;
  basis: Basis;
  confidence: number;
  /** Where the evidence comes from: a curated link, a supply tie to a local firm, or our matching. */
  via: "link" | "tie" | "product" | "code" | "name";
  detail: string;
}

export interface CandidateFit {
  firm: number;
  /** Best grade score × confidence over the evidence, in [0, 1]. */
  fit: number;
  /** Best evidence first, at most four. */
  evidence: FitEvidence[];
}

const cache = new WeakMap<AnalysisIndex, CandidateFit[][]>();

/** Per segment index, every non-local firm with some evidence of fit. Built once per graph. */
export function candidateFits(g: AtlasGraph): CandidateFit[][] {
  const ix = analysisIndex(g);
  let fits = cache.get(ix);
  if (!fits) {
    fits = buildFits(ix);
    cache.set(ix, fits);
  }
  return fits;
}

const score = (e: FitEvidence) => GRADE_SCORE[e.grade] * e.confidence;

function buildFits(ix: AnalysisIndex): CandidateFit[][] {
  const matcher = new KeywordMatcher();
  ix.segments.forEach((s, i) => {
    matcher.add(s.name.zh, i);
    for (const k of s.keywords) matcher.add(k, i);
  });
  const firmsByCode = new Map<string, number[]>();
  // One entry per (firm, segment), keeping the best four pieces of evidence as they arrive.
  const nSeg = ix.segments.length;
  const acc = new Map<number, FitEvidence[]>();
  const add = (firm: number, seg: number, e: Omit<FitEvidence, "segment">) => {
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
    if (ix.local[i]) return;
    for (const l of f.segments) {
      const seg = ix.segmentIndex.get(l.segment);
      if (seg !== undefined)
        add(i, seg, {
          grade: l.grade,
          basis: l.basis,
          confidence: l.confidence,
          via: "link",
          detail: l.product ?? "curated link",
        });
    }
    for (const { name: p } of f.products)
      for (const seg of matcher.match(p))
        add(i, seg, {
          grade: "strong",
          basis: "inferred",
          confidence: INFERRED_CONFIDENCE.product,
          via: "product",
          detail: p,
        });
    for (const c of f.codes) {
      const list = firmsByCode.get(c);
      if (list) list.push(i);
      else firmsByCode.set(c, [i]);
    }
    for (const n of [f.name.zh, ...(f.name.en ? [f.name.en] : []), ...f.name.aliases])
      for (const seg of matcher.match(n))
        add(i, seg, {
          grade: "weak",
          basis: "inferred",
          confidence: INFERRED_CONFIDENCE.name,
          via: "name",
          detail: n,
        });
  });
  // Ties from outside suppliers to local firms: one piece of evidence per supplier and segment.
  const sold = new Map<number, { best: TieRow; customers: number }>();
  ix.tiesIn.forEach((rows, seg) => {
    for (const t of rows) {
      if (ix.local[t.supplier]) continue;
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
  addCodeFits(ix, out, firmsByCode);
  return out;
}

/**
 * Medium evidence: the firm's GB/T 4754 class equals one of the segment's. A class often spans several
 * segments of a chain (3985 is polysilicon, wafers and silver paste), so the confidence is divided among them:
 * a code says which industry, not which link. Firms known only by code share one evidence list per segment.
 */
function addCodeFits(ix: AnalysisIndex, out: CandidateFit[][], firmsByCode: Map<string, number[]>): void {
  // How many segments of each chain carry a code: a code-only firm is spread over all of them.
  const sharing = new Map<string, number>();
  for (const s of ix.segments)
    for (const c of s.codes) sharing.set(`${s.chain}\t${c}`, (sharing.get(`${s.chain}\t${c}`) ?? 0) + 1);
  ix.segments.forEach((s, seg) => {
    if (s.codes.length === 0) return;
    const have = new Map(out[seg]!.map((c) => [c.firm, c]));
    for (const code of s.codes) {
      const firms = firmsByCode.get(code);
      if (!firms) continue;
      const k = sharing.get(`${s.chain}\t${code}`) ?? 1;
      const ev: FitEvidence = {
        segment: s.id,
        grade: "medium",
        basis: "inferred",
        confidence: INFERRED_CONFIDENCE.codeClass / k,
        via: "code",
        detail: k > 1 ? `GB/T 4754 ${code} (1 of ${k} segments with this code)` : `GB/T 4754 ${code}`,
      };
      const shared = [ev];
      const fit = score(ev);
      for (const firm of firms) {
        const c = have.get(firm);
        if (!c) {
          const entry = { firm, fit, evidence: shared };
          have.set(firm, entry);
          out[seg]!.push(entry);
        } else if (
          c.evidence !== shared &&
          c.evidence.length < 4 &&
          !c.evidence.some((e) => e.via === "code")
        ) {
          c.evidence.push(ev);
          c.fit = Math.max(c.fit, fit);
        }
      }
    }
  });
}
