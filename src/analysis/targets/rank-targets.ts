// Ranks candidate firms by how well they fill a chain's gaps, each row with its terms, evidence and reasons.
import type { AtlasGraph } from "../../graph/index.ts";
import type { ListName, LocalizedName } from "../../model/index.ts";
import { type AnalysisIndex, analysisIndex } from "../core/analysis-index.ts";
import { requireSegment } from "../core/chain-lookup.ts";
import { parseOptions } from "../core/parse-options.ts";
import { chainGaps } from "../gaps/find-gaps.ts";
import type { FirmRef } from "../gaps/gap-finding.ts";
import { type MatchingResources, matchingResourcesOf } from "../matching/matching-resources.ts";
import type { StoredTextEvidence } from "../matching/text-evidence.ts";
import { candidateFitsOf, type FitEvidence } from "./candidate-fit.ts";
import { segmentFeasibility } from "./relatedness.ts";
import {
  AIMS,
  type Aim,
  type ChainGap,
  MIN_FILL_FIT,
  type ScoredCandidate,
  scoreCandidates,
  type TargetTerms,
} from "./score-candidates.ts";
import { explainTarget } from "./target-explanation.ts";
import { chainTargets } from "./target-needs.ts";
import { TargetOptions, type TargetOptionsInput } from "./target-options.ts";

const MAX_SERVES = 20;

export interface TargetScore {
  firm: {
    id: string;
    name: LocalizedName;
    country: string;
    /** The lists it is on, each once (a firm listed on two exchanges is "listed" once). */
    tags: ListName[];
    revenueMillions?: number | undefined;
  };
  score: number;
  terms: TargetTerms;
  /** The aim of its best gap: 补链 fill, 强链 strengthen, 延链 extend. */
  aim: Aim;
  /** Segment ids of the gaps it fits, the most severe × best fit first. */
  gaps: string[];
  /** The same gaps with their names, aims and fits, for tables. */
  gapFits: Array<{ segment: string; name: LocalizedName; aim: Aim; fit: number; filled: boolean }>;
  evidence: FitEvidence[];
  /** Local firms that need what it makes (the gaps' local demand), masters first, at most 20. */
  serves: FirmRef[];
  explanation: { zh: string; en: string };
}

/** The top candidates for a chain's gaps (or one gap), best first. */
export function rankTargets(g: AtlasGraph, input: TargetOptionsInput): TargetScore[] {
  return rankTargetsOf(analysisIndex(g), matchingResourcesOf(g), input);
}

/**
 * The same over a built index and the resources to match with: a per-chain command ranks on the index of its
 * subgraph (analysisIndexOfDataset), with no graph built in between, and with the text evidence its store keeps
 * (`stored`: nothing is matched again) when it keeps it. With `only`, only those firms are scored: the rows are the
 * same whenever `only` holds every firm of the rows (a score does not depend on the other candidates), as when a
 * store has read whole the firms a ranking of its firms in brief picked (SubgraphOptions.pick).
 */
export function rankTargetsOf(
  ix: AnalysisIndex,
  res: MatchingResources,
  input: TargetOptionsInput,
  stored?: StoredTextEvidence,
  only?: ReadonlySet<string>,
): TargetScore[] {
  const opts = parseOptions(TargetOptions, input, "targets");
  return scoredTargetsOf(ix, res, opts, opts.top, stored, only).map((c) => targetRow(ix, c));
}

/** The scored candidates for the options, best first, at most `limit` (all by default: portfolio, backtest). */
export function scoredTargets(
  g: AtlasGraph,
  ix: AnalysisIndex,
  opts: TargetOptions,
  limit = Number.POSITIVE_INFINITY,
): ScoredCandidate[] {
  return scoredTargetsOf(ix, matchingResourcesOf(g), opts, limit);
}

/**
 * The same over an index and the resources to match with (and, as for rankTargetsOf, the store's text evidence and
 * the only firms to score).
 */
export function scoredTargetsOf(
  ix: AnalysisIndex,
  res: MatchingResources,
  opts: TargetOptions,
  limit: number,
  stored?: StoredTextEvidence,
  only?: ReadonlySet<string>,
): ScoredCandidate[] {
  const feasible = segmentFeasibility(ix, res.reference);
  const gaps = targetGaps(ix, opts);
  const fits = candidateFitsOf(
    ix,
    res,
    gaps.map((t) => t.segment),
    stored,
    only,
  );
  return scoreCandidates(ix, fits, feasible, gaps, opts, limit);
}

/** The targets: every segment of the chain with a need for the aims asked for, or the one segment asked for. */
export function targetGaps(ix: AnalysisIndex, opts: TargetOptions): ChainGap[] {
  const gaps = chainGaps(ix, { ...opts.gaps, chain: opts.chain });
  if (opts.gap !== undefined) {
    const seg = requireSegment(ix, opts.gap, opts.chain);
    const all = chainTargets(ix, gaps.findings, AIMS);
    const finding = gaps.findings.find((f) => f.segment.id === opts.gap)!;
    const aim =
      all.find((t) => t.segment === seg)?.aim ?? (finding.kind === "covered" ? "strengthen" : "fill");
    return [{ segment: seg, finding, aim, severity: 1 }];
  }
  return chainTargets(ix, gaps.findings, opts.aim);
}

export function targetRow(ix: AnalysisIndex, c: ScoredCandidate): TargetScore {
  const f = ix.firms[c.firm]!;
  const serves = new Map<string, FirmRef>();
  for (const gf of c.fits)
    for (const d of gf.finding.demandFirms ?? []) {
      if (serves.size >= MAX_SERVES) break;
      serves.set(d.id, d);
    }
  const row = {
    firm: {
      id: f.id,
      name: f.name,
      country: f.location.country,
      tags: [...new Set(f.tags.map((t) => t.list))],
      revenueMillions: f.revenue?.amountMillions,
    },
    score: c.score,
    terms: c.terms,
    aim: c.fits[0]?.aim ?? "fill",
    gaps: c.fits.map((gf) => gf.finding.segment.id),
    gapFits: c.fits.map((gf) => ({
      segment: gf.finding.segment.id,
      name: gf.finding.segment.name,
      aim: gf.aim,
      fit: gf.fit,
      filled: gf.fit >= MIN_FILL_FIT,
    })),
    evidence: c.fits.flatMap((gf) => gf.evidence).slice(0, 6),
    serves: [...serves.values()],
  };
  return { ...row, explanation: explainTarget(ix, c, row.serves) };
}
