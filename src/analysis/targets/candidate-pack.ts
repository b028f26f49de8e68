// A chain's candidate pack: what a ranking scores of every candidate — its fit to each of the chain's segments, its
// tier, lists, country and ties to the chain's masters — built once per change of the data and kept by a store
// (Neo4j), so that ranking a province's chain reads one record instead of every candidate's evidence. The rows are
// the same: the pack picks the top ids by the one scoring rule (score-candidates.ts scoreTraits), and those firms,
// read whole, are ranked again with their evidence (rankTargetsOf's `only`).
import { z } from "zod";
import { StoreError } from "../../errors.ts";
import { ListName } from "../../model/index.ts";
import type { AnalysisIndex } from "../core/analysis-index.ts";
import { parseOptions } from "../core/parse-options.ts";
import type { MatchingResources } from "../matching/matching-resources.ts";
import type { StoredTextEvidence } from "../matching/text-evidence.ts";
import { candidateFitsOf } from "./candidate-fit.ts";
import {
  coverGreedily,
  PortfolioOptions,
  type PortfolioOptionsInput,
  portfolioTargets,
} from "./portfolio.ts";
import { targetGaps } from "./rank-targets.ts";
import { segmentFeasibility } from "./relatedness.ts";
import { byId, type CandidateTraits, type Fitted, indexTraits, scoreTraits } from "./score-candidates.ts";
import { TargetOptions, type TargetOptionsInput } from "./target-options.ts";

/** Bumped whenever what a pack holds, or how candidate-fit.ts, firm-tier.ts or the master ties make it, changes. */
export const PACK_VERSION = "p2";

/**
 * The pack as kept (JSON). Candidates of equal traits (most of those a code alone brings in) share one profile:
 * [firmTier, how many of the chain's local masters it trades with, its lists as bits of `lists`, its fits as
 * position in `segments`, fit, position, fit…]. A province's chain has a hundred thousand candidates: their ids are
 * one string and their countries and profiles numbers, so that reading a pack allocates little; the small parts go
 * through a schema, the large ones through the loops of parsePack.
 */
const PackHead = z.object({
  v: z.literal(2),
  chain: z.string(),
  /** The chain's segments, in the index's order. */
  segments: z.array(z.string()),
  lists: z.array(ListName),
  countries: z.array(z.string()),
});
type Profile = [tier: number, tied: number, lists: number, fits: number[]];
interface Pack extends z.infer<typeof PackHead> {
  profiles: Profile[];
  /** The candidates' ids, in code-unit order, each ended by a newline. */
  ids: string;
  /** Per candidate: its country (in `countries`) and profile. */
  country: number[];
  profile: number[];
}

/**
 * The pack of `chain` over an index holding all its candidates (a chain subgraph with none left out; firms in brief
 * score as whole ones), with the store's text evidence when it keeps it. Deterministic: the same data gives the same
 * text.
 */
export function candidatePack(
  ix: AnalysisIndex,
  res: MatchingResources,
  chain: string,
  stored?: StoredTextEvidence,
): string {
  const own: number[] = [];
  ix.segments.forEach((s, i) => {
    if (s.chain === chain) own.push(i);
  });
  const fits = candidateFitsOf(ix, res, own, stored);
  const vectors = new Map<number, Array<[number, number]>>();
  own.forEach((seg, at) => {
    for (const c of fits[seg]!) {
      const v = vectors.get(c.firm);
      if (v) v.push([at, c.fit]);
      else vectors.set(c.firm, [[at, c.fit]]);
    }
  });
  const traits = indexTraits(ix, chain);
  const lists: ListName[] = [];
  const countries: string[] = [];
  const profiles: Profile[] = [];
  const profileOf = new Map<string, number>();
  const countryOf = new Map<string, number>();
  const rows = [...vectors].map(([firm, fitted]) => {
    const f = ix.firms[firm]!;
    let bits = 0;
    for (const t of f.tags) {
      let at = lists.indexOf(t.list);
      if (at < 0) at = lists.push(t.list) - 1;
      bits |= 1 << at;
    }
    const p: Profile = [traits.tier(firm), traits.tied(firm), bits, fitted.flat()];
    const key = JSON.stringify(p);
    let at = profileOf.get(key);
    if (at === undefined) {
      at = profiles.push(p) - 1;
      profileOf.set(key, at);
    }
    const country = f.location.country;
    let c = countryOf.get(country);
    if (c === undefined) {
      c = countries.push(country) - 1;
      countryOf.set(country, c);
    }
    return { id: f.id, country: c, profile: at };
  });
  rows.sort((a, b) => byId(a.id, b.id));
  const pack: Pack = {
    v: 2,
    chain,
    segments: own.map((seg) => ix.segments[seg]!.id),
    lists,
    countries,
    profiles,
    ids: rows.map((r) => `${r.id}\n`).join(""),
    country: rows.map((r) => r.country),
    profile: rows.map((r) => r.profile),
  };
  return JSON.stringify(pack);
}

