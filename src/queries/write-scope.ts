// What one write of one entity is checked on: the dataset rules run before and after the edit on the entity's
// neighbourhood — the skeleton (chains, segments, feeds, regions, clusters, groups, officials, all small), the firms,
// ties and sources the entity names, and those that name it where the edit can break them — instead of the whole
// province. A finding the edit brings in lies on an entity of the neighbourhood: the property test holds its
// findings to the whole dataset's.
import {
  type Chain,
  checkDataset,
  type Dataset,
  type Firm,
  feedKey,
  type RuleFinding,
  type Source,
  type SupplyTie,
} from "../model/index.ts";
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
 * The edited entities' neighbourhood before and after the edits (each `before` as stored: see storedEntity; one id
 * of a kind edited once); undefined when the reader cannot tell what names them.
 */
export async function neighbourhood(
  reader: ScopeReader,
  edit: EntityEdit | ReadonlyArray<EntityEdit>,
): Promise<{ before: Dataset; after: Dataset } | undefined> {
  const edits: ReadonlyArray<EntityEdit> = Array.isArray(edit) ? edit : [edit as EntityEdit];
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

  const wantFirms = new Set<string>();
  const wantSources = new Set<string>();
  // A source an edit stops citing may be left uncited: one entity beyond the edited ones that cite it tells.
  const dropping = new Map<string, number>();
  for (const { kind, before, after } of edits) {
    const edited = [before, after].filter((e) => e !== undefined);
    for (const f of edited.flatMap((e) => firmsNamed(kind, e))) wantFirms.add(f);
    for (const s of citedSourceIds(edited)) wantSources.add(s);
    const kept = citedSourceIds(after === undefined ? [] : [after]);
    for (const s of citedSourceIds(before === undefined ? [] : [before]))
      if (!kept.has(s)) dropping.set(s, (dropping.get(s) ?? 0) + 1);
  }
  for (const [s, n] of dropping) if (!(await namers({ kind: "sources", id: s }, n + 1))) return undefined;
  for (const { kind, id, before, after } of edits) {
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
        for (const t of ties.values()) for (const x of (t.entity as SupplyTie).sources) wantSources.add(x);
      }
    }
  }
  // The edited entities' own places in their lists.
  for (const k of ["firms", "ties", "sources"] as const) {
    const ids = edits.filter((e) => e.kind === k && e.before !== undefined).map((e) => e.id);
    if (ids.length > 0) add(k, await reader.placed(k, ids));
  }
  const missing = (k: StreamedKind, want: Iterable<string>) => [...want].filter((x) => !lists[k].has(x));
  add("firms", await reader.placed("firms", missing("firms", wantFirms)));
  add("sources", await reader.placed("sources", missing("sources", wantSources)));

  // Each edited entity in its place: where it is stored, or after the others when it is new (in the edits' order).
  const own = new Map<string, number>();
  let fresh = 0;
  for (const { kind, id } of edits) {
    const k = `${kind}\u0000${id}`;
    const stored = isLong(kind) ? lists[kind].get(id) : undefined;
    own.set(k, stored?.seq ?? Number.MAX_SAFE_INTEGER - edits.length + fresh++);
    if (isLong(kind)) lists[kind].delete(id);
  }
  const build = (side: "before" | "after"): Dataset => {
    const ds: Dataset = { ...skel };
    for (const k of ["firms", "ties", "sources"] as const) {
      const ps = [...lists[k].values()];
      for (const e of edits)
        if (e.kind === k && e[side] !== undefined)
          ps.push({ seq: own.get(`${k}\u0000${e.id}`)!, entity: e[side] });
      (ds[k] as unknown[]) = ps.sort((x, y) => x.seq - y.seq).map((p) => p.entity);
    }
    for (const e of edits) {
      if (isLong(e.kind)) continue;
      const list = [...(ds[e.kind] as unknown[])];
      const i = list.findIndex((x) => idOf(e.kind, x) === e.id);
      const now = e[side];
      if (i >= 0) list.splice(i, 1, ...(now === undefined ? [] : [now]));
      else if (now !== undefined) list.push(now);
      (ds[e.kind] as unknown[]) = list;
    }
    return ds;
  };
  return { before: build("before"), after: build("after") };
}

/** The stored entity an edit replaces (undefined when there is none), read through the reader. */
export async function storedEntity(reader: ScopeReader, kind: StoredKind, id: string): Promise<unknown> {
  if (isLong(kind)) return (await reader.placed(kind, [id]))[0]?.entity;
  return ((await reader.skeleton())[kind] as ReadonlyArray<unknown>).find((x) => idOf(kind, x) === id);
}

/** A finding with the id of the entity it lies on ("region" for the city). */
export interface FindingOn extends RuleFinding {
  on: string;
}

/**
 * The dataset rules' findings on `after` that `before` had not (problems already there are not the writer's): a
 * finding is the same when its rule, entity, path in it and message are.
 */
export function findingsBroughtIn(before: Dataset, after: Dataset): FindingOn[] {
  const on = (ds: Dataset, f: RuleFinding) => {
    if (f.at.kind === "region") return "region";
    const e = (ds[f.at.kind] as ReadonlyArray<unknown>)[f.at.index];
    return e === undefined ? String(f.at.index) : idOf(f.at.kind, e);
  };
  const key = (f: RuleFinding, id: string) => JSON.stringify([f.rule, f.at.kind, id, f.at.sub, f.message]);
  const old = new Set(checkDataset(before).map((f) => key(f, on(before, f))));
  return checkDataset(after)
    .map((f) => ({ ...f, on: on(after, f) }))
    .filter((f) => !old.has(key(f, f.on)));
}
