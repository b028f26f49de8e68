// The analysis layer's public face: pure functions over the graph and their option schemas.
export { BacktestOptions, type BacktestOptionsInput, type BacktestReport, backtest } from "./backtest.ts";
export { type ChainReport, ChainReportOptions, chainReport, targetsForGaps } from "./chain-report.ts";
export { sourcesOfChain } from "./chain-sources.ts";
export { type ChainSummary, summarizeChains } from "./chain-summary.ts";
export { type DatasetStats, datasetStats } from "./dataset-stats.ts";
export { findAllGaps, findGaps } from "./find-gaps.ts";
export * from "./gap-finding.ts";
export { GapOptions, type GapOptionsInput } from "./gap-options.ts";
export { type Portfolio, PortfolioOptions, type PortfolioOptionsInput, pickPortfolio } from "./portfolio.ts";
export { rankTargets, type TargetScore } from "./rank-targets.ts";
export { TargetOptions, type TargetOptionsInput, TargetWeights } from "./target-options.ts";
export { WhatIfOptions, whatIf } from "./what-if.ts";
