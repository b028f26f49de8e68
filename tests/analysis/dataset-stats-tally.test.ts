// The stats counted one entity at a time (as `stats` counts a store's streams) equal the stats of the dataset.
import { describe, expect, it } from "vitest";
import { generateSynthetic } from "../../scripts/synthetic/generate.ts";
import { DatasetStatsTally, datasetStats, statsRows } from "../../src/analysis/summary/dataset-stats.ts";
import { STAT_WORDS } from "../../src/cli/words.ts";
import type { Dataset } from "../../src/model/index.ts";
import { loadSeed, readBlockedHosts } from "../../src/seed/index.ts";
import { SHIPPED_SEED } from "../../src/store/index.ts";

/** The shipped seed with a repeated address, a source nobody cites, a blocked host and an inferred product. */
function seedWithFlaws(): Dataset {
  const ds = structuredClone(loadSeed(SHIPPED_SEED));
  const first = ds.sources.find((s) => s.url !== undefined)!;
  ds.sources.push(
    { ...first, id: "src-copy-of-first", url: first.url!.replace("https://", "http://www.") },
    { ...first, id: "src-blocked", url: "https://m.spam-farm.cn/x", kind: "repost" },
  );
  const firm = ds.firms.find((f) => f.products.length > 0)!;
  firm.products[0] = { ...firm.products[0]!, inferred: true };
  return ds;
}

describe("DatasetStatsTally", () => {
  it("gives the dataset's stats whatever order the sources, firms and ties come in", () => {
    const ds = seedWithFlaws();
    const blocked = new Set(["spam-farm.cn", ...readBlockedHosts(SHIPPED_SEED)]);
    const whole = datasetStats(ds, { blockedHosts: blocked });
    // The flaws are counted, so the comparison below compares figures that are not all zero.
    expect(whole.sourceQuality.duplicateUrls).toBeGreaterThanOrEqual(1);
    expect(whole.sourceQuality.uncited).toBeGreaterThanOrEqual(2);
    expect(whole.sourceQuality.blockedHosts).toBeGreaterThanOrEqual(1);
    expect(whole.inferredProducts).toBeGreaterThanOrEqual(1);
    expect(whole.assumedFacts).toBeGreaterThan(0);

    const { firms, ties, sources, ...skeleton } = ds;
    const tally = new DatasetStatsTally(skeleton, blocked);
    // Ties first, firms backwards, sources last: a cite counted before its source arrives still counts.
    for (const t of ties) tally.addTie(t);
    for (const f of [...firms].reverse()) tally.addFirm(f);
    for (const x of sources) tally.addSource(x);
    expect(tally.stats()).toEqual(whole);
  });

  it("counts a source that only a tie cites as cited", () => {
    const ds = seedWithFlaws();
    ds.ties[0] = { ...ds.ties[0]!, sources: [...ds.ties[0]!.sources, "src-copy-of-first"] };
    const before = datasetStats(seedWithFlaws()).sourceQuality.uncited;
    expect(datasetStats(ds).sourceQuality.uncited).toBe(before - 1);
  });

  it("names every figure `stats` prints, in Chinese and in English", () => {
    const seed = seedWithFlaws();
    // Assumed facts of every kind the stats count, so every row that can appear appears.
    seed.regions[0]!.assumed = true;
    seed.groups[0] = { ...seed.groups[0]!, assumed: true };
    seed.feeds[0] = { ...seed.feeds[0]!, assumed: true };
    seed.segments[0] = { ...seed.segments[0]!, assumed: true };
    const f = seed.firms.find((x) => x.tags.length > 0 && x.segments.length > 0 && x.revenue)!;
    Object.assign(f, { assumed: true, note: "test" });
    f.name = { ...f.name, assumed: true };
    f.tags[0] = { ...f.tags[0]!, assumed: true };
    f.segments[0] = { ...f.segments[0]!, assumed: true };
    f.revenue = { ...f.revenue!, assumed: true };
    seed.ties[0] = { ...seed.ties[0]!, assumed: true };
    const keys = [seed, generateSynthetic({ firms: 300, ties: 300, chains: 2 })].flatMap((ds) =>
      statsRows(datasetStats(ds)).map(([k]) => k),
    );
    expect(keys.filter((k) => k.startsWith("assumedByReason.")).length).toBeGreaterThanOrEqual(10);
    for (const lang of ["zh", "en"] as const) {
      const unnamed = [...new Set(keys)].filter((k) => STAT_WORDS[lang][k] === undefined);
      expect(unnamed, lang).toEqual([]);
    }
  });
});
