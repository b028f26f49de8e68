// The embedded store's subgraph index: links, codes and ties by segment and firm, and the text-evidence pairs.
import type Database from "better-sqlite3";
import type { Dataset, Firm, Segment, SupplyTie } from "../model/index.ts";
import type { SubgraphKeys } from "./chain-subgraph.ts";
import type { ChangeItem } from "./store.ts";
import { tieSegment } from "./subgraph-reach.ts";

const TABLES = `
create table if not exists sg_link (segment text not null, firm text not null, primary key (segment, firm)) without rowid;
create index if not exists sg_link_by_firm on sg_link(firm);
create table if not exists sg_code (code text not null, firm text not null, primary key (code, firm)) without rowid;
create index if not exists sg_code_by_firm on sg_code(firm);
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

/**
 * Keeps the structural index current after an edit of a few entities (in the edit's transaction): the
 * links and codes of each firm written, its ties' segments (a tie without one is filed by its supplier),
 * and each tie written. Only when the index was current before the edit (`before` is the data stamp then);
 * otherwise it stays stale and is rebuilt whole when next read. The text pairs are left to be rebuilt.
 */
export function updateSubgraphIndex(
  db: Database.Database,
  items: ReadonlyArray<ChangeItem>,
  before: string,
): void {
  if (stamp(db, "subgraph.structure") !== before) return;
  db.exec(TABLES);
  const json = db.prepare("select json from entity where kind = ? and id = ?").pluck();
  const firmOf = (id: string) => {
    const j = json.get("firms", id) as string | undefined;
    return j === undefined ? undefined : (JSON.parse(j) as Firm);
  };
  const link = db.prepare("insert or ignore into sg_link (segment, firm) values (?, ?)");
  const code = db.prepare("insert or ignore into sg_code (code, firm) values (?, ?)");
  const tie = db.prepare("insert into sg_tie (id, supplier, customer, segment) values (?, ?, ?, ?)");
  const unfileTie = db.prepare("delete from sg_tie where id = ?");
  const unlink = db.prepare("delete from sg_link where firm = ?");
  const uncode = db.prepare("delete from sg_code where firm = ?");
  const suppliedBy = db.prepare("select id from sg_tie where supplier = ?").pluck();
  const fileTie = (id: string) => {
    unfileTie.run(id);
    const j = json.get("ties", id) as string | undefined;
    if (j === undefined) return;
    const t = JSON.parse(j) as SupplyTie;
    tie.run(t.id, t.supplier, t.customer, tieSegment(t, firmOf(t.supplier)));
  };
  for (const i of items) {
    if (i.kind === "firms") {
      unlink.run(i.id);
      uncode.run(i.id);
      const f = firmOf(i.id);
      for (const l of f?.segments ?? []) link.run(l.segment, i.id);
      for (const c of f?.codes ?? []) code.run(c, i.id);
      for (const t of suppliedBy.all(i.id) as string[]) fileTie(t);
    } else if (i.kind === "ties") fileTie(i.id);
  }
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