/**
 * The ids of the rows rankTargetsOf gives for `input`, ranked on a pack instead of the candidates: `ix` needs the
 * chain's skeleton, local firms and the ties a ranking counts (the gaps, their needs and feasibility), no candidate.
 * A pack that does not parse, or that is not this chain's, is an error naming it (the store's data is damaged).
 */
export function packTargets(
  ix: AnalysisIndex,
  res: MatchingResources,
  input: TargetOptionsInput,
  packText: string,
): string[] {
  const opts = parseOptions(TargetOptions, input, "targets");
  const { traits, fits, feasible } = packScoring(ix, res, opts.chain, packText);
  const gaps = targetGaps(ix, opts);
  return scoreTraits(traits, fits, feasible, gaps, opts, opts.top).map((c) => traits.id(c.firm));
}

/**
 * The ids of the firms pickPortfolioOf picks for `input`, picked on a pack instead of the candidates (`ix` as for
 * packTargets): every candidate scored, each with its fits to the gaps in the order scoreCandidates gives them, and
 * the one greedy of portfolio.ts.
 */
export function packPortfolio(
  ix: AnalysisIndex,
  res: MatchingResources,
  input: PortfolioOptionsInput,
  packText: string,
): string[] {
  const opts = parseOptions(PortfolioOptions, input, "portfolio");
  const targetOpts = portfolioTargets(opts);
  const { traits, fits, feasible } = packScoring(ix, res, opts.chain, packText);
  const gaps = targetGaps(ix, targetOpts);
  const scored = scoreTraits(traits, fits, feasible, gaps, targetOpts);
  const at = new Map(scored.map((c, i) => [c.firm, i]));
  const candidates = scored.map(() => ({
    fits: [] as Array<{ segment: number; severity: number; fit: number }>,
  }));
  for (const gap of gaps)
    for (const c of fits[gap.segment]!) {
      const i = at.get(c.firm);
      if (i !== undefined)
        candidates[i]!.fits.push({ segment: gap.segment, severity: gap.severity, fit: c.fit });
    }
  for (const c of candidates) c.fits.sort((a, b) => b.severity * b.fit - a.severity * a.fit);
  return coverGreedily(candidates, gaps, opts.k).map((p) => traits.id(scored[p.at]!.firm));
}

