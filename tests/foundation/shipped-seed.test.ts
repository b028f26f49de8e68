// The shipped Jiaxing seed is valid, fully sourced, holds the starter chains, and fills a fresh store on first use.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { datasetStats } from "../../src/analysis/summary/dataset-stats.ts";
import { buildGraph, segmentsOfChain } from "../../src/graph/index.ts";
import { sourcesMarkdown } from "../../src/render/report/sources-markdown.ts";
import { loadSeed, readBlockedHosts, readIndustryCodes } from "../../src/seed/index.ts";
import { SHIPPED_SEED } from "../../src/store/index.ts";
import { runCli } from "../helpers/run-cli.ts";
import { tempDir } from "../helpers/seed-files.ts";

const GBT_CODES = join(
  import.meta.dirname,
  "..",
  "..",
  "..",
  "shared",
  "data",
  "gbt4754-2017-industries.csv",
);

describe("the shipped seed graph-seeds/jiaxing", () => {
  it("validates, including every industry code against GB/T 4754-2017", () => {
    expect(existsSync(GBT_CODES), `the code list must be at ${GBT_CODES} (../shared/data)`).toBe(true);
    expect(() => loadSeed(SHIPPED_SEED, { knownCodes: readIndustryCodes(GBT_CODES) })).not.toThrow();
  });

  it("has no fact without a source, and every source has the day it was read", () => {
    const ds = loadSeed(SHIPPED_SEED);
    expect(datasetStats(ds).unsourcedFacts).toBe(0);
    expect(ds.sources.every((s) => /^\d{4}-\d{2}-\d{2}$/.test(s.read))).toBe(true);
  });

  it("holds the PV and NEV chains with at least 12 segments each, over all three stages", () => {
    const g = buildGraph(loadSeed(SHIPPED_SEED));
    for (const chain of ["pv", "nev"]) {
      const segments = segmentsOfChain(g, chain);
      expect(segments.length, chain).toBeGreaterThanOrEqual(12);
      expect(new Set(segments.map((s) => s.stage)), chain).toEqual(
        new Set(["upstream", "midstream", "downstream"]),
      );
    }
  });

  it("marks the assumed 6+4 grouping as assumed", () => {
    const ds = loadSeed(SHIPPED_SEED);
    expect(ds.groups.length).toBeGreaterThan(0);
    for (const g of ds.groups) expect(g.assumed, g.id).toBe(true);
  });

  it("fills a fresh embedded store on first use (npm start)", () => {
    const db = join(tempDir(), "atlas.db");
    const r = runCli(["--db", db, "start"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("光伏新能源产业链");
    const stats = JSON.parse(runCli(["--db", db, "--json", "stats"]).stdout);
    expect(stats).toEqual(
      datasetStats(loadSeed(SHIPPED_SEED), { blockedHosts: readBlockedHosts(SHIPPED_SEED) }),
    );
    expect(JSON.parse(runCli(["--db", db, "--json", "history"]).stdout)[0].why).toMatch(/first use/);
  });
});

describe("graph-seeds/jiaxing/SOURCES.md", () => {
  it("is the list generated from the seed (run npm run sources after changing sources)", () => {
    expect(readFileSync(join(SHIPPED_SEED, "SOURCES.md"), "utf8")).toBe(
      sourcesMarkdown(loadSeed(SHIPPED_SEED)),
    );
  });
});
