// A project's total investment in either currency, and whether it reaches a threshold pair.
import type { PipelineConfig } from "../model/pipeline-config.ts";
import type { ProjectAmount } from "../model/project.ts";

/** Millions of yuan (converted at the configured rate when given in dollars). */
export function inCny(a: ProjectAmount, config: PipelineConfig): number {
  return a.currency === "CNY" ? a.millions : a.millions * config.usdToCny;
}

/** Millions of dollars (converted at the configured rate when given in yuan). */
export function inUsd(a: ProjectAmount, config: PipelineConfig): number {
  return a.currency === "USD" ? a.millions : a.millions / config.usdToCny;
}

/**
 * True when the amount reaches the pair (≥ yuan figure or ≥ dollar figure): with `compare: own-currency` only the
 * figure of the amount's own currency counts; with `converted` the amount is converted and either figure decides.
 */
export function meetsThreshold(
  a: ProjectAmount,
  threshold: { cnyMillions: number; usdMillions: number },
  config: PipelineConfig,
): boolean {
  if (config.compare === "own-currency")
    return a.currency === "CNY" ? a.millions >= threshold.cnyMillions : a.millions >= threshold.usdMillions;
  return inCny(a, config) >= threshold.cnyMillions || inUsd(a, config) >= threshold.usdMillions;
}

/** "12 亿元" / "1.5 亿美元": the amount as given, for messages and tables. */
export function formatAmount(a: ProjectAmount): string {
  const yi = Math.round((a.millions / 100) * 100) / 100;
  return `${yi} 亿${a.currency === "CNY" ? "元" : "美元"}`;
}
