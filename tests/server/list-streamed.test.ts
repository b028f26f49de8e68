// A page of a long list as a store streams it (what the API lists a province's firms by on Neo4j) is the page of
// the whole list: the same filters, the same stable order (many equal keys here), the same total.
import { describe, expect, it } from "vitest";
import { generateSynthetic } from "../../scripts/synthetic/generate.ts";
import type { Dataset } from "../../src/model/index.ts";
import { loadSeed } from "../../src/seed/index.ts";
import { ListQuery, listEntities, listStreamed } from "../../src/server/resources/list-entities.ts";
import { SHIPPED_SEED } from "../../src/store/index.ts";

async function* streamed<T>(items: ReadonlyArray<T>): AsyncGenerator<T> {
  for (const e of items) yield e;
}

const QUERIES: Array<Record<string, string>> = [
  {},
  { limit: "7", offset: "3" },
  { limit: "1000" },
  { offset: "100000" },
  { sort: "name.zh", limit: "15" },
  { sort: "-name.zh", limit: "15", offset: "9" },
  // Many equal keys: equal ones must keep the stream's order, as a stable sort does.
  { sort: "location.country", limit: "40", offset: "20" },
  { sort: "-location.country", limit: "25" },
  { sort: "revenue.amountMillions", limit: "30", offset: "5" },
  { sort: "-revenue.amountMillions", limit: "12" },
  { local: "true", sort: "location.region", limit: "20" },
  { local: "false", tag: "fortune-global-500" },
  { q: "电" },
  { q: "syn", limit: "9", sort: "-id" },
];

function samePages(ds: Dataset, chain: string): Promise<number> {
  let checked = 0;
  return (async () => {
    for (const kind of ["firms", "ties", "sources"] as const)
      for (const raw of [...QUERIES, { chain }, { chain, sort: "-id", limit: "5" }]) {
        const query = ListQuery.parse(raw);
        const want = listEntities(ds, kind, query);
        const got = await listStreamed(ds, kind, query, streamed(ds[kind] as ReadonlyArray<unknown>));
        expect(got, `${kind} ${JSON.stringify(raw)}`).toEqual(want);
        checked += want.items.length;
      }
    return checked;
  })();
}

describe("a streamed list page", () => {
  it("is the whole list's page on the shipped seed", async () => {
    const ds = loadSeed(SHIPPED_SEED);
    expect(await samePages(ds, "pv")).toBeGreaterThan(500);
  });

  it("is the whole list's page on a SYNTHETIC city, firm hits of a search included", async () => {
    const ds = generateSynthetic({ seed: 3, chains: 4, firms: 3_000, ties: 4_000 });
    expect(await samePages(ds, ds.chains[1]!.id)).toBeGreaterThan(500);
    const hits = new Set(ds.firms.filter((_, i) => i % 7 === 0).map((f) => f.id));
    const query = ListQuery.parse({ q: "no-such-text-anywhere", sort: "name.zh", limit: "50", offset: "10" });
    const want = listEntities(ds, "firms", query, hits);
    expect(want.total).toBe(hits.size);
    expect(await listStreamed(ds, "firms", query, streamed(ds.firms), hits)).toEqual(want);
  });
});
