// chain-atlas start: the main job for now — open (or create) the store and print the chain map summary.
import type { Command } from "commander";
import { summarizeChainsOfDataset } from "../../analysis/summary/chain-summary.ts";
import { datasetStats } from "../../analysis/summary/dataset-stats.ts";
import { streamedOverview, streams } from "../../queries/streamed-summaries.ts";
import { readBlockedHosts } from "../../seed/index.ts";
import { SHIPPED_SEED } from "../../store/index.ts";
import type { CliContext } from "../context.ts";
import { printJson, printTable } from "../output.ts";

export function register(program: Command, ctx: CliContext): void {
  program
    .command("start")
    .description(
      "open the store (created and filled from the shipped seed on first use) and print the chain map summary",
    )
    .action(async () => {
      const store = await ctx.openStore("fill");
      // Counted in one pass as the store streams its firms and ties (a province is never held whole), else over
      // the dataset: the same figures as `chains` and `stats` give.
      const blockedHosts = readBlockedHosts(SHIPPED_SEED);
      const { chains, stats, region } = streams(store)
        ? await streamedOverview(store, blockedHosts)
        : await ctx.dataset().then((ds) => ({
            chains: summarizeChainsOfDataset(ds),
            stats: datasetStats(ds, { blockedHosts }),
            region: ds.region,
          }));
      if (ctx.json) {
        printJson({ stats, chains });
        return;
      }
      process.stdout.write(`chain-atlas · ${region.name.zh} 产业链图谱 (${region.name.en ?? region.id})\n\n`);
      printTable(
        ["id", "产业链", "环节", "上/中/下游", "本地企业", "候选企业", "供应关系"],
        chains.map((c) => [
          c.id,
          c.name.zh,
          c.segments,
          `${c.stages.upstream}/${c.stages.midstream}/${c.stages.downstream}`,
          c.localFirms,
          c.candidateFirms,
          c.supplyTies,
        ]),
      );
      process.stdout.write(
        `\n合计 total: ${stats.chains} chains, ${stats.segments} segments, ${stats.localFirms} local firms, ${stats.candidateFirms} candidate firms, ${stats.supplyTies} supply ties, ${stats.sources} sources\n`,
      );
    });
}
