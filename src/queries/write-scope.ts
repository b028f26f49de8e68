// What one write of one entity is checked on: the dataset rules run before and after the edit on the entity's
// neighbourhood — the skeleton (chains, segments, feeds, regions, clusters, groups, officials, all small), the firms,
// ties and sources the entity names, and those that name it where the edit can break them — instead of the whole
// province. A finding the edit brings in lies on an entity of the neighbourhood: the property test holds its
// findings to the whole dataset's.
import { type Chain, type Dataset, type Firm, feedKey, type Source, type SupplyTie } from "../model/index.ts";
import { namersIn, placedIn, sourcesAtIn } from "../store/dataset-namers.ts";
import type { NamedTarget, Namers, Placed, Store, StoredKind, StreamedKind } from "../store/store.ts";
import { citedSourceIds } from "../store/subgraph-reach.ts";

/** One entity's edit: absent before (a create), absent after (a delete), or both (an update of the same id). */
export interface EntityEdit {
  kind: StoredKind;
  id: string;
  before?: unknown;
  after?: unknown;
}

/** What a neighbourhood is read through: a dataset in hand, or a store's indexes. */
export interface ScopeReader {
  /** The dataset without firms, ties and sources (those lists empty). */
  skeleton(): Promise<Dataset>;
  placed(kind: StreamedKind, ids: ReadonlyArray<string>): Promise<Placed[]>;
  /** Undefined when the reader cannot tell without the whole dataset. */
  namedBy(target: NamedTarget, limit: number): Promise<Namers | undefined>;
  sourcesAt(url: string): Promise<Placed[] | undefined>;
}

/** At most this many firms and ties that name an entity are read (a deleted source cited by a province's list). */
export const NAMERS_LIMIT = 200;

const LONG: ReadonlySet<StoredKind> = new Set<StoredKind>(["firms", "ties", "sources"]);
const isLong = (kind: StoredKind): kind is StreamedKind => LONG.has(kind);

/** The reader of a dataset in hand. */
export function datasetReader(ds: Dataset): ScopeReader {
  return {
    skeleton: async () => ({ ...ds, firms: [], ties: [], sources: [] }),
    placed: async (kind, ids) => placedIn(ds, kind, ids),
    namedBy: async (t, limit) => namersIn(ds, t, limit),
    sourcesAt: async (url) => sourcesAtIn(ds, url),
  };
}

/** The reader of a store that answers from its indexes; undefined when it has not the methods. */
export function storeReader(store: Store, skeleton: () => Promise<Dataset>): ScopeReader | undefined {
  const { readPlaced, namedBy, sourcesAt } = store;
  if (!readPlaced || !namedBy || !sourcesAt) return undefined;
  return {
    skeleton,
    placed: (kind, ids) => readPlaced.call(store, kind, ids),
    namedBy: (t, limit) => namedBy.call(store, t, limit),
    sourcesAt: (url) => sourcesAt.call(store, url),
  };
}

const idOf = (kind: StoredKind, e: unknown) =>
  kind === "feeds" ? feedKey(e as { from: string; to: string }) : (e as { id: string }).id;

/** The firms an entity names (a firm's parent, a tie's ends, a chain's masters). */
function firmsNamed(kind: StoredKind, e: unknown): string[] {
  switch (kind) {
    case "firms":
      return (e as Firm).parent === undefined ? [] : [(e as Firm).parent!];
    case "ties":
      return [(e as SupplyTie).supplier, (e as SupplyTie).customer];
    case "chains":
      return (e as Chain).masters.map((m) => m.firm);
    default:
      return [];
  }
}

/** The kinds whose entities firms or ties name by id (a deleted one leaves them dangling). */
const NAMED: ReadonlySet<StoredKind> = new Set<StoredKind>(["sources", "firms", "segments", "regions"]);

/**
 * The edited entity's neighbourhood before and after the edit (`before` as stored: see storedEntity); undefined
 * when the reader cannot tell what names it.
 */
