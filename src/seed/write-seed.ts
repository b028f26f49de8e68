// Writes a dataset to a directory as a seed (the I/O side of seedLayout).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Dataset } from "../model/index.ts";
import { type SeedFile, type SeedLists, seedFiles, streamedSeedFiles } from "./seed-layout.ts";

const writeOne = (dir: string, [rel, text]: SeedFile): string => {
  const full = join(dir, rel);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
  return full;
};

/** Writes the canonical seed files; returns the paths written. */
export function writeSeed(ds: Dataset, dir: string): string[] {
  const written: string[] = [];
  for (const f of seedFiles(ds)) written.push(writeOne(dir, f));
  return written;
}

/**
 * Writes the same files as writeSeed with the long lists streamed from `lists` (the small kinds from
 * `head`): one file's text and items in memory at once, whatever the size of the store.
 */
export async function writeStreamedSeed(head: Dataset, lists: SeedLists, dir: string): Promise<string[]> {
  const written: string[] = [];
  for await (const f of streamedSeedFiles(head, lists)) written.push(writeOne(dir, f));
  return written;
}
