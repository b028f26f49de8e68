// Writes a whole dataset inside the caller's transaction: old entities out, new ones in by batched UNWIND.
import neo4j, { type Transaction } from "neo4j-driver";
import { StoreError } from "../../errors.ts";
import type { Dataset } from "../../model/index.ts";
import { derivedEdges } from "./derived-edges.ts";
import {
  cityProps,
  EDGE_KINDS,
  ENTITY_LABELS,
  edgeRows,
  NODE_KINDS,
  NODE_LABELS,
  nodeRows,
} from "./graph-shape.ts";

export type Tx = Pick<Transaction, "run">;

/** Rows per UNWIND: large enough to be fast, small enough to keep each statement's memory modest. */
export const BATCH = 2000;

/**
 * Bumped when writeDataset changes what chain subgraphs read (a store written before holds none of it); 2: firms'
 * `lists`, `codes`; 3: the `brief` of each firm outside the city (firm-brief.ts); 4: what a write is checked by
 * (firms' and ties' `cites`, sources' `urlKey`); 5: what an import matches rows by (firms' `names`, `nameKeys`).
 */
export const SUBGRAPH_SHAPE = 5;
/** The oldest shape chain subgraphs read at all (an older store is read whole). */
export const MIN_SUBGRAPH_SHAPE = 2;
/** The oldest shape that keeps firms' briefs. */
export const BRIEF_SHAPE = 3;
/** The oldest shape that tells who names an entity (Store.namedBy, sourcesAt) from its indexes. */
export const NAMING_SHAPE = 4;
/** The oldest shape that finds the firms an import's rows could be from its indexes (Store.matchCandidates). */
export const MATCH_SHAPE = 5;

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

/**
 * How the statements name the nodes they create and find: as the entities themselves, or as a staged copy
 * (staged-write.ts) that no reader sees until it is swapped in.
 */
export interface Naming {
  /** The label expression of a created node with these labels. */
  create(labels: ReadonlyArray<string>): string;
  /** A MATCH clause binding `v` to the node of `label` whose id is `id` (a Cypher expression). */
  find(v: string, label: string, id: string): string;
  /** Appended to `SET n = r.props` on every created node. */
  setExtra: string;
  /** Parameters every statement gets. */
  params: Record<string, unknown>;
}

/** The entities themselves. */
export const LIVE: Naming = {
  create: (labels) => labels.join(":"),
  find: (v, label, id) => `MATCH (${v}:${label} {id: ${id}})`,
  setExtra: "",
  params: {},
};

/** One statement of a dataset write; `advance` entity rows done when it ran, `expect` rows it must report. */
export interface Step {
  cypher: string;
  params: Record<string, unknown>;
  advance: number;
  expect?: { n: number; what: string };
}

function edgeStep(name: Naming, type: string, from: string, to: string): string {
  return `UNWIND $rows AS r ${name.find("a", from, "r.from")} ${name.find("b", to, "r.to")} CREATE (a)-[e:${type}]->(b) SET e = r.props RETURN count(e) AS n`;
}

/**
 * The statements that write `ds` (its entities, derived relationships and industry codes) into an empty
 * namespace of `name`, in batches: nodes first, then what joins them.
 */
export function* datasetSteps(ds: Dataset, name: Naming): Generator<Step> {
  const p = (rows: unknown[]) => ({ ...name.params, rows });
  yield {
    cypher: `CREATE (n:${name.create(["Region", "City"])}) SET n = $props${name.setExtra}`,
    params: { ...name.params, props: cityProps(ds) },
    advance: 0,
  };
  for (const kind of NODE_KINDS)
    for (const rows of batches(nodeRows(ds, kind)))
      yield {
        cypher: `UNWIND $rows AS r CREATE (n:${name.create([NODE_LABELS[kind]])}) SET n = r.props${name.setExtra}`,
        params: p(rows),
        advance: rows.length,
      };
  const codes = [...new Set(ds.firms.flatMap((f) => f.codes))].map((id) => ({ props: { id } }));
  for (const rows of batches(codes))
    yield {
      cypher: `UNWIND $rows AS r CREATE (n:${name.create(["IndustryCode"])}) SET n = r.props${name.setExtra}`,
      params: p(rows),
      advance: 0,
    };
  for (const [kind, { type, from, to }] of Object.entries(EDGE_KINDS) as Array<
    [keyof typeof EDGE_KINDS, (typeof EDGE_KINDS)[keyof typeof EDGE_KINDS]]
  >)
    for (const rows of batches(edgeRows(ds, kind)))
      yield {
        cypher: edgeStep(name, type, from, to),
        params: p(rows),
        advance: rows.length,
        expect: { n: rows.length, what: `${type} relationships` },
      };
  for (const d of derivedEdges(ds))
    for (const rows of batches(d.rows))
      yield { cypher: edgeStep(name, d.type, d.from, d.to), params: p(rows), advance: 0 };
}

/** Runs one step; a relationship with a missing end is refused. */
export async function runStep(tx: Tx, step: Step): Promise<void> {
  const r = await tx.run(step.cypher, step.params);
  if (step.expect) {
    const made = Number(r.records[0]?.get("n") ?? 0);
    if (made !== step.expect.n)
      throw new StoreError(`wrote ${made} of ${step.expect.n} ${step.expect.what}: an end is missing`);
  }
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
  let written = 0;
  for (const step of datasetSteps(ds, LIVE)) {
    await runStep(tx, step);
    if (step.advance > 0) {
      written += step.advance;
      onProgress?.(written, total);
    }
  }
  await writeShape(tx);
  if (written !== total) onProgress?.(total, total);
}

/** Marks the store as written with what chain subgraphs read. */
export async function writeShape(tx: Tx): Promise<void> {
  await tx.run("MERGE (m:AtlasMeta {key: 'subgraph.shape'}) SET m.value = $shape", {
    shape: neo4j.int(SUBGRAPH_SHAPE),
  });
}
