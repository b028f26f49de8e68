// The Neo4j store: the Store interface over neo4j-driver, each call one explicit transaction, retried if transient.
import neo4j, { type Driver, type Session } from "neo4j-driver";
import { AtlasError, StoreError } from "../../errors.ts";
import { type Dataset, type Firm, isLocalFirm, normaliseUrl } from "../../model/index.ts";
import { Project } from "../../model/project.ts";
import type { SubgraphKeys } from "../chain-subgraph.ts";
import { datasetRows, diffRows } from "../dataset-entities.ts";
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
} from "../store.ts";
import {
  lastChangeId,
  lockChanges,
  readChangeItems,
  readChangeSet,
  readHistory,
  readLastChangeOf,
  recordChange,
} from "./change-history.ts";
import { NODE_LABELS } from "./graph-shape.ts";
import { firmIdsLike, matchCandidates } from "./match-candidates.ts";
import { namedBy, readPlaced, sourcesAt } from "./namers.ts";
import { type Endpoint, storeError, withRetry } from "./neo4j-errors.ts";
import {
  catchUpTextEvidence,
  hasSubgraphShape,
  readNeo4jSubgraph,
  textEvidenceFresh,
  writeTextEvidence,
} from "./neo4j-subgraph.ts";
import { type BuiltPack, writePack } from "./pack-subgraph.ts";
import {
  getProject,
  projectChanges as listProjectChanges,
  listProjects,
  readPipeline as readPipelineTx,
  readSetting,
  replacePipeline as replacePipelineTx,
  writeProject as writeProjectTx,
  writeSetting,
} from "./pipeline.ts";
import { parseEntity, readEntityRows, rowOf, rowsToDataset } from "./read-dataset.ts";
import { decideReviewItem, enqueueReviews, getReview, listReviews } from "./review-queue.ts";
import { DROPPED_SCHEMA, SCHEMA_STATEMENTS, schemaName } from "./schema.ts";
import { type Diff, replaceStaged } from "./staged-write.ts";
import type { SkeletonCache } from "./subgraph-parts.ts";
import { checkEdgeEnds, type Tx, writeDataset } from "./write-dataset.ts";
import { readEntityJson, writeEntities } from "./write-entities.ts";

export interface Neo4jCredentials {
  user: string;
  password: string;
  /** The database to use; the server's default when absent. */
  database?: string | undefined;
}

export interface Neo4jOptions {
  /**
   * A replace of more entity rows than this is written through a stage in batches (staged-write.ts) instead of
   * one transaction, whose memory the server would run out of; 0 stages every replace (tests).
   */
  stageAbove?: number;
}

/** Entity rows above which a replace is staged: one transaction holds this many comfortably in a 1 GB heap. */
export const STAGE_ABOVE = 100_000;
/** Rows per page of streamEntities. */
const STREAM_PAGE = 5000;

export class Neo4jStore implements Store {
  readonly kind = "neo4j" as const;
  private readonly endpoint: Endpoint;
  /** The skeleton the last chain subgraph read, kept while no change comes (subgraph-parts.ts SkeletonCache). */
  private readonly skeletons: SkeletonCache = {};

  private constructor(
    readonly url: string,
    private readonly driver: Driver,
    private readonly credentials: Neo4jCredentials,
    private readonly stageAbove: number,
  ) {
    this.endpoint = { url, user: credentials.user };
  }

