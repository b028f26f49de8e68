// The backtest as the CLI (`backtest --mode list|segment`) and the API (`GET /api/backtest?mode=…`) both
// take it: one option schema and one answer shape for the two modes.
import { z } from "zod";
import type { Dataset } from "../../model/index.ts";
import { parseOptions } from "../core/parse-options.ts";
import type { MatchingResources } from "../matching/matching-resources.ts";
import { backtest } from "./backtest.ts";
import { listBacktest } from "./list-backtest.ts";

export const BacktestMode = z.enum(["segment", "list"]);
export type BacktestMode = z.infer<typeof BacktestMode>;

/** A flag given as a boolean (CLI) or as the text true/false (a query parameter). */
const Flag = z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]);

export const BacktestRunOptions = z.strictObject({
  /** segment (default): the hidden segment is named in advance; list: firms re-entered as list rows. */
  mode: BacktestMode.default("segment"),
  /** Only this chain (all chains when absent). */
  chain: z.string().trim().min(1).optional(),
  /** Seed of the random baseline and tie-breaks. */
  seed: z.coerce.number().int().default(1),
  /** List mode: the re-entered rows keep their GB/T industry codes. */
  withCodes: Flag.default(false),
});
export type BacktestRunOptionsInput = z.input<typeof BacktestRunOptions>;

export type BacktestRun =
  | ({ mode: "segment" } & Pick<ReturnType<typeof backtest>, "overall" | "perChain" | "baselines">)
  | ({ mode: "list"; withCodes: boolean } & Pick<
      ReturnType<typeof listBacktest>,
      "overall" | "baselines" | "byChain"
    >);

/** Runs the backtest of the chosen mode (`withCodes` applies to list mode only). */
export function runBacktest(
  ds: Dataset,
  input: BacktestRunOptionsInput = {},
  resources?: MatchingResources,
  productsEn?: ReadonlyMap<string, string[]>,
): BacktestRun {
  const { mode, withCodes, ...rest } = parseOptions(BacktestRunOptions, input, "backtest");
  if (mode === "segment") {
    const r = backtest(ds, rest);
    return { mode, overall: r.overall, perChain: r.perChain, baselines: r.baselines };
  }
  const r = listBacktest(ds, { ...rest, withCodes }, resources, productsEn);
  return { mode, withCodes, overall: r.overall, baselines: r.baselines, byChain: r.byChain };
}
