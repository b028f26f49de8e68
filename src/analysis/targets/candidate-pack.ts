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
import { firmTier } from "./firm-tier.ts";
import { targetGaps } from "./rank-targets.ts";
import { segmentFeasibility } from "./relatedness.ts";
import { type CandidateTraits, type Fitted, scoreTraits } from "./score-candidates.ts";
import { TargetOptions, type TargetOptionsInput } from "./target-options.ts";

/** Bumped whenever what a pack holds, or how candidate-fit.ts, firm-tier.ts or the master ties make it, changes. */
export const PACK_VERSION = "p1";

/** Candidates of equal traits (most of those a code alone brings in) share one profile. */
const Profile = z.tuple([
  /** firmTier */
  z.number().min(0).max(1),
  /** how many of the chain's local masters it trades with */
  z.number().int().nonnegative(),
  /** its lists, each once, sorted */
  z.array(ListName),
  /** [position in `segments`, fit], by position */
  z.array(z.tuple([z.number().int().nonnegative(), z.number().min(0).max(1)])),
]);

const Pack = z.strictObject({
  v: z.literal(1),
  chain: z.string(),
  /** The chain's segments, in the index's order. */
  segments: z.array(z.string()),
  profiles: z.array(Profile),
  /** The candidates, by id (code-unit order), each with its country and profile. */
  ids: z.array(z.string()),
  countries: z.array(z.string()),
  profile: z.array(z.number().int().nonnegative()),
});
type Pack = z.infer<typeof Pack>;

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
  const masters = ix.chainMasters.get(chain) ?? [];
  const profiles: Pack["profiles"] = [];
  const profileOf = new Map<string, number>();
  const rows = [...vectors].map(([firm, fitted]) => {
    const f = ix.firms[firm]!;
    let tied = 0;
    for (const m of masters) if (ix.masterPartners.get(m)?.has(firm)) tied++;
    const p: Pack["profiles"][number] = [
      firmTier(f),
      tied,
      [...new Set(f.tags.map((t) => t.list))].sort(),
      fitted,
    ];
    const key = JSON.stringify(p);
    let at = profileOf.get(key);
    if (at === undefined) {
      at = profiles.length;
      profiles.push(p);
      profileOf.set(key, at);
    }
    return { id: f.id, country: f.location.country, profile: at };
  });
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const pack: Pack = {
    v: 1,
    chain,
    segments: own.map((seg) => ix.segments[seg]!.id),
    profiles,
    ids: rows.map((r) => r.id),
    countries: rows.map((r) => r.country),
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
  const pack = parsePack(packText, opts.chain);
  const seg = pack.segments.map((id) => {
    const at = ix.segmentIndex.get(id);
    if (at === undefined || ix.segments[at]!.chain !== opts.chain)
      throw packError(opts.chain, `names segment "${id}", which is not one of the chain's`);
    return at;
  });
  const fits: Fitted[][] = ix.segments.map(() => []);
  const n = pack.ids.length;
  for (let c = 0; c < n; c++)
    for (const [at, fit] of pack.profiles[pack.profile[c]!]![3]) fits[seg[at]!]!.push({ firm: c, fit });
  const profile = (c: number) => pack.profiles[pack.profile[c]!]!;
  const traits: CandidateTraits = {
    size: n,
    id: (c) => pack.ids[c]!,
    country: (c) => pack.countries[c]!,
    onList: (c, lists) => profile(c)[2].some((l) => lists.has(l)),
    tier: (c) => profile(c)[0],
    tied: (c) => profile(c)[1],
  };
  const gaps = targetGaps(ix, opts);
  return scoreTraits(traits, fits, segmentFeasibility(ix, res.reference), gaps, opts, opts.top).map(
    (c) => pack.ids[c.firm]!,
  );
}

function packError(chain: string, why: string): StoreError {
  return new StoreError(`the stored candidate pack of chain "${chain}" ${why}`);
}

function parsePack(text: string, chain: string): Pack {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw packError(chain, "is not JSON");
  }
  const parsed = Pack.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw packError(chain, `is not valid: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  const p = parsed.data;
  if (p.chain !== chain) throw packError(chain, `is chain "${p.chain}"'s`);
  const n = p.ids.length;
  if (p.countries.length !== n || p.profile.length !== n)
    throw packError(
      chain,
      `lists ${n} candidates but ${p.countries.length} countries and ${p.profile.length} profiles`,
    );
  for (let c = 0; c < n; c++)
    if (p.profile[c]! >= p.profiles.length)
      throw packError(chain, `gives candidate "${p.ids[c]}" no profile`);
  for (const [, , , fitted] of p.profiles)
    for (const [at] of fitted)
      if (at >= p.segments.length) throw packError(chain, "fits a segment it does not list");
  return p;
}
