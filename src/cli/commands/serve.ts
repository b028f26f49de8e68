// chain-atlas serve: the HTTP API (and the web app when built) on the embedded store, or on Neo4j with --store
// (projects and pipeline settings are kept with the graph; accounts stay in the embedded file --db names).
import type { Command } from "commander";
import { z } from "zod";
import { parseOptions } from "../../analysis/core/parse-options.ts";
import { serve } from "../../server/serve.ts";
import type { CliContext } from "../context.ts";

const ServeOptions = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().trim().min(1).default("127.0.0.1"),
});

export function register(program: Command, ctx: CliContext): void {
  program
    .command("serve")
    .description(
      "serve the HTTP API at /api (docs at /api/docs) and the web app at /; Ctrl-C stops. With --store neo4j://host:7687 the graph is served from Neo4j (projects kept with the graph; users stay in --db)",
    )
    .option("--port <n>", "port", "3000")
    .option("--host <addr>", "address to listen on", "127.0.0.1")
    .action(async (raw: Record<string, unknown>) => {
      const opts = parseOptions(ServeOptions, raw, "serve");
      const store = process.env.CHAIN_ATLAS_STORE;
      const running = await serve({
        db: ctx.options.db,
        store,
        port: opts.port,
        host: opts.host,
        logLevel: process.env.LOG_LEVEL ?? "info",
      });
      // The address without any user:password in it.
      const graph = store ? `; graph from ${store.replace(/\/\/[^@/]*@/, "//")}` : "";
      process.stdout.write(
        `chain-atlas serving ${running.url}  (API docs ${running.url}/api/docs${graph})\n`,
      );
      await new Promise<void>((done) => {
        const stop = () => {
          void running.close().then(done);
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
    });
}
