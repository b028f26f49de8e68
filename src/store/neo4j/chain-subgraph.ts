// The subgraph one chain's analysis reads, gathered in Cypher so a per-chain command never loads every firm and tie:
// the skeleton (chains, segments, feeds, regions, clusters, groups, officials), every local firm, every chain master,
// the candidates linked to the chain's segments, the ties of local firms (and the firms at their other end), the
// groups of the firms included, and the sources all of these cite. The result is closed: every reference resolves.
import { NotFoundError, StoreError } from "../../errors.ts";
import type { Dataset } from "../../model/index.ts";
import type { EntityRow } from "../dataset-entities.ts";
import { NODE_LABELS, type NodeKind } from "./graph-shape.ts";
import { rowOf, rowsToDataset } from "./read-dataset.ts";
import type { Tx } from "./write-dataset.ts";

async function byIds(tx: Tx, kind: NodeKind, ids: Iterable<string>): Promise<EntityRow[]> {
  const r = await tx.run(
    `UNWIND $ids AS id MATCH (n:${NODE_LABELS[kind]} {id: id}) RETURN n.id AS id, n.seq AS seq, n.json AS json ORDER BY n.seq`,
    { ids: [...new Set(ids)] },
  );
  return r.records.map((rec) => rowOf(kind, rec));
}

async function ids(tx: Tx, cypher: string, params: Record<string, unknown>): Promise<string[]> {
  return (await tx.run(cypher, params)).records.map((r) => r.get("id") as string);
}

/** Every source id an entity cites, at any depth (facts, products, segment links, list tags). */
function citedSources(json: string, into: Set<string>): void {
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v))
        if (k === "sources" && Array.isArray(x)) for (const s of x) into.add(String(s));
        else walk(x);
  };
  walk(JSON.parse(json));
}

/** Reads the chain's subgraph inside the caller's (read) transaction. */
export async function readChainSubgraph(tx: Tx, chainId: string): Promise<Dataset> {
  const city = (await tx.run("MATCH (c:City) RETURN c.json AS json LIMIT 1")).records[0]?.get("json") as
    | string
    | undefined;
  if (city === undefined) throw new StoreError("the Neo4j store is empty; import a seed first");
  const chain = { chain: chainId };
  if ((await ids(tx, "MATCH (c:Chain {id: $chain}) RETURN c.id AS id", chain)).length === 0)
    throw new NotFoundError(`no chain "${chainId}" in the store`);

  const ties = (
    await tx.run(
      `MATCH (a:Firm)-[e:SUPPLIES]->(b:Firm) WHERE a.local OR b.local
       RETURN e.id AS id, e.seq AS seq, e.json AS json, a.id AS supplier, b.id AS customer ORDER BY e.seq`,
    )
  ).records;
  const firmIds = new Set(
    await ids(
      tx,
      `MATCH (f:Firm {local: true}) RETURN f.id AS id
       UNION MATCH (f:Firm)-[:IN_SEGMENT]->(:Segment {chain: $chain}) RETURN f.id AS id
       UNION MATCH (f:Firm)-[:MASTERS]->(:Chain) RETURN f.id AS id`,
      chain,
    ),
  );
  for (const t of ties) for (const end of ["supplier", "customer"]) firmIds.add(t.get(end) as string);
  const groups = await ids(
    tx,
    "UNWIND $firms AS id MATCH (:Firm {id: id})-[:SUBSIDIARY_OF]->(p:Firm) RETURN DISTINCT p.id AS id",
    { firms: [...firmIds] },
  );
  for (const g of groups) firmIds.add(g);

  const rows: EntityRow[] = [];
  // The chains' skeleton is small next to firms and ties, and every local firm links into it: read it whole.
  for (const kind of ["regions", "chains", "segments", "clusters", "groups", "officials"] as const) {
    const where = kind === "regions" ? " WHERE NOT n:City" : "";
    const r = await tx.run(
      `MATCH (n:${NODE_LABELS[kind]})${where} RETURN n.id AS id, n.seq AS seq, n.json AS json ORDER BY n.seq`,
    );
    rows.push(...r.records.map((rec) => rowOf(kind, rec)));
  }
  const feeds = await tx.run(
    "MATCH (:Segment)-[e:FEEDS]->(:Segment) RETURN e.id AS id, e.seq AS seq, e.json AS json ORDER BY e.seq",
  );
  rows.push(...feeds.records.map((r) => rowOf("feeds", r)));
  rows.push(...(await byIds(tx, "firms", firmIds)), ...ties.map((r) => rowOf("ties", r)));
  const cited = new Set<string>();
  for (const r of rows) citedSources(r.json, cited);
  rows.push(...(await byIds(tx, "sources", cited)));
  return rowsToDataset({ region: city, rows: rows.sort((a, b) => a.seq - b.seq) });
}
