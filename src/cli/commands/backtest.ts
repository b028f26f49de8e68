// chain-atlas backtest: hide each segment's local firms, rank, and compare with random and revenue-only order.
import type { Command } from "commander";
import { backtest } from "../../analysis/evaluation/backtest.ts";
import type { RankingMetrics } from "../../analysis/evaluation/ranking-metrics.ts";
import type { CliContext } from "../context.ts";
import { printJson, printTable } from "../output.ts";

const cells = (m: RankingMetrics) => [m.hitRateAt10.toFixed(3), m.mrr.toFixed(3), m.ndcgAt10.toFixed(3)];

export function register(program: Command, ctx: CliContext): void {
  program
    .command("backtest")
    .description("hide-and-recover backtest of the target ranking against random and revenue-only baselines")
    .option("--chain <id>", "only this chain")
    .option("--seed <n>", "seed of the random baseline and tie-breaks", "1")
    .action(async (opts: { chain?: string; seed: string }) => {
      const r = backtest(await ctx.dataset(), opts);
      if (ctx.json) return printJson({ overall: r.overall, perChain: r.perChain, baselines: r.baselines });
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
        r.queries.length,
        ...cells(r.overall),
        ...cells(r.baselines.random),
        ...cells(r.baselines.revenue),
      ]);
      printTable(head, rows);
    });
}
