// Writes single entities (an edit through the API) inside the caller's transaction: the entity's node or
// relationship and the relationships derived from its fields, so the graph ends up as an import of the edited
// dataset would leave it, without rewriting the rest.
import { StoreError } from "../../errors.ts";
import type { Dataset, Firm, SupplyTie } from "../../model/index.ts";
import type { ChangeItem, EntityChange } from "../store.ts";
import { tieSegment } from "../subgraph-reach.ts";
import { derivedEdges } from "./derived-edges.ts";
import { EDGE_KINDS, type EdgeKind, edgeRows, NODE_LABELS, type NodeKind, nodeRows } from "./graph-shape.ts";
import { parseEntity } from "./read-dataset.ts";
import type { Tx } from "./write-dataset.ts";

/**
 * The derived relationships an entity of each kind owns: out of its node (`out`), or into it (`in`: a chain's
 * masters point from the firm to the chain). Rewritten with the entity; the others stay.
 */
const OWNED: Record<NodeKind, { out: string[]; in: string[] }> = {
  sources: { out: [], in: [] },
  regions: { out: ["LOCATED_IN", "CITES"], in: [] },
  chains: { out: ["CITES"], in: ["MASTERS"] },
  segments: { out: ["PART_OF", "CHILD_OF", "CITES"], in: [] },
  firms: { out: ["IN_SEGMENT", "LOCATED_IN", "HAS_CODE", "SUBSIDIARY_OF", "CITES"], in: [] },
  clusters: { out: ["COVERS", "CITES"], in: [] },
  groups: { out: ["INCLUDES", "CITES"], in: [] },
  officials: { out: ["LEADS", "CITES"], in: [] },
};

const EMPTY = {
  sources: [],
  regions: [],
  chains: [],
  segments: [],
  feeds: [],
  firms: [],
  ties: [],
  clusters: [],
  groups: [],
  officials: [],
} as unknown as Dataset;

const isNodeKind = (kind: string): kind is NodeKind => kind in NODE_LABELS;

/** The MATCH that binds `e` to the stored entity of this kind with id `$id` (a node, or a tie's or feed's relationship). */
function matchOne(kind: EntityChange["kind"]): string {
  if (!isNodeKind(kind)) {
    const { type, from, to } = EDGE_KINDS[kind as EdgeKind];
    return `MATCH (:${from})-[e:${type} {id: $id}]->(:${to})`;
  }
  return `MATCH (e:${NODE_LABELS[kind]} {id: $id})${kind === "regions" ? " WHERE NOT e:City" : ""}`;
}

/** Applies each change in order; returns the items it changed (none for an entity written as stored). */
export async function writeEntities(tx: Tx, changes: ReadonlyArray<EntityChange>): Promise<ChangeItem[]> {
  const items: ChangeItem[] = [];
  for (const c of changes) {
    const action = isNodeKind(c.kind)
      ? await writeNode(tx, c.kind, c)
      : await writeEdge(tx, c.kind as EdgeKind, c);
    if (action) items.push({ kind: c.kind, id: c.id, action });
  }
  return items;
}

async function stored(tx: Tx, match: string, id: string): Promise<{ seq: number; json: string } | undefined> {
  const r = await tx.run(`${match} RETURN e.seq AS seq, e.json AS json`, { id });
  const rec = r.records[0];
  return rec && { seq: Number(rec.get("seq")), json: rec.get("json") as string };
}

async function nextSeq(tx: Tx, match: string): Promise<number> {
  const r = await tx.run(`${match} RETURN coalesce(max(e.seq), -1) AS s`);
  return Number(r.records[0]!.get("s")) + 1;
}