/** What scoring reads of a pack's candidates: their traits, their fits by the index's segments, and feasibility. */
function packScoring(
  ix: AnalysisIndex,
  res: MatchingResources,
  chain: string,
  packText: string,
): { traits: CandidateTraits; fits: Fitted[][]; feasible: Float64Array } {
  const pack = parsePack(packText, chain);
  const seg = pack.segments.map((id) => {
    const at = ix.segmentIndex.get(id);
    if (at === undefined || ix.segments[at]!.chain !== chain)
      throw packError(chain, `names segment "${id}", which is not one of the chain's`);
    return at;
  });
  const fits: Fitted[][] = ix.segments.map(() => []);
  const n = pack.profile.length;
  for (let c = 0; c < n; c++) {
    const f = pack.profiles[pack.profile[c]!]![3];
    for (let k = 0; k < f.length; k += 2) fits[seg[f[k]!]!]!.push({ firm: c, fit: f[k + 1]! });
  }
  // Each id is sliced out when the ranking asks for it (ties of equal scores, the rows kept): not all.
  const ends = pack.ends;
  const id = (c: number) => pack.ids.slice(ends[c]!, ends[c + 1]! - 1);
  const profile = (c: number) => pack.profiles[pack.profile[c]!]!;
  const traits: CandidateTraits = {
    size: n,
    id,
    country: (c) => pack.countries[pack.country[c]!]!,
    onList: (c, want) => {
      const bits = profile(c)[2];
      return pack.lists.some((l, k) => (bits & (1 << k)) !== 0 && want.has(l));
    },
    tier: (c) => profile(c)[0],
    tied: (c) => profile(c)[1],
  };
  return { traits, fits, feasible: segmentFeasibility(ix, res.reference) };
}

function packError(chain: string, why: string): StoreError {
  return new StoreError(`the stored candidate pack of chain "${chain}" ${why}`);
}

/** The pack, checked, with where each candidate's id ends in `ids` (ends[c + 1], past its newline). */
function parsePack(text: string, chain: string): Pack & { ends: Int32Array } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw packError(chain, "is not JSON");
  }
  const head = PackHead.safeParse(value);
  if (!head.success) {
    const issue = head.error.issues[0]!;
    throw packError(chain, `is not valid: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  const p = value as Pack;
  if (p.chain !== chain) throw packError(chain, `is chain "${p.chain}"'s`);
  const bad = (where: string, expected: string) =>
    packError(chain, `is not valid: ${where}: expected ${expected}`);
  const index = (x: unknown, below: number) =>
    Number.isInteger(x) && (x as number) >= 0 && (x as number) < below;
  const fraction = (x: unknown) => typeof x === "number" && x >= 0 && x <= 1;
  if (!Array.isArray(p.profiles)) throw bad("profiles", "an array");
  p.profiles.forEach((q: unknown, k) => {
    if (!Array.isArray(q) || q.length !== 4) throw bad(`profiles.${k}`, "[tier, tied, lists, fits]");
    if (!fraction(q[0])) throw bad(`profiles.${k}.0`, "a tier from 0 to 1");
    if (!index(q[1], Number.MAX_SAFE_INTEGER)) throw bad(`profiles.${k}.1`, "a count of masters");
    if (!index(q[2], 2 ** p.lists.length)) throw bad(`profiles.${k}.2`, "bits of the pack's lists");
    const f: unknown = q[3];
    if (!Array.isArray(f) || f.length % 2 !== 0) throw bad(`profiles.${k}.3`, "segment, fit pairs");
    for (let j = 0; j < f.length; j += 2)
      if (!index(f[j], p.segments.length) || !fraction(f[j + 1]))
        throw bad(`profiles.${k}.3.${j}`, "a segment of the pack and a fit from 0 to 1");
  });
  if (typeof p.ids !== "string" || (p.ids.length > 0 && !p.ids.endsWith("\n")))
    throw bad("ids", "ids, each ended by a newline");
  const cut: number[] = [0];
  for (let at = p.ids.indexOf("\n"); at >= 0; at = p.ids.indexOf("\n", at + 1)) cut.push(at + 1);
  const n = cut.length - 1;
  for (const [name, list, below] of [
    ["country", p.country, p.countries.length],
    ["profile", p.profile, p.profiles.length],
  ] as const) {
    if (!Array.isArray(list) || list.length !== n)
      throw bad(name, `one number for each of its ${n} candidates`);
    for (let c = 0; c < n; c++)
      if (!index(list[c], below)) throw bad(`${name}.${c}`, `a number below ${below}`);
  }
  return { ...p, ends: Int32Array.from(cut) };
}
