// What the server keeps between requests: the dataset and its graph (built once, patched or rebuilt after a write),
// derived answers in a bounded cache keyed by dataset version (single-flight), and one queue for writes.
// The graph lives in `graphStore` (the embedded file by default, or Neo4j); accounts and settings stay in `store`.

import { type MatchingResources, useMatchingResources } from "../analysis/matching/matching-resources.ts";
import { subgraphKeys } from "../analysis/matching/subgraph-keys.ts";
import type { AtlasGraph } from "../graph/index.ts";
import { buildGraph, chainOf, type GraphChange, patchGraph } from "../graph/index.ts";
import type { Dataset } from "../model/index.ts";
import { readsByChain } from "../queries/read-by-chain.ts";
import { readMatchingResources } from "../seed/index.ts";
import type { Accounts } from "../store/accounts/index.ts";
import type { EmbeddedStore } from "../store/embedded-store.ts";
import type { Store, SubgraphOptions } from "../store/store.ts";
import { AnswerCache, type AnswerCacheOptions } from "./answer-cache.ts";
import { JsonText } from "./json-text.ts";

export class AtlasState {
  private ds: Dataset | undefined;
  private g: AtlasGraph | undefined;
  private resources: MatchingResources | undefined;
  /** The newest change set the kept dataset reflects. */
  private version = -1;
  /** The dataset being loaded (concurrent first reads share one load). */
  private loading: Promise<Dataset> | undefined;
  readonly answers: AnswerCache;
  private queue: Promise<unknown> = Promise.resolve();
  private lastChange: { get(): unknown } | undefined;
  /** The graph store's newest change id as last seen (a store other than `store` is asked asynchronously). */
  private remoteChange = 0;
  private syncing: Promise<void> | undefined;
  /** Where the graph is read and written: `store` itself, or (Neo4j) a store whose writes keep the version. */
  readonly graphStore: Store;
  /** How many times the whole dataset was read from the graph store (a province's Neo4j should not be). */
  wholeReads = 0;

  constructor(
    readonly store: EmbeddedStore,
    readonly accounts: Accounts,
    cache: AnswerCacheOptions = {},
    graph?: Store,
  ) {
    this.answers = new AnswerCache(cache);
    this.graphStore = graph && graph !== store ? tracked(graph, (id) => (this.remoteChange = id)) : store;
  }

  private get remote(): boolean {
    return this.graphStore !== this.store;
  }

  private lastChangeId(): number {
    if (this.remote) return this.remoteChange;
    this.lastChange ??= this.store.db.prepare("select coalesce(max(id), 0) from change_set").pluck();
    return this.lastChange.get() as number;
  }

  /** Asks a remote graph store for its newest change (another process may have written); one ask at a time. */
  private sync(): Promise<void> {
    if (!this.remote) return Promise.resolve();
    this.syncing ??= this.graphStore.history(1).then(
      (h) => {
        this.remoteChange = h[0]?.id ?? 0;
        this.syncing = undefined;
      },
      (e: unknown) => {
        this.syncing = undefined;
        throw e;
      },
    );
    return this.syncing;
  }

  /** Drops what is kept when another process (an import from the CLI) changed the store. */
  private refresh(): void {
    const last = this.lastChangeId();
    if (last !== this.version) {
      this.ds = undefined;
      this.loading = undefined;
      this.g = undefined;
      this.answers.clear();
      this.version = last;
    }
  }

  /** The change set id the current dataset reflects. */
  get datasetVersion(): number {
    this.refresh();
    return this.version;
  }

  async dataset(): Promise<Dataset> {
    await this.sync();
    this.refresh();
    if (this.ds) return this.ds;
    const version = this.version;
    if (!this.loading) {
      this.wholeReads++;
      this.loading = this.graphStore.loadDataset();
    }
    const loading = this.loading;
    try {
      const ds = await loading;
      if (this.version === version) this.ds ??= ds;
      return ds;
    } finally {
      if (this.loading === loading) this.loading = undefined;
    }
  }

  async graph(): Promise<AtlasGraph> {
    const ds = await this.dataset();
    this.g ??= useMatchingResources(buildGraph(ds), this.matching());
    return this.g;
  }

  /**
   * The same matching resources as the CLI (vocabulary, GB/T classes, crosswalks), so a list row imported through
   * the API reaches its segments and the API ranks exactly as `chain-atlas targets` does.
   */
  matching(): MatchingResources {
    this.resources ??= readMatchingResources();
    return this.resources;
  }

  /**
   * Whether one chain's answers (gaps, targets, portfolio, what-if, fishbone, report) read its subgraph from the store instead
   * of the whole graph kept here: on Neo4j, the store for regions a whole graph in memory does not fit (as the CLI
   * reads it: queries/read-by-chain.ts); the embedded store's whole graph is kept.
   */
  get readsByChain(): boolean {
    return this.remote && readsByChain(this.graphStore);
  }

  /** Whether the store holds this chain: from the skeleton alone on a store read by chain, else the kept graph. */
  async hasChain(chain: string): Promise<boolean> {
    if (!this.readsByChain) return chainOf(await this.graph(), chain) !== undefined;
    const ids = await this.cached(
      "chain-ids",
      async () => new Set((await this.skeleton()).chains.map((c) => c.id)),
    );
    return ids.has(chain);
  }

  /**
   * The dataset without its long lists (firms, ties, sources): the chains, segments, feeds, regions, clusters, groups
   * and officials, read once per change — all a store read by chain is read whole for.
   */
  skeleton(): Promise<Dataset> {
    if (!this.readsByChain) return this.dataset();
    return this.cached("skeleton", () => this.graphStore.loadDataset({ omit: ["firms", "ties", "sources"] }));
  }

