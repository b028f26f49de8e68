// Reads a seed directory from disk (the I/O side of parseSeed).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { NotFoundError, ValidationError } from "../errors.ts";
import type { Dataset } from "../model/index.ts";
import { type ParsedSeed, type ParseOptions, parseSeed, type SeedFileInput } from "./parse-seed.ts";
import { readBlockedHosts } from "./read-blocked-hosts.ts";

/** Every `.yaml`/`.yml` file below `dir`, sorted by path so runs are repeatable; each is read when parsed. */
export function readSeedFiles(dir: string): SeedFileInput[] {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(dir);
  } catch {
    throw new NotFoundError(
      `seed directory ${dir} does not exist; expected a folder of YAML files such as graph-seeds/jiaxing`,
    );
  }
  if (!st.isDirectory())
    throw new NotFoundError(`${dir} is not a directory; expected a seed folder of YAML files`);
  const out: SeedFileInput[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      if (entry.name.startsWith(".")) continue;
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ya?ml$/i.test(entry.name))
        out.push({ path: relative(dir, full), bytes: () => readFileSync(full) });
    }
  };
  walk(dir);
  if (out.length === 0)
    throw new NotFoundError(
      `seed directory ${dir} holds no .yaml files; expected region.yaml, chains/*.yaml, …`,
    );
  return out;
}

/**
 * Reads and validates a seed directory; the issues' file names are relative to `dir`. Sources are checked
 * against the blocklist beside the seed (see readBlockedHosts) unless `opts.blockedHosts` is given.
 */
export function readSeed(dir: string, opts: ParseOptions = {}): ParsedSeed {
  const files = readSeedFiles(dir);
  const parsed = parseSeed(files, { ...opts, blockedHosts: opts.blockedHosts ?? readBlockedHosts(dir) });
  for (const issue of [...parsed.issues, ...parsed.warnings])
    if (issue.file) issue.file = join(dir, issue.file);
  return parsed;
}

/** Reads a seed directory and throws a ValidationError listing every problem, if any. */
export function loadSeed(dir: string, opts: ParseOptions = {}): Dataset {
  const { dataset, issues } = readSeed(dir, opts);
  if (!dataset || issues.length > 0) throw new ValidationError(issues, `seed ${dir}`);
  return dataset;
}
