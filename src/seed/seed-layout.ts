// Lays a dataset out as the files of a seed (pure): the canonical layout that `export` writes.
import { CORE_SCHEMA, dump } from "js-yaml";
import { type Dataset, isLocalFirm } from "../model/index.ts";

/**
 * Items per file of the long lists (firms, ties, sources): a province's lists are split into numbered parts
 * (`ties/ties-001.yaml` …), so no one file is large to edit, diff or parse (a YAML syntax tree is many times
 * the size of its text).
 */
export const ITEMS_PER_FILE = 5000;

/** One seed file: its path in the seed and its YAML text. */
export type SeedFile = [path: string, text: string];

/** The long lists of a seed, each given as items in dataset order (a store can stream them one at a time). */
export interface SeedLists {
  localFirms: AsyncIterable<unknown> | Iterable<unknown>;
  candidates: AsyncIterable<unknown> | Iterable<unknown>;
  ties: AsyncIterable<unknown> | Iterable<unknown>;
  sources: AsyncIterable<unknown> | Iterable<unknown>;
}

const yamlText = (doc: Record<string, unknown>): string => {
  const body = Object.fromEntries(
    Object.entries(doc).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
  );
  // js-yaml's writer: four times faster than yaml's document builder (a province seed's 1,000,000 ties).
  return dump(body, { lineWidth: -1, noRefs: true, schema: CORE_SCHEMA, quotingType: '"' });
};

/** Maps relative file paths to YAML text. */
export function seedLayout(ds: Dataset): Map<string, string> {
  return new Map(seedFiles(ds));
}

/** The files of seedLayout one at a time (writeSeed holds one file's text at once). */
export function* seedFiles(ds: Dataset): Generator<SeedFile> {
  yield* headFiles(ds);
  const lists = datasetLists(ds);
  for (const [base, key, items] of listParts(lists)) {
    const parts = new ListParts(base, key);
    for (const item of items) yield* parts.push(item);
    yield* parts.end();
  }
}

/**
 * The same files as seedFiles, with the long lists read from `lists` as they come (export streams a
 * province through it): the small kinds come from `head` (its long lists are ignored), and at most one
 * file's items are held at once.
 */
export async function* streamedSeedFiles(head: Dataset, lists: SeedLists): AsyncGenerator<SeedFile> {
  yield* headFiles(head);
  for (const [base, key, items] of listParts(lists)) {
    const parts = new ListParts(base, key);
    for await (const item of items) yield* parts.push(item);
    yield* parts.end();
  }
}

function datasetLists(ds: Dataset): Record<keyof SeedLists, ReadonlyArray<unknown>> {
  return {
    localFirms: ds.firms.filter(isLocalFirm),
    candidates: ds.firms.filter((f) => !isLocalFirm(f)),
    ties: ds.ties,
    sources: ds.sources,
  };
}

/** Each long list with the base path and key of its files, in the order they are written. */
function listParts<T>(lists: Record<keyof SeedLists, T>) {
  return [
    ["firms/local", "firms", lists.localFirms],
    ["firms/candidates", "firms", lists.candidates],
    ["ties/ties", "ties", lists.ties],
    ["sources/sources", "sources", lists.sources],
  ] as const;
}

/**
 * The files of one long list, fed an item at a time: one `base.yaml` when it holds at most ITEMS_PER_FILE
 * items, else numbered parts of ITEMS_PER_FILE (the last one shorter); which of the two is known once the
 * item after the first ITEMS_PER_FILE arrives, so at most ITEMS_PER_FILE + 1 items are held.
 */
class ListParts {
  private items: unknown[] = [];
  private written = 0;

  constructor(
    private readonly base: string,
    private readonly key: string,
  ) {}

  *push(item: unknown): Generator<SeedFile> {
    this.items.push(item);
    if (this.items.length > ITEMS_PER_FILE) yield this.part(this.items.splice(0, ITEMS_PER_FILE));
  }

  *end(): Generator<SeedFile> {
    if (this.written === 0) yield [`${this.base}.yaml`, yamlText({ [this.key]: this.items })];
    else if (this.items.length > 0) yield this.part(this.items);
    this.items = [];
  }

  private part(items: unknown[]): SeedFile {
    this.written++;
    return [`${this.base}-${String(this.written).padStart(3, "0")}.yaml`, yamlText({ [this.key]: items })];
  }
}

/** The files of the small kinds: region, clusters and one file per chain. */
function* headFiles(ds: Dataset): Generator<SeedFile> {
  yield ["region.yaml", yamlText({ region: ds.region, regions: ds.regions, groups: ds.groups })];
  yield ["clusters.yaml", yamlText({ clusters: ds.clusters, officials: ds.officials })];
  const chainOfSegment = new Map(ds.segments.map((s) => [s.id, s.chain]));
  for (const chain of ds.chains) {
    const segments = ds.segments.filter((s) => s.chain === chain.id).map(({ chain: _c, ...rest }) => rest);
    const feeds = ds.feeds.filter((f) => chainOfSegment.get(f.from) === chain.id);
    yield [`chains/${chain.id}.yaml`, yamlText({ chain, segments, feeds })];
  }
  // Feeds from segments of no chain cannot occur in a valid dataset; keep them anyway so nothing is lost.
  const orphanFeeds = ds.feeds.filter((f) => !ds.chains.some((c) => c.id === chainOfSegment.get(f.from)));
  if (orphanFeeds.length) yield ["chains/_feeds.yaml", yamlText({ feeds: orphanFeeds })];
}
