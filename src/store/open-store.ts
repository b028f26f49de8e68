// Opens the configured store; the embedded default is created and filled from the shipped seed on first use.
import { fileURLToPath } from "node:url";
import { loadSeed } from "../seed/index.ts";
import { EmbeddedStore } from "./embedded-store.ts";
import { openNeo4j } from "./neo4j/open-neo4j.ts";
import type { Store } from "./store.ts";

/** The seed shipped with the package. */
export const SHIPPED_SEED = fileURLToPath(new URL("../../graph-seeds/jiaxing", import.meta.url));

/** The default embedded store file, relative to the working directory. */
export const DEFAULT_DB = "data/atlas.db";

export interface OpenOptions {
  /** Path of the SQLite file; defaults to $CHAIN_ATLAS_DB or data/atlas.db. */
  db?: string;
  /** A Neo4j address (neo4j://, bolt://, neo4j+s://); defaults to $CHAIN_ATLAS_STORE; the embedded store when absent. */
  store?: string | undefined;
  /** Fill an empty store from the shipped seed (default true). */
  seedIfEmpty?: boolean;
}

export async function openStore(opts: OpenOptions = {}): Promise<Store> {
  const url = opts.store ?? process.env.CHAIN_ATLAS_STORE;
  const store = url
    ? await openNeo4j(url)
    : new EmbeddedStore(opts.db ?? process.env.CHAIN_ATLAS_DB ?? DEFAULT_DB);
  if ((opts.seedIfEmpty ?? true) && (await store.isEmpty()))
    await store.replaceDataset(loadSeed(SHIPPED_SEED), {
      who: "chain-atlas",
      why: "first use: filled from the shipped seed graph-seeds/jiaxing",
    });
  return store;
}
