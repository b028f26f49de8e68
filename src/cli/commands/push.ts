// chain-atlas push --to URL: copy the current store (the embedded one by default) into a Neo4j store, whole: the map,
// then the investment pipeline.
import { userInfo } from "node:os";
import type { Command } from "commander";
import { copyPipeline, pipelineLine } from "../../queries/copy-pipeline.ts";
import { openNeo4j } from "../../store/neo4j/index.ts";
import type { CliContext } from "../context.ts";
import { printJson } from "../output.ts";
import { commandProgress } from "../progress-bar.ts";

export function register(program: Command, ctx: CliContext): void {
  program
    .command("push")
    .description(
      "copy the store's dataset and pipeline into a Neo4j store (each in one transaction; NEO4J_USER / NEO4J_PASSWORD)",
    )
    .requiredOption("--to <url>", "the Neo4j store, e.g. neo4j://host:7687")
    .option("--who <name>", "who makes the change", userInfo().username)
    .option("--why <reason>", "why", "push")
    .option(
      "--pipeline-only",
      "copy only the investment pipeline (projects, their change records, settings), not the map",
    )
    .option(
      "--progress",
      "draw progress on stderr (rows written, rate, time left) even when it is not a terminal",
    )
    .action(
      async (opts: { to: string; who: string; why: string; progress?: boolean; pipelineOnly?: boolean }) => {
        // Pushing from a fresh checkout fills the embedded store from the shipped seed first, as start does (not for
        // the pipeline alone: a server's accounts file keeps no map).
        const source = await ctx.openStore(opts.pipelineOnly ? "read" : "fill");
        const target = await openNeo4j(opts.to);
        try {
          let summary: Awaited<ReturnType<typeof target.replaceDataset>> | undefined;
          if (!opts.pipelineOnly) {
            const dataset = await ctx.dataset();
            const bar = commandProgress("push: write", "rows", opts.progress === true);
            summary = await target.replaceDataset(
              dataset,
              { who: opts.who, why: `${opts.why} (from the ${source.kind} store)` },
              {
                onProgress: bar ? (n, total) => bar.update(n, total) : undefined,
                subgraphKeys: await ctx.writeSubgraphKeys(),
              },
            );
            bar?.done();
          }
          // The pipeline after the map: its projects name the map's firms and segments.
          const pipeline = await copyPipeline(source, target);
          if (ctx.json) printJson({ to: opts.to, ...summary, pipeline });
          else {
            if (summary)
              process.stdout.write(
                `pushed to ${opts.to}: ${summary.added} added, ${summary.changed} changed, ${summary.removed} removed (change #${summary.changeId})\n`,
              );
            process.stdout.write(pipelineLine(pipeline, opts.to));
          }
        } finally {
          await target.close();
        }
      },
    );
}