async function writeNode(tx: Tx, kind: NodeKind, c: EntityChange): Promise<ChangeItem["action"] | undefined> {
  const label = NODE_LABELS[kind];
  const one = matchOne(kind);
  const old = await stored(tx, one, c.id);
  if (c.json === undefined) {
    if (!old) return undefined;
    // The dataset rules refuse removing what another entity names, so only the entity's own edges go with it.
    await tx.run(`${one} DETACH DELETE e`, { id: c.id });
    if (kind === "firms") await dropUnusedCodes(tx);
    return "removed";
  }
  if (old?.json === c.json) return undefined;
  const entity = parseEntity(kind, c.id, c.json) as Dataset[NodeKind][number];
  const mini = { ...EMPTY, [kind]: [entity] } as Dataset;
  const seq =
    old?.seq ?? (await nextSeq(tx, `MATCH (e:${label})${kind === "regions" ? " WHERE NOT e:City" : ""}`));
  const { props } = nodeRows(mini, kind)[0]!;
  if (old) {
    await tx.run(`${one} SET e = $props`, { id: c.id, props: { ...props, seq } });
    const { out, in: into } = OWNED[kind];
    await tx.run(
      `${one} OPTIONAL MATCH (e)-[o]->() WHERE type(o) IN $out DELETE o WITH DISTINCT e OPTIONAL MATCH (e)<-[i]-() WHERE type(i) IN $into DELETE i`,
      { id: c.id, out, into },
    );
  } else await tx.run(`CREATE (e:${label}) SET e = $props`, { props: { ...props, seq } });
  if (kind === "firms")
    for (const code of new Set((entity as Firm).codes))
      await tx.run("MERGE (:IndustryCode {id: $code})", { code });
  for (const d of derivedEdges(mini)) {
    if (d.rows.length === 0) continue;
    const r = await tx.run(
      `UNWIND $rows AS r MATCH (a:${d.from} {id: r.from}) MATCH (b:${d.to} {id: r.to}) CREATE (a)-[e:${d.type}]->(b) SET e = r.props RETURN count(e) AS n`,
      { rows: d.rows },
    );
    if (Number(r.records[0]!.get("n")) !== d.rows.length)
      throw new StoreError(`${kind} "${c.id}": a ${d.type} relationship names an entity that is not stored`);
  }
  // Ties a firm supplies without a segment of their own are filed under the firm's only segment: refile them.
  if (kind === "firms") {
    await dropUnusedCodes(tx);
    const ties = await tx.run(
      "MATCH (:Firm {id: $id})-[t:SUPPLIES]->(:Firm) RETURN t.id AS id, t.json AS json",
      {
        id: c.id,
      },
    );
    for (const rec of ties.records) {
      const tie = parseEntity("ties", rec.get("id") as string, rec.get("json") as string) as SupplyTie;
      const file = tieSegment(tie, entity as Firm);
      await tx.run(
        file === undefined
          ? "MATCH (:Firm)-[t:SUPPLIES {id: $id}]->(:Firm) REMOVE t.fileSegment"
          : "MATCH (:Firm)-[t:SUPPLIES {id: $id}]->(:Firm) SET t.fileSegment = $file",
        { id: tie.id, file: file ?? null },
      );
    }
  }
  return old ? "changed" : "added";
}

async function writeEdge(tx: Tx, kind: EdgeKind, c: EntityChange): Promise<ChangeItem["action"] | undefined> {
  const { type, from, to } = EDGE_KINDS[kind];
  const one = matchOne(kind);
  const old = await stored(tx, one, c.id);
  if (c.json === undefined) {
    if (!old) return undefined;
    await tx.run(`${one} DELETE e`, { id: c.id });
    return "removed";
  }
  if (old?.json === c.json) return undefined;
  const entity = parseEntity(kind, c.id, c.json) as SupplyTie | Dataset["feeds"][number];
  const seq = old?.seq ?? (await nextSeq(tx, `MATCH (:${from})-[e:${type}]->(:${to})`));
  // A tie is filed by its supplier's segments when it names none: the supplier as stored.
  let firms: Firm[] = [];
  if (kind === "ties") {
    const s = await tx.run("MATCH (f:Firm {id: $id}) RETURN f.json AS json", {
      id: (entity as SupplyTie).supplier,
    });
    const json = s.records[0]?.get("json") as string | undefined;
    if (json) firms = [parseEntity("firms", (entity as SupplyTie).supplier, json) as Firm];
  }
  const row = edgeRows({ ...EMPTY, firms, [kind]: [entity] } as Dataset, kind)[0]!;
  if (old) await tx.run(`${one} DELETE e`, { id: c.id });
  const r = await tx.run(
    `MATCH (a:${from} {id: $from}) MATCH (b:${to} {id: $to}) CREATE (a)-[e:${type}]->(b) SET e = $props RETURN count(e) AS n`,
    { from: row.from, to: row.to, props: { ...row.props, seq } },
  );
  if (Number(r.records[0]?.get("n") ?? 0) !== 1)
    throw new StoreError(
      `${kind} "${c.id}": it joins "${row.from}" and "${row.to}", and one of them is not stored`,
    );
  return old ? "changed" : "added";
}

/** The stored JSON of each entity the changes touch (null when absent), keyed by kind and id. */
export async function readEntityJson(
  tx: Tx,
  changes: ReadonlyArray<EntityChange>,
): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (const c of changes)
    out.set(`${c.kind}\u0000${c.id}`, (await stored(tx, matchOne(c.kind), c.id))?.json ?? null);
  return out;
}

/** Industry codes no firm carries any more go, as an import would not write them. */
async function dropUnusedCodes(tx: Tx): Promise<void> {
  await tx.run("MATCH (c:IndustryCode) WHERE NOT ()-[:HAS_CODE]->(c) DELETE c");
}
