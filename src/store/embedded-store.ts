// The embedded store: one SQLite file (better-sqlite3), with transactions, change history and Chinese search.
import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { AtlasError, StoreError } from "../errors.ts";
import { type Dataset, type Firm, isLocalFirm, normaliseUrl } from "../model/index.ts";
import type { Project } from "../model/project.ts";
import type { SubgraphKeys } from "./chain-subgraph.ts";
import { rowsDataset } from "./dataset-entities.ts";
import { firmIdsLikeIn, matchCandidatesIn } from "./dataset-namers.ts";
import {
  dropStaged,
  recordStagedDiff,
  stageDataset,
  stagedDiffers,
  stagedDiffItems,
  swapInStaged,
} from "./embedded-replace.ts";
import { loadEmbeddedSubgraph, refreshSubgraphIndex } from "./embedded-subgraph.ts";
import {
  dataStamp,
  indexSubgraph,
  indexSubgraphText,
  staleParts,
  updateSubgraphIndex,
} from "./embedded-subgraph-index.ts";
import * as pipeline from "./projects/embedded-pipeline.ts";
import { decideReviewItem, enqueueReviews, getReview, listReviews, reviewSchema } from "./review-queue.ts";
import type {
  ChangeItem,
  ChangeMeta,
  ChangeSet,
  ChangeSummary,
  EntityChange,
  FirmHit,
  LoadOptions,
  MatchAsk,
  NamedTarget,
  Namers,
  PipelineCopy,
  PipelineSetting,
  Placed,
  ProjectChange,
  ProjectNote,
  ReviewItem,
  ReviewStatus,
  Store,
  StoredKind,
  StreamedKind,
  SubgraphOptions,
  WriteOptions,
  WriteSummary,
} from "./store.ts";
import { fileKindOf, migrate } from "./store-schema.ts";

/** Rows per page of streamEntities. */
const STREAM_PAGE = 2000;

/** Text a firm is found by: names, aliases, products. */
function searchText(f: Firm): string {
  return [f.name.zh, f.name.en ?? "", ...f.name.aliases, ...f.products.map((p) => p.name)].join(" | ");
}

export interface EmbeddedOpenOptions {
  /** Create the file when it does not exist (default true); false makes a missing file a StoreError. */
  create?: boolean;
}

export class EmbeddedStore implements Store {
  readonly kind = "embedded" as const;
  /** The SQLite handle: extra modules keep their own tables here (`create table if not exists …`). */
  readonly db: Database.Database;

  /**
   * Opens (or creates) a chain-atlas store. A file that is not empty and not a chain-atlas store is refused
   * and left untouched: it is first opened read-only, and only a recognised store is opened for writing.
   */
  constructor(
    readonly file: string,
    opts: EmbeddedOpenOptions = {},
  ) {
    const memory = file === ":memory:";
    const exists = !memory && existsSync(file);
    if (!memory && !exists && opts.create === false)
      throw new StoreError(
        `no store at ${file}; create it with \`chain-atlas start\` (fills it from the shipped seed) or \`chain-atlas import <dir>\`, or pass --db with the right path`,
      );
    if (exists && statSync(file).isDirectory())
      throw new StoreError(`the store ${file} is a directory; expected a SQLite file such as data/atlas.db`);
    if (exists && statSync(file).size > 0) refuseForeign(file);
    try {
      if (!memory) mkdirSync(dirname(file), { recursive: true });
      this.db = new Database(file);
    } catch (e) {
      throw new StoreError(`cannot open the embedded store ${file}: ${(e as Error).message}`);
    }
    try {
      const found = fileKindOf(this.db);
      if (found.kind === "foreign") throw new StoreError(notOurs(file));
      this.db.pragma("journal_mode = WAL");
      this.db.pragma("foreign_keys = ON");
      migrate(this.db, file, found.kind === "atlas" ? found.version : 0);
      reviewSchema(this.db);
      pipeline.pipelineSchema(this.db);
    } catch (e) {
      this.db.close();
      if (e instanceof StoreError) throw e;
      throw new StoreError(`cannot open the embedded store ${file}: ${(e as Error).message}`);
    }
  }

  async isEmpty(): Promise<boolean> {
    return this.db.prepare("select value from meta where key = 'region'").get() === undefined;
  }

