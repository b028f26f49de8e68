// Fit of candidate firms to segments, graded by evidence: strong (makes it / supplies it locally), medium (code), weak (name).
import type { AtlasGraph } from "../graph/index.ts";
import type { Basis, EvidenceGrade } from "../model/index.ts";
import { type AnalysisIndex, analysisIndex } from "./analysis-index.ts";
import { KeywordMatcher } from "./word-match.ts";

export const GRADE_SCORE: Record<EvidenceGrade, number> = { strong: 1, medium: 0.6, weak: 0.3 };

/** Confidence we give our own inferences, by how they were made. */
export const INFERRED_CONFIDENCE = { product: 0.8, codeClass: 0.8, codeGroup: 0.6, name: 0.6 } as const;

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
  const byCode = new Map<string, number[]>();
  const byGroup = new Map<string, number[]>();
  const push = (m: Map<string, number[]>, k: string, v: number) => {
    const list = m.get(k);
    if (!list) m.set(k, [v]);
    else if (!list.includes(v)) list.push(v);
  };
  ix.segments.forEach((s, i) => {
    matcher.add(s.name.zh, i);
    for (const k of s.keywords) matcher.add(k, i);
    for (const c of s.codes) {
      push(byCode, c, i);
      push(byGroup, c.slice(0, 3), i);
    }
  });
  const perFirm = new Map<number, Map<number, FitEvidence[]>>();
  const add = (firm: number, seg: number, e: Omit<FitEvidence, "segment">) => {
    let m = perFirm.get(firm);
    if (!m) perFirm.set(firm, (m = new Map()));
    const list = m.get(seg);
    const ev = { segment: ix.segments[seg]!.id, ...e };
    if (list) list.push(ev);
    else m.set(seg, [ev]);
  };
  ix.firms.forEach((f, i) => {
    if (ix.local[i]) return;
    for (const l of f.segments) {
      const seg = ix.segmentIndex.get(l.segment);
      if (seg !== undefined) add(i, seg, { grade: l.grade, basis: l.basis, confidence: l.confidence, via: "link", detail: l.product ?? "curated link" });
    }
    for (const p of f.products)
      for (const seg of matcher.match(p)) add(i, seg, { grade: "strong", basis: "inferred", confidence: INFERRED_CONFIDENCE.product, via: "product", detail: p });
    for (const c of f.codes) {
      const exact = byCode.get(c) ?? [];
      for (const seg of exact) add(i, seg, { grade: "medium", basis: "inferred", confidence: INFERRED_CONFIDENCE.codeClass, via: "code", detail: `GB/T 4754 ${c}` });
      for (const seg of byGroup.get(c.slice(0, 3)) ?? [])
        if (!exact.includes(seg)) add(i, seg, { grade: "weak", basis: "inferred", confidence: INFERRED_CONFIDENCE.codeGroup, via: "code", detail: `GB/T 4754 group ${c.slice(0, 3)}` });
    }
    for (const n of [f.name.zh, ...(f.name.en ? [f.name.en] : []), ...f.name.aliases])
      for (const seg of matcher.match(n)) add(i, seg, { grade: "weak", basis: "inferred", confidence: INFERRED_CONFIDENCE.name, via: "name", detail: n });
  });
  ix.tiesIn.forEach((rows, seg) => {
    for (const t of rows)
      if (!ix.local[t.supplier])
        add(t.supplier, seg, { grade: "strong", basis: t.tie.basis, confidence: t.tie.confidence, via: "tie", detail: `${t.tie.product} → ${ix.firms[t.customer]!.name.zh}` });
  });
  const out: CandidateFit[][] = ix.segments.map(() => []);
  for (const [firm, segs] of perFirm)
    for (const [seg, evidence] of segs) {
      evidence.sort((a, b) => score(b) - score(a));
      out[seg]!.push({ firm, fit: score(evidence[0]!), evidence: evidence.slice(0, 4) });
    }
  return out;
}
