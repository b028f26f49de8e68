// One transaction around several store calls (load → merge → write): all of them apply, or none.
import { StoreError } from "../errors.ts";
import { EmbeddedStore } from "./embedded-store.ts";
import type { Store } from "./store.ts";

/**
 * Runs `fn` inside one write transaction of the embedded store (its own writes nest as savepoints); an error
 * rolls everything back. Other stores run `fn` as is: their replaceDataset is already atomic on its own.
 */
export async function inStoreTransaction<T>(store: Store, fn: () => Promise<T>): Promise<T> {
  if (!(store instanceof EmbeddedStore)) return fn();
  const { db } = store;
  if (db.inTransaction) return fn();
  try {
    db.exec("begin immediate");
  } catch (e) {
    throw new StoreError(`cannot start a transaction on ${store.file}: ${(e as Error).message}`);
  }
  try {
    const out = await fn();
    db.exec("commit");
    return out;
  } catch (e) {
    if (db.inTransaction) db.exec("rollback");
    throw e;
  }
}