  async loadDataset(opts: LoadOptions = {}): Promise<Dataset> {
    const region = this.db.prepare("select value from meta where key = 'region'").pluck().get() as
      | string
      | undefined;
    if (region === undefined)
      throw new StoreError(
        `the store ${this.file} is empty; import a seed first (chain-atlas import graph-seeds/jiaxing)`,
      );
    const omit = opts.omit ?? [];
    const rows = this.db
      .prepare(`select kind, seq, json from entity where kind not in (${omit.map(() => "?").join(", ")})`)
      .raw()
      .iterate(...omit);
    return rowsDataset(region, rows as Iterable<[StoredKind, number, string]>);
  }

  async readEntity(kind: StreamedKind, id: string): Promise<unknown | undefined> {
    const json = this.db.prepare("select json from entity where kind = ? and id = ?").pluck().get(kind, id) as
      | string
      | undefined;
    return json === undefined ? undefined : JSON.parse(json);
  }

  async pageEntities(
    kind: StreamedKind,
    offset: number,
    limit: number,
  ): Promise<{ items: unknown[]; total: number }> {
    const rows = this.db
      .prepare("select json from entity where kind = ? order by seq limit ? offset ?")
      .pluck()
      .all(kind, limit, offset) as string[];
    const total = this.db.prepare("select count(*) from entity where kind = ?").pluck().get(kind) as number;
    return { items: rows.map((j) => JSON.parse(j)), total };
  }

  async lastChangeOf(
    kind: StoredKind,
    id: string,
  ): Promise<{ who: string; at: string; why: string } | undefined> {
    return this.db
      .prepare(
        `select s.who, s.at, s.why from change_item i join change_set s on s.id = i.change_id
         where i.kind = ? and i.entity_id = ? order by s.id desc limit 1`,
      )
      .get(kind, id) as { who: string; at: string; why: string } | undefined;
  }

  async readPlaced(kind: StreamedKind, ids: ReadonlyArray<string>): Promise<Placed[]> {
    const rows = this.db
      .prepare(
        "select seq, json from entity where kind = ? and id in (select value from json_each(?)) order by seq",
      )
      .raw()
      .all(kind, JSON.stringify(ids)) as Array<[number, string]>;
    return rows.map(([seq, json]) => ({ seq, entity: JSON.parse(json) }));
  }

  async namedBy(target: NamedTarget, limit: number): Promise<Namers> {
    // What names the target, per kind: a test on the entity's JSON (the file is read by SQLite, not parsed here).
    const where: Record<NamedTarget["kind"], { firms: string; ties?: string }> = {
      sources: {
        firms:
          "exists (select 1 from json_tree(e.json) t where t.atom = $id and t.type = 'text' and t.path like '%.sources')",
        ties: "exists (select 1 from json_each(e.json, '$.sources') t where t.value = $id)",
      },
      firms: {
        firms: "json_extract(e.json, '$.parent') = $id",
        ties: "(json_extract(e.json, '$.supplier') = $id or json_extract(e.json, '$.customer') = $id)",
      },
      segments: {
        firms:
          "exists (select 1 from json_each(e.json, '$.segments') l where json_extract(l.value, '$.segment') = $id)",
        ties: "json_extract(e.json, '$.segment') = $id",
      },
      regions: { firms: "json_extract(e.json, '$.location.region') = $id" },
    };
    const read = (kind: "firms" | "ties", test: string | undefined): Placed[] =>
      test === undefined
        ? []
        : (
            this.db
              .prepare(
                `select e.seq, e.json from entity e where e.kind = $kind and ${test} order by e.seq limit $limit`,
              )
              .raw()
              .all({ kind, id: target.id, limit }) as Array<[number, string]>
          ).map(([seq, json]) => ({ seq, entity: JSON.parse(json) }));
    const w = where[target.kind];
    return { firms: read("firms", w.firms), ties: read("ties", w.ties) };
  }

  async matchCandidates(ask: MatchAsk): Promise<Placed[]> {
    // A city's firms are read whole (fast from one file): the meaning itself, on them.
    const rows = this.db
      .prepare("select seq, json from entity where kind = 'firms' order by seq")
      .raw()
      .all() as Array<[number, string]>;
    const firms = rows.map(([, json]) => JSON.parse(json) as Firm);
    return matchCandidatesIn({ firms } as unknown as Dataset, ask).map((p) => ({
      seq: rows[p.seq]![0],
      entity: p.entity,
    }));
  }

