// chain-atlas stats: counts of every kind in the store.
import type { Command } from "commander";
import { datasetStats } from "../../analysis/summary/dataset-stats.ts";
import type { CliContext } from "../context.ts";
import { printJson, printTable } from "../output.ts";

export function register(program: Command, ctx: CliContext): void {
  program
    .command("stats")
    .description("count chains, segments, firms, ties, sources and unsourced facts")
    .action(async () => {
      const stats = datasetStats(await ctx.dataset());
      if (ctx.json) printJson(stats);
      else printTable(["kind", "count"], Object.entries(stats));
    });
}
