// The subgraph one chain's analysis needs, cut out of Neo4j in Cypher by the same rules as the embedded store's SQL
// (embedded-subgraph.ts): so a per-chain command on a province-sized Neo4j never reads every firm and tie.
import neo4j from "neo4j-driver";
import type { Dataset, Firm, Segment } from "../../model/index.ts";
import type { SubgraphKeys } from "../chain-subgraph.ts";
import type { SubgraphOptions } from "../store.ts";
import { lastChangeId, readItemsSince } from "./change-history.ts";
import { type BuiltPack, readOnPack, readPack } from "./pack-subgraph.ts";
import { type ParsedRow, parsedToDataset, parseEntity, readParsed } from "./read-dataset.ts";
import {
  briefOrWhole,
  bySeq,
  type ChainFrame,
  chainTies,
  firmFields,
  firmsById,
  keyFirmsOf,
  neededFirms,
  readFrame,
  type SkeletonCache,
  wholeFirm,
  withSources,
} from "./subgraph-parts.ts";
import { BATCH, BRIEF_SHAPE, MIN_SUBGRAPH_SHAPE, type Tx } from "./write-dataset.ts";

const TEXT_STAMP = "subgraph.text.";
export const textStampKey = (keys: SubgraphKeys) => `${TEXT_STAMP}${keys.version}`;

// Every lookup names its index (USING INDEX): right after a large import the planner's counts are stale and it
// may scan every firm or tie once per row instead (minutes at 10,000 firms).

/** The shape the stored data was written with (write-dataset.ts SUBGRAPH_SHAPE), 0 when none is recorded. */
export async function subgraphShape(tx: Tx): Promise<number> {
  const r = await tx.run("MATCH (m:AtlasMeta {key: 'subgraph.shape'}) RETURN m.value AS v");
  const v: unknown = r.records[0]?.get("v");
  return typeof v === "number" || neo4j.isInt(v) ? Number(v) : 0;
}

/** Whether the stored data was written with what chain subgraphs read (fileSegment, :IndustryCode). */
export async function hasSubgraphShape(tx: Tx): Promise<boolean> {
  return (await subgraphShape(tx)) >= MIN_SUBGRAPH_SHAPE;
}

/** Whether the text-evidence pairs for these keys describe the stored data (its newest change). */
export async function textEvidenceFresh(tx: Tx, keys: SubgraphKeys): Promise<boolean> {
  const r = await tx.run("MATCH (m:AtlasMeta {key: $key}) RETURN m.change AS c", { key: textStampKey(keys) });
  return r.records[0]?.get("c") === (await lastChangeId(tx));
}

/** More firms changed than this since the pairs were stamped: they are rebuilt whole. */
export const TEXT_CATCH_UP_LIMIT = 20_000;

/**
 * Brings the pairs for these keys up to the newest change when the changes since their stamp touched only firms,
 * ties and sources (an editor's writes, a list's import): the changed firms' pairs are matched again, in one
 * transaction that holds the writers' lock; the other firms' text did not change, nor did the segments. False when
 * they cannot be caught up so (no stamp, a segment or chain changed, too many firms): rebuild them whole.
 */
export async function catchUpTextEvidence(tx: Tx, keys: SubgraphKeys): Promise<boolean> {
  const r = await tx.run("MATCH (m:AtlasMeta {key: $key}) RETURN m.change AS c", { key: textStampKey(keys) });
  const stamped: unknown = r.records[0]?.get("c");
  if (stamped === undefined || stamped === null) return false;
  const from = Number(stamped);
  const now = await lastChangeId(tx);
  if (from === now) return true;
  const items = await readItemsSince(tx, from, now, TEXT_CATCH_UP_LIMIT);
  if (!items || items.some((i) => i.kind !== "firms" && i.kind !== "ties" && i.kind !== "sources"))
    return false;
  const ids = [...new Set(items.filter((i) => i.kind === "firms").map((i) => i.id))];
  if (ids.length > 0) {
    const segments = (
      await tx.run("MATCH (n:Segment) RETURN n.id AS id, n.json AS json ORDER BY n.seq")
    ).records.map((x) => parseEntity("segments", x.get("id") as string, x.get("json") as string) as Segment);
    await tx.run(
      `UNWIND $ids AS id MATCH (:Firm {id: id})-[t:TEXT_EVIDENCE {version: $v}]->(:Segment) DELETE t`,
      { ids, v: keys.version },
    );
    const firms = (
      await tx.run(
        "UNWIND $ids AS id MATCH (n:Firm {id: id}) USING INDEX n:Firm(id) WHERE NOT n.local RETURN n.id AS id, n.json AS json",
        { ids },
      )
    ).records.map((x) => parseEntity("firms", x.get("id") as string, x.get("json") as string) as Firm);
    const rows = [...keys.textSegments(segments, firms)].map(([firm, segment, detail]) => ({
      firm,
      segment,
      detail,
    }));
    for (let i = 0; i < rows.length; i += BATCH)
      await tx.run(
        `UNWIND $rows AS r MATCH (f:Firm {id: r.firm}) USING INDEX f:Firm(id) MATCH (s:Segment {id: r.segment}) USING INDEX s:Segment(id)
         CREATE (f)-[:TEXT_EVIDENCE {version: $v, detail: r.detail}]->(s)`,
        { rows: rows.slice(i, i + BATCH), v: keys.version },
      );
  }
  await tx.run("MATCH (m:AtlasMeta {key: $key}) SET m.change = $change", {
    key: textStampKey(keys),
    change: neo4j.int(now),
  });
  return true;
}

