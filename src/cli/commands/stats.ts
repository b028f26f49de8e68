// chain-atlas stats: counts of every kind in the store, labelled in Chinese (or English with --lang en).
import type { Command } from "commander";
import { datasetStats } from "../../analysis/summary/dataset-stats.ts";
import type { CliContext } from "../context.ts";
import { printJson, printTable } from "../output.ts";
import { STAT_WORDS } from "../words.ts";

export function register(program: Command, ctx: CliContext): void {
  program
    .command("stats")
    .description("count chains, segments, firms, ties, sources and unsourced facts")
    .action(async () => {
      const stats = datasetStats(await ctx.dataset());
      if (ctx.json) return printJson(stats);
      const words = STAT_WORDS[ctx.lang];
      // Counts added later (nested figures such as source quality) print under their key until named.
      const rows = Object.entries(stats)
        .filter(([, v]) => typeof v === "number")
        .map(([k, v]) => [words[k] ?? k, v as number]);
      printTable(ctx.lang === "en" ? ["kind", "count"] : ["类别", "数量"], rows);
    });
}
