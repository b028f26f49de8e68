// A chain's candidate pack (what a store keeps so that a ranking reads no candidate) picks exactly the firms of the
// ranking's rows and the portfolio's picks, for every option a user can give, on the shipped seed and on a SYNTHETIC
// city.
import { describe, expect, it } from "vitest";
import { generateSynthetic } from "../../scripts/synthetic/generate.ts";
import { analysisIndex, analysisIndexOfDataset } from "../../src/analysis/core/analysis-index.ts";
import { NO_RESOURCES, useMatchingResources } from "../../src/analysis/matching/matching-resources.ts";
import { candidatePack, packPortfolio, packTargets } from "../../src/analysis/targets/candidate-pack.ts";
import {
  type PortfolioOptionsInput,
  pickPortfolio,
  pickPortfolioOf,
} from "../../src/analysis/targets/portfolio.ts";
import { rankTargets } from "../../src/analysis/targets/rank-targets.ts";
import type { TargetOptionsInput } from "../../src/analysis/targets/target-options.ts";
import { buildGraph } from "../../src/graph/index.ts";
import { type Dataset, isLocalFirm } from "../../src/model/index.ts";
import { readMatchingResources } from "../../src/seed/index.ts";
import { seedWithIndustries } from "../helpers/seed-with-industries.ts";

const CASES: Array<Omit<TargetOptionsInput, "chain">> = [
  { top: 5 },
  { top: 20 },
  { top: 1000 },
  { top: 5, weights: { gapFit: 0, masterTies: 0, relatedness: 0, tier: 1 } },
  { top: 5, weights: { gapFit: 0, masterTies: 1, relatedness: 0, tier: 0 } },
  { top: 5, weights: { gapFit: 0.2, masterTies: 0.1, relatedness: 0.6, tier: 0.1 } },
  { top: 4, tag: ["listed", "china-500", "fortune-global-500"] },
  { top: 4, country: ["DE", "JP", "US"] },
  { top: 3, aim: ["fill"], minScore: 0.2 },
  { top: 6, aim: ["strengthen", "extend"] },
];

const PORTFOLIOS: Array<Omit<PortfolioOptionsInput, "chain">> = [
  { k: 1 },
  { k: 10 },
  { k: 40 },
  { k: 5, tag: ["listed", "fortune-global-500"] },
  { k: 5, country: ["CN"], aim: ["fill"] },
  { k: 8, weights: { gapFit: 0.2, masterTies: 0.1, relatedness: 0.6, tier: 0.1 }, minScore: 0.1 },
];

/** The skeleton, local firms and ties of `ds`: what a store reads beside a pack (no candidate). */
function withoutCandidates(ds: Dataset): Dataset {
  const ends = new Set([
    ...ds.ties.flatMap((t) => [t.supplier, t.customer]),
    ...ds.chains.flatMap((c) => c.masters.map((m) => m.firm)),
  ]);
  return { ...ds, firms: ds.firms.filter((f) => isLocalFirm(f) || ends.has(f.id)) };
}

