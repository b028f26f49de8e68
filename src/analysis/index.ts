// The analysis layer's public face: pure functions over the graph and their option schemas.
export {
  BacktestOptions,
  type BacktestOptionsInput,
  type BacktestReport,
  backtest,
} from "./evaluation/backtest.ts";
export { findAllGaps, findGaps } from "./gaps/find-gaps.ts";
export * from "./gaps/gap-finding.ts";
export { GapOptions, type GapOptionsInput } from "./gaps/gap-options.ts";
export { WhatIfOptions, whatIf } from "./gaps/what-if.ts";
export { type ChainReport, ChainReportOptions, chainReport, targetsForGaps } from "./report/chain-report.ts";
export { sourcesOfChain } from "./summary/chain-sources.ts";
export { type ChainSummary, summarizeChains } from "./summary/chain-summary.ts";
export { type DatasetStats, datasetStats } from "./summary/dataset-stats.ts";
export {
  type Portfolio,
  PortfolioOptions,
  type PortfolioOptionsInput,
  pickPortfolio,
} from "./targets/portfolio.ts";
export { rankTargets, type TargetScore } from "./targets/rank-targets.ts";
export { TargetOptions, type TargetOptionsInput, TargetWeights } from "./targets/target-options.ts";
