// The review queue of the embedded store: uncertain entity matches an import found, in their own table of the
// SQLite file, kept until a person accepts or rejects them.
import type Database from "better-sqlite3";
import { StoreError } from "../errors.ts";
import type { NewReviewItem, ReviewDecision, ReviewItem, ReviewStatus } from "./store.ts";

const SCHEMA = `
create table if not exists review_item (
  id integer primary key, at text not null, file text not null, row integer not null,
  name text not null, candidate text not null, score real not null, reason text not null,
  key text not null unique, payload text not null,
  status text not null default 'pending', decided_at text, decided_by text, result text
);
`;

interface Row {
  id: number;
  at: string;
  file: string;
  row: number;
  name: string;
  candidate: string;
  score: number;
  reason: string;
  status: ReviewStatus;
  decided_at: string | null;
  decided_by: string | null;
  result: string | null;
  payload: string;
}

/** Creates the queue's table when missing. */
export function reviewSchema(db: Database.Database): void {
  db.exec(SCHEMA);
}

/** Adds the items not asked before; returns how many were new. */
export function enqueueReviews(db: Database.Database, items: ReadonlyArray<NewReviewItem>): number {
  const insert = db.prepare(
    "insert into review_item (at, file, row, name, candidate, score, reason, key, payload) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict(key) do nothing",
  );
  const at = new Date().toISOString();
  let added = 0;
  for (const i of items)
    added += insert.run(
      at,
      i.file,
      i.row,
      i.name,
      i.candidate,
      i.score,
      i.reason,
      i.key,
      JSON.stringify(i.payload),
    ).changes;
  return added;
}

export function listReviews(db: Database.Database, status?: ReviewStatus): ReviewItem[] {
  const rows = (
    status
      ? db.prepare("select * from review_item where status = ? order by id").all(status)
      : db.prepare("select * from review_item order by id").all()
  ) as Row[];
  return rows.map(toItem);
}

export function getReview(db: Database.Database, id: number): ReviewItem | undefined {
  const r = db.prepare("select * from review_item where id = ?").get(id) as Row | undefined;
  return r ? toItem(r) : undefined;
}

/** Records a decision on a pending item; throws when it is not pending. */
export function decideReviewItem(db: Database.Database, d: ReviewDecision): void {
  const r = db
    .prepare(
      "update review_item set status = ?, decided_at = ?, decided_by = ?, result = ? where id = ? and status = 'pending'",
    )
    .run(d.status, new Date().toISOString(), d.who, d.result, d.id);
  if (r.changes !== 1) throw new StoreError(`review item ${d.id} is not pending`);
}

function toItem(r: Row): ReviewItem {
  return {
    id: r.id,
    at: r.at,
    file: r.file,
    row: r.row,
    name: r.name,
    candidate: r.candidate,
    score: r.score,
    reason: r.reason,
    status: r.status,
    decidedAt: r.decided_at ?? undefined,
    decidedBy: r.decided_by ?? undefined,
    result: r.result ?? undefined,
    payload: JSON.parse(r.payload),
  };
}
