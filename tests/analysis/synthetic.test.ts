import { describe, expect, it } from "vitest";
import { generateSynthetic } from "../../scripts/synthetic/generate.ts";
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
