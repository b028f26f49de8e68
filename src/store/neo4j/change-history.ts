// Change history as nodes: a :ChangeSet per write (who, when, why) and a :ChangeItem per entity it touched.
import neo4j from "neo4j-driver";
import { z } from "zod";
import { StoreError } from "../../errors.ts";
import type { ChangeItem, ChangeMeta, ChangeSet, WriteSummary } from "../store.ts";
import { BATCH, type Tx } from "./write-dataset.ts";

const ChangeSetRow = z.object({
  id: z.number().int(),
  at: z.string(),
  who: z.string(),
  why: z.string(),
  op: z.string(),
  added: z.number().int(),
  changed: z.number().int(),
  removed: z.number().int(),
});

const ChangeItemRow = z.object({
  kind: z.enum([
    "sources",
    "regions",
    "chains",
    "segments",
    "firms",
    "clusters",
    "groups",
    "officials",
    "ties",
    "feeds",
    "region",
  ]),
  id: z.string(),
  action: z.enum(["added", "changed", "removed"]),
});

function parseRow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success)
    throw new StoreError(`Neo4j holds a ${what} that is not valid: ${r.error.issues[0]!.message}`);
  return r.data;
}

/** Takes the write lock on the change counter: writers queue here, so each diffs against committed data. */
export async function lockChanges(tx: Tx): Promise<void> {
  await tx.run("MERGE (m:AtlasMeta {key: 'changes'}) ON CREATE SET m.last = 0 SET m.lockedAt = timestamp()");
}

/** Id of the newest change set (0 when there is none). */
export async function lastChangeId(tx: Tx): Promise<number> {
  const r = await tx.run("MATCH (m:AtlasMeta {key: 'changes'}) RETURN m.last AS last");
  return Number(r.records[0]?.get("last") ?? 0);
}

/**
 * What names the stored data as it is now: the newest change and when it was made (an emptied store counts its
 * changes from 1 again, so the number alone could repeat).
 */
export async function changeStamp(tx: Tx): Promise<string> {
  const r = await tx.run(
    "MATCH (m:AtlasMeta {key: 'changes'}) OPTIONAL MATCH (c:ChangeSet {id: m.last}) RETURN m.last AS last, c.at AS at",
  );
  const rec = r.records[0];
  return rec === undefined ? "none" : `${Number(rec.get("last") ?? 0)}@${String(rec.get("at") ?? "")}`;
}

/** The change items of change `changeId` as batches of rows, numbered in order (`n`). */
export function* changeItemBatches(
  changeId: number,
  items: ReadonlyArray<ChangeItem>,
): Generator<{ change: ReturnType<typeof neo4j.int>; items: Array<ChangeItem & { n: unknown }> }> {
  for (let i = 0; i < items.length; i += BATCH)
    yield {
      change: neo4j.int(changeId),
      items: items.slice(i, i + BATCH).map((it, k) => ({ ...it, n: neo4j.int(i + k) })),
    };
}

/** The properties of a change item node, from a row of changeItemBatches as `i`. */
export const CHANGE_ITEM_PROPS = "change: $change, n: i.n, kind: i.kind, id: i.id, action: i.action";

/**
 * Records one change set inside the caller's transaction (it takes the next change id), and its items unless
 * a staged write already wrote them (`stage`): those are :ChangeItem nodes carrying the stage id, which the
 * change set names, so they count from the moment it commits and never before (readChangeItems).
 */
