// The review queue: uncertain entity matches an import found, kept until a person accepts or rejects them.
import type Database from "better-sqlite3";
import { StoreError } from "../errors.ts";
import { EmbeddedStore } from "./embedded-store.ts";
import type { Store } from "./store.ts";

const SCHEMA = `
create table if not exists review_item (
  id integer primary key, at text not null, file text not null, row integer not null,
  name text not null, candidate text not null, score real not null, reason text not null,
  key text not null unique, payload text not null,
  status text not null default 'pending', decided_at text, decided_by text, result text
);
`;

export type ReviewStatus = "pending" | "accepted" | "rejected";

export interface ReviewItem {
  id: number;
  at: string;
  file: string;
  row: number;
  name: string;
  /** The firm the row may be. */
  candidate: string;
  score: number;
  reason: string;
  status: ReviewStatus;
  decidedAt?: string | undefined;
  decidedBy?: string | undefined;
  /** The firm id the decision led to (the candidate on accept, the new firm on reject). */
  result?: string | undefined;
  /** What the importer needs to act on a decision (the row's firm draft and its source), as JSON. */
  payload: unknown;
}

export interface NewReviewItem {
  file: string;
  row: number;
  name: string;
  candidate: string;
  score: number;
  reason: string;
  /** Identifies the question, so importing the same file again does not ask it twice. */
  key: string;
  payload: unknown;
}

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

/** The queue kept in the embedded store's SQLite file, in its own table. */
export class ReviewQueue {
  private readonly db: Database.Database;

  constructor(store: Store) {
    if (!(store instanceof EmbeddedStore)) throw new StoreError("the review queue needs the embedded store");
    this.db = store.db;
    this.db.exec(SCHEMA);
  }

  /** Adds the items not asked before; returns how many were new. */
  enqueue(items: ReadonlyArray<NewReviewItem>): number {
    const insert = this.db.prepare(
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

  /** True when this question was asked before (pending or decided). */
  has(key: string): boolean {
    return this.db.prepare("select 1 from review_item where key = ?").get(key) !== undefined;
  }

  list(status?: ReviewStatus): ReviewItem[] {
    const rows = (
      status
        ? this.db.prepare("select * from review_item where status = ? order by id").all(status)
        : this.db.prepare("select * from review_item order by id").all()
    ) as Row[];
    return rows.map(toItem);
  }

  get(id: number): ReviewItem | undefined {
    const r = this.db.prepare("select * from review_item where id = ?").get(id) as Row | undefined;
    return r ? toItem(r) : undefined;
  }

  /** Records a decision on a pending item. */
  decide(id: number, status: Exclude<ReviewStatus, "pending">, who: string, result: string): void {
    const r = this.db
      .prepare(
        "update review_item set status = ?, decided_at = ?, decided_by = ?, result = ? where id = ? and status = 'pending'",
      )
      .run(status, new Date().toISOString(), who, result, id);
    if (r.changes !== 1) throw new StoreError(`review item ${id} is not pending`);
  }
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
