// The embedded store's subgraph index: links, codes and ties by segment and firm, and the text-evidence pairs.
import type Database from "better-sqlite3";
import type { Dataset, Firm, Segment } from "../model/index.ts";
import type { SubgraphKeys } from "./chain-subgraph.ts";
import { tieSegment } from "./subgraph-reach.ts";

const TABLES = `
create table if not exists sg_link (segment text not null, firm text not null, primary key (segment, firm)) without rowid;
create table if not exists sg_code (code text not null, firm text not null, primary key (code, firm)) without rowid;
create table if not exists sg_tie (id text primary key, supplier text not null, customer text not null, segment text) without rowid;
create index if not exists sg_tie_by_segment on sg_tie(segment);
create index if not exists sg_tie_by_supplier on sg_tie(supplier);
create index if not exists sg_tie_by_customer on sg_tie(customer);
create table if not exists sg_text (version text not null, segment text not null, firm text not null, primary key (version, segment, firm)) without rowid;
`;

/** The data a stamp describes: the newest change set (every write of entities records one). */
export function dataStamp(db: Database.Database): string {
  return String(db.prepare("select coalesce(max(id), 0) from change_set").pluck().get());
}

function stamp(db: Database.Database, key: string): string | undefined {
  return db.prepare("select value from meta where key = ?").pluck().get(key) as string | undefined;
}

function setStamp(db: Database.Database, key: string, value: string): void {
  db.prepare(
    "insert into meta (key, value) values (?, ?) on conflict(key) do update set value = excluded.value",
  ).run(key, value);
}

/**
 * Rewrites the structural index (links, codes, ties) from a dataset; runs inside the caller's transaction,
 * so the index changes with the data or not at all.
 */
export function indexSubgraph(db: Database.Database, ds: Pick<Dataset, "firms" | "ties">): void {
  db.exec(TABLES);
  db.exec("delete from sg_link; delete from sg_code; delete from sg_tie; delete from sg_text;");
  const link = db.prepare("insert or ignore into sg_link (segment, firm) values (?, ?)");
  const code = db.prepare("insert or ignore into sg_code (code, firm) values (?, ?)");
  const tie = db.prepare(
    "insert or ignore into sg_tie (id, supplier, customer, segment) values (?, ?, ?, ?)",
  );
  const byId = new Map<string, Firm>();
  for (const f of ds.firms) {
    byId.set(f.id, f);
    for (const l of f.segments) link.run(l.segment, f.id);
    for (const c of f.codes) code.run(c, f.id);
  }
  for (const t of ds.ties) tie.run(t.id, t.supplier, t.customer, tieSegment(t, byId.get(t.supplier)));
  setStamp(db, "subgraph.structure", dataStamp(db));
}

/** Rewrites the text-evidence pairs for these keys (matching every firm's text once); in the caller's transaction. */
export function indexSubgraphText(
  db: Database.Database,
  segments: ReadonlyArray<Segment>,
  firms: ReadonlyArray<Firm>,
  keys: SubgraphKeys,
): void {
  db.exec(TABLES);
  db.prepare("delete from sg_text where version = ?").run(keys.version);
  const pair = db.prepare("insert or ignore into sg_text (version, segment, firm) values (?, ?, ?)");
  for (const [firm, segment] of keys.textSegments(segments, firms)) pair.run(keys.version, segment, firm);
  setStamp(db, `subgraph.text.${keys.version}`, dataStamp(db));
}

/** Which parts of the index are stale for the stored data (and these keys). */
export function staleParts(db: Database.Database, keys: SubgraphKeys): { structure: boolean; text: boolean } {
  const now = dataStamp(db);
  return {
    structure: stamp(db, "subgraph.structure") !== now,
    text: stamp(db, `subgraph.text.${keys.version}`) !== now,
  };
}
