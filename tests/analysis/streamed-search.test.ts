// Word search over firms as a store streams them: the same hits as over the dataset, scores included.
import { describe, expect, it } from "vitest";
import { generateSynthetic } from "../../scripts/synthetic/generate.ts";
import { Bm25Index, Bm25QueryTally, type Field } from "../../src/analysis/matching/bm25-index.ts";
import { findFirmsByWords, findFirmsByWordsIn } from "../../src/analysis/matching/find-firms.ts";
import type { Dataset, Firm } from "../../src/model/index.ts";
import { loadSeed } from "../../src/seed/index.ts";
import { SHIPPED_SEED } from "../../src/store/index.ts";

async function* streamed(firms: ReadonlyArray<Firm>): AsyncGenerator<Firm> {
  for (const f of firms) yield f;
}

/** Some words of the dataset's own firms (names, products), so the queries hit. */
function queriesOf(ds: Dataset): string[] {
  const out = new Set<string>();
  for (const f of ds.firms.slice(0, 40)) {
    out.add(f.name.zh.slice(0, 4));
    if (f.products[0]) out.add(f.products[0].name);
    if (f.products[1]) out.add(`${f.products[0]!.name} ${f.products[1].name}`);
  }
  return [...out];
}

describe("word search over streamed firms", () => {
  const seed = loadSeed(SHIPPED_SEED);
  const synthetic = generateSynthetic({ firms: 3_000, ties: 1_000, chains: 4, seed: 11 });

  it("finds what findFirmsByWords finds on the shipped seed, in the same order with the same scores", async () => {
    const queries = [
      "光伏玻璃",
      "电池",
      "inverter",
      "汽车零部件",
      "氢能 燃料电池",
      "嘉兴",
      ...queriesOf(seed),
    ];
    let hit = 0;
    for (const q of queries) {
      const whole = findFirmsByWords(seed, q, 15);
      if (whole.length > 0) hit++;
      expect(await findFirmsByWordsIn(streamed(seed.firms), q, 15), q).toEqual(whole);
    }
    // Most queries find something: the comparison is over real hits, not empty lists.
    expect(hit).toBeGreaterThan(queries.length / 2);
  });

  it("finds the same on SYNTHETIC firms, where common terms are skipped", async () => {
    for (const q of queriesOf(synthetic).slice(0, 30)) {
      const whole = findFirmsByWords(synthetic, q, 20);
      expect(await findFirmsByWordsIn(streamed(synthetic.firms), q, 20), q).toEqual(whole);
    }
  });

  it("a query tally scores as the index does, document for document", () => {
    const docs: Field[][] = synthetic.firms.slice(0, 800).map((f, i) => [
      { text: f.name.zh, weight: 2 },
      { text: f.products.map((p) => p.name).join("；"), weight: 1 + (i % 3) },
    ]);
    const index = new Bm25Index(docs);
    for (const q of queriesOf(synthetic).slice(0, 20)) {
      const tally = new Bm25QueryTally(q);
      for (const d of docs) tally.add(d);
      const hits = tally.hits();
      expect(hits, q).toEqual(index.search(q));
      for (const h of hits) expect(tally.holds(h.doc)).toBe(true);
    }
  });
});
