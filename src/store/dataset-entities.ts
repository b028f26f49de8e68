// A dataset as keyed entities and back: the one mapping both stores use to persist and diff.
import { type Dataset, ENTITY_KINDS, emptyDataset, feedKey } from "../model/index.ts";
import type { ChangeItem, StoredKind } from "./store.ts";

export const STORED_KINDS: ReadonlyArray<StoredKind> = [...ENTITY_KINDS, "feeds"];

export interface EntityRow {
  kind: StoredKind;
  id: string;
  seq: number;
  json: string;
}

/** Flattens a dataset into rows keyed by kind and id, keeping each kind's order in `seq`. */
export function datasetRows(ds: Dataset): EntityRow[] {
  const rows: EntityRow[] = [];
  for (const kind of STORED_KINDS) {
    const list = ds[kind] as ReadonlyArray<{ id?: string; from?: string; to?: string }>;
    list.forEach((e, seq) => {
      const id = kind === "feeds" ? feedKey(e as { from: string; to: string }) : (e.id as string);
      rows.push({ kind, id, seq, json: JSON.stringify(e) });
    });
  }
  return rows;
}

/**
 * Rebuilds a dataset from rows (kind, seq, json), in any order (`seq` restores each kind's order). Takes an
 * iterable so a store can stream a million rows through it: each is parsed as it comes, no row objects kept.
 */
export function rowsDataset(
  regionJson: string,
  rows: Iterable<readonly [kind: StoredKind, seq: number, json: string]>,
): Dataset {
  const ds = emptyDataset(JSON.parse(regionJson));
  const seqs = new Map<StoredKind, number[]>();
  for (const [kind, seq, json] of rows) {
    (ds[kind] as unknown[]).push(JSON.parse(json));
    let list = seqs.get(kind);
    if (!list) {
      list = [];
      seqs.set(kind, list);
    }
    list.push(seq);
  }
  for (const [kind, list] of seqs) {
    if (list.every((x, i) => i === 0 || list[i - 1]! <= x)) continue;
    const items = ds[kind] as unknown[];
    const order = list.map((_, i) => i).sort((x, y) => list[x]! - list[y]!);
    (ds[kind] as unknown[]) = order.map((i) => items[i]);
  }
  return ds;
}

/** What changes when `next` replaces `prev` (both as rows). */
export function diffRows(prev: ReadonlyArray<EntityRow>, next: ReadonlyArray<EntityRow>): ChangeItem[] {
  const key = (r: EntityRow) => `${r.kind}\u0000${r.id}`;
  const before = new Map(prev.map((r) => [key(r), r]));
  const items: ChangeItem[] = [];
  const seen = new Set<string>();
  for (const r of next) {
    const k = key(r);
    seen.add(k);
    const old = before.get(k);
    if (!old) items.push({ kind: r.kind, id: r.id, action: "added" });
    else if (old.json !== r.json) items.push({ kind: r.kind, id: r.id, action: "changed" });
  }
  for (const r of prev) if (!seen.has(key(r))) items.push({ kind: r.kind, id: r.id, action: "removed" });
  return items;
}
