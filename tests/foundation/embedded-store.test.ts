// The embedded store keeps a dataset whole: import, export, re-import, history and Chinese search.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { generateSynthetic } from "../../scripts/synthetic/generate.ts";
import { checkDataset } from "../../src/model/index.ts";
import { loadSeed, seedLayout, writeSeed } from "../../src/seed/index.ts";
import { EmbeddedStore } from "../../src/store/index.ts";
import { DEMO_SEED, tempDir } from "../helpers/seed-files.ts";

describe("the embedded store", () => {
  let store: EmbeddedStore;
  beforeEach(() => {
    store = new EmbeddedStore(join(tempDir(), "atlas.db"));
  });

  it("is empty until a seed is imported, and says how to fill it", async () => {
    expect(await store.isEmpty()).toBe(true);
    await expect(store.loadDataset()).rejects.toThrow(/import a seed first/);
  });

  it("gives back exactly the dataset it was given", async () => {
    const ds = loadSeed(DEMO_SEED);
    await store.replaceDataset(ds, { who: "test", why: "load" });
    expect(await store.loadDataset()).toEqual(ds);
  });

  it("round-trips import → export → import to the same dataset, and export is a fixpoint", async () => {
    const ds = loadSeed(DEMO_SEED);
    await store.replaceDataset(ds, { who: "test", why: "first" });
    const dir = tempDir();
    writeSeed(await store.loadDataset(), dir);
    const again = loadSeed(dir);
    const second = new EmbeddedStore(join(tempDir(), "atlas.db"));
    await second.replaceDataset(again, { who: "test", why: "second" });
    const back = await second.loadDataset();
    const byId = <T extends { id?: string; from?: string }>(xs: T[]) =>
      [...xs].sort((a, b) => String(a.id ?? a.from).localeCompare(String(b.id ?? b.from)));
    for (const kind of ["sources", "regions", "chains", "segments", "firms", "ties", "feeds"] as const)
      expect(byId(back[kind] as never[])).toEqual(byId(ds[kind] as never[]));
    expect(back.region).toEqual(ds.region);
    expect(seedLayout(back)).toEqual(seedLayout(await store.loadDataset()));
    await second.close();
  });

  it("records who, when and why for every import, with the entities it touched", async () => {
    const ds = loadSeed(DEMO_SEED);
    const first = await store.replaceDataset(ds, { who: "alice", why: "initial load" });
    expect(first.added).toBe(
      1 +
        ds.sources.length +
        ds.regions.length +
        ds.chains.length +
        ds.segments.length +
        ds.feeds.length +
        ds.firms.length +
        ds.ties.length,
    );
    const renamed = structuredClone(ds);
    renamed.firms[0]!.name.en = "Sun Modules Group";
    renamed.ties = [];
    const second = await store.replaceDataset(renamed, { who: "bob", why: "fix a name" });
    expect(second).toMatchObject({ added: 0, changed: 1, removed: 1 });
    const history = await store.history();
    expect(history.map((h) => [h.who, h.why, h.op])).toEqual([
      ["bob", "fix a name", "import"],
      ["alice", "initial load", "import"],
    ]);
    expect(Date.parse(history[0]!.at)).toBeGreaterThan(Date.now() - 60_000);
    expect(await store.changeItems(history[0]!.id)).toEqual([
      { kind: "firms", id: "sun-modules", action: "changed" },
      { kind: "ties", id: "glass-co-to-sun", action: "removed" },
    ]);
  });

  it("finds firms by Chinese product and name, for long and two-character queries", async () => {
    await store.replaceDataset(loadSeed(DEMO_SEED), { who: "test", why: "load" });
    expect((await store.findFirms("光伏玻璃")).map((h) => h.id)).toEqual(["glass-co"]);
    expect((await store.findFirms("光伏")).map((h) => h.id).sort()).toEqual(["glass-co", "sun-modules"]);
    expect((await store.findFirms("组件有限")).map((h) => [h.id, h.local])).toEqual([["sun-modules", true]]);
    expect(await store.findFirms("风电叶片")).toEqual([]);
    expect(await store.findFirms('"; drop table entity; --')).toEqual([]);
  });

  it("keeps the store unchanged when a write fails inside the transaction", async () => {
    await store.replaceDataset(loadSeed(DEMO_SEED), { who: "test", why: "load" });
    const before = await store.loadDataset();
    const bad = generateSynthetic({ chains: 2, firms: 50, ties: 50 });
    await expect(
      store.replaceDataset(
        bad,
        { who: "test", why: "fails midway" },
        {
          onProgress: () => {
            throw new Error("disk full (simulated)");
          },
        },
      ),
    ).rejects.toThrow(/rolled back/);
    expect(await store.loadDataset()).toEqual(before);
    expect(await store.history()).toHaveLength(1);
  });

  it("holds a synthetic dataset of 5,000 firms that passes every rule", async () => {
    const ds = generateSynthetic({ chains: 4, firms: 5000, ties: 5000 });
    expect(checkDataset(ds)).toEqual([]);
    await store.replaceDataset(ds, { who: "test", why: "scale" });
    expect((await store.loadDataset()).firms).toHaveLength(5000);
  });

  it("is one SQLite file on disk", async () => {
    await store.replaceDataset(loadSeed(DEMO_SEED), { who: "test", why: "load" });
    expect(readFileSync(store.file).subarray(0, 15).toString()).toBe("SQLite format 3");
  });
});
