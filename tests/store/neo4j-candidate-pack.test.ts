// A ranking on Neo4j through the chain's candidate pack (SubgraphOptions.pack), wired as `targets` wires it: the
// first ranking after a change builds the pack from every candidate, the next ones read no candidate but the firms
// the pack picks, and every ranking gives the whole graph's rows. Needs the test Neo4j (npm run neo4j:start).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSynthetic } from "../../scripts/synthetic/generate.ts";
import { analysisIndexOfDataset } from "../../src/analysis/core/analysis-index.ts";
import {
  type MatchingResources,
  NO_RESOURCES,
  useMatchingResources,
} from "../../src/analysis/matching/matching-resources.ts";
import { subgraphKeys } from "../../src/analysis/matching/subgraph-keys.ts";
import { StoredTextEvidence } from "../../src/analysis/matching/text-evidence.ts";
import { candidatePack, PACK_VERSION, packTargets } from "../../src/analysis/targets/candidate-pack.ts";
import { rankTargets, rankTargetsOf } from "../../src/analysis/targets/rank-targets.ts";
import {
  storeRanking,
  TargetOptions,
  type TargetOptionsInput,
} from "../../src/analysis/targets/target-options.ts";
import { buildGraph } from "../../src/graph/index.ts";
import { type Dataset, isLocalFirm } from "../../src/model/index.ts";
import { readMatchingResources } from "../../src/seed/index.ts";
import type { Neo4jStore } from "../../src/store/neo4j/index.ts";
import { seedWithIndustries } from "../helpers/seed-with-industries.ts";
import { emptyTestNeo4j, lockTestNeo4j, testDriver } from "./neo4j-test-server.ts";

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

interface Ranked {
  rows: ReturnType<typeof rankTargetsOf>;
  builds: number;
  /** The draft the pack ranked on, when one was kept (no build). */
  draft?: Dataset;
  sub: Dataset;
  picked: Set<string>;
}

/** `targets` as the CLI runs it on a store (commands/targets.ts). */
async function rank(chain: string, res: MatchingResources, input: Omit<TargetOptionsInput, "chain">) {
  const opts = { chain, ...input };
  let stored: StoredTextEvidence | undefined;
  const out: Omit<Ranked, "rows" | "sub"> = { builds: 0, picked: new Set() };
  let onPack = false;
  const sub = await graph.loadChainSubgraph(chain, subgraphKeys(res), {
    ranking: storeRanking(TargetOptions.parse(opts)),
    textEvidence: (r) => {
      stored = new StoredTextEvidence(r);
    },
    pick: () => {
      throw new Error("a store keeping packs ranks on them");
    },
    pack: {
      version: PACK_VERSION,
      build: (draft) => {
        out.builds++;
        return candidatePack(analysisIndexOfDataset(draft), res, chain, stored);
      },
      pick: (draft, pack) => {
        if (out.builds === 0) out.draft = draft;
        onPack = true;
        const ids = packTargets(analysisIndexOfDataset(draft), res, opts, pack);
        out.picked = new Set(ids);
        return ids;
      },
    },
  });
  expect(onPack).toBe(true);
  return { ...out, sub, rows: rankTargetsOf(analysisIndexOfDataset(sub), res, opts, stored, out.picked) };
}

const CASES: Array<Omit<TargetOptionsInput, "chain">> = [
  { top: 20 },
  { top: 5, weights: { gapFit: 0, masterTies: 0, relatedness: 0, tier: 1 } },
  { top: 4, tag: ["listed", "china-500", "fortune-global-500"] },
  { top: 4, country: ["DE", "JP", "US"] },
  { top: 3, aim: ["fill"], minScore: 0.2 },
];

