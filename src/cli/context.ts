// What every command gets: the global options and a way to open the store once.
import type { Command } from "commander";
import { type MatchingResources, NO_RESOURCES } from "../analysis/matching/matching-resources.ts";
import { NotFoundError } from "../errors.ts";
import type { AtlasGraph } from "../graph/index.ts";
import type { Dataset } from "../model/index.ts";
import type { Project } from "../model/project.ts";
import type { MapReader } from "../queries/project-map.ts";
import type { Store, SubgraphOptions } from "../store/index.ts";

/** The subgraph keys, loaded on first use: they pull in the tokenizer (jieba, OpenCC), which --version and
 * --help never need. */
async function keysOf() {
  return (await import("../analysis/matching/subgraph-keys.ts")).subgraphKeys;
}

export interface GlobalOptions {
  db?: string;
  json?: boolean;
  lang?: string;
}

export class CliContext {
  private store: Store | undefined;
  // One command reads the store once: the dataset and its graph are kept for the command's run.
  private loaded: Dataset | undefined;
  private built: AtlasGraph | undefined;
  /** The --chain a command was given: checked against the chains of whatever the command loads. */
  expectChain: string | undefined;
  constructor(private readonly program: Command) {}

  get options(): GlobalOptions {
    return this.program.opts<GlobalOptions>();
  }

  /** The language of tables and messages: zh (default) or en. */
  get lang(): "zh" | "en" {
    return this.options.lang === "en" ? "en" : "zh";
  }

  get json(): boolean {
    return this.options.json === true;
  }

  /**
   * Opens the store once. Read-only commands open an existing store only; `start` ("fill") and `import`
   * ("create") may create it, and say where on stderr.
   */
  async openStore(mode: "read" | "create" | "fill" = "read"): Promise<Store> {
    // Loaded on first use: `--version` and `--help` start without SQLite, YAML or the graph library (and
    // open-store loads the Neo4j driver, most of a second, only for a Neo4j address).
    const { openStore } = await import("../store/open-store.ts");
    this.store ??= await openStore({
      db: this.options.db,
      create: mode !== "read",
      seedIfEmpty: mode === "fill",
      onCreate: (message) => process.stderr.write(`chain-atlas: ${message}\n`),
    });
    return this.store;
  }

  /** The pipeline's projects in the store (kept with the map, on either store). */
  async projects(): Promise<Project[]> {
    return (await this.openStore()).projects();
  }

  /**
   * How the pipeline's commands read the map (queries/project-map.ts): on a store read by chain the skeleton and the
   * few firms a command names, else the dataset whole.
   */
  async mapReader(): Promise<MapReader> {
    return {
      store: await this.openStore(),
      readsByChain: await this.readsByChain(),
      skeleton: () => this.skeleton(),
      dataset: () => this.dataset(),
    };
  }

  async dataset(): Promise<Dataset> {
    this.loaded ??= this.checked(await (await this.openStore()).loadDataset());
    return this.loaded;
  }

  async graph(): Promise<AtlasGraph> {
    const { buildGraph } = await import("../graph/index.ts");
    this.built ??= buildGraph(await this.dataset());
    return this.built;
  }

  /**
   * What one chain's analysis needs: the store's chain subgraph when it offers one (matched with `res`, the
   * resources the command's analysis matches with), else the whole dataset. Same answers either way.
   */
  async chainDataset(
    chain: string,
    res: MatchingResources = NO_RESOURCES,
    opts: SubgraphOptions = {},
  ): Promise<Dataset> {
    if (this.loaded) return this.loaded;
    const store = await this.openStore();
    if (!store.loadChainSubgraph || process.env.CHAIN_ATLAS_WHOLE_GRAPH === "1") return this.dataset();
    this.loaded = this.checked(await store.loadChainSubgraph(chain, (await keysOf())(res), opts));
    return this.loaded;
  }

  /**
   * Reads one chain's subgraph anew on every call (a command that reads the chain more than once: its rankings, then
   * its drawing), matched with `res`; the whole dataset, read once, on a store without subgraphs or with
   * CHAIN_ATLAS_WHOLE_GRAPH=1. Same answers either way.
   */
  async chainReader(
    chain: string,
    res: MatchingResources,
  ): Promise<(opts: SubgraphOptions) => Promise<Dataset>> {
    const store = await this.openStore();
    if (!store.loadChainSubgraph || process.env.CHAIN_ATLAS_WHOLE_GRAPH === "1") return () => this.dataset();
    const keys = (await keysOf())(res);
    return async (opts) => this.checked(await store.loadChainSubgraph!(chain, keys, opts));
  }

  /** The store's chains, segments and officials (no firm, tie or source read). */
  async skeleton(): Promise<Dataset> {
    return this.loaded ?? (await this.openStore()).loadDataset({ omit: ["firms", "ties", "sources"] });
  }

  /** The store's chain ids in order, from its skeleton. */
  async chainIds(): Promise<string[]> {
    return (await this.skeleton()).chains.map((c) => c.id);
  }

  /** Whether a whole-city command reads the store chain by chain (or streams it): see queries/read-by-chain.ts. */
  async readsByChain(): Promise<boolean> {
    const { readsByChain } = await import("../queries/read-by-chain.ts");
    return readsByChain(await this.openStore());
  }

  /**
   * Every chain's subgraph in chain order (matched without resources), for a whole-city command on a store read by
   * chain (readsByChain): queries/each-chain.ts. `onChain` hears each one done.
   */
  async *eachChainDataset(
    opts: SubgraphOptions,
    onChain?: (done: number, total: number) => void,
  ): AsyncGenerator<{ chain: string; dataset: Dataset }> {
    const [store, keys, { eachChainSubgraph }] = await Promise.all([
      this.openStore(),
      keysOf(),
      import("../queries/each-chain.ts"),
    ]);
    yield* eachChainSubgraph(store, keys(NO_RESOURCES), opts, onChain);
  }

  /** An unknown --chain is "not found" for every command that takes one (a subgraph lists every chain). */
  private checked(ds: Dataset): Dataset {
    const chain = this.expectChain;
    if (chain === undefined || ds.chains.some((c) => c.id === chain)) return ds;
    const chains = ds.chains.map((c) => c.id);
    throw new NotFoundError(
      `--chain: unknown chain ${JSON.stringify(chain)}; expected one of: ${chains.join(", ") || "none"}`,
    );
  }

  /**
   * The subgraph-index keys a whole-dataset write (import, push, pull) builds in its transaction, so the first
   * per-chain command after it does not wait: for targets (the shipped matching resources) and for the commands
   * matching without them.
   */
  async writeSubgraphKeys() {
    const [keys, { readMatchingResources }] = await Promise.all([keysOf(), import("../seed/index.ts")]);
    return [readMatchingResources(), NO_RESOURCES].map((r) => keys(r));
  }

  /** The graph of chainDataset(chain, res). */
  async chainGraph(
    chain: string,
    res: MatchingResources = NO_RESOURCES,
    opts: SubgraphOptions = {},
  ): Promise<AtlasGraph> {
    const { buildGraph } = await import("../graph/index.ts");
    this.built ??= buildGraph(await this.chainDataset(chain, res, opts));
    return this.built;
  }

  async close(): Promise<void> {
    await this.store?.close();
    this.store = undefined;
  }
}
