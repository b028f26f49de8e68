// The target score of every candidate for a chain's gaps: a weighted sum of normalised, explained terms.
import type { AnalysisIndex } from "../core/analysis-index.ts";
import { FirmMarks } from "../core/firm-marks.ts";
import type { GapFinding } from "../gaps/gap-finding.ts";
import type { CandidateFit, FitEvidence } from "./candidate-fit.ts";
import { firmTier } from "./firm-tier.ts";
import type { TargetOptions } from "./target-options.ts";

export interface TargetTerms {
  /** 1 − Π(1 − severity × fit) over the gaps the firm fits: how much gap it would close. */
  gapFit: number;
  /** The best list the firm is on (firm-tier.ts), scaled by its best fit: a tag lifts a good fit, never carries a poor one. */
  tier: number;
  /** n / (n + 1) for n local chain masters of this chain it already trades with. */
  masterTies: number;
  /** Fit-weighted feasibility of its gaps (relatedness.ts); null when no gap has data (the term drops out). */
  relatedness: number | null;
}

/** Which policy aim a target serves: 补链 fill a missing link, 强链 strengthen one, 延链 extend the chain. */
export type Aim = "fill" | "strengthen" | "extend";
export const AIMS: ReadonlyArray<Aim> = ["fill", "strengthen", "extend"];

/** A fit at least this good names the segment as filled; below it the row says "possible". */
export const MIN_FILL_FIT = 0.3;
/** The fit at which a list tag counts in full. */
const FULL_TIER_FIT = 0.6;

export interface GapFit {
  segment: number;
  finding: GapFinding;
  aim: Aim;
  /** The severity the gap counts with (1 when one gap was asked for). */
  severity: number;
  fit: number;
  evidence: FitEvidence[];
}

export interface ScoredCandidate {
  firm: number;
  score: number;
  terms: TargetTerms;
  fits: GapFit[];
  /** Local chain masters of the chain it trades with. */
  masters: number[];
}

export interface ChainGap {
  segment: number;
  finding: GapFinding;
  aim: Aim;
  /** The need the gap counts with: its severity, ordered by aim (target-needs.ts). */
  severity: number;
}

/** A candidate's fit to one segment, by candidate number (an index's firm, or a store's candidate pack's). */
export interface Fitted {
  firm: number;
  fit: number;
}

/**
 * What scoring reads of each candidate, by number: an index's firms (scoreCandidates) or the candidates of a store's
 * pack (candidate-pack.ts). Both give the same numbers for the same firm, so both score it alike.
 */
export interface CandidateTraits {
  /** Candidates are numbered 0 … size − 1. */
  size: number;
  id(c: number): string;
  country(c: number): string;
  onList(c: number, lists: ReadonlySet<string>): boolean;
  /** firmTier of the firm. */
  tier(c: number): number;
  /** How many of the chain's local masters it trades with. */
  tied(c: number): number;
}

/**
 * Scores every candidate that fits at least one gap, best first (ties by firm id), and keeps the `limit` best.
 * The terms are summed in typed arrays; the per-gap fits are gathered only for the candidates kept.
 */
export function scoreCandidates(
  ix: AnalysisIndex,
  fits: CandidateFit[][],
  density: Float64Array,
  gaps: ReadonlyArray<ChainGap>,
  opts: TargetOptions,
  limit = Number.POSITIVE_INFINITY,
): ScoredCandidate[] {
  const masters = ix.chainMasters.get(opts.chain) ?? [];
  const traits = indexTraits(ix, opts.chain);
  const out: ScoredCandidate[] = scoreTraits(traits, fits, density, gaps, opts, limit, sumsFor(ix)).map(
    (c) => ({ ...c, fits: [], masters: masters.filter((m) => ix.masterPartners.get(m)?.has(c.firm)) }),
  );
  const byFirm = new Map(out.map((c) => [c.firm, c]));
  for (const gap of gaps)
    for (const c of fits[gap.segment]!) {
      const sc = byFirm.get(c.firm);
      if (sc)
        sc.fits.push({
          segment: gap.segment,
          finding: gap.finding,
          aim: gap.aim,
          severity: gap.severity,
          fit: c.fit,
          evidence: c.evidence,
        });
    }
  for (const c of out) c.fits.sort((a, b) => b.severity * b.fit - a.severity * a.fit);
  return out;
}

/** The traits of an index's firms (by firm index) for scoring on one chain's gaps. */
export function indexTraits(ix: AnalysisIndex, chain: string): CandidateTraits {
  const masters = ix.chainMasters.get(chain) ?? [];
  return {
    size: ix.firms.length,
    id: (f) => ix.firms[f]!.id,
    country: (f) => ix.firms[f]!.location.country,
    onList: (f, lists) => ix.firms[f]!.tags.some((t) => lists.has(t.list)),
    tier: (f) => tierOf(ix, f),
    tied: (f) => {
      let n = 0;
      for (const m of masters) if (ix.masterPartners.get(m)?.has(f)) n++;
      return n;
    },
  };
}

/**
 * The score and terms of every candidate fitting at least one gap, passing the filters and reaching the minimum
 * score, best first (ties by id), at most `limit`: the one scoring rule of scoreCandidates and of a candidate pack.
 */