  /** Connects, checks the credentials, and creates the constraints and indexes (idempotent). */
  static async connect(
    url: string,
    credentials: Neo4jCredentials,
    options: Neo4jOptions = {},
  ): Promise<Neo4jStore> {
    let driver: Driver;
    try {
      driver = neo4j.driver(url, neo4j.auth.basic(credentials.user, credentials.password), {
        disableLosslessIntegers: true,
        connectionTimeout: 10_000,
        userAgent: "chain-atlas",
      });
    } catch (e) {
      throw new StoreError(`cannot use ${url} as a Neo4j address: ${(e as Error).message.split("\n")[0]}`);
    }
    const store = new Neo4jStore(url, driver, credentials, options.stageAbove ?? STAGE_ABOVE);
    try {
      await driver.verifyConnectivity({ database: credentials.database });
      // One read of the schema's names; only what is missing (or dropped) is written, each in its own transaction.
      const names = await withRetry(() =>
        store.withSession("READ", async (s) => {
          const out = new Set<string>();
          for (const what of ["INDEXES", "CONSTRAINTS"])
            for (const rec of (await s.run(`SHOW ${what} YIELD name`)).records)
              out.add(rec.get("name") as string);
          return out;
        }),
      );
      const statements = [
        ...DROPPED_SCHEMA.filter((n) => names.has(n)).map((n) => `DROP CONSTRAINT ${n} IF EXISTS`),
        ...SCHEMA_STATEMENTS.filter((st) => !names.has(schemaName(st))),
      ];
      for (const statement of statements)
        await withRetry(() => store.withSession("WRITE", (s) => s.run(statement)));
      // A new index over a store that holds data fills in the background; wait for it once, here, so reads that
      // name it (USING INDEX) find it online.
      if (statements.length > 0)
        await withRetry(() => store.withSession("READ", (s) => s.run("CALL db.awaitIndexes(600)")));
    } catch (e) {
      await driver.close();
      throw storeError(e, store.endpoint);
    }
    return store;
  }

  private async withSession<T>(mode: "READ" | "WRITE", work: (s: Session) => Promise<T>): Promise<T> {
    const session = this.driver.session({
      database: this.credentials.database,
      defaultAccessMode: mode === "READ" ? neo4j.session.READ : neo4j.session.WRITE,
    });
    try {
      return await work(session);
    } finally {
      await session.close();
    }
  }

  /** One explicit transaction: committed when `work` returns, rolled back when it throws, retried if transient. */
  private transaction<T>(mode: "READ" | "WRITE", work: (tx: Tx) => Promise<T>): Promise<T> {
    return withRetry(() =>
      this.withSession(mode, async (session) => {
        const tx = session.beginTransaction();
        try {
          const out = await work(tx);
          await tx.commit();
          return out;
        } catch (e) {
          if (tx.isOpen()) await tx.rollback().catch(() => undefined);
          throw e;
        }
      }),
    );
  }

  private async read<T>(what: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    try {
      return await this.transaction("READ", work);
    } catch (e) {
      throw storeError(e, this.endpoint, what);
    }
  }

  async isEmpty(): Promise<boolean> {
    return this.read("isEmpty", async (tx) => {
      const r = await tx.run("MATCH (c:City) RETURN count(c) AS n");
      return Number(r.records[0]!.get("n")) === 0;
    });
  }

  async loadDataset(opts: LoadOptions = {}): Promise<Dataset> {
    const stored = await this.read("loading the dataset", (tx) => readEntityRows(tx, opts.omit));
    if (stored.region === undefined)
      throw new StoreError(
        `the Neo4j store at ${this.url} is empty; import a seed first (chain-atlas --store ${this.url} import graph-seeds/jiaxing)`,
      );
    return rowsToDataset({ region: stored.region, rows: stored.rows });
  }

