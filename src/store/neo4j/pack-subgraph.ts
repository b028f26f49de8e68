// A chain's candidate pack kept in Neo4j (SubgraphOptions.pack): one (:AtlasMeta) node per chain, matching version
// and pack version, stamped with the change it describes; and the chain subgraph a ranking on it reads, with no
// candidate in it but the firms the pack picks.
import neo4j from "neo4j-driver";
import type { Dataset, Firm } from "../../model/index.ts";
import type { SubgraphKeys } from "../chain-subgraph.ts";
import type { SubgraphOptions } from "../store.ts";
import { lastChangeId } from "./change-history.ts";
import { jsonRow, type ParsedRow, parsedToDataset, readParsed } from "./read-dataset.ts";
import {
  briefOrWhole,
  bySeq,
  type ChainFrame,
  chainTies,
  firmFields,
  firmsById,
  keyFirmsOf,
  neededFirms,
  wholeFirm,
  withSources,
} from "./subgraph-parts.ts";
import type { Tx } from "./write-dataset.ts";

const PACK_PREFIX = "pack.";

/** A pack built by a ranking, to keep: its node's key, the change it describes, its text. */
export interface BuiltPack {
  key: string;
  change: number;
  data: string;
}

/** What readPack finds: the chain's pack and its frame's rows for the newest change, when kept. */
export interface KeptPack {
  key: string;
  change: number;
  data: string | undefined;
  /** The frame's rows (FrameRow[] as JSON) and the key they are kept under. */
  frameKey: string;
  frame: string | undefined;
}

/** The chain's pack for the newest change (`data`, when kept), with the key and change a new one is kept under. */
export async function readPack(
  tx: Tx,
  chainId: string,
  keys: SubgraphKeys,
  version: string,
): Promise<KeptPack> {
  const key = PACK_PREFIX + JSON.stringify([chainId, keys.version, version]);
  // Under the packs' prefix: a pack's write drops the stale ones of both.
  const frameKey = `${PACK_PREFIX}frame.${JSON.stringify([chainId, keys.version])}`;
  const change = await lastChangeId(tx);
  const r = await tx.run(
    "MATCH (m:AtlasMeta) WHERE m.key IN [$key, $frameKey] RETURN m.key AS key, m.change AS change, m.data AS data",
    { key, frameKey },
  );
  const fresh = (k: string) => {
    const rec = r.records.find((x) => x.get("key") === k);
    return rec !== undefined && Number(rec.get("change")) === change
      ? (rec.get("data") as string)
      : undefined;
  };
  return { key, change, data: fresh(key), frameKey, frame: fresh(frameKey) };
}

/**
 * One row of a chain's frame as the store returned it (kind, id, seq, json, brief): kept beside the pack so the
 * next ranking reads one value instead of the chain's local firms, ties and their suppliers, and parses each row
 * through its schema as a read would.
 */
type FrameRow = [kind: "firms" | "ties", id: string, seq: number, json: string | null, brief: string | null];

const record = (row: FrameRow) => {
  const [, id, seq, json, brief] = row;
  const fields: Record<string, unknown> = { id, seq, json, brief };
  return { get: (k: string) => fields[k] };
};

/** `parse` that keeps each record it parses as a FrameRow in `into`. */
const keeping =
  (kind: FrameRow[0], into: FrameRow[], parse: (r: { get(k: string): unknown }) => ParsedRow) =>
  (r: { get(k: string): unknown }): ParsedRow => {
    const brief = parse === briefOrWhole ? ((r.get("brief") as string | null) ?? null) : null;
    into.push([
      kind,
      r.get("id") as string,
      Number(r.get("seq")),
      (r.get("json") as string | null) ?? null,
      brief,
    ]);
    return parse(r);
  };

/** The frame's rows kept beside the pack, parsed (firms in brief or whole, ties whole) as the reads parse them. */
function parseFrame(data: string): ParsedRow[] {
  return (JSON.parse(data) as FrameRow[]).map((row) =>
    row[0] === "ties" ? jsonRow("ties")(record(row)) : briefOrWhole(record(row)),
  );
}

/**
 * Keeps a pack when it still describes the data (no write came after the read it was built in), and drops every
 * pack that no longer does (they would be built again on their next use anyway).
 */
export async function writePack(tx: Tx, pack: BuiltPack): Promise<void> {
  if ((await lastChangeId(tx)) !== pack.change) return;
  await tx.run("MATCH (m:AtlasMeta) WHERE m.key STARTS WITH $prefix AND m.change <> $change DELETE m", {
    prefix: PACK_PREFIX,
    change: neo4j.int(pack.change),
  });
  await tx.run("MERGE (m:AtlasMeta {key: $key}) SET m.change = $change, m.data = $data", {
    key: pack.key,
    change: neo4j.int(pack.change),
    data: pack.data,
  });
}

/**
 * The subgraph of a ranking on the chain's pack: the skeleton; the local firms linked to the chain's segments, their
 * FEEDS neighbours and keys.localSegments, whole; the ties a ranking counts and the key firms'; the masters, key
 * firms and tie ends not read yet (those outside the city in brief); then the firms `pack.pick` returns on all that
 * and the pack, whole, with their text evidence alone handed to opts.textEvidence. With `side`, the local firms and
 * the suppliers of the counted ties are read beside the ties (each a stream parsed as it comes).
 */
