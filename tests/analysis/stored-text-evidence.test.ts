// The text evidence a store keeps (subgraph-keys.ts writes it, candidate-fit.ts reads it) gives the fits matching gives.
import { describe, expect, it } from "vitest";
import { generateSynthetic } from "../../scripts/synthetic/generate.ts";
import { analysisIndexOfDataset } from "../../src/analysis/core/analysis-index.ts";
import { type MatchingResources, NO_RESOURCES } from "../../src/analysis/matching/matching-resources.ts";
import { subgraphKeys } from "../../src/analysis/matching/subgraph-keys.ts";
import { StoredTextEvidence, TextEvidenceDetail } from "../../src/analysis/matching/text-evidence.ts";
import { candidateFitsOf } from "../../src/analysis/targets/candidate-fit.ts";
import { rankTargetsOf } from "../../src/analysis/targets/rank-targets.ts";
import { StoreError } from "../../src/errors.ts";
import type { Dataset } from "../../src/model/index.ts";
import { loadSeed, readMatchingResources } from "../../src/seed/index.ts";
import { SHIPPED_SEED } from "../../src/store/index.ts";

const rowsOf = (ds: Dataset, res: MatchingResources) => [
  ...subgraphKeys(res).textSegments(ds.segments, ds.firms),
];

/** Every segment's fits and every chain's targets, with the kept evidence and by matching (fresh indexes each). */
function same(ds: Dataset, res: MatchingResources): void {
  const stored = new StoredTextEvidence(rowsOf(ds, res));
  const told = candidateFitsOf(analysisIndexOfDataset(structuredClone(ds)), res, undefined, stored);
  const matched = candidateFitsOf(analysisIndexOfDataset(structuredClone(ds)), res);
  expect(told).toEqual(matched);
  for (const chain of ds.chains.map((c) => c.id)) {
    const opts = { chain, top: 25 };
    expect(rankTargetsOf(analysisIndexOfDataset(structuredClone(ds)), res, opts, stored), chain).toEqual(
      rankTargetsOf(analysisIndexOfDataset(structuredClone(ds)), res, opts),
    );
  }
}

describe("kept text evidence", () => {
  it("gives the fits and targets matching gives, on the shipped seed with its resources", () => {
    const ds = loadSeed(SHIPPED_SEED);
    const res = readMatchingResources();
    same(ds, res);
    // The seed's kept evidence holds product matches and name matches: both paths were compared.
    const details = rowsOf(ds, res).map(([, , d]) => TextEvidenceDetail.parse(JSON.parse(d)));
    expect(details.some((d) => d.p.length > 0)).toBe(true);
    expect(details.some((d) => d.n.length > 0)).toBe(true);
  });

  it("gives the fits and targets matching gives, on synthetic provinces", () => {
    for (const seed of [1, 2])
      same(generateSynthetic({ seed, chains: 4, firms: 500, ties: 1_500 }), NO_RESOURCES);
  });

  it("refuses a kept detail that is not valid or names a product the firm does not have", () => {
    const ds = loadSeed(SHIPPED_SEED);
    const firm = ds.firms.find((f) => f.location.region === undefined)!;
    const bad = (detail: string) => () => new StoredTextEvidence([[firm.id, "x", detail]]).of(firm);
    expect(bad("{")).toThrow(StoreError);
    expect(bad('{"p":[[0,"strong",0.5,[]]],"n":[]}')).toThrow(/segment "x" is not valid: p\.0\.1/);
    expect(bad(JSON.stringify({ p: [[firm.products.length, "weak", 0.2, []]], n: [] }))).toThrow(/stale/);
    expect(new StoredTextEvidence([[firm.id, "x", '{"p":[],"n":[0]}']]).of(firm)).toEqual([
      ["x", { p: [], n: [0] }],
    ]);
  });
});
