// Replacing the embedded store's dataset through a staging table: the next dataset's rows are written one at a
// time (none held in memory), and the diff against the stored rows is one SQL pass, so a province's import
// holds neither its million rows as JSON nor the stored ones. Runs inside the caller's transaction.
import type Database from "better-sqlite3";
import { StoreError } from "../errors.ts";
import { type Dataset, feedKey } from "../model/index.ts";
import { STORED_KINDS } from "./dataset-entities.ts";
import type { ChangeItem } from "./store.ts";

const PROGRESS_EVERY = 500;

/** Rows of the staged dataset, each kind in its list's order (`seq`); rowid keeps the staging order. */
const STAGE = `
create temp table if not exists staged (kind text not null, id text not null, seq integer not null, json text not null, primary key (kind, id));
delete from temp.staged;
`;

/** Added and changed rows in staging order, then removed rows in stored order (the order diffRows gives). */
const DIFF = `
select kind, id, action from (
  select s.kind, s.id, case when e.id is null then 'added' else 'changed' end as action, 0 as part, s.rowid as ord
  from temp.staged s left join entity e on e.kind = s.kind and e.id = s.id
  where e.id is null or e.json <> s.json
  union all
  select e.kind, e.id, 'removed', 1, e.rowid
  from entity e where not exists (select 1 from temp.staged s where s.kind = e.kind and s.id = e.id)
) order by part, ord`;

/**
 * Writes `ds` into the staging table; throws a StoreError naming the kind and id when two entities of a kind
 * share an id. `onProgress(rows written, rows in all)`.
 */
export function stageDataset(
  db: Database.Database,
  ds: Dataset,
  onProgress?: (n: number, total: number) => void,
): number {
  db.exec(STAGE);
  const insert = db.prepare("insert into temp.staged (kind, id, seq, json) values (?, ?, ?, ?)");
  const total = STORED_KINDS.reduce((n, kind) => n + (ds[kind] as unknown[]).length, 0);
  let n = 0;
  for (const kind of STORED_KINDS) {
    const list = ds[kind] as ReadonlyArray<{ id?: string; from?: string; to?: string }>;
    list.forEach((e, seq) => {
      const id = kind === "feeds" ? feedKey(e as { from: string; to: string }) : (e.id as string);
      try {
        insert.run(kind, id, seq, JSON.stringify(e));
      } catch (err) {
        if ((err as { code?: string }).code === "SQLITE_CONSTRAINT_PRIMARYKEY")
          throw new StoreError(`import refused: two ${kind} with the id ${JSON.stringify(id)}`);
        throw err;
      }
      n++;
      if (n % PROGRESS_EVERY === 0) onProgress?.(n, total);
    });
  }
  onProgress?.(n, total);
  return n;
}

/** Whether the staged dataset (and `regionJson`) differs from the stored one. */
export function stagedDiffers(db: Database.Database, regionJson: string): boolean {
  const region = db.prepare("select value from meta where key = 'region'").pluck().get();
  if (region !== regionJson) return true;
  const some = db
    .prepare(
      `select exists (select 1 from temp.staged s left join entity e on e.kind = s.kind and e.id = s.id where e.id is null or e.json <> s.json)
        or exists (select 1 from entity e where not exists (select 1 from temp.staged s where s.kind = e.kind and s.id = e.id))`,
    )
    .pluck()
    .get();
  return some === 1;
}

/**
 * Records the staged diff as the items of change set `changeId` (region first when it changed) and returns the
 * counts per action.
 */
export function recordStagedDiff(
  db: Database.Database,
  changeId: number,
  region: { id: string; json: string },
): { added: number; changed: number; removed: number } {
  const prev = db.prepare("select value from meta where key = 'region'").pluck().get() as string | undefined;
  const insert = db.prepare(
    "insert into change_item (change_id, kind, entity_id, action) values (?, ?, ?, ?)",
  );
  if (prev !== region.json)
    insert.run(changeId, "region", region.id, prev === undefined ? "added" : "changed");
  db.prepare(
    `insert into change_item (change_id, kind, entity_id, action) select ?, kind, id, action from (${DIFF})`,
  ).run(changeId);
  const counts = { added: 0, changed: 0, removed: 0 };
  for (const r of db
    .prepare("select action, count(*) as n from change_item where change_id = ? group by action")
    .all(changeId) as Array<{ action: ChangeItem["action"]; n: number }>)
    counts[r.action] = r.n;
  return counts;
}

/** The staged diff as change items (region first when it changed), as recordStagedDiff would record them. */
export function stagedDiffItems(db: Database.Database, region: { id: string; json: string }): ChangeItem[] {
  const prev = db.prepare("select value from meta where key = 'region'").pluck().get() as string | undefined;
  const items = db.prepare(DIFF).all() as ChangeItem[];
  if (prev !== region.json)
    items.unshift({ kind: "region", id: region.id, action: prev === undefined ? "added" : "changed" });
  return items;
}

/** Makes the staged rows the stored ones and drops the staging table. */
export function swapInStaged(db: Database.Database): void {
  db.exec(
    "delete from entity; insert into entity (kind, id, seq, json) select kind, id, seq, json from temp.staged order by rowid; drop table temp.staged;",
  );
}

/** Drops the staging table (after a no-op import). */
export function dropStaged(db: Database.Database): void {
  db.exec("drop table if exists temp.staged");
}