  async replaceDataset(ds: Dataset, meta: ChangeMeta, opts: WriteOptions = {}): Promise<ChangeSummary> {
    checkEdgeEnds(ds);
    const next = datasetRows(ds);
    const regionJson = JSON.stringify(ds.region);
    // Two entities of one kind and id are refused before anything is compared or written (as the embedded
    // store's unique keys refuse them), so "nothing changed" never hides a duplicate.
    const ids = new Set<string>();
    for (const r of next) {
      const k = `${r.kind}\u0000${r.id}`;
      if (ids.has(k))
        throw new StoreError(
          `import failed and was rolled back: ${r.kind} ${JSON.stringify(r.id)} already exists`,
        );
      ids.add(k);
    }
    // What the replace changes, against the committed data it runs on (the caller's precondition sees it).
    const diff = async (tx: Tx): Promise<Diff> => {
      const prev = await readEntityRows(tx);
      const last = await lastChangeId(tx);
      if (opts.precondition) {
        const stored = new Map(prev.rows.map((r) => [`${r.kind}\u0000${r.id}`, r.json]));
        opts.precondition({ json: (kind, id) => stored.get(`${kind}\u0000${id}`), lastChangeId: last });
      }
      const items: ChangeItem[] = diffRows(prev.rows, next);
      if (prev.region !== regionJson)
        items.unshift({
          kind: "region",
          id: ds.region.id,
          action: prev.region === undefined ? "added" : "changed",
        });
      return { last, items };
    };
    try {
      if (next.length > this.stageAbove) {
        const first = await this.transaction("READ", diff);
        if (first.items.length > 0)
          return await replaceStaged(
            (mode, work) => this.transaction(mode, work),
            ds,
            next.length,
            first,
            diff,
            meta,
            { op: opts.op ?? "import", onProgress: opts.onProgress, keys: opts.subgraphKeys ?? [] },
          );
        // Unchanged: nothing is written but missing text evidence, batch by batch (a province's outgrows one
        // transaction).
        for (const k of opts.subgraphKeys ?? []) await this.prepareChainSubgraphs(k);
        return { changeId: undefined, added: 0, changed: 0, removed: 0 };
      }
      return await this.transaction("WRITE", async (tx) => {
        await lockChanges(tx);
        const { items } = await diff(tx);
        // Writing what the store already holds changes nothing and records nothing (as the embedded store).
        if (items.length === 0) {
          await textEvidenceFor(tx, opts.subgraphKeys);
          return { changeId: undefined, added: 0, changed: 0, removed: 0, items };
        }
        await writeDataset(tx, ds, next.length, opts.onProgress);
        const summary = await recordChange(tx, opts.op ?? "import", meta, items);
        // The per-chain commands' text evidence, in the import's transaction (as the embedded store builds its
        // subgraph index): the first command after an import does not wait, and a failed import leaves none.
        await textEvidenceFor(tx, opts.subgraphKeys);
        return summary;
      });
    } catch (e) {
      // A refusal (a precondition's conflict, a validation) reaches the caller as thrown; nothing was written.
      if (e instanceof AtlasError && !(e instanceof StoreError)) throw e;
      throw new StoreError(`import failed and was rolled back: ${storeError(e, this.endpoint).message}`);
    }
  }

  /**
   * Writes only these entities (an edit through the API), with their derived relationships and the change set,
   * in one transaction; the precondition sees the stored JSON of the entities written.
   */
  async writeEntities(
    changes: ReadonlyArray<EntityChange>,
    meta: ChangeMeta,
    opts: Omit<WriteOptions, "onProgress"> = {},
  ): Promise<WriteSummary> {
    try {
      return await this.transaction("WRITE", async (tx) => {
        await lockChanges(tx);
        if (opts.precondition) {
          const rows = await readEntityJson(tx, changes);
          opts.precondition({
            json: (kind, id) => {
              const k = `${kind}\u0000${id}`;
              if (!rows.has(k))
                throw new StoreError(
                  `a precondition asked for ${kind} "${id}", which this write does not touch`,
                );
              return rows.get(k) ?? undefined;
            },
            lastChangeId: await lastChangeId(tx),
          });
        }
        if (opts.review?.enqueue) await enqueueReviews(tx, opts.review.enqueue);
        if (opts.review?.decide) await decideReviewItem(tx, opts.review.decide);
        const items = await writeEntities(tx, changes);
        if (items.length === 0) return { changeId: undefined, added: 0, changed: 0, removed: 0, items };
        return recordChange(tx, opts.op ?? "edit", meta, items);
      });
    } catch (e) {
      if (e instanceof AtlasError && !(e instanceof StoreError)) throw e;
      throw new StoreError(`the edit failed and was rolled back: ${storeError(e, this.endpoint).message}`);
    }
  }

  async previewReplace(ds: Dataset): Promise<ChangeItem[]> {
    const prev = await this.read("reading the dataset", readEntityRows);
    const items = diffRows(prev.rows, datasetRows(ds));
    if (prev.region !== JSON.stringify(ds.region))
      items.unshift({
        kind: "region",
        id: ds.region.id,
        action: prev.region === undefined ? "added" : "changed",
      });
    return items;
  }