export async function neighbourhood(
  reader: ScopeReader,
  edit: EntityEdit,
): Promise<{ before: Dataset; after: Dataset } | undefined> {
  const { kind, id, before, after } = edit;
  const skel = await reader.skeleton();
  const firms = new Map<string, Placed>();
  const ties = new Map<string, Placed>();
  const sources = new Map<string, Placed>();
  const lists = { firms, ties, sources };
  const add = (k: StreamedKind, ps: ReadonlyArray<Placed>) => {
    for (const p of ps) lists[k].set((p.entity as { id: string }).id, p);
  };
  const namers = async (t: NamedTarget, limit: number): Promise<boolean> => {
    const n = await reader.namedBy(t, limit);
    if (!n) return false;
    add("firms", n.firms);
    add("ties", n.ties);
    return true;
  };

  const edited = [before, after].filter((e) => e !== undefined);
  const wantFirms = new Set(edited.flatMap((e) => firmsNamed(kind, e)));
  const wantSources = citedSourceIds(edited);
  // A source the edit stops citing may be left uncited: one other entity that cites it is enough to tell.
  const kept = citedSourceIds(after === undefined ? [] : [after]);
  const dropped = [...citedSourceIds(before === undefined ? [] : [before])].filter((s) => !kept.has(s));
  for (const s of dropped) if (!(await namers({ kind: "sources", id: s }, 2))) return undefined;
  // A deleted entity leaves what names it dangling.
  if (after === undefined && NAMED.has(kind))
    if (!(await namers({ kind: kind as NamedTarget["kind"], id }, NAMERS_LIMIT))) return undefined;
  if (kind === "sources") {
    const [b, a] = [before as Source | undefined, after as Source | undefined];
    // One page, one source: the others at either address.
    for (const url of new Set([b?.url, a?.url].filter((u) => u !== undefined))) {
      const at = await reader.sourcesAt(url);
      if (!at) return undefined;
      add("sources", at);
    }
    // A tie resting on pages that cannot show supply: every tie citing it, with the other pages it rests on.
    if (b !== undefined && a !== undefined && b.supplyEvidence !== a.supplyEvidence) {
      if (!(await namers({ kind: "sources", id }, NAMERS_LIMIT))) return undefined;
      for (const t of ties.values()) for (const s of (t.entity as SupplyTie).sources) wantSources.add(s);
    }
  }
  // The edited entity's own place in its list.
  if (isLong(kind) && before !== undefined) add(kind, await reader.placed(kind, [id]));
  const missing = (k: StreamedKind, want: Iterable<string>) => [...want].filter((x) => !lists[k].has(x));
  add("firms", await reader.placed("firms", missing("firms", wantFirms)));
  add("sources", await reader.placed("sources", missing("sources", wantSources)));

  // The edited entity in its place: where it is stored, or last when it is new.
  const own = isLong(kind) ? lists[kind].get(id) : undefined;
  if (isLong(kind)) lists[kind].delete(id);
  const seq = own?.seq ?? Infinity;
  const build = (e: unknown): Dataset => {
    const ds: Dataset = { ...skel };
    for (const k of ["firms", "ties", "sources"] as const) {
      const ps = [...lists[k].values()];
      if (k === kind && e !== undefined) ps.push({ seq, entity: e });
      (ds[k] as unknown[]) = ps.sort((x, y) => x.seq - y.seq).map((p) => p.entity);
    }
    if (!isLong(kind)) {
      const list = [...(skel[kind] as unknown[])];
      const i = list.findIndex((x) => idOf(kind, x) === id);
      if (i >= 0) list.splice(i, 1, ...(e === undefined ? [] : [e]));
      else if (e !== undefined) list.push(e);
      (ds[kind] as unknown[]) = list;
    }
    return ds;
  };
  return { before: build(before), after: build(after) };
}

/** The stored entity an edit replaces (undefined when there is none), read through the reader. */
export async function storedEntity(reader: ScopeReader, kind: StoredKind, id: string): Promise<unknown> {
  if (isLong(kind)) return (await reader.placed(kind, [id]))[0]?.entity;
  return ((await reader.skeleton())[kind] as ReadonlyArray<unknown>).find((x) => idOf(kind, x) === id);
}
