// The Neo4j store's chain subgraph (Cypher) holds exactly what the embedded store's (SQL) holds, chain by chain:
// so per-chain commands on Neo4j answer as on the whole graph (tests/foundation/chain-subgraph.test.ts proves
// that for the embedded one) without reading every firm. Needs the test Neo4j (npm run neo4j:start); fails without.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSynthetic } from "../../scripts/synthetic/generate.ts";
import { type MatchingResources, NO_RESOURCES } from "../../src/analysis/matching/matching-resources.ts";
import { subgraphKeys } from "../../src/analysis/matching/subgraph-keys.ts";
import type { Dataset } from "../../src/model/index.ts";
import { loadSeed, readMatchingResources } from "../../src/seed/index.ts";
import { EmbeddedStore, SHIPPED_SEED } from "../../src/store/index.ts";
import type { Neo4jStore } from "../../src/store/neo4j/index.ts";
import { emptyTestNeo4j, lockTestNeo4j } from "./neo4j-test-server.ts";

let release: (() => void) | undefined;
let graph: Neo4jStore;
beforeAll(async () => {
  release = await lockTestNeo4j();
  graph = await emptyTestNeo4j();
}, 900_000);
afterAll(async () => {
  await graph?.dropAll();
  await graph?.close();
  release?.();
});

/** Both stores hold `ds`; every chain's subgraph from Neo4j equals the embedded one. Returns the firms read. */
async function sameSubgraphs(ds: Dataset, res: MatchingResources): Promise<number[]> {
  const embedded = new EmbeddedStore(":memory:");
  await embedded.replaceDataset(ds, { who: "test", why: "subgraph" });
  await graph.replaceDataset(ds, { who: "test", why: "subgraph" });
  const keys = subgraphKeys(res);
  const sizes: number[] = [];
  for (const chain of ds.chains) {
    const want = await embedded.loadChainSubgraph(chain.id, keys);
    const got = await graph.loadChainSubgraph(chain.id, keys);
    expect(got, chain.id).toEqual(want);
    sizes.push(got.firms.length);
  }
  await embedded.close();
  return sizes;
}

describe("the Neo4j chain subgraph", () => {
  it("equals the embedded store's for every shipped chain, with the shipped matching resources", {
    timeout: 300_000,
  }, async () => {
    const ds = loadSeed(SHIPPED_SEED);
    const sizes = await sameSubgraphs(ds, readMatchingResources());
    // Candidates were selected, not everything read: no chain needs every firm.
    expect(Math.max(...sizes)).toBeLessThan(ds.firms.length);
  });

  it("follows a change of data: the text evidence is rebuilt for the new firms", {
    timeout: 300_000,
  }, async () => {
    const before = generateSynthetic({ seed: 3, chains: 5, firms: 400, ties: 2_000 });
    const sizes = await sameSubgraphs(before, NO_RESOURCES);
    expect(sizes.filter((n) => n < before.firms.length).length).toBeGreaterThanOrEqual(
      before.chains.length - 1,
    );
    // Another city in the same store: stale pairs from the first must not leak into the second's subgraphs.
    await sameSubgraphs(generateSynthetic({ seed: 5, chains: 5, firms: 450, ties: 2_000 }), NO_RESOURCES);
  });
});