/** Runs `work` in a transaction: the caller's own, or a transaction of its own for each call. */
export type TxRunner = <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;

/** Firms read at a time while the text evidence is rebuilt (a province's firms need not be held at once). */
export const textEvidencePage = { size: 20_000 };

/**
 * Rewrites the text-evidence pairs for these keys: every candidate's text matched once against the whole
 * segment list (in this process: the store does not match text itself), stored as
 * (:Firm)-[:TEXT_EVIDENCE {version, detail}]->(:Segment), then stamped with the change it describes. Each step
 * runs through `run`: in the caller's write transaction (an import), or batch by batch in transactions of their
 * own when a province's pairs would outgrow one (the stamp, written last, names the change read first, so a
 * write in between leaves the pairs stale, to be rebuilt).
 */
export async function writeTextEvidence(run: TxRunner, keys: SubgraphKeys): Promise<void> {
  const { segments, change } = await run(async (tx) => ({
    segments: (
      await tx.run("MATCH (n:Segment) RETURN n.id AS id, n.json AS json ORDER BY n.seq")
    ).records.map((r) =>
      parseEntity("segments", r.get("id") as string, r.get("json") as string),
    ) as Segment[],
    change: await lastChangeId(tx),
  }));
  // The stamp goes first: a rebuild cut short leaves no stamp that a catch-up (catchUpTextEvidence) would trust.
  await run((tx) => tx.run("MATCH (m:AtlasMeta {key: $key}) DELETE m", { key: textStampKey(keys) }));
  // Out go this version's pairs and those of every other version that no longer describes the data (another
  // resource set's, an older matching's): each would be rebuilt whole on its next use anyway, and every read walks
  // past the pairs of all versions on its segments.
  const stale = await run(async (tx) =>
    (
      await tx.run(
        "MATCH (m:AtlasMeta) WHERE m.key STARTS WITH $prefix AND m.key <> $own AND m.change <> $change RETURN m.key AS key",
        { prefix: TEXT_STAMP, own: textStampKey(keys), change: neo4j.int(change) },
      )
    ).records.map((r) => (r.get("key") as string).slice(TEXT_STAMP.length)),
  );
  for (const v of [keys.version, ...stale]) {
    for (;;) {
      const n = await run(async (tx) => {
        const r = await tx.run(
          "MATCH (:Firm)-[t:TEXT_EVIDENCE {version: $v}]->(:Segment) WITH t LIMIT $batch DELETE t RETURN count(*) AS n",
          { v, batch: neo4j.int(BATCH) },
        );
        return Number(r.records[0]?.get("n") ?? 0);
      });
      if (n < BATCH) break;
    }
    if (v !== keys.version)
      await run((tx) => tx.run("MATCH (m:AtlasMeta {key: $key}) DELETE m", { key: TEXT_STAMP + v }));
  }
  let rows: Array<{ firm: string; segment: string; detail: string }> = [];
  const flush = async () => {
    if (rows.length === 0) return;
    const batch = rows;
    rows = [];
    await run((tx) =>
      tx.run(
        `UNWIND $rows AS r MATCH (f:Firm {id: r.firm}) USING INDEX f:Firm(id) MATCH (s:Segment {id: r.segment}) USING INDEX s:Segment(id)
         CREATE (f)-[:TEXT_EVIDENCE {version: $v, detail: r.detail}]->(s)`,
        { rows: batch, v: keys.version },
      ),
    );
  };
  for (let after = -1; ; ) {
    const page = await run(async (tx) =>
      (
        await tx.run(
          `MATCH (n:Firm) USING INDEX n:Firm(seq) WHERE n.seq > $after AND NOT n.local
           RETURN n.id AS id, n.seq AS seq, n.json AS json ORDER BY n.seq LIMIT $page`,
          { after: neo4j.int(after), page: neo4j.int(textEvidencePage.size) },
        )
      ).records.map((r) => ({
        seq: Number(r.get("seq")),
        firm: parseEntity("firms", r.get("id") as string, r.get("json") as string) as Firm,
      })),
    );
    for (const [firm, segment, detail] of keys.textSegments(
      segments,
      page.map((p) => p.firm),
    )) {
      rows.push({ firm, segment, detail });
      if (rows.length >= BATCH) await flush();
    }
    if (page.length < textEvidencePage.size) break;
    after = page[page.length - 1]!.seq;
  }
  await flush();
  await run((tx) =>
    tx.run("MERGE (m:AtlasMeta {key: $key}) SET m.change = $change", {
      key: textStampKey(keys),
      change: neo4j.int(change),
    }),
  );
}