  /**
   * What a what-if (`opts`: the landing firm) and the chain's map read of one chain: on a store read by chain its
   * subgraph and the graph of it, matched with the CLI's resources; else the whole dataset and graph kept here. The
   * same answers either way.
   */
  async chainData(chain: string, opts: SubgraphOptions): Promise<{ ds: Dataset; g: AtlasGraph }> {
    if (!this.readsByChain) return { ds: await this.dataset(), g: await this.graph() };
    const ds = await this.chainDataset(chain, this.matching(), opts);
    return { ds, g: useMatchingResources(buildGraph(ds), this.matching()) };
  }

  /** One chain's subgraph as the store cuts it for the analysis matching with `res` (answers are cached by the caller). */
  async chainDataset(chain: string, res: MatchingResources, opts: SubgraphOptions = {}): Promise<Dataset> {
    const read = this.graphStore.loadChainSubgraph?.bind(this.graphStore);
    if (!read) return this.dataset();
    return read(chain, subgraphKeys(res), opts);
  }

  /**
   * A derived answer (targets, gaps, layout …) computed once per dataset version and key (route and
   * normalised options); concurrent identical misses share one computation.
   */
  cached<V>(key: string, make: () => Promise<V> | V): Promise<V> {
    const get = () => {
      this.refresh();
      return this.answers.get(`v${this.version}|${key}`, make);
    };
    return this.remote ? this.sync().then(get) : get();
  }

  /** Like `cached`, kept as JSON text: a hot answer is serialised once, not per request. */
  cachedJson(key: string, make: () => Promise<unknown> | unknown): Promise<JsonText> {
    return this.cached(`json:${key}`, async () => new JsonText(JSON.stringify(await make())));
  }

  /** Runs writes one at a time; after a write the next read loads the new dataset. */
  write<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Keeps a dataset just written. With the one firm or tie written, the kept graph is patched in place (a few
   * edges, where a rebuild at 20,000 firms costs seconds); else it is rebuilt on the next read that needs it.
   */
  written(ds: Dataset, change?: GraphChange): void {
    const patched =
      this.g !== undefined && this.ds !== undefined && change !== undefined && patchGraph(this.g, change);
    this.ds = ds;
    this.loading = undefined;
    if (!patched) this.g = undefined;
    this.answers.clear();
    this.version = this.lastChangeId();
  }

  /** After a write the kept dataset does not hold (a store read by chain): what was kept from before goes. */
  changed(): void {
    this.ds = undefined;
    this.loading = undefined;
    this.g = undefined;
    this.answers.clear();
    this.version = this.lastChangeId();
  }
}

/** `store` with every write's change id handed to `seen`: the state knows the version it wrote without asking. */
function tracked(store: Store, seen: (changeId: number) => void): Store {
  return {
    kind: store.kind,
    isEmpty: () => store.isEmpty(),
    loadDataset: (opts) => store.loadDataset(opts),
    replaceDataset: async (ds, meta, opts) => {
      const summary = await store.replaceDataset(ds, meta, opts);
      if (summary.changeId !== undefined) seen(summary.changeId);
      return summary;
    },
    ...(store.writeEntities && {
      writeEntities: async (changes: Parameters<NonNullable<Store["writeEntities"]>>[0], meta, opts) => {
        const summary = await store.writeEntities!(changes, meta, opts);
        if (summary.changeId !== undefined) seen(summary.changeId);
        return summary;
      },
    }),
    previewReplace: (ds) => store.previewReplace(ds),
    history: (limit) => store.history(limit),
    changeItems: (id) => store.changeItems(id),
    ...(store.changeSet && { changeSet: (id: number) => store.changeSet!(id) }),
    findFirms: (query, limit) => store.findFirms(query, limit),
    ...(store.loadChainSubgraph && {
      loadChainSubgraph: (
        chain: string,
        keys: Parameters<NonNullable<Store["loadChainSubgraph"]>>[1],
        opts,
      ) => store.loadChainSubgraph!(chain, keys, opts),
    }),
    ...(store.streamEntities && { streamEntities: (kind) => store.streamEntities!(kind) }),
    ...(store.readEntity && { readEntity: (kind, id) => store.readEntity!(kind, id) }),
    ...(store.readPlaced && { readPlaced: (kind, ids) => store.readPlaced!(kind, ids) }),
    ...(store.lastChangeOf && { lastChangeOf: (kind, id) => store.lastChangeOf!(kind, id) }),
    ...(store.pageEntities && {
      pageEntities: (kind, offset, limit) => store.pageEntities!(kind, offset, limit),
    }),
    ...(store.namedBy && { namedBy: (target, limit) => store.namedBy!(target, limit) }),
    ...(store.sourcesAt && { sourcesAt: (url) => store.sourcesAt!(url) }),
    ...(store.matchCandidates && { matchCandidates: (ask) => store.matchCandidates!(ask) }),
    ...(store.firmIdsLike && { firmIdsLike: (bases) => store.firmIdsLike!(bases) }),
    projects: () => store.projects(),
    project: (id) => store.project(id),
    writeProject: (note, change) => store.writeProject(note, change),
    projectChanges: (id) => store.projectChanges(id),
    pipelineSetting: (key) => store.pipelineSetting(key),
    setPipelineSetting: (key, json, who) => store.setPipelineSetting(key, json, who),
    readPipeline: () => store.readPipeline(),
    replacePipeline: (copy) => store.replacePipeline(copy),
    reviewItems: (status) => store.reviewItems(status),
    reviewItem: (id) => store.reviewItem(id),
    close: () => store.close(),
  };
}
