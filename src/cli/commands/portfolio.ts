// chain-atlas portfolio --chain <id> --k 10: k targets that together close the most gap severity.
import type { Command } from "commander";
import { pickPortfolio } from "../../analysis/targets/portfolio.ts";
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
      const p = pickPortfolio(await ctx.graph(), opts);
      if (ctx.json) return printJson(p);
      process.stdout.write(
        `${p.chain}: ${p.picks.length} picks close ${p.closed.toFixed(2)} of ${p.totalSeverity.toFixed(2)} gap severity\n\n`,
      );
      printTable(
        ["#", "企业 firm", "边际增益 gain", "累计 total", "得分 score", "补的环节 closes"],
        p.picks.map((x, i) => [
          i + 1,
          x.firm.name.zh,
          x.marginalGain.toFixed(3),
          x.cumulative.toFixed(3),
          x.score.toFixed(3),
          x.closes.map((c) => `${c.segment} +${c.gain.toFixed(2)}`).join(", "),
        ]),
      );
    });
}
