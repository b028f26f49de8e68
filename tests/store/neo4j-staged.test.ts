// The Neo4j store's staged replace (a province-sized import, too large for one transaction): readers see the old
// data whole until the swap, a failure or a killed process leaves nothing behind, and the text evidence staged with
// the entities is what a chain subgraph reads. The store contract runs on staged writes too (neo4j.test.ts).
// Needs the test Neo4j (npm run neo4j:start); fails without.
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSynthetic } from "../../scripts/synthetic/generate.ts";
import { NO_RESOURCES } from "../../src/analysis/matching/matching-resources.ts";
import { subgraphKeys } from "../../src/analysis/matching/subgraph-keys.ts";
import { loadSeed } from "../../src/seed/index.ts";
import { EmbeddedStore } from "../../src/store/index.ts";
import type { Neo4jStore } from "../../src/store/neo4j/index.ts";
import { DEMO_SEED } from "../helpers/seed-files.ts";
import { connectTestNeo4j, emptyTestNeo4j, lockTestNeo4j, testDriver } from "./neo4j-test-server.ts";

let release: (() => void) | undefined;
let driver: Driver;
beforeAll(async () => {
  release = await lockTestNeo4j();
  driver = testDriver();
}, 900_000);
afterAll(async () => {
  await driver?.close();
  release?.();
});

const meta = (why: string) => ({ who: "test", why });
const count = async (cypher: string, params: Record<string, unknown> = {}) =>
  Number((await driver.executeQuery(cypher, params)).records[0]!.get(0));
/** Staged or retired nodes, and change items of a stage that no change set adopted. */
const leftovers = () =>
  count(`MATCH (n) WHERE n:AtlasStaged OR n:AtlasRetired
         OR (n:ChangeItem AND n.stage IS NOT NULL AND NOT EXISTS { MATCH (c:ChangeSet) WHERE c.stage = n.stage })
         RETURN count(n)`);

async function staged(): Promise<Neo4jStore> {
  return emptyTestNeo4j({ stageAbove: 0 });
}

