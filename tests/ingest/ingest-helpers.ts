// Shared by the ingest tests: a fresh store filled from the shipped seed, in a temp dir.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore, type Store } from "../../src/store/index.ts";

export const SHARED_DATA = join(import.meta.dirname, "..", "..", "..", "shared", "data");
export const FORTUNE_2022_2024 = join(SHARED_DATA, "fortune-global-500-2022-2024.csv");
export const FORTUNE_2019 = join(SHARED_DATA, "fortune-global-500-2019.tsv");

export function tempDir(prefix = "ingest-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A store in a temp dir, filled from the shipped seed; returns it and its file. */
export async function seededStore(dir = tempDir()): Promise<{ store: Store; db: string; dir: string }> {
  const db = join(dir, "atlas.db");
  return { store: await openStore({ db, create: true, seedIfEmpty: true }), db, dir };
}
