// Writes a dataset to a directory as a seed (the I/O side of seedLayout).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Dataset } from "../model/index.ts";
import { seedFiles } from "./seed-layout.ts";

/** Writes the canonical seed files; returns the paths written. */
export function writeSeed(ds: Dataset, dir: string): string[] {
  const written: string[] = [];
  for (const [rel, text] of seedFiles(ds)) {
    const full = join(dir, rel);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
    written.push(full);
  }
  return written;
}
