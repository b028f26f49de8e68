// What the server keeps between requests: the dataset and its graph (built once, rebuilt after a write),
// derived answers cached per dataset version, and one queue that writes go through in order.
import type { AtlasGraph } from "../graph/index.ts";
import { buildGraph } from "../graph/index.ts";
import type { Dataset } from "../model/index.ts";
import type { Accounts } from "../store/accounts/index.ts";
import type { EmbeddedStore } from "../store/embedded-store.ts";
import { JsonText } from "./json-text.ts";

const MAX_CACHED = 500;

export class AtlasState {
  private ds: Dataset | undefined;
  private g: AtlasGraph | undefined;
  /** The newest change set the kept dataset reflects. */
  private version = -1;
  private readonly answers = new Map<string, unknown>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly store: EmbeddedStore,
    readonly accounts: Accounts,
  ) {}

  private lastChangeId(): number {
    return this.store.db.prepare("select coalesce(max(id), 0) from change_set").pluck().get() as number;
  }

  /** Drops what is kept when another process (an import from the CLI) changed the store. */
  private refresh(): void {
    const last = this.lastChangeId();
    if (last !== this.version) {
      this.ds = undefined;
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
    this.refresh();
    this.ds ??= await this.store.loadDataset();
    return this.ds;
  }

  async graph(): Promise<AtlasGraph> {
    const ds = await this.dataset();
    this.g ??= buildGraph(ds);
    return this.g;
  }

  /** A derived answer (targets, gaps, layout …) computed once per dataset version and key. */
  async cached<V>(key: string, make: () => Promise<V> | V): Promise<V> {
    this.refresh();
    if (this.answers.has(key)) return this.answers.get(key) as V;
    const value = await make();
    if (this.answers.size >= MAX_CACHED) this.answers.delete(this.answers.keys().next().value as string);
    this.answers.set(key, value);
    return value;
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

  /** Keeps a dataset just written (its graph is rebuilt on the next read that needs it). */
  written(ds: Dataset): void {
    this.ds = ds;
    this.g = undefined;
    this.answers.clear();
    this.version = this.lastChangeId();
  }
}
