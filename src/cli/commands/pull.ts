// chain-atlas pull --from URL: copy a Neo4j store's dataset, then its investment pipeline, into the current store
// (the embedded one), whole.
import { userInfo } from "node:os";
import type { Command } from "commander";
import { copyPipeline, pipelineLine } from "../../queries/copy-pipeline.ts";
import { openNeo4j } from "../../store/neo4j/index.ts";
import type { CliContext } from "../context.ts";
import { printJson } from "../output.ts";
import { commandProgress } from "../progress-bar.ts";

export function register(program: Command, ctx: CliContext): void {
  program
    .command("pull")
    .description(
      "copy a Neo4j store's dataset and pipeline into this store (each in one transaction; NEO4J_USER / NEO4J_PASSWORD)",
    )
    .requiredOption("--from <url>", "the Neo4j store, e.g. neo4j://host:7687")
    .option("--who <name>", "who makes the change", userInfo().username)
    .option("--why <reason>", "why", "pull")
    .option(
      "--pipeline-only",
      "copy only the investment pipeline (projects, their change records, settings), not the map",
    )
    .option(
      "--progress",
      "draw progress on stderr (rows written, rate, time left) even when it is not a terminal",
    )
    .action(
      async (opts: {
        from: string;
        who: string;
        why: string;
        progress?: boolean;
        pipelineOnly?: boolean;
      }) => {
        const source = await openNeo4j(opts.from);
        try {
          const target = await ctx.openStore("create");
          let summary: Awaited<ReturnType<typeof target.replaceDataset>> | undefined;
          if (!opts.pipelineOnly) {
            const dataset = await source.loadDataset();
            const bar = commandProgress("pull: write", "rows", opts.progress === true);
            summary = await target.replaceDataset(
              dataset,
              { who: opts.who, why: `${opts.why} (from ${opts.from})` },
              {
                onProgress: bar ? (n, total) => bar.update(n, total) : undefined,
                subgraphKeys: await ctx.writeSubgraphKeys(),
              },
            );
            bar?.done();
          }
          const pipeline = await copyPipeline(source, target);
          if (ctx.json) printJson({ from: opts.from, ...summary, pipeline });
          else {
            if (summary)
              process.stdout.write(
                `pulled from ${opts.from}: ${summary.added} added, ${summary.changed} changed, ${summary.removed} removed (change #${summary.changeId})\n`,
              );
            process.stdout.write(pipelineLine(pipeline, "this store"));
          }
        } finally {
          await source.close();
        }
      },
    );
}
