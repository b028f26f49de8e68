// chain-atlas stats: counts of every kind in the store, labelled in Chinese (or English with --lang en).
import type { Command } from "commander";
import { datasetStats, statsRows } from "../../analysis/summary/dataset-stats.ts";
import { streamedStats, streams } from "../../queries/streamed-summaries.ts";
import { readBlockedHosts } from "../../seed/index.ts";
import { SHIPPED_SEED } from "../../store/index.ts";
import type { CliContext } from "../context.ts";
import { printJson, printTable } from "../output.ts";
import { STAT_WORDS } from "../words.ts";

export function register(program: Command, ctx: CliContext): void {
  program
    .command("stats")
    .description("count chains, segments, firms, ties, sources and unsourced facts")
    .action(async () => {
      const blockedHosts = readBlockedHosts(SHIPPED_SEED);
      // Counted as the store streams its sources, firms and ties (a province is never held whole), else over the
      // dataset: the same figures either way.
      const store = await ctx.openStore();
      const stats = streams(store)
        ? await streamedStats(store, blockedHosts)
        : datasetStats(await ctx.dataset(), { blockedHosts });
      if (ctx.json) return printJson(stats);
      const words = STAT_WORDS[ctx.lang];
      // Nested figures (source quality, masters by level) print under their dotted key until named.
      const rows = statsRows(stats).map(([k, v]) => [words[k] ?? k, v]);
      printTable(ctx.lang === "en" ? ["kind", "count"] : ["类别", "数量"], rows);
    });
}
