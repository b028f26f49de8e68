// chain-atlas import <dir>: validate a seed and apply it whole in one transaction, or not at all.
import { userInfo } from "node:os";
import type { Command } from "commander";
import { loadSeed } from "../../seed/index.ts";
import type { CliContext } from "../context.ts";
import { printJson } from "../output.ts";

export function register(program: Command, ctx: CliContext): void {
  program
    .command("import")
    .description("validate a seed directory and replace the store's contents with it (one transaction)")
    .argument("<dir>", "seed directory")
    .option("--who <name>", "who makes the change", userInfo().username)
    .option("--why <reason>", "why", "import")
    .option("--progress", "report rows written on stderr")
    .action(async (dir: string, opts: { who: string; why: string; progress?: boolean }) => {
      const dataset = loadSeed(dir);
      const store = await ctx.openStore(false);
      const summary = await store.replaceDataset(
        dataset,
        { who: opts.who, why: `${opts.why} (${dir})` },
        {
          onProgress: opts.progress
            ? (n, total) => process.stderr.write(`import: wrote ${n}/${total} rows\n`)
            : undefined,
        },
      );
      if (ctx.json)
        printJson({
          changeId: summary.changeId,
          added: summary.added,
          changed: summary.changed,
          removed: summary.removed,
        });
      else
        process.stdout.write(
          `imported ${dir}: ${summary.added} added, ${summary.changed} changed, ${summary.removed} removed (change #${summary.changeId})\n`,
        );
    });
}
