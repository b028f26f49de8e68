// Whole-city summaries counted as a store streams its long lists (firms, ties, sources) a page at a time, so a
// province is never held whole: `chain-atlas chains` / `stats` and the API's /api/chains/summary and /api/stats.
import { type ChainSummary, ChainSummaryCounts } from "../analysis/summary/chain-summary.ts";
import { type DatasetStats, DatasetStatsTally } from "../analysis/summary/dataset-stats.ts";
import type { Dataset, Firm, Source, SupplyTie } from "../model/index.ts";
import type { Store } from "../store/store.ts";

/** A store that streams (Store.streamEntities is then given). */
export type StreamingStore = Pick<Store, "loadDataset"> & Required<Pick<Store, "streamEntities">>;

/** Whether the store streams its long lists. */
export const streams = (store: Store): store is Store & StreamingStore => store.streamEntities !== undefined;

const skeletonOf = (store: StreamingStore) => store.loadDataset({ omit: ["firms", "ties", "sources"] });

/** Every chain's summary (summarizeChains' rows), counted over the streamed firms and ties. */
export async function streamedChainSummaries(store: StreamingStore): Promise<ChainSummary[]> {
  const counts = new ChainSummaryCounts(await skeletonOf(store));
  for await (const f of store.streamEntities("firms")) counts.addFirm(f as Firm);
  for await (const t of store.streamEntities("ties")) counts.addTie(t as SupplyTie);
  return counts.summaries();
}

/** The dataset's stats (datasetStats), counted over the streamed sources, firms and ties. */
export async function streamedStats(
  store: StreamingStore,
  blockedHosts?: ReadonlySet<string>,
): Promise<DatasetStats> {
  const tally = new DatasetStatsTally(await skeletonOf(store), blockedHosts);
  for await (const x of store.streamEntities("sources")) tally.addSource(x as Source);
  for await (const f of store.streamEntities("firms")) tally.addFirm(f as Firm);
  for await (const t of store.streamEntities("ties")) tally.addTie(t as SupplyTie);
  return tally.stats();
}

/**
 * `chain-atlas start`'s two figures, the chains' summaries and the stats, counted in one pass over the streamed
 * sources, firms and ties (each firm and tie is read once, not once per figure), with the skeleton's region.
 */
export async function streamedOverview(
  store: StreamingStore,
  blockedHosts?: ReadonlySet<string>,
): Promise<{ chains: ChainSummary[]; stats: DatasetStats; region: Dataset["region"] }> {
  const skeleton = await skeletonOf(store);
  const counts = new ChainSummaryCounts(skeleton);
  const tally = new DatasetStatsTally(skeleton, blockedHosts);
  for await (const x of store.streamEntities("sources")) tally.addSource(x as Source);
  for await (const raw of store.streamEntities("firms")) {
    const f = raw as Firm;
    counts.addFirm(f);
    tally.addFirm(f);
  }
  for await (const raw of store.streamEntities("ties")) {
    const t = raw as SupplyTie;
    counts.addTie(t);
    tally.addTie(t);
  }
  return { chains: counts.summaries(), stats: tally.stats(), region: skeleton.region };
}
