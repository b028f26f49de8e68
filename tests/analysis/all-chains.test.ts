// The all-chain reads without a graph (gaps from the dataset's index, chain summaries) equal the graph path's.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateSynthetic } from "../../scripts/synthetic/generate.ts";
import { analysisIndexOfDataset } from "../../src/analysis/core/analysis-index.ts";
import { allChainGaps, findAllGaps, findGaps } from "../../src/analysis/gaps/find-gaps.ts";
import {
  type MatchingResources,
  NO_RESOURCES,
  useMatchingResources,
} from "../../src/analysis/matching/matching-resources.ts";
import { summarizeChains, summarizeChainsOfDataset } from "../../src/analysis/summary/chain-summary.ts";
import { rankTargets, rankTargetsOf } from "../../src/analysis/targets/rank-targets.ts";
import { buildGraph } from "../../src/graph/index.ts";
import type { Dataset } from "../../src/model/index.ts";
import { loadSeed, readMatchingResources, writeSeed } from "../../src/seed/index.ts";
import { datasetRows, rowsDataset } from "../../src/store/dataset-entities.ts";
import { EmbeddedStore, SHIPPED_SEED } from "../../src/store/index.ts";
import { plantedDataset } from "../fixtures/analysis/planted.ts";
import { runCli } from "../helpers/run-cli.ts";

function sameAsGraph(ds: Dataset): void {
  const g = buildGraph(ds);
  const fromData = allChainGaps(analysisIndexOfDataset(ds));
  expect(fromData.map((r) => r.chain.id)).toEqual(ds.chains.map((c) => c.id));
  expect(fromData).toEqual(findAllGaps(g));
  const summaries = summarizeChainsOfDataset(ds);
  expect(summaries).toEqual(summarizeChains(g));
  // Summaries that count nothing would compare equal too: every chain here has segments and local firms.
  for (const s of summaries) expect(s.segments * s.localFirms, s.id).toBeGreaterThan(0);
}

describe("every chain's gaps and summary without a graph", () => {
  it("equal the graph path's on the shipped seed, read back from the store", async () => {
    const store = new EmbeddedStore(":memory:");
    await store.replaceDataset(loadSeed(SHIPPED_SEED), { who: "test", why: "all gaps" });
    const ds = await store.loadDataset();
    await store.close();
    sameAsGraph(ds);
    // A gap report that found nothing would pass the comparison too: the seed has missing links.
    expect(allChainGaps(analysisIndexOfDataset(ds)).some((r) => r.figures.gapsByKind.missing > 0)).toBe(true);
  });

  it("equal the graph path's on synthetic provinces (sub-segments, feeds, masters)", () => {
    for (const seed of [1, 2, 3])
      sameAsGraph(generateSynthetic({ seed, chains: 5, firms: 500, ties: 2_500 }));
  });

  it("read the store's rows in any order: each kind keeps its seq order", () => {
    const ds = generateSynthetic({ seed: 4, chains: 3, firms: 200, ties: 600 });
    const rows = datasetRows(ds).map((r) => [r.kind, r.seq, r.json] as const);
    const shuffled = rows.map((r, i) => ({ r, k: (i * 7919) % rows.length })).sort((a, b) => a.k - b.k);
    const back = rowsDataset(
      JSON.stringify(ds.region),
      shuffled.map((x) => x.r),
    );
    expect(back).toEqual(ds);
  });
});

describe("a chain's targets without a graph (what the targets command ranks on)", () => {
  const same = (ds: Dataset, res: MatchingResources) => {
    const g = useMatchingResources(buildGraph(ds), res);
    for (const chain of ds.chains.map((c) => c.id)) {
      const fromData = rankTargetsOf(analysisIndexOfDataset(ds), res, { chain, top: 30 });
      // An empty ranking would compare equal too: every chain here has candidates.
      expect(fromData.length, chain).toBeGreaterThan(0);
      expect(fromData, chain).toEqual(rankTargets(g, { chain, top: 30 }));
      // Scoring only the firms of the rows gives the same rows (a score does not depend on other candidates);
      // scoring all but the last one leaves that one out.
      const ids = fromData.map((r) => r.firm.id);
      const ix = analysisIndexOfDataset(structuredClone(ds));
      expect(rankTargetsOf(ix, res, { chain, top: 30 }, undefined, new Set(ids)), chain).toEqual(fromData);
      const fewer = rankTargetsOf(ix, res, { chain, top: 30 }, undefined, new Set(ids.slice(0, -1)));
      expect(
        fewer.map((r) => r.firm.id),
        chain,
      ).toEqual(ids.slice(0, -1));
    }
  };

  it("equal the graph path's on the shipped seed with the shipped matching resources", () => {
    same(loadSeed(SHIPPED_SEED), readMatchingResources());
  });

  it("equal the graph path's on synthetic provinces", () => {
    for (const seed of [1, 2])
      same(generateSynthetic({ seed, chains: 4, firms: 600, ties: 2_000 }), NO_RESOURCES);
  });
});

describe("gaps --all", { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "atlas-all-gaps-"));
  const db = join(dir, "atlas.db");
  const cli = (...args: string[]) => runCli(["--db", db, ...args]);

  it("prints every chain's figures and findings, as gaps --chain does for one; a table in Chinese", () => {
    const ds = plantedDataset();
    writeSeed(ds, join(dir, "seed"));
    expect(cli("import", join(dir, "seed")).code).toBe(0);
    const all = JSON.parse(cli("gaps", "--all", "--json").stdout);
    expect(all.map((r: { chain: { id: string } }) => r.chain.id)).toEqual(ds.chains.map((c) => c.id));
    const one = JSON.parse(cli("gaps", "--chain", ds.chains[0]!.id, "--json").stdout);
    expect(all[0]).toEqual(one);
    expect(one.findings).toEqual(
      JSON.parse(JSON.stringify(findGaps(buildGraph(ds), { chain: ds.chains[0]!.id }).findings)),
    );
    const table = cli("gaps", "--all");
    expect(table.code).toBe(0);
    expect(table.stdout).toContain("最严重缺口");
    expect(table.stdout).toContain(ds.chains[0]!.name.zh);
  });

  it("asks for --chain or --all, and refuses both", () => {
    const none = cli("gaps");
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("--chain <id>");
    const both = cli("gaps", "--all", "--chain", "x");
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("not both");
  });
});
