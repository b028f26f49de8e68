// What a project's write reads of the map: the skeleton and the few firms it names (its investor, by id or by name;
// the investors of the other projects; the ids a landing plant might take). On a store read by chain (a province's
// Neo4j) only those firms are read; else the dataset kept here, whole — the same answers either way for the
// pipeline's rules, which look firms up by id and by name only.
import { nameSearchTerms } from "../../model/firm-name.ts";
import type { Dataset, Firm } from "../../model/index.ts";
import type { Store } from "../../store/store.ts";
import type { AtlasState } from "../atlas-state.ts";

/** Firms found per name searched: the candidates an investor's name is resolved among. */
const PER_NAME = 200;

export interface ProjectMapNeeds {
  /** Firm ids (unknown ones are left out). */
  firms?: ReadonlyArray<string | undefined>;
  /** Investor names: every firm whose name or alias could equal one exactly or as folded (firmsByName). */
  names?: ReadonlyArray<string>;
}

/** The map as a project write reads it: whole where it is kept, else the skeleton with the firms `needs` names. */
export async function projectMap(state: AtlasState, needs: ProjectMapNeeds): Promise<Dataset> {
  const store = state.graphStore;
  const readPlaced = store.readPlaced?.bind(store);
  if (!state.readsByChain || !readPlaced) return state.dataset();
  const ids = new Set(needs.firms?.filter((x): x is string => x !== undefined));
  for (const id of await firmsByName(store, needs.names ?? [])) ids.add(id);
  const [skeleton, firms] = await Promise.all([state.skeleton(), readPlaced("firms", [...ids])]);
  return { ...skeleton, firms: firms.map((p) => p.entity as Firm) };
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
