// chain-atlas export <dir>: write the store back as a seed directory (a new or empty one, or --force to replace it).
import { join, relative } from "node:path";
import type { Command } from "commander";
import { writeSeed } from "../../seed/index.ts";
import type { CliContext } from "../context.ts";
import { printJson } from "../output.ts";
import { replaceDir } from "../output-path.ts";

export function register(program: Command, ctx: CliContext): void {
  program
    .command("export")
    .description("write the store's contents as a seed directory (canonical layout)")
    .argument("<dir>", "target directory: new or empty (created if missing)")
    .option("--force", "replace a non-empty directory whole (its old files are removed)")
    .action(async (dir: string, opts: { force?: boolean }) => {
      const ds = await ctx.dataset();
      const files = replaceDir(dir, opts.force === true, "export", (d) =>
        writeSeed(ds, d).map((f) => join(dir, relative(d, f))),
      );
      if (ctx.json) printJson({ files });
      else process.stdout.write(`exported ${files.length} files to ${dir}\n`);
    });
}
