// chain-atlas portfolio --chain <id> --k 10: k targets that together close the most gap severity.
import type { Command } from "commander";
import { portfolioOnStore } from "../../queries/chain-report.ts";
import { readMatchingResources } from "../../seed/index.ts";
import type { CliContext } from "../context.ts";
import { printJson, printTable } from "../output.ts";

export function register(program: Command, ctx: CliContext): void {
  program
    .command("portfolio")
    .description("pick k targets by greedy maximum coverage of the gaps, with each pick's marginal gain")
    .requiredOption("--chain <id>", "chain id (see `chain-atlas chains`)")
    .option("--k <n>", "how many firms to pick", "10")
    .option("--tag <lists>", "only firms on these lists, comma-separated")
    .option("--country <codes>", "only firms in these countries, comma-separated ISO codes")
    .action(async (opts: { chain: string; k: string; tag?: string; country?: string }) => {
      // Ranked with the shipped matching resources, as `targets` ranks.
      const res = readMatchingResources();
      const p = await portfolioOnStore(await ctx.chainReader(opts.chain, res), res, opts);
      const ds = await ctx.skeleton();
      if (ctx.json) return printJson(p);
      const en = ctx.lang === "en";
      const nameOf = (n: { zh: string; en?: string | undefined }) => (en ? (n.en ?? n.zh) : n.zh);
      const segment = new Map(ds.segments.map((s) => [s.id, nameOf(s.name)]));
      const chain = ds.chains.find((c) => c.id === p.chain);
      const chainName = chain ? nameOf(chain.name) : p.chain;
      process.stdout.write(
        en
          ? `${chainName}: ${p.picks.length} picks close ${p.closed.toFixed(2)} of ${p.totalSeverity.toFixed(2)} gap severity\n\n`
          : `${chainName}：选出 ${p.picks.length} 家，合计补上缺口严重度 ${p.closed.toFixed(2)} / ${p.totalSeverity.toFixed(2)}\n\n`,
      );
      printTable(
        en
          ? ["#", "firm", "gain", "total", "score", "closes"]
          : ["#", "企业", "边际增益", "累计", "得分", "补的环节"],
        p.picks.map((x, i) => [
          i + 1,
          nameOf(x.firm.name),
          x.marginalGain.toFixed(3),
          x.cumulative.toFixed(3),
          x.score.toFixed(3),
          x.closes
            .map((c) => `${segment.get(c.segment) ?? c.segment} +${c.gain.toFixed(2)}`)
            .join(en ? ", " : "、"),
        ]),
      );
    });
}
