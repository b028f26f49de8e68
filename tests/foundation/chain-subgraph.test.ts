// The embedded store's chain subgraph gives the same gaps and targets as the whole graph, and loads less.
import { describe, expect, it } from "vitest";
import { generateSynthetic } from "../../scripts/synthetic/generate.ts";
import { findGaps } from "../../src/analysis/gaps/find-gaps.ts";
import { whatIf } from "../../src/analysis/gaps/what-if.ts";
import {
  type MatchingResources,
  NO_RESOURCES,
  useMatchingResources,
} from "../../src/analysis/matching/matching-resources.ts";
import { subgraphKeys } from "../../src/analysis/matching/subgraph-keys.ts";
import { rankTargets } from "../../src/analysis/targets/rank-targets.ts";
import { buildGraph } from "../../src/graph/index.ts";
import type { Dataset } from "../../src/model/index.ts";
import { loadSeed, readMatchingResources } from "../../src/seed/index.ts";
import { EmbeddedStore, SHIPPED_SEED } from "../../src/store/index.ts";
import { withTestReference } from "../helpers/test-reference.ts";
import { landingFirms, whatIfCity } from "../helpers/what-if-city.ts";

/** Checks every chain; returns how many chains load fewer firms than the whole and, without candidates, than with. */
async function sameAnswers(
  ds: Dataset,
  res: MatchingResources,
): Promise<{ smaller: number; leaner: number }> {
  const store = new EmbeddedStore(":memory:");
  await store.replaceDataset(ds, { who: "test", why: "subgraph" });
  const whole = useMatchingResources(buildGraph(await store.loadDataset()), res);
  let smaller = 0;
  let leaner = 0;
  for (const chain of ds.chains) {
    const sub = await store.loadChainSubgraph(chain.id, subgraphKeys(res));
    if (sub.firms.length < ds.firms.length) smaller++;
    const g = useMatchingResources(buildGraph(sub), res);
    expect(findGaps(g, { chain: chain.id }), chain.id).toEqual(findGaps(whole, { chain: chain.id }));
    // Gaps rank no candidates: the subgraph without them gives the same gaps, and holds no more firms.
    const bare = await store.loadChainSubgraph(chain.id, subgraphKeys(res), { candidates: false });
    expect(bare.firms.length).toBeLessThanOrEqual(sub.firms.length);
    if (bare.firms.length < sub.firms.length) leaner++;
    expect(findGaps(buildGraph(bare), { chain: chain.id }), chain.id).toEqual(
      findGaps(whole, { chain: chain.id }),
    );
    expect(rankTargets(g, { chain: chain.id, top: 1000 }), chain.id).toEqual(
      rankTargets(whole, { chain: chain.id, top: 1000 }),
    );
  }
  await store.close();
  return { smaller, leaner };
}

describe("the embedded store's chain subgraph", () => {
  it("gives every shipped chain the same gaps and targets as the whole graph, with the shipped resources", async () => {
    const ds = loadSeed(SHIPPED_SEED);
    const { smaller, leaner } = await sameAnswers(ds, readMatchingResources());
    expect(smaller).toBe(ds.chains.length);
    expect(leaner).toBeGreaterThan(0);
  }, 120_000);

  it("gives every shipped chain the same answers without resources", async () => {
    await sameAnswers(loadSeed(SHIPPED_SEED), NO_RESOURCES);
  }, 120_000);

  it("gives every synthetic chain the same answers, and most chains load fewer firms than the whole", async () => {
    const ds = generateSynthetic({ seed: 3, chains: 6, firms: 600, ties: 3_000 });
    expect((await sameAnswers(ds, NO_RESOURCES)).smaller).toBeGreaterThanOrEqual(ds.chains.length - 1);
  }, 120_000);

  it("gives the same targets with a reference population: the city's links in every segment it counts are read", async () => {
    const ds = loadSeed(SHIPPED_SEED);
    const res = withTestReference(ds);
    await sameAnswers(ds, res);
  }, 120_000);

  it("gives what-if the whole graph's answer with the landing firm read beside the chain, unfiled ties too", async () => {
    const ds = whatIfCity();
    const store = new EmbeddedStore(":memory:");
    await store.replaceDataset(ds, { who: "test", why: "what-if" });
    const whole = buildGraph(await store.loadDataset());
    let changed = 0;
    let cases = 0;
    for (const chain of ds.chains)
      for (const seg of ds.segments.filter((s) => s.chain === chain.id).slice(0, 4))
        for (const firm of landingFirms(ds, chain.id)) {
          const sub = await store.loadChainSubgraph(chain.id, subgraphKeys(NO_RESOURCES), {
            candidates: false,
            firms: [firm],
          });
          const want = whatIf(whole, { firm, segment: seg.id });
          expect(whatIf(buildGraph(sub), { firm, segment: seg.id }), `${firm} → ${seg.id}`).toEqual(want);
          cases++;
          if (want.changes.length > 0) changed++;
        }
    // Landings that change findings were compared, not only ones that change nothing.
    expect(changed).toBeGreaterThan(cases / 4);
    await store.close();
  }, 120_000);
});
