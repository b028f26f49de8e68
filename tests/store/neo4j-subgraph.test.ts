// The Neo4j store's chain subgraph (Cypher) holds exactly what the embedded store's (SQL) holds, chain by chain:
// so per-chain commands on Neo4j answer as on the whole graph (tests/foundation/chain-subgraph.test.ts proves
// that for the embedded one) without reading every firm. Needs the test Neo4j (npm run neo4j:start); fails without.
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
import { rankTargets, rankTargetsOf } from "../../src/analysis/targets/rank-targets.ts";
import {
  storeRanking,
  TargetOptions,
  type TargetOptionsInput,
} from "../../src/analysis/targets/target-options.ts";
import { buildGraph } from "../../src/graph/index.ts";
import { type Dataset, isLocalFirm } from "../../src/model/index.ts";
import { loadSeed, readMatchingResources } from "../../src/seed/index.ts";
import { EmbeddedStore, SHIPPED_SEED } from "../../src/store/index.ts";
import type { Neo4jStore } from "../../src/store/neo4j/index.ts";
import { textEvidencePage } from "../../src/store/neo4j/neo4j-subgraph.ts";
import { seedWithIndustries } from "../helpers/seed-with-industries.ts";
import { withTestReference } from "../helpers/test-reference.ts";
import { landingFirms, whatIfCity } from "../helpers/what-if-city.ts";
import { connectTestNeo4j, emptyTestNeo4j, lockTestNeo4j, testDriver } from "./neo4j-test-server.ts";

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
  const whole = useMatchingResources(buildGraph(ds), res);
  const sizes: number[] = [];
  let told = 0;
  for (const chain of ds.chains) {
    const want = await embedded.loadChainSubgraph(chain.id, keys);
    const got = await graph.loadChainSubgraph(chain.id, keys);
    expect(got, chain.id).toEqual(want);
    sizes.push(got.firms.length);
    // With the text evidence Neo4j keeps, nothing is matched again and the targets are the whole graph's.
    let rows: ReadonlyArray<readonly [string, string, string]> | undefined;
    const sub = await graph.loadChainSubgraph(chain.id, keys, {
      textEvidence: (r) => {
        rows = r;
      },
    });
    expect(rows, chain.id).toBeDefined();
    told += rows!.length;
    const opts = { chain: chain.id, top: 20 };
    expect(
      rankTargetsOf(analysisIndexOfDataset(sub), res, opts, new StoredTextEvidence(rows!)),
      chain.id,
    ).toEqual(rankTargets(whole, opts));
  }
  // Text evidence was handed over (a comparison of rankings without any would prove nothing about it).
  expect(told).toBeGreaterThan(0);
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

  it("equals the embedded store's with a reference population (every local firm of the segments it counts)", {
    timeout: 300_000,
  }, async () => {
    const ds = loadSeed(SHIPPED_SEED);
    const res = withTestReference(ds);
    const base = await sameSubgraphs(ds, readMatchingResources());
    const more = await sameSubgraphs(ds, res);
    // The reference brings in local firms of other chains' segments.
    expect(more.reduce((a, b) => a + b, 0)).toBeGreaterThan(base.reduce((a, b) => a + b, 0));
  });

  it("follows a change of data: the text evidence is rebuilt for the new firms", {
    timeout: 300_000,
  }, async () => {
    const before = generateSynthetic({ seed: 3, chains: 5, firms: 400, ties: 2_000 });
    const sizes = await sameSubgraphs(before, NO_RESOURCES);
    expect(sizes.filter((n) => n < before.firms.length).length).toBeGreaterThanOrEqual(
      before.chains.length - 1,
    );
    // Another city in the same store: stale pairs from the first must not leak into the second's subgraphs. Its
    // text evidence is rebuilt reading a few firms at a time (a province's come in pages).
    const page = textEvidencePage.size;
    textEvidencePage.size = 7;
    try {
      await sameSubgraphs(generateSynthetic({ seed: 5, chains: 5, firms: 450, ties: 2_000 }), NO_RESOURCES);
    } finally {
      textEvidencePage.size = page;
    }
  });

  it("catches up after edits of firms: only the changed firms' pairs are matched again, and subgraphs follow", {
    timeout: 300_000,
  }, async () => {
    const ds = generateSynthetic({ seed: 9, chains: 3, firms: 300, ties: 600 });
    const keys = subgraphKeys(NO_RESOURCES);
    await graph.replaceDataset(ds, { who: "test", why: "catch up" }, { subgraphKeys: [keys] });
    const driver = testDriver();
    const stored = async () =>
      (
        await driver.executeQuery(
          "MATCH (f:Firm)-[t:TEXT_EVIDENCE {version: $v}]->(s:Segment) RETURN f.id AS f, s.id AS s, t.detail AS d, elementId(t) AS e",
          { v: keys.version },
        )
      ).records.map((r) => ({
        firm: r.get("f") as string,
        pair: `${r.get("f")}|${r.get("s")}|${r.get("d")}`,
        e: r.get("e") as string,
      }));
    const expected = (d: Dataset) =>
      [...keys.textSegments(d.segments, d.firms)].map(([f, sg, detail]) => `${f}|${sg}|${detail}`).sort();
    const first = await stored();
    expect(first.map((p) => p.pair).sort()).toEqual(expected(ds));
    // Three edits: a candidate's products now name another segment's keyword, one loses its products, a new firm.
    const next = structuredClone(ds);
    const outside = next.firms.filter((f) => !isLocalFirm(f) && f.products.length > 0);
    const [x, y] = [outside[0]!, outside[1]!];
    x.products = [{ name: next.segments.at(-1)!.keywords[0]!, sources: [] }];
    y.products = [];
    const fresh = { ...structuredClone(x), id: "new-candidate", name: { zh: "新候选企业", aliases: [] } };
    next.firms.push(fresh);
    for (const f of [x, y, fresh])
      await graph.writeEntities([{ kind: "firms", id: f.id, json: JSON.stringify(f) }], {
        who: "t",
        why: "edit",
      });
    const embedded = new EmbeddedStore(":memory:");
    await embedded.replaceDataset(next, { who: "test", why: "edited" });
    for (const c of next.chains)
      expect(await graph.loadChainSubgraph(c.id, keys), c.id).toEqual(
        await embedded.loadChainSubgraph(c.id, keys),
      );
    const after = await stored();
    expect(after.map((p) => p.pair).sort()).toEqual(expected(next));
    // The other firms' pairs are the very relationships written at the import: not rebuilt.
    const changed = new Set([x.id, y.id, fresh.id]);
    const kept = first.filter((p) => !changed.has(p.firm));
    expect(kept.length).toBeGreaterThan(100);
    const now = new Set(after.map((p) => p.e));
    expect(kept.filter((p) => !now.has(p.e))).toEqual([]);
    await embedded.close();
    await driver.close();
  });

  it("for a ranking leaves out code-only candidates that cannot rank, and ranks exactly as the whole graph", {
    timeout: 300_000,
  }, async () => {
    // Many firms share each industry code here (60 codes), so classes of equal code-only scores outgrow `top`.
    const ds = generateSynthetic({ seed: 11, chains: 4, firms: 1_500, ties: 3_000 });
    for (const s of ds.segments) s.codes = [String(2611 + (Number(s.id.split("-s")[1]) % 3) * 3)];
    for (const f of ds.firms)
      f.codes = f.segments.map((l) => ds.segments.find((s) => s.id === l.segment)!.codes[0]!);
    await graph.replaceDataset(ds, { who: "test", why: "ranking" });
    const keys = subgraphKeys(NO_RESOURCES);
    const whole = useMatchingResources(buildGraph(ds), NO_RESOURCES);
    const lists = ["listed", "china-500"] as const;
    const cases: Array<Omit<TargetOptionsInput, "chain">> = [
      { top: 3 },
      { top: 20 },
      { top: 5, weights: { tier: 0 } },
      { top: 5, weights: { gapFit: 0, masterTies: 0, relatedness: 0, tier: 1 } },
      { top: 4, tag: [...lists] },
      { top: 4, country: ["DE", "JP"] },
      { top: 3, aim: ["fill"], minScore: 0.2 },
    ];
    let pruned = 0;
    for (const chain of ds.chains) {
      const all = await graph.loadChainSubgraph(chain.id, keys);
      for (const c of cases) {
        const opts = { chain: chain.id, ...c };
        const ranking = storeRanking(TargetOptions.parse(opts));
        const sub = await graph.loadChainSubgraph(chain.id, keys, { ranking });
        expect(sub.firms.length).toBeLessThanOrEqual(all.firms.length);
        if (sub.firms.length < all.firms.length) pruned++;
        // Only ties into local firms (and the key firms') are read for a ranking.
        expect(sub.ties.length).toBeLessThan(all.ties.length);
        const local = new Set(sub.firms.filter(isLocalFirm).map((f) => f.id));
        expect(sub.ties.some((t) => local.has(t.customer))).toBe(true);
        const g = useMatchingResources(buildGraph(sub), NO_RESOURCES);
        expect(rankTargets(g, opts), `${chain.id} ${JSON.stringify(c)}`).toEqual(rankTargets(whole, opts));
      }
      const gap = ds.segments.find((s) => s.chain === chain.id)!.id;
      const opts = { chain: chain.id, gap, top: 2 };
      const one = await graph.loadChainSubgraph(chain.id, keys, {
        ranking: storeRanking(TargetOptions.parse(opts)),
      });
      expect(rankTargets(useMatchingResources(buildGraph(one), NO_RESOURCES), opts)).toEqual(
        rankTargets(whole, opts),
      );
    }
    // The pruning did something: most (chain, case) pairs read fewer firms.
    expect(pruned).toBeGreaterThan((ds.chains.length * cases.length) / 2);
  });

  it("for a ranking that picks, reads candidates in brief, then whole only those that rank: the same ranking", {
    timeout: 300_000,
  }, async () => {
    const cases: Array<Omit<TargetOptionsInput, "chain">> = [
      { top: 5 },
      { top: 20 },
      { top: 5, weights: { gapFit: 0, masterTies: 0, relatedness: 0, tier: 1 } },
      { top: 4, tag: ["listed", "china-500", "fortune-global-500"] },
      { top: 4, country: ["DE", "JP", "US"] },
      { top: 3, aim: ["fill"], minScore: 0.2 },
    ];
    const seed = seedWithIndustries();
    const shipped = readMatchingResources();
    for (const [ds, res] of [
      [seed, shipped],
      [generateSynthetic({ seed: 13, chains: 4, firms: 1_200, ties: 3_000 }), NO_RESOURCES],
    ] as const) {
      await graph.replaceDataset(ds, { who: "test", why: "briefs" });
      const keys = subgraphKeys(res);
      const whole = useMatchingResources(buildGraph(ds), res);
      const byId = new Map(ds.firms.map((f) => [f.id, f]));
      let briefed = 0;
      let leftOut = 0;
      let lost = 0;
      for (const chain of ds.chains)
        for (const c of cases) {
          const opts = { chain: chain.id, ...c };
          const what = `${chain.id} ${JSON.stringify(c)}`;
          const want = rankTargets(whole, opts);
          const ranking = storeRanking(TargetOptions.parse(opts));
          let stored: StoredTextEvidence | undefined;
          const textEvidence = (r: ReadonlyArray<readonly [string, string, string]>) => {
            stored = new StoredTextEvidence(r);
          };
          let calls = 0;
          let draftRanking: string[] = [];
          let picked = new Set<string>();
          const sub = await graph.loadChainSubgraph(chain.id, keys, {
            ranking,
            textEvidence,
            pick: (draft, inBrief) => {
              calls++;
              // Firms in brief are stand-ins (named by their ids), scored as the whole firms.
              for (const id of inBrief) expect(draft.firms.find((f) => f.id === id)!.name.zh).toBe(id);
              briefed += inBrief.size;
              const rows = rankTargetsOf(analysisIndexOfDataset(draft), res, opts, stored);
              draftRanking = rows.map((r) => `${r.firm.id} ${r.score}`);
              picked = new Set(rows.map((r) => r.firm.id));
              return picked;
            },
          });
          expect(calls, what).toBe(1);
          expect(draftRanking, what).toEqual(want.map((r) => `${r.firm.id} ${r.score}`));
          // The picked firms come back whole; the others in brief are ends of ties, masters or their groups.
          const masters = sub.chains.flatMap((x) => x.masters.map((m) => m.firm));
          const ends = new Set([
            ...sub.ties.flatMap((t) => [t.supplier, t.customer]),
            ...masters,
            ...masters.flatMap((m) => byId.get(m)?.parent ?? []),
          ]);
          for (const f of sub.firms)
            if (picked.has(f.id) || f.name.zh !== f.id) expect(f, what).toEqual(byId.get(f.id));
            else expect(ends.has(f.id), `${what} ${f.id}`).toBe(true);
          // Ranked on the picked firms alone, the rows are the whole graph's, with whole firms.
          expect(rankTargetsOf(analysisIndexOfDataset(sub), res, opts, stored, picked), what).toEqual(want);
          const plain = await graph.loadChainSubgraph(chain.id, keys, { ranking });
          expect(sub.firms.length, what).toBeLessThanOrEqual(plain.firms.length);
          leftOut += plain.firms.length - sub.firms.length;
          // What pick returns is what is read whole: picking nothing loses the ranked firms read only in brief.
          if (c.top === 20) {
            const none = await graph.loadChainSubgraph(chain.id, keys, {
              ranking,
              textEvidence,
              pick: () => [],
            });
            const kept = new Set(none.firms.map((f) => f.id));
            const whole = new Set(none.firms.filter((f) => f.name.zh !== f.id).map((f) => f.id));
            if (want.some((r) => !kept.has(r.firm.id) || !whole.has(r.firm.id))) {
              lost++;
              expect(rankTargetsOf(analysisIndexOfDataset(none), res, opts, stored), what).not.toEqual(want);
            }
          }
        }
      expect(briefed).toBeGreaterThan(0);
      // The briefs did something: firms read in brief and not ranked are left out.
      expect(leftOut).toBeGreaterThan(0);
      expect(lost).toBeGreaterThan(0);
    }
  });

  it("reads a landing firm beside the chain with every tie it has, as the embedded store does (what-if)", {
    timeout: 120_000,
  }, async () => {
    const ds = whatIfCity();
    const embedded = new EmbeddedStore(":memory:");
    await embedded.replaceDataset(ds, { who: "test", why: "what-if" });
    await graph.replaceDataset(ds, { who: "test", why: "what-if" });
    const keys = subgraphKeys(NO_RESOURCES);
    let more = 0;
    for (const chain of ds.chains)
      for (const firm of [...landingFirms(ds, chain.id), "no-such-firm"]) {
        const opts = { candidates: false, firms: [firm] };
        const want = await embedded.loadChainSubgraph(chain.id, keys, opts);
        expect(await graph.loadChainSubgraph(chain.id, keys, opts), `${chain.id} ${firm}`).toEqual(want);
        const bare = await embedded.loadChainSubgraph(chain.id, keys, { candidates: false });
        if (want.ties.length > bare.ties.length) more++;
      }
    // The firm's own ties came along (beyond those the chain reads anyway) for most landings.
    expect(more).toBeGreaterThan(ds.chains.length * 3);
    await embedded.close();
  });

  it("reads a chain's skeleton again once another writer changed it, though it keeps the last one it read", {
    timeout: 120_000,
  }, async () => {
    const ds = generateSynthetic({ seed: 9, chains: 3, firms: 300, ties: 600 });
    await graph.replaceDataset(ds, { who: "test", why: "skeleton" });
    const keys = subgraphKeys(NO_RESOURCES);
    const [a, b] = [ds.chains[0]!.id, ds.chains[1]!.id];
    const first = await graph.loadChainSubgraph(a, keys, { candidates: false });
    // Another store (as another process would) renames a segment of the other chain.
    const other = await connectTestNeo4j();
    const seg = ds.segments.find((s) => s.chain === b)!;
    const renamed = { ...seg, name: { ...seg.name, zh: "改名后的环节" } };
    await other.writeEntities([{ kind: "segments", id: seg.id, json: JSON.stringify(renamed) }], {
      who: "test",
      why: "rename",
    });
    const after = await graph.loadChainSubgraph(a, keys, { candidates: false });
    expect(after.segments.find((s) => s.id === seg.id)!.name.zh).toBe("改名后的环节");
    expect(after.segments).toEqual((await other.loadDataset()).segments);
    expect(first.segments.find((s) => s.id === seg.id)!.name.zh).toBe(seg.name.zh);
    // A read's skeleton is its own: changing it changes no later read.
    const kept = structuredClone(after);
    after.segments[0]!.name.zh = "mutated by a caller";
    const again = await graph.loadChainSubgraph(a, keys, { candidates: false });
    expect(again.segments[0]!.name.zh).not.toBe("mutated by a caller");
    expect(again).toEqual(kept);
    // Emptied and filled again by another writer, so the change number repeats: the new skeleton is read.
    await other.dropAll();
    const next = generateSynthetic({ seed: 10, chains: 3, firms: 300, ties: 600 });
    await other.replaceDataset(next, { who: "test", why: "again" });
    const refilled = await graph.loadChainSubgraph(next.chains[0]!.id, keys, { candidates: false });
    expect(refilled.segments).toEqual(next.segments);
    await other.close();
  });

  it("names the firm whose stored brief is damaged", { timeout: 120_000 }, async () => {
    const ds = generateSynthetic({ seed: 3, chains: 2, firms: 200, ties: 400 });
    await graph.replaceDataset(ds, { who: "test", why: "bad brief" });
    const chain = ds.chains[0]!.id;
    const victim = ds.firms.find(
      (f) =>
        !isLocalFirm(f) &&
        f.segments.some((l) => ds.segments.find((s) => s.id === l.segment)!.chain === chain),
    )!;
    const driver = testDriver();
    await driver.executeQuery("MATCH (f:Firm {id: $id}) SET f.brief = $b", {
      id: victim.id,
      b: '{"k":"CN"}',
    });
    await driver.close();
    const opts = { chain, top: 5 };
    await expect(
      graph.loadChainSubgraph(chain, subgraphKeys(NO_RESOURCES), {
        ranking: storeRanking(TargetOptions.parse(opts)),
        pick: () => [],
      }),
    ).rejects.toThrow(`Neo4j holds firm "${victim.id}" whose brief is not valid`);
  });

  it("drops the text evidence of versions that no longer describe the data when it rebuilds one", {
    timeout: 300_000,
  }, async () => {
    const ds = generateSynthetic({ seed: 8, chains: 3, firms: 300, ties: 600 });
    const [a, b] = [NO_RESOURCES, readMatchingResources()].map((r) => subgraphKeys(r));
    await graph.replaceDataset(ds, { who: "test", why: "two versions" }, { subgraphKeys: [a!, b!] });
    const driver = testDriver();
    const pairs = async (v: string) =>
      Number(
        (
          await driver.executeQuery("MATCH ()-[t:TEXT_EVIDENCE {version: $v}]->() RETURN count(t) AS n", {
            v,
          })
        ).records[0]!.get("n"),
      );
    const before = await pairs(b!.version);
    expect(await pairs(a!.version)).toBeGreaterThan(0);
    expect(before).toBeGreaterThan(0);
    // Both versions describe the data: rebuilding neither drops the other.
    await graph.prepareChainSubgraphs(a!);
    expect(await pairs(b!.version)).toBe(before);
    // An edit of a firm: a's pairs are caught up (that firm's alone), b's stay as they were until their own use.
    const next = structuredClone(ds);
    const firm = next.firms.find((f) => !isLocalFirm(f))!;
    firm.products.push({ name: "新产品", sources: [] });
    await graph.writeEntities([{ kind: "firms", id: firm.id, json: JSON.stringify(firm) }], {
      who: "test",
      why: "an edit",
    });
    expect(await pairs(b!.version)).toBe(before);
    await graph.prepareChainSubgraphs(a!);
    expect(await pairs(a!.version)).toBeGreaterThan(0);
    expect(await pairs(b!.version)).toBe(before);
    // A segment's edit changes every firm's matching: a's rebuild is whole, and b's pairs go (stale, to be
    // rebuilt on their next use).
    const seg = { ...next.segments[0]!, keywords: [...next.segments[0]!.keywords, "新关键词"] };
    next.segments[0] = seg;
    await graph.writeEntities([{ kind: "segments", id: seg.id, json: JSON.stringify(seg) }], {
      who: "test",
      why: "a segment's edit",
    });
    await graph.prepareChainSubgraphs(a!);
    expect(await pairs(a!.version)).toBeGreaterThan(0);
    expect(await pairs(b!.version)).toBe(0);
    // b's next use rebuilds them, and its subgraph is the embedded store's.
    const embedded = new EmbeddedStore(":memory:");
    await embedded.replaceDataset(next, { who: "test", why: "one version" });
    const chain = next.chains[0]!.id;
    expect(await graph.loadChainSubgraph(chain, b!)).toEqual(await embedded.loadChainSubgraph(chain, b!));
    expect(await pairs(b!.version)).toBeGreaterThan(0);
    await embedded.close();
    await driver.close();
  });
});
