import { describe, expect, it } from "vitest";
import { generateSynthetic, WORD_LIMIT, word } from "../../scripts/synthetic/generate.ts";
import { findAllGaps } from "../../src/analysis/gaps/find-gaps.ts";
import { buildGraph } from "../../src/graph/index.ts";
import { checkDataset, Dataset } from "../../src/model/index.ts";

describe("the SYNTHETIC benchmark generator", () => {
  const ds = generateSynthetic({ seed: 7, chains: 5, firms: 2_000, ties: 10_000 });

  it("produces a dataset the model accepts, with every rule satisfied", () => {
    expect(Dataset.safeParse(ds).success).toBe(true);
    expect(checkDataset(ds)).toEqual([]);
  });

  it("says SYNTHETIC in every name and note", () => {
    const names = [
      ds.region.name.zh,
      ...ds.chains.map((c) => c.name.zh),
      ...ds.segments.map((s) => s.name.zh),
      ...ds.firms.map((f) => f.name.zh),
    ];
    expect(names.every((n) => n.includes("SYNTHETIC"))).toBe(true);
    expect(ds.firms.every((f) => f.assumed === true && f.note?.startsWith("SYNTHETIC"))).toBe(true);
  });

  it("never writes 'undefined' into a name, keyword or product, and keeps ids, names and words unique", () => {
    const texts = [
      ...ds.chains.flatMap((c) => [c.name.zh, c.name.en]),
      ...ds.segments.flatMap((s) => [s.name.zh, s.name.en, ...s.keywords]),
      ...ds.firms.flatMap((f) => [f.name.zh, f.name.en, ...f.products.map((p) => p.name)]),
      ...ds.ties.map((t) => t.product),
    ];
    expect(texts.filter((t) => t?.includes("undefined"))).toEqual([]);
    const keywords = ds.segments.flatMap((s) => s.keywords);
    expect(new Set(keywords).size).toBe(keywords.length);
    for (const list of [ds.chains, ds.segments, ds.firms, ds.ties] as ReadonlyArray<{ id: string }>[])
      expect(new Set(list.map((e) => e.id)).size).toBe(list.length);
    for (const list of [ds.chains, ds.segments, ds.firms] as ReadonlyArray<{ name: { zh: string } }>[])
      expect(new Set(list.map((e) => e.name.zh)).size).toBe(list.length);
  });

  it("makes a distinct three-character word for every index it promises, and no more chains than that allows", () => {
    // Sample the whole range, including the indexes where the old base of 50 read past the table.
    const ks = [
      ...Array.from({ length: 5000 }, (_, i) => i),
      ...Array.from({ length: 2000 }, (_, i) => WORD_LIMIT - 1 - i * 37),
    ];
    const words = ks.map(word);
    expect(words.every((w) => [...w].length === 3 && !w.includes("undefined"))).toBe(true);
    expect(new Set(words).size).toBe(new Set(ks).size);
    expect(() => generateSynthetic({ chains: Math.floor(WORD_LIMIT / 80) + 1, firms: 10, ties: 0 })).toThrow(
      RangeError,
    );
  });

  it("is seedable and skewed: same seed same data, few large firms and many small", () => {
    expect(generateSynthetic({ seed: 7, chains: 5, firms: 2_000, ties: 10_000 })).toEqual(ds);
    const revenue = ds.firms.map((f) => f.revenue!.amountMillions).sort((a, b) => b - a);
    const top = revenue.slice(0, revenue.length / 5).reduce((s, x) => s + x, 0);
    expect(top / revenue.reduce((s, x) => s + x, 0)).toBeGreaterThan(0.6);
    expect(
      ds.chains.every((c) => {
        const n = ds.segments.filter((s) => s.chain === c.id).length;
        return n >= 20 && n <= 40;
      }),
    ).toBe(true);
    expect(ds.ties).toHaveLength(10_000);
  });

  it("runs through the gap analysis", () => {
    const gaps = findAllGaps(buildGraph(ds));
    expect(gaps).toHaveLength(5);
    expect(gaps.every((c) => c.findings.every((f) => f.severity >= 0 && f.severity <= 1))).toBe(true);
  });
});
