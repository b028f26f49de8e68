// A replace too large for one transaction (Neo4j holds a transaction's writes in memory: a million firms with
// their ties exceed any heap). The new dataset is written in committed batches as a staged copy that no reader
// sees — nodes labelled :AtlasStaged and Staged<Label> with a stage id, joined by relationships only to each
// other, and change items that carry the stage id (no change set names it yet) — and swapped in by one
// transaction that only relabels nodes: the old entities become :AtlasRetired, the staged ones the entities (they
// keep their `stage` property), and the change set that names the stage is recorded. Its memory is that of the
// relabelled nodes (ties, being relationships, and change items are not touched). Retired nodes are deleted
// afterwards, in batches.
// Until the swap commits, readers see the old data whole; a failure before it removes the stage, and a stage
// left by a killed process is removed by the next staged write once it has not been touched for STALE_MS.
import { randomUUID } from "node:crypto";
import neo4j from "neo4j-driver";
import { type Dataset, isLocalFirm } from "../../model/index.ts";
import type { SubgraphKeys } from "../chain-subgraph.ts";
import type { ChangeItem, ChangeMeta, ChangeSummary } from "../store.ts";
import {
  CHANGE_ITEM_PROPS,
  changeItemBatches,
  lastChangeId,
  lockChanges,
  recordChange,
} from "./change-history.ts";
import { ENTITY_LABELS, stagedLabel } from "./graph-shape.ts";
import { textStampKey } from "./neo4j-subgraph.ts";
import { BATCH, datasetSteps, type Naming, runStep, type Tx, writeShape } from "./write-dataset.ts";

/** Runs `work` in one transaction of its own (committed when it returns), retried when transient. */
export type RunTx = <T>(mode: "READ" | "WRITE", work: (tx: Tx) => Promise<T>) => Promise<T>;

/** What a replace changes, diffed against the store's committed data as of change `last`. */
export interface Diff {
  last: number;
  items: ChangeItem[];
}

/** A stage not touched for this long belongs to a process that died; the next staged write removes it. */
export const STALE_MS = 15 * 60_000;

/** The staged namespace of stage `stage`: created nodes are :AtlasStaged:Staged<Label> {stage}. */
function stagedNaming(stage: string): Naming {
  return {
    create: (labels) => ["AtlasStaged", ...labels.map(stagedLabel)].join(":"),
    find: (v, label, id) =>
      `MATCH (${v}:${stagedLabel(label)} {id: ${id}}) USING INDEX ${v}:${stagedLabel(label)}(id) WHERE ${v}.stage = $stage`,
    setExtra: ", n.stage = $stage",
    params: { stage },
  };
}

const metaKey = (stage: string) => `stage.${stage}`;

/** Deletes, in batches of their own transactions, every node this MATCH finds (with its relationships). */
async function deleteAll(run: RunTx, match: string, params: Record<string, unknown> = {}): Promise<void> {
  for (;;) {
    const n = await run("WRITE", async (tx) => {
      const r = await tx.run(`${match} WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS n`, {
        ...params,
        batch: neo4j.int(BATCH),
      });
      return Number(r.records[0]?.get("n") ?? 0);
    });
    if (n < BATCH) return;
  }
}

/** Deletes the change items of a stage, unless a change set adopted them (its swap committed). */
const deleteStagedItems = (run: RunTx, stage: string) =>
  deleteAll(
    run,
    "MATCH (n:ChangeItem) WHERE n.stage = $stage AND NOT EXISTS { MATCH (c:ChangeSet) WHERE c.stage = $stage }",
    { stage },
  );

async function removeStage(run: RunTx, stage: string): Promise<void> {
  await deleteAll(run, "MATCH (n:AtlasStaged) WHERE n.stage = $stage", { stage });
  await deleteStagedItems(run, stage);
  await run("WRITE", (tx) => tx.run("MATCH (m:AtlasMeta {key: $key}) DELETE m", { key: metaKey(stage) }));
}

/** Removes what earlier writes left: retired nodes a swap did not get to delete, and stale stages. */
export async function removeLeftovers(run: RunTx, staleMs = STALE_MS): Promise<void> {
  await deleteAll(run, "MATCH (n:AtlasRetired)");
  const stale = await run("READ", async (tx) => {
    const r = await tx.run(
      "MATCH (m:AtlasMeta) WHERE m.key STARTS WITH 'stage.' AND m.touched < timestamp() - $ms RETURN m.stage AS stage",
      { ms: neo4j.int(staleMs) },
    );
    return r.records.map((rec) => rec.get("stage") as string);
  });
  for (const stage of stale) await removeStage(run, stage);
}

