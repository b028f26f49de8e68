// chain-atlas serve: the HTTP API (and the web app when built) on the embedded store.
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
    .description("serve the HTTP API at /api (docs at /api/docs) and the web app at /; Ctrl-C stops")
    .option("--port <n>", "port", "3000")
    .option("--host <addr>", "address to listen on", "127.0.0.1")
    .action(async (raw: Record<string, unknown>) => {
      const opts = parseOptions(ServeOptions, raw, "serve");
      const running = await serve({
        db: ctx.options.db,
        port: opts.port,
        host: opts.host,
        logLevel: process.env.LOG_LEVEL ?? "info",
      });
      process.stdout.write(`chain-atlas serving ${running.url}  (API docs ${running.url}/api/docs)\n`);
      await new Promise<void>((done) => {
        const stop = () => {
          void running.close().then(done);
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
    });
}
