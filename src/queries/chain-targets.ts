// One chain's target ranking read from a store, as both faces run it (`chain-atlas targets`, the API's targets
// routes): the store reads only what the ranking needs (SubgraphOptions: ranking, text evidence, briefs, packs),
// the ranking stays the one pure function. The same rows as rankTargets over the whole graph.
import { type AnalysisIndex, analysisIndexOfDataset } from "../analysis/core/analysis-index.ts";
import { cached } from "../analysis/core/memo.ts";
import { parseOptions } from "../analysis/core/parse-options.ts";
import type { MatchingResources } from "../analysis/matching/matching-resources.ts";
import { StoredTextEvidence } from "../analysis/matching/text-evidence.ts";
import { candidatePack, PACK_VERSION, packTargets } from "../analysis/targets/candidate-pack.ts";
import { rankTargetsOf, type TargetScore } from "../analysis/targets/rank-targets.ts";
import { storeRanking, TargetOptions, type TargetOptionsInput } from "../analysis/targets/target-options.ts";
import type { Dataset } from "../model/index.ts";
import type { SubgraphOptions } from "../store/store.ts";

/** Reads the chain's subgraph with these options (the face's own read: it checks the chain, keeps the dataset). */
export type ChainRead = (opts: SubgraphOptions) => Promise<Dataset>;

/**
 * The chain's targets for `options` (their `chain`), ranked on the subgraph `read` returns. Ranked on the subgraph's
 * index: no graph is built (at a province's scale it would cost more than the ranking). A store that keeps the text
 * evidence hands it over: the text need not be matched again. A store that keeps firms in brief has this ranking
 * pick, on them, the firms it reads whole: the rows the ranking keeps; one that keeps the chain's candidate pack
 * ranks on it. Those picked are then the only firms the ranking of the subgraph scores.
 */
export async function rankTargetsOnStore(
  read: ChainRead,
  res: MatchingResources,
  options: TargetOptionsInput & { chain: string },
): Promise<TargetScore[]> {
  const chain = options.chain;
  // The ranking the store reads the chain for: it may leave out candidates that cannot reach the top rows.
  const ranking = storeRanking(parseOptions(TargetOptions, options, "targets"));
  let stored: StoredTextEvidence | undefined;
  const indexes = new WeakMap<Dataset, AnalysisIndex>();
  const indexOf = (draft: Dataset) => cached(indexes, draft, () => analysisIndexOfDataset(draft));
  let picked: Set<string> | undefined;
  const ds = await read({
    ranking,
    textEvidence: (r) => {
      stored = new StoredTextEvidence(r);
    },
    pick: (draft) => {
      // An unknown chain is reported once the subgraph is back (by the face's read, or by the ranking below).
      if (!draft.chains.some((c) => c.id === chain)) return [];
      const ids = rankTargetsOf(indexOf(draft), res, options, stored).map((r) => r.firm.id);
      picked = new Set(ids);
      return ids;
    },
    pack: {
      version: PACK_VERSION,
      build: (draft) => candidatePack(indexOf(draft), res, chain, stored),
      pick: (draft, pack) => {
        const ids = packTargets(indexOf(draft), res, options, pack);
        picked = new Set(ids);
        return ids;
      },
    },
  });
  return rankTargetsOf(analysisIndexOfDataset(ds), res, options, stored, picked);
}