describe("a staged replace on Neo4j", () => {
  it("keeps the old data whole for readers until the swap, then leaves neither stage nor retired nodes", {
    timeout: 120_000,
  }, async () => {
    const store = await staged();
    const reader = await connectTestNeo4j();
    try {
      const demo = loadSeed(DEMO_SEED);
      await store.replaceDataset(demo, meta("baseline"));
      const big = generateSynthetic({ chains: 3, firms: 3000, ties: 6000, seed: 11 });
      const seen: Array<{ firms: number; staged: number }> = [];
      let checks: Promise<void> | undefined;
      await store.replaceDataset(big, meta("staged"), {
        onProgress: (n) => {
          if (checks !== undefined || n < 4000) return;
          // Mid-stage: thousands of staged copies exist, and a reader still gets the baseline, unchanged.
          checks = (async () => {
            const during = await reader.loadDataset();
            expect(during).toEqual(demo);
            seen.push({
              firms: during.firms.length,
              staged: await count("MATCH (n:AtlasStaged) RETURN count(n)"),
            });
          })();
        },
      });
      await checks;
      expect(seen).toHaveLength(1);
      expect(seen[0]!.firms).toBe(demo.firms.length);
      expect(seen[0]!.staged).toBeGreaterThan(1000);
      expect(await reader.loadDataset()).toEqual(big);
      expect(await leftovers()).toBe(0);
      expect(await count("MATCH (n:AtlasMeta) WHERE n.key STARTS WITH 'stage.' RETURN count(n)")).toBe(0);
      const [last] = await store.history(1);
      expect(last!.why).toBe("staged");
      expect(last!.added).toBeGreaterThanOrEqual(big.firms.length + big.ties.length);
      expect(last!.removed).toBeGreaterThanOrEqual(demo.firms.length + demo.ties.length);
      expect((await store.changeItems(last!.id)).length).toBe(last!.added + last!.changed + last!.removed);
    } finally {
      await reader.close();
      await store.close();
    }
  });

  it("removes its stage when it fails, and a stage left by a dead process once it is stale", {
    timeout: 120_000,
  }, async () => {
    const store = await staged();
    try {
      const demo = loadSeed(DEMO_SEED);
      await store.replaceDataset(demo, meta("baseline"));
      const big = generateSynthetic({ chains: 2, firms: 2000, ties: 2000, seed: 12 });
      await expect(
        store.replaceDataset(big, meta("fails"), {
          onProgress: (n) => {
            if (n >= 2000) throw new Error("disk full (simulated)");
          },
        }),
      ).rejects.toThrow(/rolled back.*disk full/);
      expect(await leftovers()).toBe(0);
      expect(await store.loadDataset()).toEqual(demo);

      // What a killed import leaves: a stage touched 20 minutes ago (with change items for the next change id),
      // another touched now (still running), and retired nodes of a swap whose clean-up never ran.
      const nextId = (await store.history(1))[0]!.id + 1;
      await driver.executeQuery(
        `CREATE (:AtlasMeta {key: 'stage.dead', stage: 'dead', touched: timestamp() - 20 * 60000})
         CREATE (:AtlasMeta {key: 'stage.live', stage: 'live', touched: timestamp()})
         CREATE (a:AtlasStaged:StagedFirm {id: 'x', stage: 'dead'})-[:SUPPLIES {id: 't'}]->(:AtlasStaged:StagedFirm {id: 'y', stage: 'dead'})
         CREATE (:AtlasStaged:StagedFirm {id: 'x', stage: 'live'})
         CREATE (:AtlasRetired {id: 'old'})
         CREATE (:ChangeItem {change: $nextId, n: 0, kind: 'firms', id: 'x', action: 'added', stage: 'dead'})
         CREATE (:ChangeItem {change: $nextId, n: 1, kind: 'firms', id: 'x', action: 'added', stage: 'live'})`,
        { nextId },
      );
      const next = structuredClone(demo);
      next.firms[0]!.note = "changed";
      const after = await store.replaceDataset(next, meta("after a crash"));
      // It took the id the stages' items expected; its items are its own.
      expect(after.changeId).toBe(nextId);
      expect(await store.changeItems(nextId)).toEqual([
        { kind: "firms", id: next.firms[0]!.id, action: "changed" },
      ]);
      expect(
        (await driver.executeQuery("MATCH (n:AtlasStaged) RETURN collect(n.stage) AS s")).records[0]!.get(
          "s",
        ),
      ).toEqual(["live"]);
      expect(await count("MATCH (n:AtlasRetired) RETURN count(n)")).toBe(0);
      expect(await count("MATCH (n:ChangeItem {stage: 'dead'}) RETURN count(n)")).toBe(0);
      expect(await count("MATCH (n:ChangeItem {stage: 'live'}) RETURN count(n)")).toBe(1);
      expect(await count("MATCH (m:AtlasMeta) WHERE m.key STARTS WITH 'stage.' RETURN count(m)")).toBe(1);
      // The live stage's copy is invisible: the firm "x" is not in the store.
      expect(await store.loadDataset()).toEqual(next);
    } finally {
      await store.dropAll();
      expect(await leftovers()).toBe(0);
      await store.close();
    }
  });

  it("stages the text evidence with the entities: chain subgraphs read it without rebuilding, as the embedded store's", {
    timeout: 300_000,
  }, async () => {
    const store = await staged();
    const embedded = new EmbeddedStore(":memory:");
    try {
      const ds = generateSynthetic({ seed: 13, chains: 4, firms: 600, ties: 2_000 });
      const keys = subgraphKeys(NO_RESOURCES);
      await embedded.replaceDataset(ds, meta("subgraph"));
      const summary = await store.replaceDataset(ds, meta("subgraph"), { subgraphKeys: [keys] });
      const stamp = `subgraph.text.${keys.version}`;
      expect(await count("MATCH (m:AtlasMeta {key: $k}) RETURN m.change", { k: stamp })).toBe(
        summary.changeId,
      );
      const pairs = await count("MATCH (:Firm)-[t:TEXT_EVIDENCE {version: $v}]->(:Segment) RETURN count(t)", {
        v: keys.version,
      });
      expect(pairs).toBeGreaterThan(0);
      for (const chain of ds.chains)
        expect(await store.loadChainSubgraph(chain.id, keys), chain.id).toEqual(
          await embedded.loadChainSubgraph(chain.id, keys),
        );
      // Fresh, so nothing was rebuilt: the same pairs, and the same change stamped.
      expect(await count("MATCH (m:AtlasMeta {key: $k}) RETURN m.change", { k: stamp })).toBe(
        summary.changeId,
      );
      expect(
        await count("MATCH (:Firm)-[t:TEXT_EVIDENCE {version: $v}]->(:Segment) RETURN count(t)", {
          v: keys.version,
        }),
      ).toBe(pairs);
    } finally {
      await embedded.close();
      await store.dropAll();
      await store.close();
    }
  });
});