  async firmIdsLike(bases: ReadonlyArray<string>): Promise<string[]> {
    const ids = this.db
      .prepare("select id from entity where kind = 'firms' order by seq")
      .pluck()
      .all() as string[];
    return firmIdsLikeIn({ firms: ids.map((id) => ({ id })) } as unknown as Dataset, bases);
  }

  async projects(): Promise<Project[]> {
    return pipeline.listProjects(this.db);
  }

  async project(id: string): Promise<Project | undefined> {
    return pipeline.getProject(this.db, id);
  }

  async writeProject(note: ProjectNote, change: (all: Project[]) => Project): Promise<Project> {
    return pipeline.writeProject(this.db, note, change);
  }

  async projectChanges(id: string): Promise<ProjectChange[]> {
    return pipeline.projectChanges(this.db, id);
  }

  async pipelineSetting(key: string): Promise<PipelineSetting | undefined> {
    return pipeline.readSetting(this.db, key);
  }

  async setPipelineSetting(key: string, json: unknown, who: string): Promise<void> {
    pipeline.writeSetting(this.db, key, json, who);
  }

  async readPipeline(): Promise<PipelineCopy> {
    return pipeline.readPipeline(this.db);
  }

  async replacePipeline(copy: PipelineCopy): Promise<void> {
    pipeline.replacePipeline(this.db, copy);
  }

  async reviewItems(status?: ReviewStatus): Promise<ReviewItem[]> {
    return listReviews(this.db, status);
  }

  async reviewItem(id: number): Promise<ReviewItem | undefined> {
    return getReview(this.db, id);
  }

  async sourcesAt(url: string): Promise<Placed[]> {
    const key = normaliseUrl(url);
    const rows = this.db
      .prepare(
        "select seq, json, json_extract(json, '$.url') from entity where kind = 'sources' and json_extract(json, '$.url') is not null order by seq",
      )
      .raw()
      .all() as Array<[number, string, string]>;
    return rows
      .filter(([, , u]) => normaliseUrl(u) === key)
      .map(([seq, json]) => ({ seq, entity: JSON.parse(json) }));
  }

  async *streamEntities(kind: StreamedKind): AsyncGenerator<unknown> {
    // Read in pages by seq, so no statement stays open across the caller's awaits (the connection is free
    // between pages) and a page's rows are all that is held.
    const page = this.db.prepare(
      `select seq, json from entity where kind = ? and seq > ? order by seq limit ${STREAM_PAGE}`,
    );
    let after = -1;
    for (;;) {
      const rows = page.raw().all(kind, after) as Array<[number, string]>;
      for (const [, json] of rows) yield JSON.parse(json);
      if (rows.length < STREAM_PAGE) return;
      after = rows[rows.length - 1]![0];
    }
  }

  async replaceDataset(ds: Dataset, meta: ChangeMeta, opts: WriteOptions = {}): Promise<ChangeSummary> {
    const regionJson = JSON.stringify(ds.region);
    const apply = this.db.transaction((): ChangeSummary => {
      this.checkPrecondition(opts);
      // Two entities of one kind and id are refused (by the staging table's key) even when the rest is a no-op.
      stageDataset(this.db, ds, opts.onProgress);
      // Importing what the store already holds changes nothing and records nothing.
      if (!stagedDiffers(this.db, regionJson)) {
        dropStaged(this.db);
        this.indexText(ds, opts.subgraphKeys);
        return { changeId: undefined, added: 0, changed: 0, removed: 0 };
      }
      const changeId = this.openChangeSet(opts.op ?? "import", meta);
      const counts = recordStagedDiff(this.db, changeId, { id: ds.region.id, json: regionJson });
      this.db
        .prepare("update change_set set added = ?, changed = ?, removed = ? where id = ?")
        .run(counts.added, counts.changed, counts.removed, changeId);
      this.db
        .prepare(
          "insert into meta (key, value) values ('region', ?) on conflict(key) do update set value = excluded.value",
        )
        .run(regionJson);
      swapInStaged(this.db);
      this.db.exec("delete from firm_search;");
      const index = this.db.prepare("insert into firm_search (id, text) values (?, ?)");
      for (const f of ds.firms) index.run(f.id, searchText(f));
      indexSubgraph(this.db, ds);
      this.indexText(ds, opts.subgraphKeys);
      return { changeId, ...counts };
    });
    return immediately(apply, "import");
  }

