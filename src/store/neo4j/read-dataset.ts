// Reads the stored entities back: raw rows for diffs, and a dataset whose every entity passed its zod schema.
import { StoreError } from "../../errors.ts";
import { type Dataset, emptyDataset } from "../../model/index.ts";
import type { EntityRow } from "../dataset-entities.ts";
import type { StoredKind } from "../store.ts";
import { EDGE_KINDS, KIND_SCHEMAS, NODE_KINDS, NODE_LABELS } from "./graph-shape.ts";
import type { Tx } from "./write-dataset.ts";

export interface StoredRows {
  /** The city as JSON, undefined when the store is empty. */
  region: string | undefined;
  rows: EntityRow[];
}

/** One entity row from a record returning `id`, `seq` and `json`. */
export const rowOf = (kind: StoredKind, r: { get(k: string): unknown }): EntityRow => ({
  kind,
  id: r.get("id") as string,
  seq: r.get("seq") as number,
  json: r.get("json") as string,
});

/** Every entity row (but those of the kinds in `omit`), each kind in dataset order. */
export async function readEntityRows(tx: Tx, omit: ReadonlyArray<StoredKind> = []): Promise<StoredRows> {
  const city = await tx.run("MATCH (c:City) RETURN c.json AS json LIMIT 1");
  const region = city.records[0]?.get("json") as string | undefined;
  const rows: EntityRow[] = [];
  const collect = (kind: StoredKind, records: ReadonlyArray<{ get(k: string): unknown }>) => {
    for (const r of records)
      rows.push({
        kind,
        id: r.get("id") as string,
        seq: r.get("seq") as number,
        json: r.get("json") as string,
      });
  };
  for (const kind of NODE_KINDS) {
    if (omit.includes(kind)) continue;
    const where = kind === "regions" ? " WHERE NOT n:City" : "";
    const r = await tx.run(
      `MATCH (n:${NODE_LABELS[kind]})${where} RETURN n.id AS id, n.seq AS seq, n.json AS json ORDER BY n.seq`,
    );
    collect(kind, r.records);
  }
  // Both ends named: a staged write's copies (staged-write.ts) and retired nodes carry other labels.
  for (const [kind, { type, from, to }] of Object.entries(EDGE_KINDS)) {
    if (omit.includes(kind as StoredKind)) continue;
    const r = await tx.run(
      `MATCH (:${from})-[e:${type}]->(:${to}) RETURN e.id AS id, e.seq AS seq, e.json AS json ORDER BY e.seq`,
    );
    collect(kind as StoredKind, r.records);
  }
  return { region, rows };
}

/** Parses one stored entity through its schema; a row that fails names its kind, id and the first problem. */
export function parseEntity(kind: StoredKind | "region", id: string, json: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new StoreError(`Neo4j holds ${kind} "${id}" whose json property is not JSON`);
  }
  const parsed = KIND_SCHEMAS[kind].safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new StoreError(
      `Neo4j holds ${kind} "${id}" that is not valid: ${issue.path.join(".") || "(root)"}: ${issue.message}`,
    );
  }
  return parsed.data;
}

/** A stored row with its entity parsed (parseEntity), or a firm in brief (firm-brief.ts). */
export interface ParsedRow {
  kind: StoredKind;
  seq: number;
  value: unknown;
  brief?: true;
}

/** A record returning `id`, `seq` and `json`, parsed through the kind's schema. */
export const jsonRow =
  (kind: StoredKind) =>
  (r: { get(k: string): unknown }): ParsedRow => ({
    kind,
    seq: r.get("seq") as number,
    value: parseEntity(kind, r.get("id") as string, r.get("json") as string),
  });

/**
 * Runs a query returning `id`, `seq` and `json` and parses each row as it arrives (parseEntity, or `parse`), so
 * parsing overlaps the server's work on the rows still to come instead of waiting for the last one.
 */
export function readParsed(
  tx: Tx,
  kind: StoredKind,
  cypher: string,
  params: Record<string, unknown> = {},
  parse: (r: { get(k: string): unknown }) => ParsedRow = jsonRow(kind),
): Promise<ParsedRow[]> {
  return new Promise((resolve, reject) => {
    const out: ParsedRow[] = [];
    tx.run(cypher, params).subscribe({
      onNext: (r) => {
        try {
          out.push(parse(r));
        } catch (e) {
          reject(e);
        }
      },
      onCompleted: () => resolve(out),
      onError: reject,
    });
  });
}

/** The dataset of parsed rows (rows of one kind already in dataset order). */
export function parsedToDataset(region: string, rows: Iterable<ParsedRow>): Dataset {
  const ds = emptyDataset(parseEntity("region", "city", region) as Dataset["region"]);
  for (const r of rows) (ds[r.kind] as unknown[]).push(r.value);
  return ds;
}

/** The dataset of stored rows (rows of one kind already in dataset order). */
export function rowsToDataset(stored: StoredRows & { region: string }): Dataset {
  const ds = emptyDataset(parseEntity("region", "city", stored.region) as Dataset["region"]);
  for (const r of stored.rows) (ds[r.kind] as unknown[]).push(parseEntity(r.kind, r.id, r.json));
  return ds;
}