export async function readOnPack(
  tx: Tx,
  frame: ChainFrame,
  keys: SubgraphKeys,
  opts: SubgraphOptions,
  pack: NonNullable<SubgraphOptions["pack"]>,
  kept: KeptPack & { data: string },
  side?: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>,
  keep?: (frame: BuiltPack) => void,
): Promise<Dataset> {
  const { city, rows } = frame;
  const data = kept.data;
  let read =
    kept.frame !== undefined
      ? parseFrame(kept.frame)
      : await readPackFrame(tx, frame, keys, side, (f) =>
          keep?.({ key: kept.frameKey, change: kept.change, data: f }),
        );
  const picked = new Set(pack.pick(parsedToDataset(city, [...rows, ...read]), data));
  // The picked firms whole, in place of any brief of theirs (a picked firm read whole already stays as it is).
  const whole = new Set(picked);
  for (const r of read) if (r.kind === "firms" && !r.brief) whole.delete((r.value as Firm).id);
  read = [
    ...read.filter((r) => !(r.brief && whole.has((r.value as Firm).id))),
    ...(await firmsById(tx, [...whole])),
  ].sort(bySeq);
  if (opts.textEvidence) {
    const r = await tx.run(
      `UNWIND $ids AS id MATCH (f:Firm {id: id})-[t:TEXT_EVIDENCE]->(g:Segment) USING INDEX f:Firm(id)
       WHERE t.version = $v AND g.id IN $own RETURN f.id AS firm, g.id AS segment, t.detail AS detail`,
      { ids: [...picked], v: keys.version, own: frame.own },
    );
    const pairs = r.records.map((x) => [x.get("firm"), x.get("segment"), x.get("detail")] as const);
    if (pairs.every((p) => typeof p[2] === "string"))
      opts.textEvidence(pairs as Array<[string, string, string]>);
  }
  return withSources(tx, parsedToDataset(city, [...rows, ...read]));
}

/**
 * What a ranking on the pack reads of the chain whatever it picks: the local firms linked to its segments, their
 * FEEDS neighbours and keys.localSegments, whole; the ties a ranking counts and the key firms'; the masters, key
 * firms and tie ends not read yet (those outside the city in brief). `keep` gets the rows as kept beside the pack.
 */
async function readPackFrame(
  tx: Tx,
  frame: ChainFrame,
  keys: SubgraphKeys,
  side: (<T>(work: (tx: Tx) => Promise<T>) => Promise<T>) | undefined,
  keep: (rows: string) => void,
): Promise<ParsedRow[]> {
  const { skeleton, own, near } = frame;
  const raw: { local: FrameRow[]; suppliers: FrameRow[]; missing: FrameRow[]; ties: FrameRow[] } = {
    local: [],
    suppliers: [],
    missing: [],
    ties: [],
  };
  const localRead = (t: Tx) =>
    readParsed(
      t,
      "firms",
      `CALL {
         UNWIND $near AS s MATCH (f:Firm)-[:IN_SEGMENT]->(g:Segment {id: s}) USING INDEX g:Segment(id)
         WHERE f.local RETURN f
         UNION
         UNWIND $alsoLocal AS s MATCH (f:Firm)-[:IN_SEGMENT]->(g:Segment {id: s}) USING INDEX g:Segment(id)
         WHERE f.local RETURN f
       }
       RETURN ${firmFields("f", false)}`,
      { near, alsoLocal: keys.localSegments(skeleton.segments) },
      keeping("firms", raw.local, wholeFirm),
    );
  // The suppliers outside the city of the ties filed under the chain's segments into local firms (most tie ends).
  const suppliersRead = (t: Tx) =>
    readParsed(
      t,
      "firms",
      `UNWIND $own AS s MATCH (a:Firm)-[e:SUPPLIES]->(b:Firm) USING INDEX e:SUPPLIES(fileSegment)
       WHERE e.fileSegment = s AND b.local AND NOT a.local
       WITH DISTINCT a RETURN ${firmFields("a", true)}`,
      { own },
      keeping("firms", raw.suppliers, briefOrWhole),
    );
  const beside = side ? [side(localRead), side(suppliersRead)] : undefined;
  for (const p of beside ?? []) p.catch(() => undefined);
  const keyFirms = await keyFirmsOf(tx, frame);
  const tieRows = await chainTies(tx, frame, keyFirms, false, keeping("ties", raw.ties, jsonRow("ties")));
  const [localRows, supplierRows] = beside
    ? await Promise.all(beside)
    : [await localRead(tx), await suppliersRead(tx)];
  const have = new Set([...localRows!, ...supplierRows!].map((r) => (r.value as Firm).id));
  const missing = [...neededFirms(frame, keyFirms, tieRows)].filter((id) => !have.has(id));
  const missingRows = await firmsById(tx, missing, true, keeping("firms", raw.missing, briefOrWhole));
  const read = [...localRows!, ...supplierRows!, ...missingRows, ...tieRows];
  const rawRows = [...raw.local, ...raw.suppliers, ...raw.missing, ...raw.ties];
  // Sorted together, rows and their kept forms alike.
  const order = read.map((_, i) => i).sort((a, b) => bySeq(read[a]!, read[b]!));
  keep(JSON.stringify(order.map((i) => rawRows[i])));
  return order.map((i) => read[i]!);
}
