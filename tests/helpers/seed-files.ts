// Test helpers: a seed as an in-memory map of files, copied from a fixture, mutated, written to a temp dir.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";

export type SeedFiles = Map<string, string | Uint8Array>;

export const DEMO_SEED = join(import.meta.dirname, "..", "fixtures", "seeds", "demo");

export function readSeedDir(dir: string): SeedFiles {
  const files: SeedFiles = new Map();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else files.set(relative(dir, full), readFileSync(full, "utf8"));
    }
  };
  walk(dir);
  return files;
}

export function writeSeedDir(files: SeedFiles, dir = mkdtempSync(join(tmpdir(), "atlas-seed-"))): string {
  for (const [rel, content] of files) {
    const full = join(dir, rel);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

/** Replaces text in one file of the map; fails loudly when the text is not there, so a mutation never silently does nothing. */
export function edit(files: SeedFiles, path: string, from: string | RegExp, to: string): void {
  const text = files.get(path);
  if (typeof text !== "string") throw new Error(`test setup: no text file ${path}`);
  const next = text.replace(from, to);
  if (next === text) throw new Error(`test setup: ${String(from)} not found in ${path}`);
  files.set(path, next);
}

export function tempDir(prefix = "atlas-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
