// The embedded store's marker and schema: what makes a SQLite file a chain-atlas store, and its migrations.
import type Database from "better-sqlite3";
import { StoreError } from "../errors.ts";

/** PRAGMA application_id of every chain-atlas store: "CATL" in ASCII. */
export const APPLICATION_ID = 0x4341544c;

/** The schema version this code reads and writes (PRAGMA user_version and meta 'schema_version'). */
export const SCHEMA_VERSION = 2;

/** The tables of schema version 1 (and of the unmarked stores made before the marker existed). */
const TABLES_V1 = `
create table if not exists meta (key text primary key, value text not null);
create table if not exists entity (kind text not null, id text not null, seq integer not null, json text not null, primary key (kind, id));
create virtual table if not exists firm_search using fts5(id unindexed, text, tokenize = 'trigram');
create table if not exists change_set (id integer primary key, at text not null, who text not null, why text not null, op text not null,
  added integer not null, changed integer not null, removed integer not null);
create table if not exists change_item (change_id integer not null references change_set(id), kind text not null, entity_id text not null, action text not null);
create index if not exists change_item_by_change on change_item(change_id);
`;

/** Tables (with fts5 shadow tables) an unmarked store made by chain-atlas before version 1 holds (an import made
 * the review queue's table; this one makes it on opening). */
const LEGACY_TABLE =
  /^(meta|entity|change_set|change_item|review_item|project|project_change(_by_project)?|pipeline_setting|firm_search(_\w+)?)$/;

/**
 * Migrations by the version they lead to: MIGRATIONS[v - 1] turns a version v − 1 store into version v.
 * Version 0 is an empty file or an unmarked store of the first releases; each runs in one transaction.
 */
const MIGRATIONS: ReadonlyArray<(db: Database.Database) => void> = [
  (db) => db.exec(TABLES_V1),
  // Version 2: each kind's entities in dataset order without a sort (export streams a province in pages).
  (db) => db.exec("create index if not exists entity_by_seq on entity(kind, seq);"),
];

/** Indexes a store of any version may hold beside its tables. */
const OUR_INDEXES = new Set(["change_item_by_change", "entity_by_seq"]);

/** Names of the tables and indexes a SQLite file holds (sqlite_* internals left out). */
export function objectNames(db: Database.Database): string[] {
  return (
    db
      .prepare("select name from sqlite_master where name not like 'sqlite_%' order by name")
      .pluck()
      .all() as string[]
  ).filter((n) => !OUR_INDEXES.has(n));
}

/** What an opened file is: a chain-atlas store of some version, an empty file, or someone else's data. */
export type FileKind = { kind: "atlas"; version: number } | { kind: "empty" } | { kind: "foreign" };

/** Reads the marker without writing anything. */
export function fileKindOf(db: Database.Database): FileKind {
  const appId = db.pragma("application_id", { simple: true }) as number;
  const version = db.pragma("user_version", { simple: true }) as number;
  if (appId === APPLICATION_ID) return { kind: "atlas", version };
  if (appId !== 0) return { kind: "foreign" };
  const names = objectNames(db);
  if (names.length === 0) return { kind: "empty" };
  if (version === 0 && names.includes("entity") && names.every((n) => LEGACY_TABLE.test(n)))
    return { kind: "atlas", version: 0 };
  return { kind: "foreign" };
}

/** Brings a chain-atlas (or empty) store up to SCHEMA_VERSION, one migration per transaction, and marks it. */
export function migrate(db: Database.Database, file: string, from: number): void {
  if (from > SCHEMA_VERSION)
    throw new StoreError(
      `the store ${file} has schema version ${from}, newer than this chain-atlas reads (${SCHEMA_VERSION}); upgrade chain-atlas`,
    );
  for (let v = from + 1; v <= SCHEMA_VERSION; v++)
    db.transaction(() => {
      MIGRATIONS[v - 1]!(db);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${v}`);
      db.prepare(
        "insert into meta (key, value) values ('schema_version', ?) on conflict(key) do update set value = excluded.value",
      ).run(String(v));
    }).immediate();
}
