// chain-atlas pull --from URL: copy a Neo4j store's dataset into the current store (the embedded one), whole.
import { userInfo } from "node:os";
import type { Command } from "commander";
import { openNeo4j } from "../../store/neo4j/index.ts";
import type { CliContext } from "../context.ts";
import { printJson } from "../output.ts";
import { commandProgress } from "../progress-bar.ts";

export function register(program: Command, ctx: CliContext): void {
  program
    .command("pull")
    .description(
      "copy a Neo4j store's dataset into this store (one transaction; NEO4J_USER / NEO4J_PASSWORD)",
    )
    .requiredOption("--from <url>", "the Neo4j store, e.g. neo4j://host:7687")
    .option("--who <name>", "who makes the change", userInfo().username)
    .option("--why <reason>", "why", "pull")
    .option(
      "--progress",
      "draw progress on stderr (rows written, rate, time left) even when it is not a terminal",
    )
    .action(async (opts: { from: string; who: string; why: string; progress?: boolean }) => {
      const source = await openNeo4j(opts.from);
      let dataset: Awaited<ReturnType<typeof source.loadDataset>>;
      try {
        dataset = await source.loadDataset();
      } finally {
        await source.close();
      }
      const target = await ctx.openStore("create");
      const bar = commandProgress("pull: write", "rows", opts.progress === true);
      const summary = await target.replaceDataset(
        dataset,
        { who: opts.who, why: `${opts.why} (from ${opts.from})` },
        {
          onProgress: bar ? (n, total) => bar.update(n, total) : undefined,
          subgraphKeys: await ctx.writeSubgraphKeys(),
        },
      );
      bar?.done();
      const { changeId, added, changed, removed } = summary;
      if (ctx.json) printJson({ from: opts.from, changeId, added, changed, removed });
      else
        process.stdout.write(
          `pulled from ${opts.from}: ${added} added, ${changed} changed, ${removed} removed (change #${changeId})\n`,
        );
    });
}
