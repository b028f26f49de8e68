// The embedded store passes the store contract: a fresh SQLite file per test, a second handle on the same file.
import { join } from "node:path";
import { EmbeddedStore, type Store } from "../../src/store/index.ts";
import { tempDir } from "../helpers/seed-files.ts";
import { storeContract } from "./store-contract.ts";

storeContract("embedded", {
  fresh: async () => new EmbeddedStore(join(tempDir(), "atlas.db")),
  reopen: async (s: Store) => new EmbeddedStore((s as EmbeddedStore).file),
});
