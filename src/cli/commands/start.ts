// chain-atlas start: the main job for now — open (or create) the store and print the chain map summary.
import type { Command } from "commander";
import { summarizeChains } from "../../analysis/summary/chain-summary.ts";
import { datasetStats } from "../../analysis/summary/dataset-stats.ts";
import type { CliContext } from "../context.ts";
import { printJson, printTable } from "../output.ts";

export function register(program: Command, ctx: CliContext): void {
  program
    .command("start")
    .description(
      "open the store (created and filled from the shipped seed on first use) and print the chain map summary",
    )
    .action(async () => {
      await ctx.openStore("fill");
      const ds = await ctx.dataset();
      const stats = datasetStats(ds);
      const chains = summarizeChains(await ctx.graph());
      if (ctx.json) {
        printJson({ stats, chains });
        return;
      }
      process.stdout.write(
        `chain-atlas · ${ds.region.name.zh} 产业链图谱 (${ds.region.name.en ?? ds.region.id})\n\n`,
      );
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