/**
 * Reads the chain's subgraph in the caller's read transaction (the text evidence must be fresh: see
 * textEvidenceFresh). The same selection as loadEmbeddedSubgraph: the skeleton whole; firms linked to the chain's
 * segments or their FEEDS neighbours; candidates by code and by text evidence; ties filed under the chain's
 * segments or into firms linked to them; every chain master, this chain's masters' groups and their ties; both
 * ends of every tie; the sources all of these cite. Without candidates (opts.candidates false) no firm comes by
 * code or text alone; for a ranking, only the code-brought candidates that can rank (codeCandidates) and the ties
 * it counts. With `side`, the slowest reads of a ranking (the code classes, the kept text evidence handed to
 * opts.textEvidence) run in transactions of their own beside this one. For a ranking on a candidate pack
 * (opts.pack), the pack of the newest change is ranked on (pack-subgraph.ts), or built on the way and handed to
 * `built` for the caller to keep.
 */
export async function readNeo4jSubgraph(
  tx: Tx,
  chainId: string,
  keys: SubgraphKeys,
  opts: SubgraphOptions = {},
  side?: SideRead,
  built?: (pack: BuiltPack) => void,
  skeletons?: SkeletonCache,
): Promise<Dataset> {
  const pack = opts.ranking && opts.pick && opts.candidates !== false ? opts.pack : undefined;
  // The pack (megabytes at a province's scale) comes beside the skeleton.
  const packRead = pack
    ? (side ?? ((work) => work(tx)))((t) => readPack(t, chainId, keys, pack.version))
    : undefined;
  packRead?.catch(() => undefined);
  const frame = await readFrame(tx, chainId, skeletons);
  const shape = await subgraphShape(tx);
  if (pack && packRead && frame.mine.length > 0 && shape >= BRIEF_SHAPE) {
    const kept = await packRead;
    if (kept.data !== undefined)
      return readOnPack(tx, frame, keys, opts, pack, { ...kept, data: kept.data }, side, built);
    // None for this change: every candidate is read (in brief: none left out by the ranking's top or filters),
    // the pack built on them, and the firms it picks read whole.
    let made: string | undefined;
    const ds = await readCandidates(
      tx,
      frame,
      keys,
      {
        ...opts,
        ranking: { top: Number.POSITIVE_INFINITY },
        pick: (draft) => {
          made = pack.build(draft);
          return pack.pick(draft, made);
        },
      },
      shape,
      side,
    );
    if (made !== undefined) built?.({ key: kept.key, change: kept.change, data: made });
    return ds;
  }
  return readCandidates(tx, frame, keys, opts, shape, side);
}

