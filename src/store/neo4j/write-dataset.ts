// Writes a whole dataset inside the caller's transaction: old entities out, new ones in by batched UNWIND.
import neo4j, { type Transaction } from "neo4j-driver";
import { StoreError } from "../../errors.ts";
import type { Dataset } from "../../model/index.ts";
import { derivedEdges } from "./derived-edges.ts";
import {
  cityProps,
  EDGE_KINDS,
  type EdgeRow,
  edgeRows,
  NODE_KINDS,
  NODE_LABELS,
  nodeRows,
} from "./graph-shape.ts";

export type Tx = Pick<Transaction, "run">;

/** Rows per UNWIND: large enough to be fast, small enough to keep each statement's memory modest. */
export const BATCH = 2000;

/** Nodes written with the entities and deleted with them (the industry codes firms carry). */
const ENTITY_LABELS = [...Object.values(NODE_LABELS), "City", "IndustryCode"];

/** Bumped when writeDataset changes what chain subgraphs read (a store written before holds none of it). */
export const SUBGRAPH_SHAPE = 1;

function* batches<T>(rows: ReadonlyArray<T>): Generator<T[]> {
  for (let i = 0; i < rows.length; i += BATCH) yield rows.slice(i, i + BATCH);
}

/**
 * A tie or feed must join two entities of the dataset (Neo4j cannot hold a relationship with a missing end), and
 * no two ties or feeds share a key (node ids are held unique by constraints; relationships are checked here).
 */
export function checkEdgeEnds(ds: Dataset): void {
  const firms = new Set(ds.firms.map((f) => f.id));
  const segments = new Set(ds.segments.map((s) => s.id));
  for (const [what, keys] of [
    ["tie", ds.ties.map((t) => t.id)],
    ["feed", ds.feeds.map((f) => `${f.from}>${f.to}`)],
  ] as const) {
    const seen = new Set<string>();
    for (const k of keys) {
      if (seen.has(k)) throw new StoreError(`two ${what}s have the key "${k}"; nothing was written`);
      seen.add(k);
    }
  }
  for (const t of ds.ties)
    for (const [role, id] of [
      ["supplier", t.supplier],
      ["customer", t.customer],
    ] as const)
      if (!firms.has(id))
        throw new StoreError(
          `tie "${t.id}": its ${role} "${id}" is not a firm of the dataset; nothing was written`,
        );
  for (const f of ds.feeds)
    for (const id of [f.from, f.to])
      if (!segments.has(id))
        throw new StoreError(
          `feed "${f.from}>${f.to}": "${id}" is not a segment of the dataset; nothing was written`,
        );
}

async function deleteEntities(tx: Tx): Promise<void> {
  for (const label of ENTITY_LABELS)
    for (;;) {
      const r = await tx.run(`MATCH (n:${label}) WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS n`, {
        batch: neo4j.int(BATCH),
      });
      if (Number(r.records[0]?.get("n") ?? 0) < BATCH) break;
    }
}

async function createEdges(tx: Tx, type: string, from: string, to: string, rows: EdgeRow[]): Promise<number> {
  const r = await tx.run(
    `UNWIND $rows AS r MATCH (a:${from} {id: r.from}) MATCH (b:${to} {id: r.to}) CREATE (a)-[e:${type}]->(b) SET e = r.props RETURN count(e) AS n`,
    { rows },
  );
  return Number(r.records[0]?.get("n") ?? 0);
}

/**
 * Replaces every entity (not the change history) with `ds`; `onProgress` after each batch of entity rows.
 * Runs in the caller's transaction, so a failure anywhere leaves nothing behind once it is rolled back.
 */
export async function writeDataset(
  tx: Tx,
  ds: Dataset,
  total: number,
  onProgress?: (written: number, total: number) => void,
): Promise<void> {
  await deleteEntities(tx);
  await tx.run("CREATE (c:Region:City) SET c = $props", { props: cityProps(ds) });
  let written = 0;
  const advance = (n: number) => {
    written += n;
    onProgress?.(written, total);
  };
  for (const kind of NODE_KINDS)
    for (const rows of batches(nodeRows(ds, kind))) {
      await tx.run(`UNWIND $rows AS r CREATE (n:${NODE_LABELS[kind]}) SET n = r.props`, { rows });
      advance(rows.length);
    }
  for (const [kind, { type, from, to }] of Object.entries(EDGE_KINDS) as Array<
    [keyof typeof EDGE_KINDS, (typeof EDGE_KINDS)[keyof typeof EDGE_KINDS]]
  >)
    for (const rows of batches(edgeRows(ds, kind))) {
      const made = await createEdges(tx, type, from, to, rows);
      if (made !== rows.length)
        throw new StoreError(`wrote ${made} of ${rows.length} ${type} relationships: an end is missing`);
      advance(rows.length);
    }
  const codes = [...new Set(ds.firms.flatMap((f) => f.codes))];
  for (const rows of batches(codes))
    await tx.run("UNWIND $rows AS c CREATE (:IndustryCode {id: c})", { rows });
  for (const d of derivedEdges(ds))
    for (const rows of batches(d.rows)) await createEdges(tx, d.type, d.from, d.to, rows);
  await tx.run("MERGE (m:AtlasMeta {key: 'subgraph.shape'}) SET m.value = $shape", {
    shape: neo4j.int(SUBGRAPH_SHAPE),
  });
  if (written !== total) onProgress?.(total, total);
}
