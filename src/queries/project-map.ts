// What a project's write or a progress table reads of the map: the skeleton and the few firms it names (its
// investor, by id or by name; the investors of the other projects; the ids a landing plant might take). On a store
// read by chain (a province's Neo4j) only those firms are read; else the dataset, whole — the same answers either way
// for the pipeline's rules, which look firms up by id and by name only. The CLI and the server read through it.
import { nameSearchTerms } from "../model/firm-name.ts";
import type { Dataset, Firm } from "../model/index.ts";
import type { Project } from "../model/project.ts";
import { applyLanding, firmIndex, type LandingChange } from "../pipeline/index.ts";
import type { ChangeMeta, Store } from "../store/store.ts";

/** Firms found per name searched: the candidates an investor's name is resolved among. */
const PER_NAME = 200;

/** How a face reads the map: its store, whether it is read by chain, and its skeleton and whole dataset. */
export interface MapReader {
  store: Store;
  readsByChain: boolean;
  skeleton(): Promise<Dataset>;
  dataset(): Promise<Dataset>;
}

export interface ProjectMapNeeds {
  /** Firm ids (unknown ones are left out). */
  firms?: ReadonlyArray<string | undefined>;
  /** Investor names: every firm whose name or alias could equal one exactly or as folded (firmsByName). */
  names?: ReadonlyArray<string>;
}

/** The map as a project write reads it: whole where it is kept, else the skeleton with the firms `needs` names. */
export async function projectMap(reader: MapReader, needs: ProjectMapNeeds): Promise<Dataset> {
  const store = reader.store;
  const readPlaced = store.readPlaced?.bind(store);
  if (!reader.readsByChain || !readPlaced) return reader.dataset();
  const ids = new Set(needs.firms?.filter((x): x is string => x !== undefined));
  for (const id of await firmsByName(store, needs.names ?? [])) ids.add(id);
  const [skeleton, firms] = await Promise.all([reader.skeleton(), readPlaced("firms", [...ids])]);
  return { ...skeleton, firms: firms.map((p) => p.entity as Firm) };
}

/**
 * The firms the projects' investors are, by id: on a store read by chain each read by id (a province's firms are not
 * read whole for a few projects), else from the whole dataset.
 */
export async function investorFirms(
  reader: MapReader,
  projects: ReadonlyArray<Project>,
): Promise<Map<string, Firm>> {
  const ds = await projectMap(reader, { firms: projects.map((p) => p.investor.firm) });
  return firmIndex(ds.firms);
}

/**
 * The ids of the firms a name could resolve to exactly or as folded (EntityIndex's exact and normalised matches):
 * those the store's name search finds for the name's search terms (nameSearchTerms). A firm stored under a name in
 * traditional characters or full-width letters is not found by a query in simplified ones.
 */
export async function firmsByName(store: Store, names: ReadonlyArray<string>): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const name of names)
    for (const q of nameSearchTerms(name))
      for (const hit of await store.findFirms(q, PER_NAME)) ids.add(hit.id);
  return ids;
}

/** The ids a landing plant of this stem may take (landingChange numbers them stem, stem-2, …), to learn which are taken. */
export function plantIds(stem: string, n = 100): string[] {
  return [stem, ...Array.from({ length: n - 1 }, (_, i) => `${stem}-${i + 2}`)];
}

/**
 * Writes a project's landing at 投产 (landingChange): the one firm it adds or changes, on a store that writes
 * entities alone; else the dataset `ds` (read whole) with the landing applied.
 */
export async function writeLanding(
  store: Store,
  ds: Dataset,
  change: LandingChange,
  meta: ChangeMeta,
): Promise<void> {
  if (store.writeEntities)
    await store.writeEntities(
      [{ kind: "firms", id: change.firm.id, json: JSON.stringify(change.firm) }],
      meta,
      { op: "landing" },
    );
  else await store.replaceDataset(applyLanding(ds, change), meta, { op: "landing" });
}
