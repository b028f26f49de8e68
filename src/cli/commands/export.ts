// chain-atlas export <dir>: write the store back as a seed directory.
import type { Command } from "commander";
import { writeSeed } from "../../seed/index.ts";
import type { CliContext } from "../context.ts";
import { printJson } from "../output.ts";

export function register(program: Command, ctx: CliContext): void {
  program
    .command("export")
    .description("write the store's contents as a seed directory (canonical layout)")
    .argument("<dir>", "target directory (created if missing)")
    .action(async (dir: string) => {
      const files = writeSeed(await ctx.dataset(), dir);
      if (ctx.json) printJson({ files });
      else process.stdout.write(`exported ${files.length} files to ${dir}\n`);
    });
}
