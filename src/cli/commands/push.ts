// chain-atlas push --to URL: copy the current store (the embedded one by default) into a Neo4j store, whole.
import { userInfo } from "node:os";
import type { Command } from "commander";
import { openNeo4j } from "../../store/neo4j/index.ts";
import type { CliContext } from "../context.ts";
import { printJson } from "../output.ts";
import { commandProgress } from "../progress-bar.ts";

export function register(program: Command, ctx: CliContext): void {
  program
    .command("push")
    .description("copy the store's dataset into a Neo4j store (one transaction; NEO4J_USER / NEO4J_PASSWORD)")
    .requiredOption("--to <url>", "the Neo4j store, e.g. neo4j://host:7687")
    .option("--who <name>", "who makes the change", userInfo().username)
    .option("--why <reason>", "why", "push")
    .option(
      "--progress",
      "draw progress on stderr (rows written, rate, time left) even when it is not a terminal",
    )
    .action(async (opts: { to: string; who: string; why: string; progress?: boolean }) => {
      // Pushing from a fresh checkout fills the embedded store from the shipped seed first, as start does.
      await ctx.openStore("fill");
      const dataset = await ctx.dataset();
      const target = await openNeo4j(opts.to);
      try {
        const bar = commandProgress("push: write", "rows", opts.progress === true);
        const summary = await target.replaceDataset(
          dataset,
          { who: opts.who, why: `${opts.why} (from the ${(await ctx.openStore()).kind} store)` },
          {
            onProgress: bar ? (n, total) => bar.update(n, total) : undefined,
            subgraphKeys: await ctx.writeSubgraphKeys(),
          },
        );
        bar?.done();
        const { changeId, added, changed, removed } = summary;
        if (ctx.json) printJson({ to: opts.to, changeId, added, changed, removed });
        else
          process.stdout.write(
            `pushed to ${opts.to}: ${added} added, ${changed} changed, ${removed} removed (change #${changeId})\n`,
          );
      } finally {
        await target.close();
      }
    });
}