function samePicks(ds: Dataset, withResources: boolean): number {
  const res = withResources ? readMatchingResources() : NO_RESOURCES;
  const whole = useMatchingResources(buildGraph(ds), res);
  const ix = analysisIndex(whole);
  const skeleton = analysisIndexOfDataset(withoutCandidates(ds));
  let rows = 0;
  for (const chain of ds.chains) {
    const pack = candidatePack(ix, res, chain.id);
    // Deterministic: the same data gives the same pack.
    expect(candidatePack(analysisIndexOfDataset(ds), res, chain.id)).toBe(pack);
    const segments = ds.segments.filter((s) => s.chain === chain.id);
    for (const c of CASES) {
      const opts = { chain: chain.id, ...c };
      const want = rankTargets(whole, opts).map((r) => r.firm.id);
      expect(packTargets(skeleton, res, opts, pack), `${chain.id} ${JSON.stringify(c)}`).toEqual(want);
      rows += want.length;
    }
    // One gap asked for.
    const gap = { chain: chain.id, gap: segments[0]!.id, top: 10 };
    expect(packTargets(skeleton, res, gap, pack)).toEqual(rankTargets(whole, gap).map((r) => r.firm.id));
    // The portfolio: the pack picks the same firms, and those alone, ranked whole, give the same portfolio.
    for (const c of PORTFOLIOS) {
      const opts = { chain: chain.id, ...c };
      const want = pickPortfolio(whole, opts);
      const ids = packPortfolio(skeleton, res, opts, pack);
      expect(ids, `${chain.id} ${JSON.stringify(c)}`).toEqual(want.picks.map((p) => p.firm.id));
      expect(pickPortfolioOf(ix, res, opts, undefined, new Set(ids))).toEqual(want);
      rows += ids.length;
    }
  }
  return rows;
}

describe("a chain's candidate pack", () => {
  it("picks the ranking's rows on the shipped seed, with the shipped matching resources", () => {
    const seed = seedWithIndustries();
    expect(samePicks(seed, true)).toBeGreaterThan(100);
  });

  it("picks the ranking's rows on a SYNTHETIC city, where most candidates come by code alone", () => {
    const ds = generateSynthetic({ seed: 21, chains: 4, firms: 2_000, ties: 5_000 });
    expect(samePicks(ds, false)).toBeGreaterThan(100);
  });

  it("is an error naming the chain when it is damaged or another chain's", () => {
    const ds = generateSynthetic({ seed: 5, chains: 2, firms: 300, ties: 600 });
    const ix = analysisIndexOfDataset(ds);
    const [a, b] = ds.chains.map((c) => c.id) as [string, string];
    const pack = candidatePack(ix, NO_RESOURCES, a);
    expect(() => packTargets(ix, NO_RESOURCES, { chain: b }, pack)).toThrow(
      `the stored candidate pack of chain "${b}" is chain "${a}"'s`,
    );
    expect(() => packTargets(ix, NO_RESOURCES, { chain: a }, pack.slice(0, -1))).toThrow(
      `the stored candidate pack of chain "${a}" is not JSON`,
    );
    const bad = JSON.parse(pack);
    bad.profile[0] = bad.profiles.length;
    expect(() => packTargets(ix, NO_RESOURCES, { chain: a }, JSON.stringify(bad))).toThrow(
      `the stored candidate pack of chain "${a}" is not valid: profile.0: expected a number below ${bad.profiles.length}`,
    );
    bad.profile[0] = 0;
    bad.profiles[0][0] = 2;
    expect(() => packTargets(ix, NO_RESOURCES, { chain: a }, JSON.stringify(bad))).toThrow(
      "is not valid: profiles.0.0: expected a tier from 0 to 1",
    );
    bad.profiles[0][0] = 0;
    bad.profiles[0][3] = [bad.segments.length, 0.5];
    expect(() => packTargets(ix, NO_RESOURCES, { chain: a }, JSON.stringify(bad))).toThrow(
      "is not valid: profiles.0.3.0: expected a segment of the pack and a fit from 0 to 1",
    );
    bad.profiles[0][3] = [];
    bad.ids = bad.ids.slice(0, -1);
    expect(() => packTargets(ix, NO_RESOURCES, { chain: a }, JSON.stringify(bad))).toThrow(
      "is not valid: ids: expected ids, each ended by a newline",
    );
    bad.ids += "\nextra\n";
    expect(() => packTargets(ix, NO_RESOURCES, { chain: a }, JSON.stringify(bad))).toThrow(
      "is not valid: country: expected one number for each of its",
    );
    expect(() => packTargets(ix, NO_RESOURCES, { chain: a }, JSON.stringify({ ...bad, v: 1 }))).toThrow(
      "is not valid: v: ",
    );
  });
});