  /**
   * What one chain's analysis reads, cut out in Cypher (neo4j-subgraph.ts: the embedded store's rules); the text
   * evidence for these keys is brought up to date first when the data changed since. A store written by an
   * older chain-atlas (without the subgraph's indexes) is read whole.
   */
  async loadChainSubgraph(chainId: string, keys: SubgraphKeys, opts: SubgraphOptions = {}): Promise<Dataset> {
    const state = await this.read("checking the chain subgraph index", async (tx) => ({
      shape: await hasSubgraphShape(tx),
      fresh: await textEvidenceFresh(tx, keys),
    }));
    if (!state.shape) return this.loadDataset();
    if (!state.fresh) await this.prepareChainSubgraphs(keys);
    const what = `loading the subgraph of chain "${chainId}"`;
    let built: BuiltPack | undefined;
    const ds = await this.read(what, (tx) =>
      readNeo4jSubgraph(
        tx,
        chainId,
        keys,
        opts,
        (work) => this.read(what, work),
        (p) => {
          built = p;
        },
        this.skeletons,
      ),
    );
    // The chain's candidate pack the read built: kept for the next ranking (the subgraph is this one's either way).
    if (built) {
      const pack = built;
      await this.transaction("WRITE", async (tx) => {
        // Beside the writers: a write committed after the read leaves the pack stale, and it is not kept.
        await lockChanges(tx);
        await writePack(tx, pack);
      }).catch((e: unknown) => {
        throw storeError(e, this.endpoint, `keeping the candidate pack of chain "${chainId}"`);
      });
    }
    return ds;
  }

  /**
   * Matches every candidate's text once for these keys and stores the pairs (import calls it; idempotent), batch
   * by batch. A read racing a rebuild may see some pairs twice or some missing; the stamp, written last, tells
   * the next read whether they describe the data.
   */
  async prepareChainSubgraphs(keys: SubgraphKeys): Promise<void> {
    try {
      const done = await this.transaction(
        "READ",
        async (tx) => !(await hasSubgraphShape(tx)) || (await textEvidenceFresh(tx, keys)),
      );
      if (done) return;
      // After a few edits or a list's import: only the changed firms' pairs, in one transaction.
      const caughtUp = await this.transaction("WRITE", async (tx) => {
        await lockChanges(tx);
        return catchUpTextEvidence(tx, keys);
      });
      if (caughtUp) return;
      // Batch by batch, each its own transaction: a province's pairs outgrow one transaction's memory.
      await writeTextEvidence(
        (work) =>
          this.transaction("WRITE", async (tx) => {
            await lockChanges(tx);
            return work(tx);
          }),
        keys,
      );
    } catch (e) {
      throw storeError(e, this.endpoint, "indexing the text evidence for chain subgraphs");
    }
  }

  /** One firm, tie or source by its id, through its schema (the id indexes make it one lookup). */
  async readEntity(kind: StreamedKind, id: string): Promise<unknown | undefined> {
    const cypher =
      kind === "ties"
        ? "MATCH (:Firm)-[n:SUPPLIES {id: $id}]->(:Firm) RETURN n.id AS id, n.seq AS seq, n.json AS json LIMIT 1"
        : `MATCH (n:${NODE_LABELS[kind]} {id: $id}) RETURN n.id AS id, n.seq AS seq, n.json AS json LIMIT 1`;
    const rows = await this.read(`reading a ${kind === "ties" ? "tie" : kind.slice(0, -1)}`, async (tx) =>
      (await tx.run(cypher, { id })).records.map((r) => rowOf(kind, r)),
    );
    const row = rows[0];
    return row === undefined ? undefined : parseEntity(kind, row.id, row.json);
  }

