// The reads a chain subgraph is made of (neo4j-subgraph.ts) that a ranking on a candidate pack (pack-subgraph.ts)
// makes too: the skeleton, the chain's key firms, the ties a ranking counts, firms by id whole or in brief.
import { StoreError } from "../../errors.ts";
import type { Dataset, Segment, SupplyTie } from "../../model/index.ts";
import { citedSourceIds, reachOf, SKELETON_KINDS } from "../subgraph-reach.ts";
import { changeStamp } from "./change-history.ts";
import { briefFirm } from "./firm-brief.ts";
import { NODE_LABELS } from "./graph-shape.ts";
import { jsonRow, type ParsedRow, parsedToDataset, readParsed } from "./read-dataset.ts";
import type { Tx } from "./write-dataset.ts";

/** How a firm read by `alias` comes back: whole, or (briefs) in brief when it is outside the city and has one. */
export function firmFields(alias: string, briefs: boolean): string {
  const f = alias;
  return briefs
    ? `${f}.id AS id, ${f}.seq AS seq, CASE WHEN ${f}.local OR ${f}.brief IS NULL THEN ${f}.json END AS json,
       CASE WHEN ${f}.local THEN null ELSE ${f}.brief END AS brief`
    : `${f}.id AS id, ${f}.seq AS seq, ${f}.json AS json`;
}

export const wholeFirm = jsonRow("firms");

/** A firm row of firmFields(…, true): whole when it has its json, else its brief as a stand-in firm. */
export function briefOrWhole(r: { get(k: string): unknown }): ParsedRow {
  if (r.get("json") !== null) return wholeFirm(r);
  return {
    kind: "firms",
    seq: r.get("seq") as number,
    value: briefFirm(r.get("id") as string, r.get("brief") as string),
    brief: true,
  };
}

/** The firms of these ids, whole, or (briefs) those outside the city in brief. */
export function firmsById(tx: Tx, ids: string[], briefs = false): Promise<ParsedRow[]> {
  return readParsed(
    tx,
    "firms",
    `UNWIND $ids AS id MATCH (n:Firm {id: id}) USING INDEX n:Firm(id) RETURN ${firmFields("n", briefs)}`,
    { ids },
    briefs ? briefOrWhole : wholeFirm,
  );
}

/** The skeleton of the store (every chain, segment, FEEDS, region, official…) and what one chain's reads start from. */
export interface ChainFrame {
  city: string;
  rows: ParsedRow[];
  skeleton: Dataset;
  /** The chain's segments; their ids; those and their FEEDS neighbours' ids. */
  mine: Segment[];
  own: string[];
  near: string[];
  /** Every chain's masters; this chain's. */
  masters: string[];
  ownMasters: string[];
}

/**
 * The skeleton a store read last, named by the change it describes (changeStamp): a province's thousands of segments
 * and feeds are then read once for many chains (gaps --all), not once a chain. Each read gets its own copy.
 */
export interface SkeletonCache {
  stamp?: string;
  city?: string;
  rows?: ReadonlyArray<ParsedRow>;
}

async function readSkeleton(tx: Tx): Promise<{ city: string; rows: ParsedRow[] }> {
  const city = (await tx.run("MATCH (c:City) RETURN c.json AS json LIMIT 1")).records[0]?.get("json") as
    | string
    | undefined;
  if (city === undefined) throw new StoreError("the Neo4j store is empty; import a seed first");
  const rows: ParsedRow[] = [];
  for (const kind of SKELETON_KINDS) {
    const cypher =
      kind === "feeds"
        ? "MATCH (:Segment)-[n:FEEDS]->(:Segment) RETURN n.id AS id, n.seq AS seq, n.json AS json ORDER BY n.seq"
        : `MATCH (n:${NODE_LABELS[kind]})${kind === "regions" ? " WHERE NOT n:City" : ""} RETURN n.id AS id, n.seq AS seq, n.json AS json ORDER BY n.seq`;
    rows.push(...(await readParsed(tx, kind, cypher)));
  }
  return { city, rows };
}

/** The skeleton as the transaction sees it: from the cache when it describes the same change, else read (and kept). */
async function skeletonOf(
  tx: Tx,
  cache: SkeletonCache | undefined,
): Promise<{ city: string; rows: ParsedRow[] }> {
  if (!cache) return readSkeleton(tx);
  const stamp = await changeStamp(tx);
  if (cache.stamp !== stamp || cache.rows === undefined || cache.city === undefined) {
    const read = await readSkeleton(tx);
    Object.assign(cache, { stamp, city: read.city, rows: read.rows });
  }
  return { city: cache.city!, rows: cache.rows!.map((r) => ({ ...r, value: structuredClone(r.value) })) };
}

