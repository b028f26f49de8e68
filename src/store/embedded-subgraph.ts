// The subgraph one chain's analysis needs, cut out of the embedded store with indexed SQL (see Store.loadChainSubgraph).
import type Database from "better-sqlite3";
import { StoreError } from "../errors.ts";
import { type Dataset, emptyDataset, type Firm, type Segment } from "../model/index.ts";
import type { SubgraphKeys } from "./chain-subgraph.ts";
import { indexSubgraph, indexSubgraphText, staleParts } from "./embedded-subgraph-index.ts";
import type { SubgraphOptions } from "./store.ts";
import { citedSourceIds, reachOf, SKELETON_KINDS } from "./subgraph-reach.ts";

const WHOLE = SKELETON_KINDS;

interface Row {
  kind: string;
  seq: number;
  json: string;
}

const parseAll = <T>(rows: ReadonlyArray<Row>): T[] =>
  [...rows].sort((a, b) => a.seq - b.seq).map((r) => JSON.parse(r.json) as T);

/** Brings the index up to date with the stored data (and keys): after an older store, or new matching resources. */
export function refreshSubgraphIndex(
  db: Database.Database,
  keys: SubgraphKeys,
  opts: { text?: boolean } = {},
): void {
  const stale = staleParts(db, keys);
  if (opts.text === false) stale.text = false;
  if (!stale.structure && !stale.text) return;
  const all = (kind: string) =>
    parseAll(db.prepare("select kind, seq, json from entity where kind = ?").all(kind) as Row[]);
  const firms = all("firms") as Firm[];
  db.transaction(() => {
    if (stale.structure) indexSubgraph(db, { firms, ties: all("ties") as Dataset["ties"] });
    if (stale.text) indexSubgraphText(db, all("segments") as Segment[], firms, keys);
  }).immediate();
}

/** The chain's subgraph (a dataset), or all chains and segments with no firms when the chain is unknown. */
export function loadEmbeddedSubgraph(
  db: Database.Database,
  chainId: string,
  keys: SubgraphKeys,
  opts: SubgraphOptions = {},
): Dataset {
  const candidates = opts.candidates !== false;
  const region = db.prepare("select value from meta where key = 'region'").pluck().get() as
    | string
    | undefined;
  if (region === undefined) throw new StoreError("the store is empty; import a seed first");
  refreshSubgraphIndex(db, keys, { text: candidates });
  const ds = emptyDataset(JSON.parse(region));
  const read = db.prepare("select kind, seq, json from entity where kind = ?");
  for (const kind of WHOLE) (ds[kind] as unknown[]) = parseAll(read.all(kind) as Row[]);

  const mine = ds.segments.filter((s) => s.chain === chainId);
  const near = reachOf(ds.segments, ds.feeds, mine);
  const masters = ds.chains.flatMap((c) => c.masters.map((m) => m.firm));

  return db
    .transaction((): Dataset => {
      // The wanted firm and tie ids, a temporary table each, so no statement reads the table it fills.
      db.exec(`create temp table if not exists sg_want_firm (id text primary key) without rowid;
      create temp table if not exists sg_want_tie (id text primary key) without rowid;
      create temp table if not exists sg_key (key text primary key) without rowid;
      delete from sg_want_firm; delete from sg_want_tie;`);
      const keyIn = (list: Iterable<string>) => {
        db.exec("delete from sg_key");
        const put = db.prepare("insert or ignore into sg_key (key) values (?)");
        for (const k of list) put.run(k);
      };
      const want = (kind: "firm" | "tie", sql: string, ...params: string[]) =>
        db.prepare(`insert or ignore into sg_want_${kind} (id) ${sql}`).run(...params);
      const own = mine.map((s) => s.id);
      // Firms linked to the chain's segments or their FEEDS neighbours (local supply and demand, flow).
      keyIn(near);
      want("firm", "select firm from sg_link where segment in (select key from sg_key)");
      // Local firms of the segments the analysis counts for every chain (keys.localSegments).
      keyIn(keys.localSegments(ds.segments));
      want(
        "firm",
        "select l.firm from sg_key k cross join sg_link l on l.segment = k.key cross join entity e on e.kind = 'firms' and e.id = l.firm where json_extract(e.json, '$.location.region') is not null",
      );
      // Candidates by code, by text evidence; ties filed under the chain's segments or into its linked firms.
      if (candidates) {
        keyIn(keys.codesFor(mine));
        want("firm", "select firm from sg_code where code in (select key from sg_key)");
      }
      keyIn(own);
      if (candidates)
        want(
          "firm",
          "select firm from sg_text where version = ? and segment in (select key from sg_key)",
          keys.version,
        );
      want("tie", "select id from sg_tie where segment in (select key from sg_key)");
      want(
        "tie",
        "select id from sg_tie where customer in (select firm from sg_link where segment in (select key from sg_key))",
      );
      // Every chain master (the master flag orders and weighs demand); this chain's masters' groups, and every
      // tie the masters or their groups have: who already trades with them.
      keyIn(masters);
      want("firm", "select key from sg_key");
      keyIn(ds.chains.filter((c) => c.id === chainId).flatMap((c) => c.masters.map((m) => m.firm)));
      // CROSS JOIN keeps the small table outside: left to itself the planner walks every entity of the kind
      // (a hundred thousand firms, a million ties) and probes the small one, several times slower.
      db.prepare(
        "insert or ignore into sg_key (key) select json_extract(e.json, '$.parent') from sg_key k cross join entity e on e.kind = 'firms' and e.id = k.key where json_extract(e.json, '$.parent') is not null",
      ).run();
      want("firm", "select key from sg_key");
      want("tie", "select id from sg_tie where supplier in (select key from sg_key)");
      want("tie", "select id from sg_tie where customer in (select key from sg_key)");
      // The firms asked for by id (a what-if's landing firm) and every tie they have.
      if (!candidates && opts.firms && opts.firms.length > 0) {
        keyIn(opts.firms);
        want("firm", "select key from sg_key");
        want("tie", "select id from sg_tie where supplier in (select key from sg_key)");
        want("tie", "select id from sg_tie where customer in (select key from sg_key)");
      }
      // Every tie's both ends are in the dataset.
      want("firm", "select t.supplier from sg_want_tie w cross join sg_tie t on t.id = w.id");
      want("firm", "select t.customer from sg_want_tie w cross join sg_tie t on t.id = w.id");
      const picked = (kind: "firm" | "tie") =>
        db
          .prepare(
            `select e.kind, e.seq, e.json from sg_want_${kind} w cross join entity e on e.kind = '${kind}s' and e.id = w.id`,
          )
          .all() as Row[];
      ds.firms = parseAll(picked("firm"));
      ds.ties = parseAll(picked("tie"));
      ds.sources = citedSources(db, ds);
      return ds;
    })
    .deferred();
}

/** The sources any loaded fact cites (in store order). */
function citedSources(db: Database.Database, ds: Dataset): Dataset["sources"] {
  const ids = citedSourceIds([...WHOLE, "firms", "ties"].map((kind) => ds[kind as keyof Dataset]));
  if (ids.size === 0) return [];
  db.exec("delete from sg_key");
  const put = db.prepare("insert or ignore into sg_key (key) values (?)");
  for (const id of ids) put.run(id);
  return parseAll(
    db
      .prepare(
        "select e.kind, e.seq, e.json from sg_key k cross join entity e on e.kind = 'sources' and e.id = k.key",
      )
      .all() as Row[],
  );
}
