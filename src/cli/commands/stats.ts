// chain-atlas stats: counts of every kind in the store.
import type { Command } from "commander";
import { datasetStats, statsRows } from "../../analysis/summary/dataset-stats.ts";
import { readBlockedHosts } from "../../seed/index.ts";
import { SHIPPED_SEED } from "../../store/index.ts";
import type { CliContext } from "../context.ts";
import { printJson, printTable } from "../output.ts";

export function register(program: Command, ctx: CliContext): void {
  program
    .command("stats")
    .description("count chains, segments, firms, ties, sources and unsourced facts")
    .action(async () => {
      const stats = datasetStats(await ctx.dataset(), { blockedHosts: readBlockedHosts(SHIPPED_SEED) });
      if (ctx.json) printJson(stats);
      else printTable(["kind", "count"], statsRows(stats));
    });
}
