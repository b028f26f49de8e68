// What an import reads of the store: the skeleton, the firms its rows could be, the ids a new firm must avoid, the
// ties and source it could write again, and the neighbourhood its changes are checked on — from the store's
// indexes (a province's Neo4j is not read whole), or off the whole dataset when the store cannot tell.
import type { Dataset, Firm, Source } from "../model/index.ts";
import { datasetReader, type ScopeReader, storeReader } from "../queries/write-scope.ts";
import { firmIdsLikeIn, matchCandidatesIn } from "../store/dataset-namers.ts";
import type { MatchAsk, Store } from "../store/store.ts";
import type { RowContext } from "./read-rows.ts";
import { EntityIndex } from "./resolve/resolve-entity.ts";

export interface IngestScope {
  /** The dataset without firms, ties and sources. */
  skeleton: Dataset;
  reader: ScopeReader;
  /** The firms an import's entity resolution could match to the ask, in list order. */
  candidates(ask: MatchAsk): Promise<Firm[]>;
  /** The stored firm ids equal to a base or to a base with a numeric suffix. */
  idsLike(bases: ReadonlyArray<string>): Promise<Set<string>>;
  /** The newest change when the scope was read (an import refuses to apply over a later one). */
  lastChangeId: number;
  /** The whole dataset, when the scope reads it. */
  whole?: Dataset;
}

const SKELETON_ONLY = ["firms", "ties", "sources"] as const;

/** The scope of an import into the store: its indexes when it has them, else its whole dataset. */
export async function ingestScope(store: Store): Promise<IngestScope> {
  const lastChangeId = (await store.history(1))[0]?.id ?? 0;
  const { matchCandidates, firmIdsLike } = store;
  const skeleton = await store.loadDataset({ omit: SKELETON_ONLY });
  const reader = storeReader(store, async () => skeleton);
  // An empty ask tells whether the store keeps what candidates are read by (data of an older chain-atlas does not).
  if (reader && matchCandidates && firmIdsLike && (await matchCandidates.call(store, NO_ASK)) !== undefined)
    return {
      skeleton,
      reader,
      candidates: async (ask) =>
        ((await matchCandidates.call(store, ask)) ?? []).map((p) => p.entity as Firm),
      idsLike: async (bases) => new Set(await firmIdsLike.call(store, bases)),
      lastChangeId,
    };
  return wholeScope(await store.loadDataset(), lastChangeId);
}

const NO_ASK: MatchAsk = { names: [], creditCodes: [] };

/** The scope of an import read off a dataset in hand. */
export function wholeScope(ds: Dataset, lastChangeId: number): IngestScope {
  return {
    skeleton: { ...ds, firms: [], ties: [], sources: [] },
    reader: datasetReader(ds),
    candidates: async (ask) => matchCandidatesIn(ds, ask).map((p) => p.entity as Firm),
    idsLike: async (bases) => new Set(firmIdsLikeIn(ds, bases)),
    lastChangeId,
    whole: ds,
  };
}

/** What reading the file's rows needs, through the scope. */
export function rowContext(scope: IngestScope): RowContext {
  return {
    regions: scope.skeleton.regions,
    source: async (id) => (await scope.reader.placed("sources", [id]))[0]?.entity as Source | undefined,
    customers: async (names) => new EntityIndex(await scope.candidates({ names, creditCodes: [] })),
  };
}