export async function readFrame(tx: Tx, chainId: string, cache?: SkeletonCache): Promise<ChainFrame> {
  const { city, rows } = await skeletonOf(tx, cache);
  const skeleton = parsedToDataset(city, rows);
  const mine = skeleton.segments.filter((s) => s.chain === chainId);
  return {
    city,
    rows,
    skeleton,
    mine,
    own: mine.map((s) => s.id),
    near: [...reachOf(skeleton.segments, skeleton.feeds, mine)],
    masters: skeleton.chains.flatMap((c) => c.masters.map((m) => m.firm)),
    ownMasters: skeleton.chains.filter((c) => c.id === chainId).flatMap((c) => c.masters.map((m) => m.firm)),
  };
}

/** This chain's masters and their groups: who already trades with them. */
export async function keyFirmsOf(tx: Tx, frame: ChainFrame): Promise<Set<string>> {
  const keyFirms = new Set(frame.ownMasters);
  const r = await tx.run(
    "UNWIND $firms AS id MATCH (f:Firm {id: id})-[:SUBSIDIARY_OF]->(p:Firm) USING INDEX f:Firm(id) RETURN DISTINCT p.id AS id",
    { firms: frame.ownMasters },
  );
  for (const x of r.records) keyFirms.add(x.get("id") as string);
  return keyFirms;
}

/**
 * Ties filed under the chain's segments, into firms linked to them, and of the key firms. For a ranking (`all`
 * false), only the first and the last: of ties filed under the chain's segments only those into a local firm (the
 * analysis files no other: analysis-index.ts tiesIn), and none filed elsewhere but the key firms' (no gap or fit of
 * this chain counts them).
 */
export function chainTies(tx: Tx, frame: ChainFrame, keyFirms: ReadonlySet<string>, all: boolean) {
  return readParsed(
    tx,
    "ties",
    // UNION of the relationships alone (deduplicating [e, a, b] rows is several times slower).
    `CALL {
         UNWIND $own AS s MATCH (:Firm)-[e:SUPPLIES]->(b:Firm) USING INDEX e:SUPPLIES(fileSegment)
         WHERE e.fileSegment = s AND ($all OR b.local) RETURN e
         UNION
         UNWIND $own AS s MATCH (b:Firm)-[:IN_SEGMENT]->(g:Segment {id: s}) USING INDEX g:Segment(id)
         WHERE $all
         MATCH (:Firm)-[e:SUPPLIES]->(b) RETURN e
         UNION
         UNWIND $key AS id MATCH (a:Firm {id: id})-[e:SUPPLIES]->(:Firm) USING INDEX a:Firm(id) RETURN e
         UNION
         UNWIND $key AS id MATCH (:Firm)-[e:SUPPLIES]->(b:Firm {id: id}) USING INDEX b:Firm(id) RETURN e
       }
       RETURN e.id AS id, e.seq AS seq, e.json AS json`,
    { own: frame.own, key: [...keyFirms], all },
  );
}

/** The firms a chain subgraph holds whatever the ranking: every chain's masters, the key firms, both ends of every tie read. */
export function neededFirms(
  frame: ChainFrame,
  keyFirms: ReadonlySet<string>,
  tieRows: ReadonlyArray<ParsedRow>,
): Set<string> {
  return new Set([
    ...frame.masters,
    ...keyFirms,
    ...tieRows.flatMap((t) => [(t.value as SupplyTie).supplier, (t.value as SupplyTie).customer]),
  ]);
}

export const bySeq = (a: ParsedRow, b: ParsedRow) => a.seq - b.seq;

/** The dataset with the sources its entities cite. */
export async function withSources(tx: Tx, ds: Dataset): Promise<Dataset> {
  const cited = citedSourceIds([...SKELETON_KINDS.map((k): unknown => ds[k]), ds.firms, ds.ties]);
  const sourceRows = await readParsed(
    tx,
    "sources",
    "UNWIND $ids AS id MATCH (n:Source {id: id}) USING INDEX n:Source(id) RETURN n.id AS id, n.seq AS seq, n.json AS json ORDER BY n.seq",
    { ids: [...cited] },
  );
  ds.sources = sourceRows.map((r) => r.value) as Dataset["sources"];
  return ds;
}
