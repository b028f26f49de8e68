// One chain's rankings read from a store, as both faces run them (`chain-atlas targets`, `portfolio`, `fishbone`,
// `report`, and the API's routes for them): the store reads only what the rankings need (SubgraphOptions: ranking,
// text evidence, briefs, packs), each ranking stays its one pure function. The same rows as over the whole graph.
import { type AnalysisIndex, analysisIndexOfDataset } from "../analysis/core/analysis-index.ts";
import { cached } from "../analysis/core/memo.ts";
import { parseOptions } from "../analysis/core/parse-options.ts";
import type { MatchingResources } from "../analysis/matching/matching-resources.ts";
import { StoredTextEvidence } from "../analysis/matching/text-evidence.ts";
import type { ChainRanker } from "../analysis/report/chain-report.ts";
import {
  candidatePack,
  PACK_VERSION,
  packPortfolio,
  packTargets,
} from "../analysis/targets/candidate-pack.ts";
import { type PortfolioOptionsInput, pickPortfolioOf } from "../analysis/targets/portfolio.ts";
import { rankTargetsOf, type TargetScore } from "../analysis/targets/rank-targets.ts";
import { storeRanking, TargetOptions, type TargetOptionsInput } from "../analysis/targets/target-options.ts";
import type { Dataset } from "../model/index.ts";
import type { SubgraphOptions } from "../store/store.ts";

/** Reads the chain's subgraph with these options (the face's own read: it checks the chain, keeps the dataset). */
export type ChainRead = (opts: SubgraphOptions) => Promise<Dataset>;

/** The rankings one read serves, given the chain's index (a gap's ranking depends on the gaps found). */
export interface ChainAsks {
  targets: TargetOptionsInput[];
  portfolios: PortfolioOptionsInput[];
}

/**
 * The chain's targets for `options` (their `chain`), ranked on the subgraph `read` returns. Ranked on the subgraph's
 * index: no graph is built (at a province's scale it would cost more than the ranking).
 */
export async function rankTargetsOnStore(
  read: ChainRead,
  res: MatchingResources,
  options: TargetOptionsInput & { chain: string },
): Promise<TargetScore[]> {
  const { ranker } = await rankedOnStore(read, res, options, () => ({ targets: [options], portfolios: [] }));
  return ranker.targets(options);
}

/**
 * One read of the chain for every ranking `asks` names, and a ranker that answers them on it. `cover` is a ranking
 * whose filters and weights every ask shares and whose `top` is at least each ask's rows (a portfolio's k): the store
 * may leave out what cannot reach them (SubgraphOptions.ranking). A store that keeps the text evidence hands it over:
 * the text need not be matched again. A store that keeps firms in brief has the asks ranked, on them, to pick the
 * firms it reads whole: every firm any ask keeps; one that keeps the chain's candidate pack ranks on it. Those picked
 * are then the only firms the ranker scores — the same rows and picks, since no score depends on other candidates.
 */
export async function rankedOnStore(
  read: ChainRead,
  res: MatchingResources,
  cover: TargetOptionsInput & { chain: string },
  asks: (ix: AnalysisIndex) => ChainAsks,
): Promise<{ ds: Dataset; index: AnalysisIndex; ranker: ChainRanker }> {
  const chain = cover.chain;
  const ranking = storeRanking(parseOptions(TargetOptions, cover, "targets"));
  let stored: StoredTextEvidence | undefined;
  const indexes = new WeakMap<Dataset, AnalysisIndex>();
  const indexOf = (draft: Dataset) => cached(indexes, draft, () => analysisIndexOfDataset(draft));
  let picked: Set<string> | undefined;
  const pickAll = (
    draft: Dataset,
    targets: (ix: AnalysisIndex, o: TargetOptionsInput) => Iterable<string>,
    portfolio: (ix: AnalysisIndex, o: PortfolioOptionsInput) => Iterable<string>,
  ): string[] => {
    // An unknown chain is reported once the subgraph is back (by the face's read, or by the ranking below).
    if (!draft.chains.some((c) => c.id === chain)) return [];
    const ix = indexOf(draft);
    const a = asks(ix);
    const ids = new Set<string>();
    for (const o of a.targets) for (const id of targets(ix, o)) ids.add(id);
    for (const o of a.portfolios) for (const id of portfolio(ix, o)) ids.add(id);
    picked = ids;
    return [...ids];
  };
  const ds = await read({
    ranking,
    textEvidence: (r) => {
      stored = new StoredTextEvidence(r);
    },
    pick: (draft) =>
      pickAll(
        draft,
        (ix, o) => rankTargetsOf(ix, res, o, stored).map((r) => r.firm.id),
        (ix, o) => pickPortfolioOf(ix, res, o, stored).picks.map((p) => p.firm.id),
      ),
    pack: {
      version: PACK_VERSION,
      build: (draft) => candidatePack(indexOf(draft), res, chain, stored),
      pick: (draft, pack) =>
        pickAll(
          draft,
          (ix, o) => packTargets(ix, res, o, pack),
          (ix, o) => packPortfolio(ix, res, o, pack),
        ),
    },
  });
  const ix = analysisIndexOfDataset(ds);
  return {
    ds,
    index: ix,
    ranker: {
      targets: (o) => rankTargetsOf(ix, res, o, stored, picked),
      portfolio: (o) => pickPortfolioOf(ix, res, o, stored, picked),
    },
  };
}