export function scoreTraits(
  t: CandidateTraits,
  fits: ReadonlyArray<ReadonlyArray<Fitted>>,
  density: Float64Array,
  gaps: ReadonlyArray<Pick<ChainGap, "segment" | "severity">>,
  opts: TargetOptions,
  limit = Number.POSITIVE_INFINITY,
  sums: Sums = newSums(t.size),
): Array<{ firm: number; score: number; terms: TargetTerms }> {
  const tags = new Set<string>(opts.tag);
  const countries = new Set(opts.country);
  const filtered = tags.size > 0 || countries.size > 0;
  const keep = (c: number) => {
    if (countries.size > 0 && !countries.has(t.country(c))) return false;
    return tags.size === 0 || t.onList(c, tags);
  };
  sums.clear();
  const touched: number[] = [];
  for (const gap of gaps)
    for (const c of fits[gap.segment]!) {
      if (filtered && !keep(c.firm)) continue;
      if (!sums.seen.has(c.firm)) {
        sums.seen.set(c.firm, 1);
        sums.miss[c.firm] = 1;
        sums.mass[c.firm] = 0;
        sums.related[c.firm] = 0;
        sums.best[c.firm] = 0;
        touched.push(c.firm);
      }
      const v = gap.severity * c.fit;
      sums.miss[c.firm]! *= 1 - v;
      sums.best[c.firm] = Math.max(sums.best[c.firm]!, c.fit);
      // An unknown feasibility (NaN) drops out: it neither lifts nor pulls down.
      const d = density[gap.segment]!;
      if (!Number.isNaN(d)) {
        sums.mass[c.firm]! += v;
        sums.related[c.firm]! += v * d;
      }
    }
  const w = opts.weights;
  const wSum = w.gapFit + w.tier + w.masterTies;
  const tierFor = (c: number) => t.tier(c) * Math.min(1, sums.best[c]! / FULL_TIER_FIT);
  const termsOf = (c: number): TargetTerms => {
    const tied = t.tied(c);
    const mass = sums.mass[c]!;
    return {
      gapFit: 1 - sums.miss[c]!,
      tier: tierFor(c),
      masterTies: tied / (tied + 1),
      relatedness: mass > 0 ? sums.related[c]! / mass : null,
    };
  };
  // The score without building term objects (thousands of candidates per chain at scale).
  const scores = new Float64Array(touched.length);
  touched.forEach((c, i) => {
    const tied = t.tied(c);
    const mass = sums.mass[c]!;
    const known = mass > 0;
    const related = known ? sums.related[c]! / mass : 0;
    const total = wSum + (known ? w.relatedness : 0);
    scores[i] =
      total > 0
        ? (w.gapFit * (1 - sums.miss[c]!) +
            w.tier * tierFor(c) +
            (w.masterTies * tied) / (tied + 1) +
            (known ? w.relatedness * related : 0)) /
          total
        : 0;
  });
  // Keep what reaches the limit-th best score (a numeric typed-array sort, not a comparator sort of objects).
  let cut = Number.NEGATIVE_INFINITY;
  if (limit < touched.length) cut = Float64Array.from(scores).sort()[touched.length - limit]!;
  const kept: Array<{ firm: number; score: number }> = [];
  touched.forEach((firm, i) => {
    if (scores[i]! >= cut) kept.push({ firm, score: scores[i]! });
  });
  // Ties by id in code-unit order: the same on every machine and locale, and the order a store sorts ids in
  // (a chain subgraph read for a ranking keeps the first ids of classes of equal scores: SubgraphOptions.ranking).
  kept.sort((a, b) => b.score - a.score || byId(t.id(a.firm), t.id(b.firm)));
  return kept
    .filter((c) => c.score >= opts.minScore)
    .slice(0, limit)
    .map((c) => ({ ...c, terms: termsOf(c.firm) }));
}

/** Ids in code-unit order: the order ties go by, and a store sorts ids in. */
export const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const tiers = new WeakMap<AnalysisIndex, Float64Array>();

/** Firm tiers, computed once per index. */
function tierOf(ix: AnalysisIndex, firm: number): number {
  let t = tiers.get(ix);
  if (!t) {
    t = Float64Array.from(ix.firms, (f) => firmTier(f));
    tiers.set(ix, t);
  }
  return t[firm]!;
}

export interface Sums {
  seen: FirmMarks;
  miss: Float64Array;
  mass: Float64Array;
  related: Float64Array;
  best: Float64Array;
  clear(): void;
}

const scratch = new WeakMap<AnalysisIndex, Sums>();

function sumsFor(ix: AnalysisIndex): Sums {
  let s = scratch.get(ix);
  if (!s) {
    s = newSums(ix.firms.length);
    scratch.set(ix, s);
  }
  return s;
}

/** Scratch sums for candidates 0 … n − 1. */
function newSums(n: number): Sums {
  const seen = new FirmMarks(n);
  return {
    seen,
    miss: new Float64Array(n),
    mass: new Float64Array(n),
    related: new Float64Array(n),
    best: new Float64Array(n),
    clear: () => seen.clear(),
  };
}
