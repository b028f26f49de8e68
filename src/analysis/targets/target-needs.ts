// The need of every segment of a chain as a target, and the aim it serves: 补链 fill, 强链 strengthen, 延链 extend.
import type { AnalysisIndex } from "../core/analysis-index.ts";
import type { GapFinding } from "../gaps/gap-finding.ts";
import type { Aim, ChainGap } from "./score-candidates.ts";

/**
 * Need order (DOMAIN.md 补链/强链/延链): missing and external links first (need = severity); then single-source
 * and weak links (0.8 × severity); then covered links with local demand (0.4 × demand); then extensions —
 * missing links nobody local buys yet that sit next to a covered segment in the chain's flow (0.5 × severity).
 */
export const NEED_SCALE = { fill: 1, strengthen: 0.8, covered: 0.4, extend: 0.5 } as const;

/** Aim and need of one finding; need 0 means the segment is no target. */
export function targetNeed(
  ix: AnalysisIndex,
  seg: number,
  f: GapFinding,
  covered: ReadonlySet<number>,
): { aim: Aim; need: number } {
  switch (f.kind) {
    case "missing": {
      const nearCovered = [...ix.feedsIn[seg]!, ...ix.feedsOut[seg]!].some((s) => covered.has(s));
      if ((f.demandFirms?.length ?? 0) === 0 && nearCovered)
        return { aim: "extend", need: NEED_SCALE.extend * f.severity };
      return { aim: "fill", need: NEED_SCALE.fill * f.severity };
    }
    case "external":
      return { aim: "fill", need: NEED_SCALE.fill * f.severity };
    case "weak":
    case "single-source":
      return { aim: "strengthen", need: NEED_SCALE.strengthen * f.severity };
    case "covered":
      return { aim: "strengthen", need: NEED_SCALE.covered * f.factors.demand };
  }
}

/** The chain's targets for the aims asked for, every segment with a positive need. */
export function chainTargets(
  ix: AnalysisIndex,
  findings: ReadonlyArray<GapFinding>,
  aims: ReadonlyArray<Aim>,
): ChainGap[] {
  const want = new Set(aims);
  const covered = new Set(
    findings.filter((f) => f.localFirms.length > 0).map((f) => ix.segmentIndex.get(f.segment.id)!),
  );
  const out: ChainGap[] = [];
  for (const finding of findings) {
    const segment = ix.segmentIndex.get(finding.segment.id)!;
    const { aim, need } = targetNeed(ix, segment, finding, covered);
    if (need > 0 && want.has(aim)) out.push({ segment, finding, aim, severity: need });
  }
  return out;
}
