// An import killed with SIGKILL midway leaves the store exactly as it was: a real process, really killed.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generateSynthetic } from "../../scripts/synthetic/generate.ts";
import { loadSeed, writeSeed } from "../../src/seed/index.ts";
import { EmbeddedStore } from "../../src/store/index.ts";
import { DEMO_SEED, tempDir } from "../helpers/seed-files.ts";

const BIN = join(import.meta.dirname, "..", "..", "bin", "chain-atlas.js");

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  progress: Array<[number, number]>;
}

/** Runs `chain-atlas import`; with `killAtProgress`, sends SIGKILL on the first progress line. */
function runImport(db: string, dir: string, killAtProgress: boolean): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "--db", db, "import", dir, "--progress", "--who", "test"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const run: Run = { code: null, signal: null, stdout: "", stderr: "", progress: [] };
    child.stdout.on("data", (d) => {
      run.stdout += d;
    });
    child.stderr.on("data", (d) => {
      run.stderr += d;
      for (const m of String(d).matchAll(/import: write .*? {2}([\d,]+)\/([\d,]+) rows/g))
        run.progress.push([Number(m[1]!.replaceAll(",", "")), Number(m[2]!.replaceAll(",", ""))]);
      if (killAtProgress && run.progress.length > 0) child.kill("SIGKILL");
    });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ ...run, code, signal }));
  });
}

describe("an import killed with SIGKILL", () => {
  let bigSeed: string;
  beforeAll(() => {
    bigSeed = tempDir("atlas-big-");
    writeSeed(generateSynthetic({ chains: 4, firms: 12_000, ties: 12_000 }), bigSeed);
  });

  it("leaves the store exactly as before, and a later import still works", { timeout: 180_000 }, async () => {
    const db = join(tempDir(), "atlas.db");
    const store = new EmbeddedStore(db);
    await store.replaceDataset(loadSeed(DEMO_SEED), { who: "test", why: "baseline" });
    const before = JSON.stringify(await store.loadDataset());
    await store.close();

    const killed = await runImport(db, bigSeed, true);
    expect(killed.signal).toBe("SIGKILL");
    const [written, total] = killed.progress.at(-1)!;
    expect(written).toBeLessThan(total); // the last progress it reported was midway through the transaction
    expect(killed.stdout).not.toMatch(/imported/);

    const after = new EmbeddedStore(db);
    expect(JSON.stringify(await after.loadDataset())).toBe(before);
    expect((await after.history()).map((h) => h.why)).toEqual(["baseline"]);
    await after.close();

    const full = await runImport(db, bigSeed, false);
    expect(full.code, full.stderr).toBe(0);
    const done = new EmbeddedStore(db);
    expect((await done.loadDataset()).firms).toHaveLength(12_000);
    await done.close();
  });
});