  async writeEntities(
    changes: ReadonlyArray<EntityChange>,
    meta: ChangeMeta,
    opts: Omit<WriteOptions, "onProgress"> = {},
  ): Promise<WriteSummary> {
    const apply = this.db.transaction((): WriteSummary => {
      this.checkPrecondition(opts);
      const stored = this.db.prepare("select json from entity where kind = ? and id = ?").pluck();
      const lastSeq = this.db.prepare("select coalesce(max(seq), -1) from entity where kind = ?").pluck();
      const insert = this.db.prepare("insert into entity (kind, id, seq, json) values (?, ?, ?, ?)");
      const update = this.db.prepare("update entity set json = ? where kind = ? and id = ?");
      const remove = this.db.prepare("delete from entity where kind = ? and id = ?");
      const unindex = this.db.prepare("delete from firm_search where id = ?");
      const index = this.db.prepare("insert into firm_search (id, text) values (?, ?)");
      const items: ChangeItem[] = [];
      if (opts.review?.enqueue) enqueueReviews(this.db, opts.review.enqueue);
      if (opts.review?.decide) decideReviewItem(this.db, opts.review.decide);
      for (const c of changes) {
        const old = stored.get(c.kind, c.id) as string | undefined;
        if (c.json === undefined) {
          if (old === undefined) continue;
          remove.run(c.kind, c.id);
          items.push({ kind: c.kind, id: c.id, action: "removed" });
        } else if (old === undefined) {
          insert.run(c.kind, c.id, (lastSeq.get(c.kind) as number) + 1, c.json);
          items.push({ kind: c.kind, id: c.id, action: "added" });
        } else if (old !== c.json) {
          update.run(c.json, c.kind, c.id);
          items.push({ kind: c.kind, id: c.id, action: "changed" });
        } else continue;
        if (c.kind === "firms") {
          unindex.run(c.id);
          if (c.json !== undefined) index.run(c.id, searchText(JSON.parse(c.json) as Firm));
        }
      }
      if (items.length === 0) return { changeId: undefined, added: 0, changed: 0, removed: 0, items };
      const wasCurrent = dataStamp(this.db);
      const summary = this.record(opts.op ?? "edit", meta, items);
      updateSubgraphIndex(this.db, items, wasCurrent);
      return summary;
    });
    return immediately(apply, "write");
  }

  /** Runs a write's precondition against the store as it is inside the write's transaction. */
  private checkPrecondition(opts: Pick<WriteOptions, "precondition">): void {
    if (!opts.precondition) return;
    const one = this.db.prepare("select json from entity where kind = ? and id = ?").pluck();
    const lastChangeId = this.db
      .prepare("select coalesce(max(id), 0) from change_set")
      .pluck()
      .get() as number;
    opts.precondition({ json: (kind, id) => one.get(kind, id) as string | undefined, lastChangeId });
  }

  /**
   * What replacing the stored dataset by `ds` would change (region first): the same staging table and SQL diff
   * as the import (its temporary table only is written, then dropped), so neither side's rows are held in memory.
   */
  async previewReplace(ds: Dataset): Promise<ChangeItem[]> {
    const region = { id: ds.region.id, json: JSON.stringify(ds.region) };
    return this.db
      .transaction((): ChangeItem[] => {
        stageDataset(this.db, ds);
        const items = stagedDiffItems(this.db, region);
        dropStaged(this.db);
        return items;
      })
      .deferred();
  }

  /** Inserts a change set with no counts yet and returns its id; runs inside the caller's transaction. */
  private openChangeSet(op: string, meta: ChangeMeta): number {
    const { lastInsertRowid } = this.db
      .prepare(
        "insert into change_set (at, who, why, op, added, changed, removed) values (?, ?, ?, ?, 0, 0, 0)",
      )
      .run(new Date().toISOString(), meta.who, meta.why, op);
    return Number(lastInsertRowid);
  }

  private itemsOf(changeId: number): ChangeItem[] {
    return this.db
      .prepare("select kind, entity_id as id, action from change_item where change_id = ? order by rowid")
      .all(changeId) as ChangeItem[];
  }

