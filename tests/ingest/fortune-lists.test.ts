// The real Fortune files in ../shared/data: the 2024 rows become 430 candidates, the damaged 2019 file is reported.
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type IngestResult, ingestFile } from "../../src/ingest/ingest-file.ts";
import { decideReview } from "../../src/ingest/review-decision.ts";
import type { Firm } from "../../src/model/index.ts";
import type { Store } from "../../src/store/index.ts";
import { FORTUNE_2019, FORTUNE_2022_2024, seededStore } from "./ingest-helpers.ts";

const OPTS = { as: "candidates", list: "fortune-global-500", year: 2024, who: "test", why: "fortune 2024" };
const rows2024 = (
  parse(readFileSync(FORTUNE_2022_2024), { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[]
).filter((r) => r.Year === "2024");
const tag2024 = (f: Firm) => f.tags.find((t) => t.list === "fortune-global-500" && t.year === 2024);

describe("the Fortune Global 500 2022–2024 file, 2024 rows", () => {
  let store: Store;
  let first: IngestResult;
  let ms = 0;
  beforeAll(async () => {
    ({ store } = await seededStore());
    const t0 = performance.now();
    first = await ingestFile(store, FORTUNE_2022_2024, OPTS);
    ms = performance.now() - t0;
    console.log(`fortune 2024 import: ${ms.toFixed(0)} ms`);
  }, 60_000);
  afterAll(() => store.close());

  it("accounts for every one of the 430 rows: added, updated, merged or queued, none dropped", () => {
    expect(rows2024).toHaveLength(430);
    const seen = [...first.added, ...first.updated, ...first.merged, ...first.queued, ...first.unchanged].map(
      (e) => e.row,
    );
    expect(new Set(seen).size).toBe(430);
    expect(first.skipped.filter((s) => s.dropped)).toEqual([]);
    expect(first.otherYears).toBe(860);
    expect(first.added.length).toBeGreaterThan(300);
    expect(first.changeId).toBeTypeOf("number");
  });

  it("merges firms the seed already has instead of duplicating them", async () => {
    const ds = await store.loadDataset();
    const huawei = ds.firms.filter(
      (f) =>
        f.name.en === "Huawei Investment & Holding" || f.name.aliases.includes("Huawei Investment & Holding"),
    );
    expect(huawei.map((f) => f.id)).toEqual(["huawei"]);
    expect(first.merged.find((m) => m.name === "China National Petroleum")?.id).toBe("cnpc");
  });

  it("after the queue is decided, 430 firms carry the 2024 tag with rank, revenue, country and industry from the file", async () => {
    for (const item of await store.reviewItems("pending"))
      await decideReview(store, item.id, "reject", { who: "test" });
    const ds = await store.loadDataset();
    const tagged = ds.firms.filter(tag2024);
    expect(tagged).toHaveLength(430);
    const byName = (name: string) =>
      tagged.find((f) => f.name.en === name || f.name.zh === name || f.name.aliases.includes(name));
    const expected: Record<string, string> = {
      Walmart: "US",
      "State Grid": "CN",
      "Saudi Aramco": "SA",
      "Toyota Motor": "JP",
      Telefónica: "ES",
      "Samsung Electronics": "KR",
    };
    for (const row of rows2024.filter(
      (r) => (r.Company ?? "") in expected || ["350", "492", "103"].includes(r.Rank ?? ""),
    )) {
      const f = byName(row.Company!);
      expect(f, row.Company).toBeDefined();
      expect(tag2024(f!)?.rank, row.Company).toBe(Number(row.Rank));
      expect(f!.industry, row.Company).toBe(row.Industry);
      if (row.Company! in expected) expect(f!.location.country).toBe(expected[row.Company!]);
      // The seed's own revenue may be of a later year; else the file's 2024 figure (M USD).
      if (f!.revenue?.year === 2024) expect(f!.revenue.amountMillions).toBeCloseTo(Number(row.Revenue), 1);
    }
    const walmart = byName("Walmart")!;
    expect(walmart.revenue).toMatchObject({ amountMillions: 648125, currency: "USD", year: 2024 });
    expect(walmart.employees?.count).toBe(2_100_000);
    expect(walmart.sources[0]).toMatch(/^src-import-fortune/);
    const src = ds.sources.find((s) => s.id === walmart.sources[0])!;
    expect(src).toMatchObject({ kind: "repost", title: expect.stringContaining("Fortune Global 500 2024") });
    expect(new Set(tagged.map((f) => f.id)).size).toBe(430);
  });

  it("a second import changes nothing and records no change set", async () => {
    const before = (await store.history()).length;
    const again = await ingestFile(store, FORTUNE_2022_2024, OPTS);
    expect(again.added).toEqual([]);
    expect(again.updated).toEqual([]);
    expect(again.merged).toEqual([]);
    expect(again.changeId).toBeUndefined();
    expect(again.unchanged).toHaveLength(430);
    expect((await store.history()).length).toBe(before);
  }, 60_000);
});

describe("the damaged 2019 Fortune TSV", () => {
  it("imports, reporting the junk row, mis-encoded cells and the unreadable country", async () => {
    const { store } = await seededStore();
    const r = await ingestFile(store, FORTUNE_2019, {
      as: "candidates",
      list: "fortune-global-500",
      year: 2019,
      dryRun: true,
    });
    expect(r.format).toBe("tsv");
    expect(r.skipped).toContainEqual(
      expect.objectContaining({ row: 192, column: "HQ Location", dropped: false }),
    );
    expect(r.skipped).toContainEqual(expect.objectContaining({ row: 168, column: "Country", dropped: true }));
    expect(r.skipped.some((s) => s.row === 502 && s.dropped)).toBe(true);
    const accounted = new Set(
      [...r.added, ...r.updated, ...r.merged, ...r.queued, ...r.unchanged].map((e) => e.row),
    );
    for (const s of r.skipped.filter((x) => x.dropped)) accounted.add(s.row);
    expect(accounted.size).toBe(501);
    await store.close();
  }, 60_000);
});
