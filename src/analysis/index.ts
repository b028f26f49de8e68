// The analysis layer's public face: pure functions over the graph and their option schemas.
export {
  BacktestOptions,
  type BacktestOptionsInput,
  type BacktestReport,
  backtest,
} from "./evaluation/backtest.ts";
export {
  type BacktestRun,
  BacktestRunOptions,
  type BacktestRunOptionsInput,
  runBacktest,
} from "./evaluation/backtest-mode.ts";
export {
  ListBacktestOptions,
  type ListBacktestOptionsInput,
  type ListBacktestReport,
  listBacktest,
} from "./evaluation/list-backtest.ts";
export type { ListMetrics } from "./evaluation/list-metrics.ts";
export { allChainGaps, findAllGaps, findGaps } from "./gaps/find-gaps.ts";
export * from "./gaps/gap-finding.ts";
export { GapOptions, type GapOptionsInput } from "./gaps/gap-options.ts";
export { WhatIfOptions, whatIf } from "./gaps/what-if.ts";
export { type FirmMatch, findFirmsByWords } from "./matching/find-firms.ts";
export { matchSegments } from "./matching/match-segments.ts";
export {
  type MatchingResources,
  matchingResourcesOf,
  type ReferencePopulation,
  useMatchingResources,
} from "./matching/matching-resources.ts";
export type { SegmentMatch } from "./matching/segment-matcher.ts";
export { type ChainReport, ChainReportOptions, chainReport, targetsForGaps } from "./report/chain-report.ts";
export { type ChainSummary, summarizeChains } from "./summary/chain-summary.ts";
export { type DatasetStats, datasetStats } from "./summary/dataset-stats.ts";
export {
  type Portfolio,
  PortfolioOptions,
  type PortfolioOptionsInput,
  pickPortfolio,
} from "./targets/portfolio.ts";
export { rankTargets, type TargetScore } from "./targets/rank-targets.ts";
export { AIMS, type Aim } from "./targets/score-candidates.ts";
export { TargetOptions, type TargetOptionsInput, TargetWeights } from "./targets/target-options.ts";
