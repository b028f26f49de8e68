// chain-atlas validate [dir]: every problem of a seed in one run.
import type { Command } from "commander";
import { datasetStats } from "../../analysis/summary/dataset-stats.ts";
import { formatIssue, ValidationError } from "../../errors.ts";
import { readIndustryCodes, readSeed } from "../../seed/index.ts";
import { SHIPPED_SEED } from "../../store/index.ts";
import type { CliContext } from "../context.ts";
import { printJson } from "../output.ts";

export function register(program: Command, ctx: CliContext): void {
  program
    .command("validate")
    .description("check a seed directory and report every problem (file, line, field)")
    .argument("[dir]", "seed directory", SHIPPED_SEED)
    .option("--codes <file>", "also check industry codes against this GB/T 4754-2017 list (CSV)")
    .action(async (dir: string, opts: { codes?: string }) => {
      const knownCodes = opts.codes ? readIndustryCodes(opts.codes) : undefined;
      const { dataset, issues } = readSeed(dir, { knownCodes });
      if (ctx.json)
        printJson({ ok: issues.length === 0, issues, stats: dataset ? datasetStats(dataset) : undefined });
      if (issues.length > 0) {
        if (!ctx.json) for (const i of issues) process.stdout.write(`${formatIssue(i)}\n`);
        throw new ValidationError(issues, `seed ${dir}`, true);
      }
      if (!ctx.json && dataset) {
        const s = datasetStats(dataset);
        process.stdout.write(
          `${dir}: valid — ${s.chains} chains, ${s.segments} segments, ${s.localFirms} local firms, ${s.candidateFirms} candidates, ${s.supplyTies} supply ties, ${s.sources} sources\n`,
        );
      }
    });
}
