// Portfolio: k targets that together close the most gap severity, by greedy weighted maximum coverage.
import { z } from "zod";
import type { AtlasGraph } from "../../graph/index.ts";
import type { LocalizedName } from "../../model/index.ts";
import { analysisIndex } from "../core/analysis-index.ts";
import { parseOptions } from "../core/parse-options.ts";
import { scoredTargets, targetGaps } from "./rank-targets.ts";
import { TargetOptions } from "./target-options.ts";

export const PortfolioOptions = TargetOptions.omit({ top: true }).extend({
  k: z.coerce
    .number({ error: "expected a whole number ≥ 1" })
    .int("expected a whole number ≥ 1")
    .positive("expected a whole number ≥ 1")
    .default(10),
});
export type PortfolioOptionsInput = z.input<typeof PortfolioOptions>;

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
  const opts = parseOptions(PortfolioOptions, input, "portfolio");
  const ix = analysisIndex(g);
  const targetOpts = { ...opts, top: opts.k };
  const candidates = scoredTargets(g, ix, targetOpts);
  const gaps = targetGaps(ix, targetOpts);
  const open = new Map(gaps.map((gap) => [gap.segment, 1]));
  const picks: PortfolioPick[] = [];
  const taken = new Set<number>();
  let cumulative = 0;
  while (picks.length < opts.k) {
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
    const c = candidates[best]!;
    const closes = c.fits.map((gf) => {
      const gain = gf.severity * gf.fit * open.get(gf.segment)!;
      open.set(gf.segment, open.get(gf.segment)! * (1 - gf.fit));
      return { segment: gf.finding.segment.id, severity: gf.severity, fit: gf.fit, gain };
    });
    cumulative += bestGain;
    const f = ix.firms[c.firm]!;
    picks.push({
      firm: { id: f.id, name: f.name, country: f.location.country },
      marginalGain: bestGain,
      cumulative,
      score: c.score,
      closes,
    });
  }
  return {
    chain: opts.chain,
    k: opts.k,
    totalSeverity: gaps.reduce((s, gap) => s + gap.severity, 0),
    closed: cumulative,
    picks,
  };
}
