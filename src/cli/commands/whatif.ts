// chain-atlas whatif --firm <id> --segment <id>: what changes in the chain's gaps if the firm lands here.
import type { Command } from "commander";
import { whatIf } from "../../analysis/gaps/what-if.ts";
import type { CliContext } from "../context.ts";
import { printJson, printTable } from "../output.ts";

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function register(program: Command, ctx: CliContext): void {
  program
    .command("whatif")
    .description("recompute the chain's gaps as if the firm settled in the city in this segment")
    .requiredOption("--firm <id>", "firm id (see `chain-atlas find`)")
    .requiredOption("--segment <id>", "segment id the firm would make locally")
    .option("--chain <id>", "chain id (defaults to the segment's chain)")
    .option("--region <id>", "region it lands in (defaults to the seed's first region)")
    .action(async (opts: { firm: string; segment: string; chain?: string; region?: string }) => {
      const r = whatIf(await ctx.graph(), opts);
      if (ctx.json) return printJson(r);
      const kinds = (f: typeof r.before) =>
        Object.entries(f.gapsByKind)
          .map(([k, n]) => `${k} ${n}`)
          .join(", ");
      process.stdout.write(
        `${r.firm.name.zh} → ${r.segment} (${r.chain}${r.region ? `, ${r.region}` : ""})\n` +
          `coverage ${pct(r.before.coverage)} → ${pct(r.after.coverage)} · local supply ${pct(r.before.localSupplyShare)} → ${pct(r.after.localSupplyShare)}\n` +
          `before: ${kinds(r.before)}\nafter:  ${kinds(r.after)}\n\n`,
      );
      if (r.changes.length === 0) process.stdout.write("no finding changes\n");
      else
        printTable(
          ["环节 segment", "类型 kind", "严重度 severity"],
          r.changes.map((c) => [
            c.segment.name.zh,
            c.kindBefore === c.kindAfter ? c.kindAfter : `${c.kindBefore} → ${c.kindAfter}`,
            `${c.severityBefore.toFixed(2)} → ${c.severityAfter.toFixed(2)}`,
          ]),
        );
    });
}
