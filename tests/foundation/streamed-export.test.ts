// `export` streams the long lists out of the embedded store a page at a time: the files it writes are the
// ones writeSeed lays out from the whole dataset, byte for byte, after edits that leave gaps in the order.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateSynthetic } from "../../scripts/synthetic/generate.ts";
import { loadSeed, writeSeed } from "../../src/seed/index.ts";
import { ITEMS_PER_FILE } from "../../src/seed/seed-layout.ts";
import { EmbeddedStore } from "../../src/store/index.ts";
import { runCli } from "../helpers/run-cli.ts";
import { readSeedDir, tempDir } from "../helpers/seed-files.ts";

const SHIPPED = join(import.meta.dirname, "..", "..", "graph-seeds", "jiaxing");

async function exportBoth(store: EmbeddedStore, db: string) {
  const streamed = tempDir();
  const r = runCli(["--db", db, "export", streamed]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const whole = tempDir();
  writeSeed(await store.loadDataset(), whole);
  return { streamed: readSeedDir(streamed), whole: readSeedDir(whole), dir: streamed };
}

describe("export streams", () => {
  it("writes the shipped seed as writeSeed does from the whole dataset", async () => {
    const db = join(tempDir(), "atlas.db");
    const store = new EmbeddedStore(db);
    await store.replaceDataset(loadSeed(SHIPPED), { who: "test", why: "load" });
    const { streamed, whole } = await exportBoth(store, db);
    expect(streamed.size).toBeGreaterThan(5);
    expect(streamed).toEqual(whole);
    await store.close();
  });

  it("splits long lists into parts, in order after edits", { timeout: 120_000 }, async () => {
    const ds = generateSynthetic({ seed: 5, chains: 3, firms: 7_000, ties: 2 * ITEMS_PER_FILE + 3 });
    const db = join(tempDir(), "atlas.db");
    const store = new EmbeddedStore(db);
    await store.replaceDataset(ds, { who: "test", why: "load" });
    // Remove a tie in the middle (a gap in the order) and add one (it goes last).
    const gone = ds.ties[4_321]!;
    const added = { ...ds.ties[0]!, id: "tie-added-last" };
    await store.writeEntities(
      [
        { kind: "ties", id: gone.id },
        { kind: "ties", id: added.id, json: JSON.stringify(added) },
      ],
      { who: "test", why: "edit" },
    );
    const { streamed, whole, dir } = await exportBoth(store, db);
    expect([...streamed.keys()].filter((k) => k.startsWith("ties/")).sort()).toEqual([
      "ties/ties-001.yaml",
      "ties/ties-002.yaml",
      "ties/ties-003.yaml",
    ]);
    expect(streamed).toEqual(whole);
    const back = loadSeed(dir);
    expect(back.ties.map((t) => t.id)).toEqual([
      ...ds.ties.filter((t) => t.id !== gone.id).map((t) => t.id),
      added.id,
    ]);
    expect(back.firms.length).toBe(ds.firms.length);
    await store.close();
  });
});
