// The review queue kept in Neo4j, beside the data it asks about: one (:ReviewItem) node per question, numbered in
// the order asked; questions are added and decided inside the write transaction of the import or decision.
import neo4j from "neo4j-driver";
import { StoreError } from "../../errors.ts";
import type { NewReviewItem, ReviewDecision, ReviewItem, ReviewStatus } from "../store.ts";
import type { Tx } from "./write-dataset.ts";

const FIELDS =
  "r.id AS id, r.at AS at, r.file AS file, r.row AS row, r.name AS name, r.candidate AS candidate, r.score AS score, r.reason AS reason, r.status AS status, r.decidedAt AS decidedAt, r.decidedBy AS decidedBy, r.result AS result, r.payload AS payload";

function toItem(rec: neo4j.Record): ReviewItem {
  const opt = (k: string) => (rec.get(k) as string | null) ?? undefined;
  return {
    id: Number(rec.get("id")),
    at: rec.get("at") as string,
    file: rec.get("file") as string,
    row: Number(rec.get("row")),
    name: rec.get("name") as string,
    candidate: rec.get("candidate") as string,
    score: Number(rec.get("score")),
    reason: rec.get("reason") as string,
    status: rec.get("status") as ReviewStatus,
    decidedAt: opt("decidedAt"),
    decidedBy: opt("decidedBy"),
    result: opt("result"),
    payload: JSON.parse(rec.get("payload") as string),
  };
}

/** Adds the items whose key was not asked before (the first of a key, in order); returns how many. */
export async function enqueueReviews(tx: Tx, items: ReadonlyArray<NewReviewItem>): Promise<number> {
  if (items.length === 0) return 0;
  const keys = [...new Set(items.map((i) => i.key))];
  const asked = new Set(
    (
      await tx.run("UNWIND $keys AS k MATCH (r:ReviewItem {key: k}) RETURN r.key AS key", { keys })
    ).records.map((r) => r.get("key") as string),
  );
  const fresh: NewReviewItem[] = [];
  for (const i of items)
    if (!asked.has(i.key)) {
      asked.add(i.key);
      fresh.push(i);
    }
  if (fresh.length === 0) return 0;
  const last = Number(
    (await tx.run("MATCH (r:ReviewItem) RETURN coalesce(max(r.id), 0) AS n")).records[0]!.get("n"),
  );
  const at = new Date().toISOString();
  await tx.run(`UNWIND $rows AS x CREATE (r:ReviewItem) SET r = x`, {
    rows: fresh.map((i, n) => ({
      id: neo4j.int(last + n + 1),
      at,
      file: i.file,
      row: neo4j.int(i.row),
      name: i.name,
      candidate: i.candidate,
      score: i.score,
      reason: i.reason,
      key: i.key,
      payload: JSON.stringify(i.payload),
      status: "pending",
    })),
  });
  return fresh.length;
}

/** Records a decision on a pending item; throws (and so rolls the write back) when it is not pending. */
export async function decideReviewItem(tx: Tx, d: ReviewDecision): Promise<void> {
  const r = await tx.run(
    `MATCH (r:ReviewItem {id: $id}) WHERE r.status = 'pending'
     SET r.status = $status, r.decidedAt = $at, r.decidedBy = $who, r.result = $result RETURN r.id AS id`,
    { id: neo4j.int(d.id), status: d.status, at: new Date().toISOString(), who: d.who, result: d.result },
  );
  if (r.records.length !== 1) throw new StoreError(`review item ${d.id} is not pending`);
}

export async function listReviews(tx: Tx, status?: ReviewStatus): Promise<ReviewItem[]> {
  const r = await tx.run(
    `MATCH (r:ReviewItem) WHERE $status IS NULL OR r.status = $status RETURN ${FIELDS} ORDER BY id`,
    { status: status ?? null },
  );
  return r.records.map(toItem);
}

export async function getReview(tx: Tx, id: number): Promise<ReviewItem | undefined> {
  const r = await tx.run(`MATCH (r:ReviewItem {id: $id}) RETURN ${FIELDS}`, { id: neo4j.int(id) });
  return r.records[0] && toItem(r.records[0]);
}
