// The embedded store: one SQLite file (better-sqlite3), with transactions, change history and Chinese search.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { AtlasError, StoreError } from "../errors.ts";
import { type Dataset, type Firm, isLocalFirm } from "../model/index.ts";
import { datasetRows, diffRows, type EntityRow, rowsDataset } from "./dataset-entities.ts";
import type {
  ChangeItem,
  ChangeMeta,
  ChangeSet,
  ChangeSummary,
  FirmHit,
  Store,
  WriteOptions,
} from "./store.ts";

const SCHEMA = `
create table if not exists meta (key text primary key, value text not null);
create table if not exists entity (kind text not null, id text not null, seq integer not null, json text not null, primary key (kind, id));
create virtual table if not exists firm_search using fts5(id unindexed, text, tokenize = 'trigram');
create table if not exists change_set (id integer primary key, at text not null, who text not null, why text not null, op text not null,
  added integer not null, changed integer not null, removed integer not null);
create table if not exists change_item (change_id integer not null references change_set(id), kind text not null, entity_id text not null, action text not null);
create index if not exists change_item_by_change on change_item(change_id);
`;

const PROGRESS_EVERY = 500;

/** Text a firm is found by: names, aliases, products. */
function searchText(f: Firm): string {
  return [f.name.zh, f.name.en ?? "", ...f.name.aliases, ...f.products.map((p) => p.name)].join(" | ");
}

export class EmbeddedStore implements Store {
  readonly kind = "embedded" as const;
  /** The SQLite handle: extra modules (accounts, comments) keep their own tables in it. */
  readonly db: Database.Database;

  constructor(readonly file: string) {
    if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
    try {
      this.db = new Database(file);
      this.db.pragma("journal_mode = WAL");
      this.db.pragma("foreign_keys = ON");
      this.db.exec(SCHEMA);
    } catch (e) {
      throw new StoreError(`cannot open the embedded store ${file}: ${(e as Error).message}`);
    }
  }

  async isEmpty(): Promise<boolean> {
    return this.db.prepare("select value from meta where key = 'region'").get() === undefined;
  }

  async loadDataset(): Promise<Dataset> {
    const region = this.db.prepare("select value from meta where key = 'region'").pluck().get() as
      | string
      | undefined;
    if (region === undefined)
      throw new StoreError(
        `the store ${this.file} is empty; import a seed first (chain-atlas import graph-seeds/jiaxing)`,
      );
    const rows = this.db.prepare("select kind, id, seq, json from entity").all() as EntityRow[];
    return rowsDataset(region, rows);
  }

  async replaceDataset(ds: Dataset, meta: ChangeMeta, opts: WriteOptions = {}): Promise<ChangeSummary> {
    const next = datasetRows(ds);
    const regionJson = JSON.stringify(ds.region);
    const apply = this.db.transaction((): ChangeSummary => {
      const prev = this.db.prepare("select kind, id, seq, json from entity").all() as EntityRow[];
      const prevRegion = this.db.prepare("select value from meta where key = 'region'").pluck().get() as
        | string
        | undefined;
      if (opts.precondition) {
        const byKey = new Map(prev.map((r) => [`${r.kind}\u0000${r.id}`, r.json]));
        const lastChangeId = this.db
          .prepare("select coalesce(max(id), 0) from change_set")
          .pluck()
          .get() as number;
        opts.precondition({ json: (kind, id) => byKey.get(`${kind}\u0000${id}`), lastChangeId });
      }
      const items: ChangeItem[] = diffRows(prev, next);
      if (prevRegion !== regionJson)
        items.unshift({
          kind: "region",
          id: ds.region.id,
          action: prevRegion === undefined ? "added" : "changed",
        });

      this.db
        .prepare(
          "insert into meta (key, value) values ('region', ?) on conflict(key) do update set value = excluded.value",
        )
        .run(regionJson);
      this.db.exec("delete from entity; delete from firm_search;");
      const insert = this.db.prepare("insert into entity (kind, id, seq, json) values (?, ?, ?, ?)");
      const index = this.db.prepare("insert into firm_search (id, text) values (?, ?)");
      next.forEach((r, n) => {
        insert.run(r.kind, r.id, r.seq, r.json);
        if ((n + 1) % PROGRESS_EVERY === 0) opts.onProgress?.(n + 1, next.length);
      });
      for (const f of ds.firms) index.run(f.id, searchText(f));
      opts.onProgress?.(next.length, next.length);
      return this.record(opts.op ?? "import", meta, items);
    });
    try {
      return apply.immediate();
    } catch (e) {
      if (e instanceof AtlasError) throw e;
      throw new StoreError(`import failed and was rolled back: ${(e as Error).message}`);
    }
  }

  /** Writes one change set and its items; runs inside the caller's transaction. */
  private record(op: string, meta: ChangeMeta, items: ChangeItem[]): ChangeSummary {
    const count = (a: ChangeItem["action"]) => items.filter((i) => i.action === a).length;
    const summary = { added: count("added"), changed: count("changed"), removed: count("removed") };
    const { lastInsertRowid } = this.db
      .prepare(
        "insert into change_set (at, who, why, op, added, changed, removed) values (?, ?, ?, ?, ?, ?, ?)",
      )
      .run(new Date().toISOString(), meta.who, meta.why, op, summary.added, summary.changed, summary.removed);
    const changeId = Number(lastInsertRowid);
    const insert = this.db.prepare(
      "insert into change_item (change_id, kind, entity_id, action) values (?, ?, ?, ?)",
    );
    for (const i of items) insert.run(changeId, i.kind, i.id, i.action);
    return { changeId, ...summary, items };
  }

  async history(limit = 50): Promise<ChangeSet[]> {
    return this.db.prepare("select * from change_set order by id desc limit ?").all(limit) as ChangeSet[];
  }

  async changeItems(changeId: number): Promise<ChangeItem[]> {
    return this.db
      .prepare("select kind, entity_id as id, action from change_item where change_id = ? order by rowid")
      .all(changeId) as ChangeItem[];
  }

  async findFirms(query: string, limit = 20): Promise<FirmHit[]> {
    const q = query.trim();
    if (q === "") return [];
    // The trigram tokenizer matches substrings of 3+ characters; shorter queries (光伏) fall back to LIKE.
    const ids = (
      [...q].length >= 3
        ? this.db
            .prepare("select id from firm_search where text match ? order by rank limit ?")
            .pluck()
            .all(`"${q.replaceAll('"', '""')}"`, limit)
        : this.db
            .prepare("select id from firm_search where text like ? escape '\\' limit ?")
            .pluck()
            .all(`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, limit)
    ) as string[];
    const get = this.db.prepare("select json from entity where kind = 'firms' and id = ?").pluck();
    return ids.map((id) => {
      const f = JSON.parse(get.get(id) as string) as Firm;
      return {
        id: f.id,
        name: { zh: f.name.zh, en: f.name.en },
        local: isLocalFirm(f),
        products: f.products.map((p) => p.name),
      };
    });
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
