// A chain's candidate pack kept in Neo4j (SubgraphOptions.pack): one (:AtlasMeta) node per chain, matching version
// and pack version, stamped with the change it describes; and the chain subgraph a ranking on it reads, with no
// candidate in it but the firms the pack picks.
import { gunzipSync, gzipSync } from "node:zlib";
import neo4j from "neo4j-driver";
import { StoreError } from "../../errors.ts";
import type { Dataset, Firm } from "../../model/index.ts";
import type { SubgraphKeys } from "../chain-subgraph.ts";
import type { SubgraphOptions } from "../store.ts";
import { lastChangeId } from "./change-history.ts";
import { type ParsedRow, parsedToDataset, readParsed } from "./read-dataset.ts";
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
  /** The frame's rows (ParsedRow[] as JSON) and the key they are kept under. */
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
  const frameKey = `${PACK_PREFIX}frame2.${JSON.stringify([chainId, keys.version])}`;
  const change = await lastChangeId(tx);
  const r = await tx.run(
    "MATCH (m:AtlasMeta) WHERE m.key IN [$key, $frameKey] RETURN m.key AS key, m.change AS change, m.data AS data",
    { key, frameKey },
  );
  const fresh = (k: string) => {
    const rec = r.records.find((x) => x.get("key") === k);
    return rec !== undefined && Number(rec.get("change")) === change ? unpacked(rec.get("data")) : undefined;
  };
  return { key, change, data: fresh(key), frameKey, frame: fresh(frameKey) };
}

/** What marks a kept text as gzip in base64 (a pack or frame in JSON begins with "[" or "{"). */
const GZ = "gz:";

/**
 * A pack's or frame's text as kept: gzip in base64 behind GZ (a province's frame is tens of megabytes of JSON, which
 * the driver would otherwise take a third of a second to receive; as Neo4j bytes it unpacks them one at a time), or
 * the text itself as an older chain-atlas kept it.
 */
function unpacked(data: unknown): string {
  if (typeof data !== "string") throw new StoreError("Neo4j holds a candidate pack whose data is not text");
  if (!data.startsWith(GZ)) return data;
  try {
    return gunzipSync(Buffer.from(data.slice(GZ.length), "base64")).toString("utf8");
  } catch {
    // Given on as it is: the pack's parser names the chain whose pack is damaged; a damaged frame is read anew.
    return data;
  }
}

/**
 * The frame's rows kept beside the pack: the rows its reads parsed through their schemas (firms in brief or whole,
 * ties whole) in the change the frame is stamped with, so the next ranking of that change reads one value instead of
 * the chain's local firms, ties and their suppliers, and does not parse forty thousand firms again. Kept in gzip,
 * whose checksum refuses a damaged text; a text that is not such rows is read anew (undefined).
 */
function parseFrame(data: string): ParsedRow[] | undefined {
  let rows: unknown;
  try {
    rows = JSON.parse(data);
  } catch {
    return undefined;
  }
  const row = (r: unknown) => {
    const x = r as Partial<ParsedRow> | null;
    return (
      typeof x === "object" &&
      x !== null &&
      (x.kind === "firms" || x.kind === "ties") &&
      typeof x.seq === "number" &&
      typeof x.value === "object" &&
      x.value !== null
    );
  };
  return Array.isArray(rows) && rows.every(row) ? (rows as ParsedRow[]) : undefined;
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
    // Level 1: a tenth of the size at a fraction of level 6's time.
    data: GZ + gzipSync(pack.data, { level: 1 }).toString("base64"),
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
    (kept.frame === undefined ? undefined : parseFrame(kept.frame)) ??
    (await readPackFrame(tx, frame, keys, side, (f) =>
      keep?.({ key: kept.frameKey, change: kept.change, data: f }),
    ));
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
      wholeFirm,
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
      briefOrWhole,
    );
  const beside = side ? [side(localRead), side(suppliersRead)] : undefined;
  for (const p of beside ?? []) p.catch(() => undefined);
  const keyFirms = await keyFirmsOf(tx, frame);
  const tieRows = await chainTies(tx, frame, keyFirms, false);
  const [localRows, supplierRows] = beside
    ? await Promise.all(beside)
    : [await localRead(tx), await suppliersRead(tx)];
  const have = new Set([...localRows!, ...supplierRows!].map((r) => (r.value as Firm).id));
  const missing = [...neededFirms(frame, keyFirms, tieRows)].filter((id) => !have.has(id));
  const missingRows = await firmsById(tx, missing, true);
  const read = [...localRows!, ...supplierRows!, ...missingRows, ...tieRows].sort(bySeq);
  keep(JSON.stringify(read));
  return read;
}