  async pageEntities(
    kind: StreamedKind,
    offset: number,
    limit: number,
  ): Promise<{ items: unknown[]; total: number }> {
    const [match, hint] =
      kind === "ties"
        ? ["MATCH (:Firm)-[n:SUPPLIES]->(:Firm)", "USING INDEX n:SUPPLIES(seq) WHERE n.seq >= 0"]
        : [`MATCH (n:${NODE_LABELS[kind]})`, `USING INDEX n:${NODE_LABELS[kind]}(seq) WHERE n.seq >= 0`];
    return this.read(`reading a page of ${kind}`, async (tx) => {
      const rows = await tx.run(
        `${match} ${hint} RETURN n.id AS id, n.seq AS seq, n.json AS json ORDER BY n.seq SKIP $offset LIMIT $limit`,
        { offset: neo4j.int(offset), limit: neo4j.int(limit) },
      );
      // Counted from the store's counts (no scan): every node of the label, every relationship of the type.
      const count = await tx.run(
        kind === "ties"
          ? "MATCH ()-[n:SUPPLIES]->() RETURN count(n) AS n"
          : `MATCH (n:${NODE_LABELS[kind]}) RETURN count(n) AS n`,
      );
      return {
        items: rows.records.map((r) => parseEntity(kind, r.get("id") as string, r.get("json") as string)),
        total: Number(count.records[0]!.get("n")),
      };
    });
  }

  lastChangeOf(kind: StoredKind, id: string): Promise<{ who: string; at: string; why: string } | undefined> {
    return this.read("reading who changed an entity", (tx) => readLastChangeOf(tx, kind, id));
  }

  readPlaced(kind: StreamedKind, ids: ReadonlyArray<string>): Promise<Placed[]> {
    return this.read(`reading ${kind} by id`, (tx) => readPlaced(tx, kind, ids));
  }

  namedBy(target: NamedTarget, limit: number): Promise<Namers | undefined> {
    return this.read(`reading what names ${target.kind} "${target.id}"`, (tx) => namedBy(tx, target, limit));
  }

  matchCandidates(ask: MatchAsk): Promise<Placed[] | undefined> {
    return this.read("reading the firms an import's rows could be", (tx) => matchCandidates(tx, ask));
  }

  firmIdsLike(bases: ReadonlyArray<string>): Promise<string[]> {
    return this.read("reading firm ids", (tx) => firmIdsLike(tx, bases));
  }

  projects(): Promise<Project[]> {
    return this.read("reading the projects", listProjects);
  }

  project(id: string): Promise<Project | undefined> {
    return this.read(`reading project ${id}`, (tx) => getProject(tx, id));
  }

  async writeProject(note: ProjectNote, change: (all: Project[]) => Project): Promise<Project> {
    // What the change throws (a rule of the pipeline refusing the write) reaches the caller as thrown.
    let refused: { e: unknown } | undefined;
    const guarded = (all: Project[]): Project => {
      try {
        return Project.parse(change(all));
      } catch (e) {
        refused = { e };
        throw e;
      }
    };
    try {
      return await this.transaction("WRITE", (tx) => writeProjectTx(tx, note, guarded));
    } catch (e) {
      if (refused && refused.e === e) throw e;
      throw storeError(e, this.endpoint, "writing a project");
    }
  }

  projectChanges(id: string): Promise<ProjectChange[]> {
    return this.read(`reading the changes of project ${id}`, (tx) => listProjectChanges(tx, id));
  }

  pipelineSetting(key: string): Promise<PipelineSetting | undefined> {
    return this.read(`reading the pipeline setting ${key}`, (tx) => readSetting(tx, key));
  }

  async setPipelineSetting(key: string, json: unknown, who: string): Promise<void> {
    try {
      await this.transaction("WRITE", (tx) => writeSetting(tx, key, json, who));
    } catch (e) {
      throw storeError(e, this.endpoint, `writing the pipeline setting ${key}`);
    }
  }

  readPipeline(): Promise<PipelineCopy> {
    return this.read("reading the pipeline", readPipelineTx);
  }

  async replacePipeline(copy: PipelineCopy): Promise<void> {
    try {
      await this.transaction("WRITE", (tx) => replacePipelineTx(tx, copy));
    } catch (e) {
      throw storeError(e, this.endpoint, "replacing the pipeline");
    }
  }

  reviewItems(status?: ReviewStatus): Promise<ReviewItem[]> {
    return this.read("reading the review queue", (tx) => listReviews(tx, status));
  }

  reviewItem(id: number): Promise<ReviewItem | undefined> {
    return this.read(`reading review item ${id}`, (tx) => getReview(tx, id));
  }

