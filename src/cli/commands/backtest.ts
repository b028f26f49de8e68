// chain-atlas backtest: how well the ranker recovers hidden local firms, against random and revenue-only order.
import type { Command } from "commander";
import { runBacktest } from "../../analysis/evaluation/backtest-mode.ts";
import type { ListMetrics } from "../../analysis/evaluation/list-metrics.ts";
import type { RankingMetrics } from "../../analysis/evaluation/ranking-metrics.ts";
import { OptionError } from "../../errors.ts";
import { readMatchingResources, readProductsEn } from "../../seed/index.ts";
import type { CliContext } from "../context.ts";
import { printJson, printTable } from "../output.ts";

const cells = (m: RankingMetrics) => [m.hitRateAt10.toFixed(3), m.mrr.toFixed(3), m.ndcgAt10.toFixed(3)];
const listCells = (m: ListMetrics) => [
  m.hitRateAt10.toFixed(3),
  m.mrr.toFixed(3),
  m.medianRank === null ? "—" : String(m.medianRank),
  m.notRankedShare.toFixed(3),
];

interface Opts {
  chain?: string;
  seed: string;
  mode: string;
  withCodes?: boolean;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command("backtest")
    .description(
      "hide-and-recover evaluation: --mode list re-enters each local firm as a plain list row (zh and en); --mode segment (default) names the hidden segment in advance",
    )
    .option("--chain <id>", "only this chain")
    .option("--seed <n>", "seed of the random baseline and tie-breaks", "1")
    .option(
      "--mode <mode>",
      "list (honest: firms re-entered as list rows) or segment (segment-named, optimistic)",
      "segment",
    )
    .option("--with-codes", "list mode: the re-entered rows keep their GB/T industry codes")
    .action(async (opts: Opts) => {
      if (opts.mode === "list") return listMode(ctx, opts);
      if (opts.mode !== "segment")
        throw new OptionError(
          `bad backtest option: --mode: expected list or segment (got ${JSON.stringify(opts.mode)})`,
        );
      const r = runBacktest(await ctx.dataset(), {
        ...opts,
        mode: "segment",
        withCodes: opts.withCodes === true,
      });
      if (r.mode !== "segment") throw new OptionError("bad backtest option: --mode");
      if (ctx.json) return printJson(r);
      process.stdout.write("segment-named backtest (the hidden segment is named in advance; optimistic)\n");
      const head = [
        "chain",
        "queries",
        "ranker hit@10",
        "MRR",
        "NDCG@10",
        "random hit@10",
        "MRR",
        "NDCG@10",
        "revenue hit@10",
        "MRR",
        "NDCG@10",
      ];
      const rows = Object.entries(r.perChain).map(([chain, m]) => [
        chain,
        m.queries,
        ...cells(m),
        ...cells(r.baselines.random.perChain[chain]!),
        ...cells(r.baselines.revenue.perChain[chain]!),
      ]);
      rows.push([
        "overall",
        Object.values(r.perChain).reduce((n, m) => n + m.queries, 0),
        ...cells(r.overall),
        ...cells(r.baselines.random),
        ...cells(r.baselines.revenue),
      ]);
      printTable(head, rows);
    });
}

async function listMode(ctx: CliContext, opts: Opts): Promise<void> {
  const withCodes = opts.withCodes === true;
  const r = runBacktest(
    await ctx.dataset(),
    { ...opts, mode: "list", withCodes },
    readMatchingResources(),
    readProductsEn(),
  );
  if (r.mode !== "list") throw new OptionError("bad backtest option: --mode");
  if (ctx.json) return printJson(r);
  process.stdout.write(
    `list backtest: each local firm re-entered as a list row${withCodes ? " with its industry codes" : ""}\n`,
  );
  const head = [
    "chain",
    "queries",
    "zh hit@10",
    "MRR",
    "median",
    "not ranked",
    "en hit@10",
    "MRR",
    "median",
    "not ranked",
    "revenue hit@10",
    "random hit@10",
  ];
  const rows = Object.entries(r.byChain).map(([chain, m]) => [
    chain,
    m.zh.queries,
    ...listCells(m.zh),
    ...listCells(m.en),
    m.revenue.hitRateAt10.toFixed(3),
    m.random.hitRateAt10.toFixed(3),
  ]);
  rows.push([
    "overall",
    r.overall.zh.queries,
    ...listCells(r.overall.zh),
    ...listCells(r.overall.en),
    r.baselines.revenue.hitRateAt10.toFixed(3),
    r.baselines.random.hitRateAt10.toFixed(3),
  ]);
  printTable(head, rows);
}