/** The text-evidence pairs for `keys`, as writeTextEvidence stores them: every non-local firm, in dataset order. */
function* textEvidenceRows(
  ds: Dataset,
  keys: SubgraphKeys,
): Generator<Array<{ firm: string; segment: string; detail: string }>> {
  let rows: Array<{ firm: string; segment: string; detail: string }> = [];
  for (const [firm, segment, detail] of keys.textSegments(
    ds.segments,
    ds.firms.filter((f) => !isLocalFirm(f)),
  )) {
    rows.push({ firm, segment, detail });
    if (rows.length >= BATCH) {
      yield rows;
      rows = [];
    }
  }
  if (rows.length > 0) yield rows;
}

/**
 * Replaces every entity with `ds` through a stage (see the top of this file). `diff` reads what the replace
 * changes (it runs the caller's precondition, and may throw); when another write commits while this one is
 * staged, the change items are diffed and staged again before the swap. Returns the recorded change.
 */
export async function replaceStaged(
  run: RunTx,
  ds: Dataset,
  total: number,
  first: Diff,
  diff: (tx: Tx) => Promise<Diff>,
  meta: ChangeMeta,
  opts: {
    op: string;
    onProgress?: (written: number, total: number) => void;
    keys: ReadonlyArray<SubgraphKeys>;
  },
): Promise<ChangeSummary> {
  await removeLeftovers(run);
  const stage = randomUUID();
  const naming = stagedNaming(stage);
  const touch = (tx: Tx) =>
    tx.run("MERGE (m:AtlasMeta {key: $key}) SET m.stage = $stage, m.touched = timestamp()", {
      key: metaKey(stage),
      stage,
    });
  try {
    await run("WRITE", touch);
    let written = 0;
    for (const step of datasetSteps(ds, naming)) {
      await run("WRITE", async (tx) => {
        await runStep(tx, step);
        await touch(tx);
      });
      if (step.advance > 0) {
        written += step.advance;
        opts.onProgress?.(written, total);
      }
    }
    for (const keys of opts.keys)
      for (const rows of textEvidenceRows(ds, keys))
        await run("WRITE", (tx) =>
          tx.run(
            `UNWIND $rows AS r ${naming.find("f", "Firm", "r.firm")} ${naming.find("s", "Segment", "r.segment")}
             CREATE (f)-[:TEXT_EVIDENCE {version: $v, detail: r.detail}]->(s)`,
            { ...naming.params, rows, v: keys.version },
          ),
        );
    if (written !== total) opts.onProgress?.(total, total);

    for (let d = first; ; ) {
      await deleteStagedItems(run, stage);
      for (const batch of changeItemBatches(d.last + 1, d.items))
        await run("WRITE", async (tx) => {
          await tx.run(
            `UNWIND $items AS i CREATE (n:ChangeItem {${CHANGE_ITEM_PROPS}}) SET n.stage = $stage`,
            { ...batch, stage },
          );
          await touch(tx);
        });
      const done = await run("WRITE", (tx) => swap(tx, stage, d, meta, opts));
      if (done) {
        // The swap is committed: what is left is garbage no reader sees (and the next staged write's if this fails).
        await deleteAll(run, "MATCH (n:AtlasRetired)").catch(() => undefined);
        return done;
      }
      d = await run("READ", diff);
    }
  } catch (e) {
    await removeStage(run, stage).catch(() => undefined);
    throw e;
  }
}

/**
 * The swap, in one transaction: under the change lock, and only if nothing was committed since `d` was diffed
 * (undefined otherwise), the old entities are retired, the staged ones take their labels, the change is recorded.
 */
async function swap(
  tx: Tx,
  stage: string,
  d: Diff,
  meta: ChangeMeta,
  opts: { op: string; keys: ReadonlyArray<SubgraphKeys> },
): Promise<ChangeSummary | undefined> {
  await lockChanges(tx);
  if ((await lastChangeId(tx)) !== d.last) return undefined;
  for (const label of ENTITY_LABELS) await tx.run(`MATCH (n:${label}) SET n:AtlasRetired REMOVE n:${label}`);
  for (const label of ENTITY_LABELS)
    await tx.run(
      `MATCH (n:${stagedLabel(label)}) WHERE n.stage = $stage SET n:${label} REMOVE n:${stagedLabel(label)}:AtlasStaged`,
      { stage },
    );
  await tx.run("MATCH (m:AtlasMeta {key: $key}) DELETE m", { key: metaKey(stage) });
  const summary = await recordChange(tx, opts.op, meta, d.items, stage);
  await writeShape(tx);
  for (const keys of opts.keys)
    await tx.run("MERGE (m:AtlasMeta {key: $key}) SET m.change = $change", {
      key: textStampKey(keys),
      change: neo4j.int(summary.changeId!),
    });
  return summary;
}