  sourcesAt(url: string): Promise<Placed[] | undefined> {
    return this.read("reading the sources at an address", (tx) => sourcesAt(tx, normaliseUrl(url)));
  }

  /** The firms, ties or sources in dataset order, a page at a time (each page its own read), each through its schema. */
  async *streamEntities(kind: StreamedKind): AsyncGenerator<unknown> {
    const cypher =
      kind === "ties"
        ? `MATCH (:Firm)-[n:SUPPLIES]->(:Firm) USING INDEX n:SUPPLIES(seq) WHERE n.seq > $after
           RETURN n.id AS id, n.seq AS seq, n.json AS json ORDER BY n.seq LIMIT $page`
        : `MATCH (n:${NODE_LABELS[kind]}) USING INDEX n:${NODE_LABELS[kind]}(seq) WHERE n.seq > $after
           RETURN n.id AS id, n.seq AS seq, n.json AS json ORDER BY n.seq LIMIT $page`;
    let after = -1;
    for (;;) {
      const rows = await this.read(`reading the ${kind}`, async (tx) =>
        (await tx.run(cypher, { after: neo4j.int(after), page: neo4j.int(STREAM_PAGE) })).records.map((r) =>
          rowOf(kind, r),
        ),
      );
      for (const r of rows) yield parseEntity(kind, r.id, r.json);
      if (rows.length < STREAM_PAGE) return;
      after = rows[rows.length - 1]!.seq;
    }
  }

  async history(limit = 50): Promise<ChangeSet[]> {
    return this.read("reading the history", (tx) => readHistory(tx, limit));
  }

  async changeSet(changeId: number): Promise<ChangeSet | undefined> {
    return this.read("reading a change", (tx) => readChangeSet(tx, changeId));
  }

  async changeItems(changeId: number): Promise<ChangeItem[]> {
    return this.read("reading a change", (tx) => readChangeItems(tx, changeId));
  }

  async findFirms(query: string, limit = 20): Promise<FirmHit[]> {
    const q = query.trim().toLowerCase();
    if (q === "") return [];
    const rows = await this.read("searching firms", async (tx) => {
      const r = await tx.run(
        "MATCH (f:Firm) WHERE f.search CONTAINS $q RETURN f.id AS id, f.json AS json ORDER BY f.seq LIMIT $limit",
        { q, limit: neo4j.int(Math.max(0, Math.trunc(limit))) },
      );
      return r.records.map((rec) => [rec.get("id") as string, rec.get("json") as string] as const);
    });
    return rows.map(([id, json]) => {
      const f = parseEntity("firms", id, json) as Firm;
      return {
        id: f.id,
        name: { zh: f.name.zh, en: f.name.en },
        local: isLocalFirm(f),
        products: f.products.map((p) => p.name),
      };
    });
  }

  /** Deletes every entity and the whole change history (tests, and `push --replace-history`-style resets). */
  async dropAll(): Promise<void> {
    for (const k of Object.keys(this.skeletons)) delete this.skeletons[k as keyof SkeletonCache];
    try {
      await withRetry(() =>
        this.withSession("WRITE", async (s) => {
          for (const label of [
            "ChangeItem",
            "ReviewItem",
            "Project",
            "ProjectChange",
            "PipelineSetting",
            "ChangeSet",
            "AtlasMeta",
            "City",
            "Region",
            "Source",
            "Chain",
            "Segment",
            "Firm",
            "Cluster",
            "ChainGroup",
            "Official",
            "IndustryCode",
            "AtlasStaged",
            "AtlasRetired",
          ])
            await s.run(`MATCH (n:${label}) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`);
        }),
      );
    } catch (e) {
      throw storeError(e, this.endpoint, "dropping everything");
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}

/** Brings the text evidence for these keys up to date, in the caller's write transaction. */
async function textEvidenceFor(tx: Tx, keys: ReadonlyArray<SubgraphKeys> = []): Promise<void> {
  if (keys.length === 0 || !(await hasSubgraphShape(tx))) return;
  for (const k of keys) if (!(await textEvidenceFresh(tx, k))) await writeTextEvidence((work) => work(tx), k);
}
