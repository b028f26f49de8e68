// Stores: the interface and its implementations.
export { type EmbeddedOpenOptions, EmbeddedStore } from "./embedded-store.ts";
export { DEFAULT_DB, type OpenOptions, openStore, SHIPPED_SEED, storeFile } from "./open-store.ts";
export type {
  ChangeItem,
  ChangeMeta,
  ChangeSet,
  ChangeSummary,
  FirmHit,
  Store,
  SubgraphOptions,
  WriteOptions,
  WriteSummary,
} from "./store.ts";
export { APPLICATION_ID, SCHEMA_VERSION } from "./store-schema.ts";
