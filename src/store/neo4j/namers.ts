// Who names an entity, read in Cypher from the indexes (store.ts namedBy, sourcesAt, readPlaced; the meaning is
// dataset-namers.ts): one write through the API is checked against these few rows, not the whole province.
import neo4j from "neo4j-driver";
import type { NamedTarget, Namers, Placed, StreamedKind } from "../store.ts";
import { citesNeedle, NODE_LABELS } from "./graph-shape.ts";
import { subgraphShape } from "./neo4j-subgraph.ts";
import { readParsed } from "./read-dataset.ts";
import { NAMING_SHAPE, type Tx } from "./write-dataset.ts";

const RETURN = "RETURN n.id AS id, n.seq AS seq, n.json AS json";

async function placed(tx: Tx, kind: StreamedKind, cypher: string, params: Record<string, unknown>) {
  return (await readParsed(tx, kind, cypher, params)).map((r): Placed => ({ seq: r.seq, entity: r.value }));
}

/** Firms, ties or sources by id, in list order. */
export function readPlaced(tx: Tx, kind: StreamedKind, ids: ReadonlyArray<string>): Promise<Placed[]> {
  const cypher =
    kind === "ties"
      ? `UNWIND $ids AS id MATCH (:Firm)-[n:SUPPLIES {id: id}]->(:Firm) USING INDEX n:SUPPLIES(id) ${RETURN} ORDER BY seq`
      : `UNWIND $ids AS id MATCH (n:${NODE_LABELS[kind]} {id: id}) USING INDEX n:${NODE_LABELS[kind]}(id) ${RETURN} ORDER BY seq`;
  return placed(tx, kind, cypher, { ids: [...new Set(ids)] });
}

/** The query of each target kind for the firms and for the ties that name it (`$id`; none: nothing names it so). */
const NAMING: Record<NamedTarget["kind"], { firms: string; ties?: string }> = {
  sources: {
    firms: "MATCH (n:Firm) USING TEXT INDEX n:Firm(cites) WHERE n.cites CONTAINS $needle",
    ties: "MATCH (:Firm)-[n:SUPPLIES]->(:Firm) USING TEXT INDEX n:SUPPLIES(cites) WHERE n.cites CONTAINS $needle",
  },
  // A firm's ties: each end looked up by the firm's node (an OR over both ends would scan every tie).
  firms: {
    firms: "MATCH (n:Firm)-[:SUBSIDIARY_OF]->(:Firm {id: $id})",
    ties: "CALL { MATCH (:Firm {id: $id})-[n:SUPPLIES]->(:Firm) RETURN n UNION MATCH (:Firm)-[n:SUPPLIES]->(:Firm {id: $id}) RETURN n }",
  },
  segments: {
    firms: "MATCH (n:Firm)-[:IN_SEGMENT]->(:Segment {id: $id})",
    ties: "MATCH (:Firm)-[n:SUPPLIES]->(:Firm) USING INDEX n:SUPPLIES(segment) WHERE n.segment = $id",
  },
  regions: { firms: "MATCH (n:Firm)-[:LOCATED_IN]->(:Region {id: $id})" },
};

/** Store.namedBy; undefined when the data was written before firms and ties kept what they cite. */
export async function namedBy(tx: Tx, target: NamedTarget, limit: number): Promise<Namers | undefined> {
  if ((await subgraphShape(tx)) < NAMING_SHAPE) return undefined;
  const q = NAMING[target.kind];
  const params = { id: target.id, needle: citesNeedle(target.id), limit: neo4j.int(limit) };
  // DISTINCT: a firm linked twice to one segment, a tie of a firm with itself, are one row each.
  const read = (kind: "firms" | "ties", match: string | undefined) =>
    match === undefined
      ? Promise.resolve([])
      : placed(tx, kind, `${match} WITH DISTINCT n ${RETURN} ORDER BY seq LIMIT $limit`, params);
  return { firms: await read("firms", q.firms), ties: await read("ties", q.ties) };
}

/** Store.sourcesAt; undefined as for namedBy. */
export async function sourcesAt(tx: Tx, urlKey: string): Promise<Placed[] | undefined> {
  if ((await subgraphShape(tx)) < NAMING_SHAPE) return undefined;
  return placed(
    tx,
    "sources",
    `MATCH (n:Source) USING INDEX n:Source(urlKey) WHERE n.urlKey = $key ${RETURN} ORDER BY seq`,
    { key: urlKey },
  );
}
