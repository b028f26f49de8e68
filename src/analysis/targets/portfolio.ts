// Portfolio: k targets that together close the most gap severity, by greedy weighted maximum coverage.
import { z } from "zod";
import type { AtlasGraph } from "../../graph/index.ts";
import type { LocalizedName } from "../../model/index.ts";
import { type AnalysisIndex, analysisIndex } from "../core/analysis-index.ts";
import { parseOptions } from "../core/parse-options.ts";
import { type MatchingResources, matchingResourcesOf } from "../matching/matching-resources.ts";
import type { StoredTextEvidence } from "../matching/text-evidence.ts";
import { scoredTargetsOf, targetGaps } from "./rank-targets.ts";
import { TargetOptions } from "./target-options.ts";

export const PortfolioOptions = TargetOptions.omit({ top: true }).extend({
  k: z.coerce
    .number({ error: "expected a whole number ≥ 1" })
    .int("expected a whole number ≥ 1")
    .positive("expected a whole number ≥ 1")
    .default(10),
});
export type PortfolioOptionsInput = z.input<typeof PortfolioOptions>;
export type PortfolioOptions = z.infer<typeof PortfolioOptions>;

export interface PortfolioPick {
  firm: { id: string; name: LocalizedName; country: string };
  /** Severity this pick closes on top of the earlier picks. */
  marginalGain: number;
  cumulative: number;
  score: number;
  closes: Array<{ segment: string; severity: number; fit: number; gain: number }>;
}

export interface Portfolio {
  chain: string;
  k: number;
  /** Σ severity of the chain's gaps: what a perfect portfolio would close. */
  totalSeverity: number;
  closed: number;
  picks: PortfolioPick[];
}

/**
 * Greedy maximum coverage with diminishing returns: a gap g is closed to 1 − Π(1 − fit) by the picks
 * that fit it, and the value is Σ severity·closed. The value is monotone submodular, so greedy is within
 * 1 − 1/e of the best portfolio (Nemhauser, Wolsey & Fisher 1978).
 */
export function pickPortfolio(g: AtlasGraph, input: PortfolioOptionsInput): Portfolio {
  return pickPortfolioOf(analysisIndex(g), matchingResourcesOf(g), input);
}

/**
 * The same over an index and the resources to match with, the store's text evidence and, with `only`, only those
 * firms scored: the picks are the same whenever `only` holds every firm picked (each pick is the best gain of all
 * candidates, and a candidate's score and fits do not depend on the others), as when a store has read whole the
 * firms a portfolio on its candidate pack picked (candidate-pack.ts packPortfolio).
 */
export function pickPortfolioOf(
  ix: AnalysisIndex,
  res: MatchingResources,
  input: PortfolioOptionsInput,
  stored?: StoredTextEvidence,
  only?: ReadonlySet<string>,
): Portfolio {
  const opts = parseOptions(PortfolioOptions, input, "portfolio");
  const targetOpts = portfolioTargets(opts);
  const candidates = scoredTargetsOf(ix, res, targetOpts, Number.POSITIVE_INFINITY, stored, only);
  const gaps = targetGaps(ix, targetOpts);
  let cumulative = 0;
  const picks = coverGreedily(candidates, gaps, opts.k).map(({ at, gain, closes }): PortfolioPick => {
    const c = candidates[at]!;
    cumulative += gain;
    const f = ix.firms[c.firm]!;
    return {
      firm: { id: f.id, name: f.name, country: f.location.country },
      marginalGain: gain,
      cumulative,
      score: c.score,
      closes: closes.map((x, i) => ({ ...x, segment: c.fits[i]!.finding.segment.id })),
    };
  });
  return {
    chain: opts.chain,
    k: opts.k,
    totalSeverity: gaps.reduce((s, gap) => s + gap.severity, 0),
    closed: cumulative,
    picks,
  };
}

/** What the greedy reads of a candidate: its fits to the gaps (by segment index), most severe × best fit first. */
export interface CoverCandidate {
  fits: ReadonlyArray<{ segment: number; severity: number; fit: number }>;
}

/**
 * The greedy itself, over candidates best first (ties of gain go to the earlier one): at most `k` picks, each with
 * its marginal gain and what it closes of each of its fits (in its fits' order). Candidates of an index
 * (pickPortfolioOf) and of a store's candidate pack (packPortfolio) go through this one loop.
 */
export function coverGreedily(
  candidates: ReadonlyArray<CoverCandidate>,
  gaps: ReadonlyArray<{ segment: number }>,
  k: number,
): Array<{ at: number; gain: number; closes: Array<{ severity: number; fit: number; gain: number }> }> {
  const open = new Map(gaps.map((gap) => [gap.segment, 1]));
  const picks: Array<{
    at: number;
    gain: number;
    closes: Array<{ severity: number; fit: number; gain: number }>;
  }> = [];
  const taken = new Set<number>();
  while (picks.length < k) {
    let best = -1;
    let bestGain = 1e-12;
    candidates.forEach((c, i) => {
      if (taken.has(i)) return;
      let gain = 0;
      for (const gf of c.fits) gain += gf.severity * gf.fit * open.get(gf.segment)!;
      if (gain > bestGain) {
        best = i;
        bestGain = gain;
      }
    });
    if (best < 0) break;
    taken.add(best);
    const closes = candidates[best]!.fits.map((gf) => {
      const gain = gf.severity * gf.fit * open.get(gf.segment)!;
      open.set(gf.segment, open.get(gf.segment)! * (1 - gf.fit));
      return { severity: gf.severity, fit: gf.fit, gain };
    });
    picks.push({ at: best, gain: bestGain, closes });
  }
  return picks;
}

/** The ranking options a portfolio scores its candidates with. */
export function portfolioTargets(opts: PortfolioOptions): TargetOptions {
  const { k, ...ranking } = opts;
  return { ...ranking, top: k };
}
