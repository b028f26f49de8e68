// chain-atlas export <dir>: write the store back as a seed directory (a new or empty one, or --force to replace it).
import { join, relative } from "node:path";
import type { Command } from "commander";
import { type Firm, isLocalFirm } from "../../model/index.ts";
import { type SeedLists, writeSeed, writeStreamedSeed } from "../../seed/index.ts";
import type { Store } from "../../store/index.ts";
import type { CliContext } from "../context.ts";
import { printJson } from "../output.ts";
import { replaceDir } from "../output-path.ts";

/** The seed's long lists streamed from the store (firms twice: local ones, then candidates). */
function streamedLists(stream: NonNullable<Store["streamEntities"]>): SeedLists {
  async function* firms(local: boolean) {
    for await (const f of stream("firms")) if (isLocalFirm(f as Firm) === local) yield f;
  }
  return {
    localFirms: firms(true),
    candidates: firms(false),
    ties: stream("ties"),
    sources: stream("sources"),
  };
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command("export")
    .description("write the store's contents as a seed directory (canonical layout)")
    .argument("<dir>", "target directory: new or empty (created if missing)")
    .option("--force", "replace a non-empty directory whole (its old files are removed)")
    .action(async (dir: string, opts: { force?: boolean }) => {
      const store = await ctx.openStore();
      const files = await replaceDir(dir, opts.force === true, "export", async (d) => {
        const written = store.streamEntities
          ? // A province's firms, ties and sources are read a page at a time, never held whole.
            await writeStreamedSeed(
              await store.loadDataset({ omit: ["firms", "ties", "sources"] }),
              streamedLists(store.streamEntities.bind(store)),
              d,
            )
          : writeSeed(await ctx.dataset(), d);
        return written.map((f) => join(dir, relative(d, f)));
      });
      if (ctx.json) printJson({ files });
      else process.stdout.write(`exported ${files.length} files to ${dir}\n`);
    });
}
