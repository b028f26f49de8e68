// chain-atlas export <dir>: write the store back as a seed directory (a new or empty one, or --force to replace it).
import { join, relative } from "node:path";
import type { Command } from "commander";
import { type SeedLists, writeSeed, writeStreamedSeed } from "../../seed/index.ts";
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
      const store = await ctx.openStore();
      const stream = store.streamEntities?.bind(store);
      const files = await replaceDir(dir, opts.force === true, "export", async (d) => {
        const written = stream
          ? // A province's firms, ties and sources are read a page at a time, never held whole.
            await writeStreamedSeed(
              await store.loadDataset({ omit: ["firms", "ties", "sources"] }),
              {
                localFirms: stream("firms", { local: true }),
                candidates: stream("firms", { local: false }),
                ties: stream("ties"),
                sources: stream("sources"),
              } satisfies SeedLists,
              d,
            )
          : writeSeed(await ctx.dataset(), d);
        return written.map((f) => join(dir, relative(d, f)));
      });
      if (ctx.json) printJson({ files });
      else process.stdout.write(`exported ${files.length} files to ${dir}\n`);
    });
}