export async function recordChange(
  tx: Tx,
  op: string,
  meta: ChangeMeta,
  items: ChangeItem[],
  stage?: string,
): Promise<WriteSummary> {
  const count = (a: ChangeItem["action"]) => items.filter((i) => i.action === a).length;
  const summary = { added: count("added"), changed: count("changed"), removed: count("removed") };
  const r = await tx.run(
    `MATCH (m:AtlasMeta {key: 'changes'}) SET m.last = m.last + 1
     CREATE (c:ChangeSet {id: m.last, at: $at, who: $who, why: $why, op: $op, added: $added, changed: $changed, removed: $removed})
     SET c.stage = $stage
     RETURN c.id AS id`,
    {
      stage: stage ?? null,
      at: new Date().toISOString(),
      who: meta.who,
      why: meta.why,
      op,
      added: neo4j.int(summary.added),
      changed: neo4j.int(summary.changed),
      removed: neo4j.int(summary.removed),
    },
  );
  const changeId = Number(r.records[0]!.get("id"));
  if (stage === undefined)
    for (const batch of changeItemBatches(changeId, items))
      await tx.run(`UNWIND $items AS i CREATE (:ChangeItem {${CHANGE_ITEM_PROPS}})`, batch);
  return { changeId, ...summary, items };
}

export async function readHistory(tx: Tx, limit: number): Promise<ChangeSet[]> {
  const r = await tx.run("MATCH (c:ChangeSet) RETURN c ORDER BY c.id DESC LIMIT $limit", {
    limit: neo4j.int(Math.max(0, Math.trunc(limit))),
  });
  return r.records.map((rec) => parseRow(ChangeSetRow, rec.get("c").properties, "change set"));
}

export async function readChangeSet(tx: Tx, changeId: number): Promise<ChangeSet | undefined> {
  const r = await tx.run("MATCH (c:ChangeSet {id: $id}) RETURN c", { id: neo4j.int(changeId) });
  const c = r.records[0]?.get("c") as { properties: unknown } | undefined;
  return c && parseRow(ChangeSetRow, c.properties, "change set");
}

/**
 * The items of a change: those written with it, or those of the stage it swapped in (a stage's items carry the
 * change id it expected; one that lost that id to another write, or never swapped, is not this change's).
 */
export async function readChangeItems(tx: Tx, changeId: number): Promise<ChangeItem[]> {
  const r = await tx.run(
    `MATCH (c:ChangeSet {id: $change}) MATCH (i:ChangeItem {change: $change}) WHERE i.stage IS NULL OR i.stage = c.stage
     RETURN i.kind AS kind, i.id AS id, i.action AS action ORDER BY i.n`,
    { change: neo4j.int(changeId) },
  );
  return r.records.map((rec) => parseRow(ChangeItemRow, rec.toObject(), "change item") as ChangeItem);
}

/**
 * The items of the changes after `after` up to `upTo`, when there are at most `cap` of them (undefined when more):
 * what a kept index built at change `after` must catch up with.
 */
export async function readItemsSince(
  tx: Tx,
  after: number,
  upTo: number,
  cap: number,
): Promise<ChangeItem[] | undefined> {
  const r = await tx.run(
    `MATCH (c:ChangeSet) USING INDEX c:ChangeSet(id) WHERE c.id > $after AND c.id <= $upTo
     MATCH (i:ChangeItem {change: c.id}) WHERE i.stage IS NULL OR i.stage = c.stage
     RETURN i.kind AS kind, i.id AS id, i.action AS action LIMIT $limit`,
    { after: neo4j.int(after), upTo: neo4j.int(upTo), limit: neo4j.int(cap + 1) },
  );
  if (r.records.length > cap) return undefined;
  return r.records.map((rec) => parseRow(ChangeItemRow, rec.toObject(), "change item") as ChangeItem);
}

/** Who last changed one entity (the newest change set whose items name it). */
export async function readLastChangeOf(
  tx: Tx,
  kind: string,
  id: string,
): Promise<{ who: string; at: string; why: string } | undefined> {
  const r = await tx.run(
    `MATCH (i:ChangeItem {id: $id}) USING INDEX i:ChangeItem(id) WHERE i.kind = $kind
     MATCH (c:ChangeSet {id: i.change}) WHERE i.stage IS NULL OR i.stage = c.stage
     RETURN c.who AS who, c.at AS at, c.why AS why ORDER BY c.id DESC LIMIT 1`,
    { id, kind },
  );
  const rec = r.records[0];
  return rec && { who: rec.get("who") as string, at: rec.get("at") as string, why: rec.get("why") as string };
}
