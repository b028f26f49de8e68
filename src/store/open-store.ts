// Opens the configured store; only `start` and `import` may create one (and say where), read-only commands never do.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadSeed } from "../seed/index.ts";
import { EmbeddedStore } from "./embedded-store.ts";
import type { Store } from "./store.ts";

/** The package's root: the nearest folder above this module holding graph-seeds/ (works from src/ and dist/). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, "graph-seeds")) && existsSync(join(dir, "package.json"))) return dir;
    dir = dirname(dir);
  }
  return join(dirname(fileURLToPath(import.meta.url)), "..", "..");
}

/** The seed shipped with the package. */
export const SHIPPED_SEED = join(packageRoot(), "graph-seeds", "jiaxing");

/** The default embedded store file, relative to the working directory. */
export const DEFAULT_DB = "data/atlas.db";

export interface OpenOptions {
  /** Path of the SQLite file; defaults to $CHAIN_ATLAS_DB or data/atlas.db. */
  db?: string;
  /** Create the store when the file does not exist (default false: a missing store is a StoreError). */
  create?: boolean;
  /** Fill an empty store from the shipped seed (default false). */
  /** A Neo4j address (neo4j://, bolt://, neo4j+s://); defaults to $CHAIN_ATLAS_STORE; the embedded store when absent. */
  store?: string | undefined;
  seedIfEmpty?: boolean;
  /** Told where a store was created or filled. */
  onCreate?: (message: string) => void;
}

/** The store file the options name. */
export function storeFile(opts: Pick<OpenOptions, "db"> = {}): string {
  return opts.db ?? process.env.CHAIN_ATLAS_DB ?? DEFAULT_DB;
}

export async function openStore(opts: OpenOptions = {}): Promise<Store> {
  const url = opts.store ?? process.env.CHAIN_ATLAS_STORE;
  // An address is shown without any user:password it carries.
  const file = url?.replace(/\/\/[^@/]*@/, "//") ?? storeFile(opts);
  const existed = url !== undefined || file === ":memory:" || existsSync(file);
  // The Neo4j driver loads only when a Neo4j store is named, so embedded commands start fast.
  const store: Store = url
    ? await (await import("./neo4j/open-neo4j.ts")).openNeo4j(url)
    : new EmbeddedStore(file, { create: opts.create === true });
  if (!existed) opts.onCreate?.(`created the store ${file}`);
  if (opts.seedIfEmpty === true && (await store.isEmpty())) {
    await store.replaceDataset(loadSeed(SHIPPED_SEED), {
      who: "chain-atlas",
      why: "first use: filled from the shipped seed graph-seeds/jiaxing",
    });
    opts.onCreate?.(`filled the store ${file} from the shipped seed ${SHIPPED_SEED}`);
  }
  return store;
}