  /** The text-evidence pairs of these keys, from the dataset being imported (inside its transaction). */
  private indexText(ds: Dataset, keys: ReadonlyArray<SubgraphKeys> = []): void {
    if (keys.length > 0 && staleParts(this.db, keys[0]!).structure) return; // built whole when next read
    for (const k of keys)
      if (staleParts(this.db, k).text) indexSubgraphText(this.db, ds.segments, ds.firms, k);
  }

  /** Writes one change set and its items; runs inside the caller's transaction. */
  private record(op: string, meta: ChangeMeta, items: ChangeItem[]): WriteSummary {
    const count = (a: ChangeItem["action"]) => items.filter((i) => i.action === a).length;
    const summary = { added: count("added"), changed: count("changed"), removed: count("removed") };
    const { lastInsertRowid } = this.db
      .prepare(
        "insert into change_set (at, who, why, op, added, changed, removed) values (?, ?, ?, ?, ?, ?, ?)",
      )
      .run(new Date().toISOString(), meta.who, meta.why, op, summary.added, summary.changed, summary.removed);
    const changeId = Number(lastInsertRowid);
    const insert = this.db.prepare(
      "insert into change_item (change_id, kind, entity_id, action) values (?, ?, ?, ?)",
    );
    for (const i of items) insert.run(changeId, i.kind, i.id, i.action);
    return { changeId, ...summary, items };
  }

  async history(limit = 50): Promise<ChangeSet[]> {
    return this.db.prepare("select * from change_set order by id desc limit ?").all(limit) as ChangeSet[];
  }

  async changeItems(changeId: number): Promise<ChangeItem[]> {
    return this.itemsOf(changeId);
  }

  async findFirms(query: string, limit = 20): Promise<FirmHit[]> {
    const q = query.trim();
    if (q === "") return [];
    // The trigram tokenizer matches substrings of 3+ characters; shorter queries (光伏) fall back to LIKE. Hits come
    // in dataset order, as on Neo4j, so `find` answers alike on both stores.
    const inOrder = (where: string) =>
      `select s.id from firm_search s join entity e on e.kind = 'firms' and e.id = s.id where ${where} order by e.seq limit ?`;
    const ids = (
      [...q].length >= 3
        ? this.db
            .prepare(inOrder("firm_search match ?"))
            .pluck()
            .all(`"${q.replaceAll('"', '""')}"`, limit)
        : this.db
            .prepare(inOrder("s.text like ? escape '\\'"))
            .pluck()
            .all(`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, limit)
    ) as string[];
    const get = this.db.prepare("select json from entity where kind = 'firms' and id = ?").pluck();
    return ids.map((id) => {
      const f = JSON.parse(get.get(id) as string) as Firm;
      return {
        id: f.id,
        name: { zh: f.name.zh, en: f.name.en },
        local: isLocalFirm(f),
        products: f.products.map((p) => p.name),
      };
    });
  }

  async loadChainSubgraph(chainId: string, keys: SubgraphKeys, opts: SubgraphOptions = {}): Promise<Dataset> {
    return loadEmbeddedSubgraph(this.db, chainId, keys, opts);
  }

  async prepareChainSubgraphs(keys: SubgraphKeys): Promise<void> {
    refreshSubgraphIndex(this.db, keys);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/**
 * Runs a write transaction (taking the write lock at once); a refusal reaches the caller as thrown, any other
 * failure as a StoreError saying that nothing was written.
 */
function immediately<T>(apply: Database.Transaction<() => T>, what: "import" | "write"): T {
  try {
    return apply.immediate();
  } catch (e) {
    if (e instanceof AtlasError) throw e;
    throw new StoreError(`${what} failed and was rolled back: ${(e as Error).message}`);
  }
}

const notOurs = (file: string) =>
  `${file} is not a chain-atlas store (another program's SQLite file, or not SQLite at all); it was left untouched — pass --db with a new file name or an existing chain-atlas store`;

/** Throws, without writing a byte, when an existing non-empty file is not a chain-atlas store. */
function refuseForeign(file: string): void {
  let probe: Database.Database | undefined;
  try {
    probe = new Database(file, { readonly: true, fileMustExist: true });
    if (fileKindOf(probe).kind === "foreign") throw new StoreError(notOurs(file));
  } catch (e) {
    if (e instanceof StoreError) throw e;
    throw new StoreError(notOurs(file).replace("(another", `(${(e as Error).message}: another`));
  } finally {
    probe?.close();
  }
}
