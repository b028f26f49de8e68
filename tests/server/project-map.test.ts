// A project's investor is resolved among the firms the store's name search finds (server/outputs/project-map.ts),
// not among every firm of a province: for the names a county reports, the same firm as among all of them.
import * as OpenCC from "opencc-js/t2cn";
import { afterAll, describe, expect, it } from "vitest";
import { EntityIndex } from "../../src/ingest/resolve/resolve-entity.ts";
import { firmsByName } from "../../src/queries/project-map.ts";
import { loadSeed } from "../../src/seed/index.ts";
import { EmbeddedStore, SHIPPED_SEED } from "../../src/store/index.ts";

const store = new EmbeddedStore(":memory:");
const toSimplified = OpenCC.Converter({ from: "t", to: "cn" });
afterAll(() => store.close());

describe("an investor resolved among the firms its name finds", () => {
  it("matches as among every firm, for the names and aliases of every fifth firm of the shipped seed, with and without a legal form", {
    timeout: 180_000,
  }, async () => {
    const ds = loadSeed(SHIPPED_SEED);
    await store.replaceDataset(ds, { who: "test", why: "seed" });
    const all = new EntityIndex(ds.firms);
    const byId = new Map(ds.firms.map((f) => [f.id, f]));
    let matched = 0;
    let names = 0;
    for (const f of ds.firms.filter((_, i) => i % 5 === 0))
      for (const n of [f.name.zh, ...(f.name.en ? [f.name.en] : []), ...f.name.aliases]) {
        // A name stored in traditional characters or full-width letters is found only as written (see firmsByName).
        const plain = toSimplified(n.normalize("NFKC")) === n;
        for (const asked of plain
          ? [n, `浙江${n}股份有限公司`, ...(/[a-z]/.test(n) ? [n.toUpperCase()] : [])]
          : [n]) {
          names++;
          const want = all.resolve({ names: [asked] });
          // Register uses a match only; the closest-name guess (uncertain) is not asked of the search.
          if (want.kind !== "match" && !(want.kind === "uncertain" && want.score === 1)) continue;
          const ids = await firmsByName(store, [asked]);
          const got = new EntityIndex([...ids].map((id) => byId.get(id)!)).resolve({ names: [asked] });
          expect(got, asked).toEqual(want);
          if (want.kind === "match") matched++;
        }
      }
    expect(names).toBeGreaterThan(200);
    expect(matched).toBeGreaterThan(names / 3);
  });
});