async function readCandidates(
  tx: Tx,
  frame: ChainFrame,
  keys: SubgraphKeys,
  opts: SubgraphOptions,
  shape: number,
  side?: SideRead,
): Promise<Dataset> {
  const { city, rows, skeleton, mine, own, near } = frame;
  // For a ranking, the classes of code candidates are read beside the rest (the longest query at a province's
  // scale), each whole, so that the firms read by other means can be left out afterwards (codeCandidates).
  const codes = keys.codesFor(mine);
  const candidates = opts.candidates !== false;
  const early = candidates && opts.ranking && side ? side((t) => codeClasses(t, codes, opts)) : undefined;
  // Awaited in codeCandidates; a failure before then must not go unhandled.
  early?.catch(() => undefined);
  // The text evidence kept for the chain's own segments, for a caller that takes it (read beside the rest too).
  const takeText = candidates ? opts.textEvidence : undefined;
  const textRead = (t: Tx) =>
    t
      .run(
        `UNWIND $own AS s MATCH (f:Firm)-[t:TEXT_EVIDENCE]->(g:Segment {id: s}) USING INDEX g:Segment(id)
         WHERE t.version = $v RETURN f.id AS firm, s AS segment, t.detail AS detail`,
        { own, v: keys.version },
      )
      .then((r) => r.records.map((x) => [x.get("firm"), x.get("segment"), x.get("detail")] as const));
  const text = takeText && side ? side(textRead) : undefined;
  text?.catch(() => undefined);
  // For a ranking that picks what to read whole (opts.pick), firms outside the city come in brief first.
  const briefs = candidates && opts.ranking !== undefined && opts.pick !== undefined && shape >= BRIEF_SHAPE;
  const firmRow = briefs ? briefOrWhole : wholeFirm;

  // Firms linked to the chain's segments or their FEEDS neighbours, candidates by text evidence, and the local firms
  // of keys.localSegments, with their rows, in one query (UNION keeps each firm once); then the ties, with theirs;
  // then candidates by code; then the firms still missing, by id. When the text evidence is read beside, the firms
  // it brings are taken from it (the pairs of every kept version lie on the same segments: going through them twice
  // costs more than reading the few firms they alone bring, by id).
  const firmRows = await readParsed(
    tx,
    "firms",
    `CALL {
         UNWIND $near AS s MATCH (f:Firm)-[:IN_SEGMENT]->(g:Segment {id: s}) USING INDEX g:Segment(id) RETURN f
         UNION${
           text
             ? ""
             : `
         UNWIND $own AS s MATCH (f:Firm)-[t:TEXT_EVIDENCE]->(g:Segment {id: s}) USING INDEX g:Segment(id)
         WHERE t.version = $v AND $candidates RETURN f
         UNION`
         }
         UNWIND $alsoLocal AS s MATCH (f:Firm)-[:IN_SEGMENT]->(g:Segment {id: s}) USING INDEX g:Segment(id)
         WHERE f.local RETURN f
       }
       RETURN ${firmFields("f", briefs)}`,
    { near, own, v: keys.version, candidates, alsoLocal: keys.localSegments(skeleton.segments) },
    firmRow,
  );
  const keyFirms = await keyFirmsOf(tx, frame);
  // The firms asked for by id (a what-if's landing firm): read whole with every tie they have, as key firms are.
  if (!candidates) for (const id of opts.firms ?? []) keyFirms.add(id);
  // A firm read only as an end of a tie a ranking leaves out is then brought in, or not, by its codes alone
  // (codeCandidates), as it then scores.
  const tieRows = await chainTies(tx, frame, keyFirms, opts.ranking === undefined);
  const have = new Set(firmRows.map((r) => (r.value as Firm).id));
  // Firms the subgraph holds whole whatever the ranking: masters, key firms, both ends of every tie.
  const needed = neededFirms(frame, keyFirms, tieRows);
  const missing = new Set<string>();
  for (const id of needed) if (!have.has(id)) missing.add(id);
  // The text evidence's firms not read yet (before the code candidates: those leave out every firm read otherwise).
  const textRows = text ? await text : undefined;
  if (textRows) {
    const more = new Set<string>();
    for (const [firm] of textRows) if (!have.has(firm) && !missing.has(firm)) more.add(firm);
    const rows = await firmsById(tx, [...more], briefs);
    firmRows.push(...rows);
    for (const r of rows) have.add((r.value as Firm).id);
  }
  if (candidates)
    firmRows.push(...(await codeCandidates(tx, codes, new Set([...have, ...missing]), opts, early, briefs)));
  firmRows.push(...(await firmsById(tx, [...missing])));
  if (takeText) {
    const rows = textRows ?? (await textRead(tx));
    // Pairs written before the evidence was kept with them carry none: the caller then matches the text itself.
    if (rows.every((r) => typeof r[2] === "string")) takeText(rows as Array<[string, string, string]>);
  }
  let picked = [...firmRows, ...tieRows].sort(bySeq);
  if (briefs) {
    // The ranking on the firms in brief picks the firms it keeps: those are read whole; the needed ones stay in
    // brief (the analysis of the others reads them as tie ends, which a brief holds), the other firms in brief are
    // left out (their scores are their own: leaving them out changes no other's).
    const inBrief = new Set(firmRows.filter((r) => r.brief).map((r) => (r.value as Firm).id));
    const whole = new Set<string>();
    if (inBrief.size > 0)
      for (const id of opts.pick!(parsedToDataset(city, [...rows, ...picked]), inBrief))
        if (inBrief.has(id)) whole.add(id);
    picked = [
      ...picked.filter(
        (r) => !r.brief || (needed.has((r.value as Firm).id) && !whole.has((r.value as Firm).id)),
      ),
      ...(await firmsById(tx, [...whole])),
    ].sort(bySeq);
  }
  return withSources(tx, parsedToDataset(city, [...rows, ...picked]));
}

