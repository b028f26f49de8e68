// Long lists are written as numbered parts of at most ITEMS_PER_FILE items, and read back as one dataset.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateSynthetic } from "../../scripts/synthetic/generate.ts";
import { loadSeed, writeSeed } from "../../src/seed/index.ts";
import { ITEMS_PER_FILE } from "../../src/seed/seed-layout.ts";
import { tempDir } from "../helpers/seed-files.ts";

describe("a seed with long lists", () => {
  it("splits ties and firms into parts and reads back the same dataset", { timeout: 120_000 }, () => {
    const ds = generateSynthetic({ seed: 11, chains: 3, firms: 6_000, ties: 2 * ITEMS_PER_FILE + 7 });
    const dir = tempDir();
    writeSeed(ds, dir);
    expect(readdirSync(join(dir, "ties")).sort()).toEqual([
      "ties-001.yaml",
      "ties-002.yaml",
      "ties-003.yaml",
    ]);
    expect(readdirSync(join(dir, "firms")).sort()).toContain("candidates-001.yaml");
    const back = loadSeed(dir);
    expect(back.ties).toEqual(ds.ties);
    expect(back.firms.map((f) => f.id).sort()).toEqual(ds.firms.map((f) => f.id).sort());
  });
});