describe("a ranking on Neo4j's candidate packs", () => {
  it("builds a chain's pack on the first ranking, then reads only what it picks: the whole graph's rows", {
    timeout: 300_000,
  }, async () => {
    for (const [ds, res] of [
      [seedWithIndustries(), readMatchingResources()],
      [generateSynthetic({ seed: 13, chains: 4, firms: 1_200, ties: 3_000 }), NO_RESOURCES],
    ] as const) {
      await graph.replaceDataset(ds, { who: "test", why: "packs" });
      const whole = useMatchingResources(buildGraph(ds), res);
      const byId = new Map(ds.firms.map((f) => [f.id, f]));
      let read = 0;
      let candidates = 0;
      for (const chain of ds.chains) {
        const first = await rank(chain.id, res, CASES[0]!);
        expect(first.builds, chain.id).toBe(1);
        expect(first.rows, chain.id).toEqual(rankTargets(whole, { chain: chain.id, ...CASES[0]! }));
        for (const c of CASES) {
          const what = `${chain.id} ${JSON.stringify(c)}`;
          const got = await rank(chain.id, res, c);
          expect(got.builds, what).toBe(0);
          expect(got.rows, what).toEqual(rankTargets(whole, { chain: chain.id, ...c }));
          // The draft holds no candidate but tie ends, masters and their groups, those outside the city in brief.
          const ends = new Set([
            ...got.draft!.ties.flatMap((t) => [t.supplier, t.customer]),
            ...got.draft!.chains.flatMap((x) => x.masters.map((m) => m.firm)),
            ...got.draft!.chains.flatMap((x) => x.masters.map((m) => byId.get(m.firm)?.parent ?? [])),
          ]);
          for (const f of got.draft!.firms) {
            if (isLocalFirm(byId.get(f.id)!)) expect(f, what).toEqual(byId.get(f.id));
            else {
              expect(ends.has(f.id), `${what} ${f.id}`).toBe(true);
              expect(f.name.zh, what).toBe(f.id);
            }
          }
          // What comes back whole outside the city is what was picked (or read whole as a tie end already).
          for (const f of got.sub.firms) if (got.picked.has(f.id)) expect(f, what).toEqual(byId.get(f.id));
          read += got.sub.firms.filter((f) => !isLocalFirm(byId.get(f.id)!)).length;
        }
        candidates += first.sub.firms.filter((f) => !isLocalFirm(byId.get(f.id)!)).length;
      }
      // The packs did something: fewer firms outside the city read than by the build's read of every candidate.
      expect(read / CASES.length).toBeLessThan(candidates);
    }
  });

  it("builds the pack again after an edit, and ranks as the edited data", { timeout: 300_000 }, async () => {
    const ds = generateSynthetic({ seed: 4, chains: 2, firms: 600, ties: 1_200 });
    await graph.replaceDataset(ds, { who: "test", why: "edit" });
    const chain = ds.chains[0]!.id;
    const before = await rank(chain, NO_RESOURCES, { top: 10 });
    expect(before.builds).toBe(1);
    expect((await rank(chain, NO_RESOURCES, { top: 10 })).builds).toBe(0);
    // The tenth row's firm joins the Fortune Global 500: it climbs.
    const next = structuredClone(ds);
    const firm = next.firms.find((f) => f.id === before.rows[9]!.firm.id)!;
    firm.tags.push({ list: "fortune-global-500", year: 2024, sources: [] });
    await graph.writeEntities([{ kind: "firms", id: firm.id, json: JSON.stringify(firm) }], {
      who: "test",
      why: "an edit",
    });
    const after = await rank(chain, NO_RESOURCES, { top: 10 });
    expect(after.builds).toBe(1);
    const want = rankTargets(buildGraph(next), { chain, top: 10 });
    expect(after.rows).toEqual(want);
    expect(want.findIndex((r) => r.firm.id === firm.id)).toBeLessThan(9);
    // The next rankings read the chain's frame, then keep it beside the pack and read it from there: same rows.
    for (let i = 0; i < 2; i++) {
      const again = await rank(chain, NO_RESOURCES, { top: 10 });
      expect([again.builds, again.rows]).toEqual([0, want]);
    }
    const driver = testDriver();
    const frames = await driver.executeQuery(
      "MATCH (m:AtlasMeta) WHERE m.key STARTS WITH 'pack.frame2.' MATCH (c:AtlasMeta {key: 'changes'}) RETURN m.change = c.last AS fresh",
    );
    await driver.close();
    expect(frames.records.map((x) => x.get("fresh"))).toEqual([true]);
  });

  it("reads a kept chain frame that is damaged or not rows anew from the rows, and ranks as before", {
    timeout: 120_000,
  }, async () => {
    const ds = generateSynthetic({ seed: 5, chains: 2, firms: 200, ties: 400 });
    await graph.replaceDataset(ds, { who: "test", why: "bad frame" });
    const chain = ds.chains[0]!.id;
    const first = await rank(chain, NO_RESOURCES, { top: 5 });
    expect(first.builds).toBe(1);
    expect((await rank(chain, NO_RESOURCES, { top: 5 })).builds).toBe(0);
    const driver = testDriver();
    const kept = async () =>
      (
        await driver.executeQuery(
          "MATCH (m:AtlasMeta) WHERE m.key STARTS WITH 'pack.frame2.' RETURN m.data AS data",
        )
      ).records.map((x) => x.get("data") as string);
    const [good] = await kept();
    expect(good).toMatch(/^gz:/);
    // A flipped byte (gzip's checksum refuses it), the older kind of frame, rows of no shape.
    for (const bad of [
      `gz:${Buffer.from(Buffer.from(good!.slice(3), "base64").map((b, i) => (i === 40 ? b ^ 0xff : b))).toString("base64")}`,
      JSON.stringify([["ties", "syn-t-damaged", 0, '{"id":"syn-t-damaged","supplier":1}', null]]),
      JSON.stringify([{ kind: "ties", seq: "x" }]),
    ]) {
      await driver.executeQuery(
        "MATCH (m:AtlasMeta) WHERE m.key STARTS WITH 'pack.frame2.' SET m.data = $bad",
        {
          bad,
        },
      );
      const again = await rank(chain, NO_RESOURCES, { top: 5 });
      expect([again.builds, again.rows]).toEqual([0, first.rows]);
      // Kept again as read.
      expect(await kept()).toEqual([good]);
    }
    await driver.close();
  });

  it("names the chain whose kept pack is damaged", { timeout: 120_000 }, async () => {
    const ds = generateSynthetic({ seed: 3, chains: 2, firms: 200, ties: 400 });
    await graph.replaceDataset(ds, { who: "test", why: "bad pack" });
    const chain = ds.chains[1]!.id;
    expect((await rank(chain, NO_RESOURCES, { top: 5 })).builds).toBe(1);
    const driver = testDriver();
    const r = await driver.executeQuery(
      "MATCH (m:AtlasMeta) WHERE m.key STARTS WITH 'pack.' SET m.data = '{\"v\":1}' RETURN count(m) AS n",
    );
    await driver.close();
    expect(Number(r.records[0]!.get("n"))).toBe(1);
    await expect(rank(chain, NO_RESOURCES, { top: 5 })).rejects.toThrow(
      `the stored candidate pack of chain "${chain}" is not valid`,
    );
  });
});