/** Runs a read in a transaction of its own, beside the caller's (Neo4jStore: another session). */
export type SideRead = <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;

/**
 * The firms the chain's industry codes bring in that are not already read (`read`: linked, text-matched, masters,
 * tie ends). Without a ranking, all of them. For a ranking (SubgraphOptions.ranking), no local firm (never a
 * candidate, and linked to no segment this chain's analysis reads), and of the others only those passing its
 * filters and, of each class of equal scores (the same codes of `codes`, the same lists or the same list order),
 * the first `top` in the ranking's order that are not read (`early`: the classes, read beforehand). The firms
 * kept are then read whole.
 */
async function codeCandidates(
  tx: Tx,
  codes: string[],
  read: ReadonlySet<string>,
  opts: SubgraphOptions,
  early: Promise<string[][]> | undefined,
  briefs: boolean,
): Promise<ParsedRow[]> {
  const r = opts.ranking;
  if (!r)
    return readParsed(
      tx,
      "firms",
      `${BY_CODE} WHERE NOT f.id IN $read RETURN f.id AS id, f.seq AS seq, f.json AS json`,
      { codes, read: [...read] },
    );
  const top = Math.max(0, Math.trunc(r.top));
  const kept: string[] = [];
  for (const ids of await (early ?? codeClasses(tx, codes, opts))) {
    let n = 0;
    for (const id of ids) {
      if (n >= top) break;
      if (read.has(id)) continue;
      kept.push(id);
      n++;
    }
  }
  return readParsed(
    tx,
    "firms",
    `UNWIND $ids AS id MATCH (n:Firm {id: id}) USING INDEX n:Firm(id) RETURN ${firmFields("n", briefs)}`,
    { ids: kept },
    briefs ? briefOrWhole : wholeFirm,
  );
}

const BY_CODE = `UNWIND $codes AS c MATCH (f:Firm)-[:HAS_CODE]->(k:IndustryCode {id: c}) USING INDEX k:IndustryCode(id)
  WITH DISTINCT f`;

/**
 * The classes of a ranking's code candidates (see codeCandidates), each as its ids in the ranking's order: by id
 * (code-unit order, as the ranking breaks ties), or with a list order by the best list's value first. Grouped in
 * Cypher and sorted here (sorting every row in Cypher costs more than the rest of the query).
 */
async function codeClasses(tx: Tx, codes: string[], opts: SubgraphOptions): Promise<string[][]> {
  const r = opts.ranking!;
  // The class key: its codes among the chain's (f.codes is sorted), and its lists (sorted too), or with a list
  // order its codes alone, the best list's value ordering the class (the score rises with it).
  const ordered = r.listOrder !== undefined;
  const res = await tx.run(
    `${BY_CODE} WHERE NOT f.local
       AND (size($countries) = 0 OR f.country IN $countries)
       AND (size($lists) = 0 OR any(l IN f.lists WHERE l IN $lists))
     WITH [c IN f.codes WHERE c IN $codes] AS codes,
       ${ordered ? "reduce(b = 0.0, l IN f.lists | CASE WHEN coalesce($order[l], 0.0) > b THEN $order[l] ELSE b END)" : "f.lists"} AS class,
       collect(f.id) AS ids
     RETURN codes, class, ids`,
    {
      codes: [...codes].sort(),
      countries: [...(r.countries ?? [])],
      lists: [...(r.lists ?? [])],
      order: { ...r.listOrder },
    },
  );
  const classes = new Map<string, Array<{ value: number; ids: string[] }>>();
  for (const x of res.records) {
    const key = JSON.stringify(ordered ? x.get("codes") : [x.get("codes"), x.get("class")]);
    // The default sort compares UTF-16 code units: the order the ranking breaks ties in.
    const part = { value: ordered ? Number(x.get("class")) : 0, ids: (x.get("ids") as string[]).sort() };
    const list = classes.get(key);
    if (list) list.push(part);
    else classes.set(key, [part]);
  }
  return [...classes.values()].map((parts) => parts.sort((a, b) => b.value - a.value).flatMap((p) => p.ids));
}
