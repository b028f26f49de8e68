// The chain-atlas command line: one command per file in ./commands, loaded only when run; errors translated here once.
import { existsSync, readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import pkg from "../../package.json" with { type: "json" };
import { CliContext } from "./context.ts";
import { reportError } from "./output.ts";

type Register = (program: Command, ctx: CliContext) => void;

/** Each command's module, imported only when that command runs (or for --help), so start-up stays short. */
const COMMANDS: Record<string, () => Promise<{ register: Register }>> = {
  start: () => import("./commands/start.ts"),
  validate: () => import("./commands/validate.ts"),
  import: () => import("./commands/import.ts"),
  export: () => import("./commands/export.ts"),
  stats: () => import("./commands/stats.ts"),
  chains: () => import("./commands/chains.ts"),
  find: () => import("./commands/find.ts"),
  history: () => import("./commands/history.ts"),
  gaps: () => import("./commands/gaps.ts"),
  targets: () => import("./commands/targets.ts"),
  portfolio: () => import("./commands/portfolio.ts"),
  whatif: () => import("./commands/whatif.ts"),
  backtest: () => import("./commands/backtest.ts"),
  fishbone: () => import("./commands/fishbone.ts"),
  report: () => import("./commands/report.ts"),
  serve: () => import("./commands/serve.ts"),
  user: () => import("./commands/user.ts"),
  ingest: () => import("./commands/ingest.ts"),
  review: () => import("./commands/review.ts"),
  push: () => import("./commands/push.ts"),
  pull: () => import("./commands/pull.ts"),
  project: () => import("./commands/project.ts"),
  progress: () => import("./commands/progress.ts"),
};

/** The command named on the line (the first word that is not a global option or its value). */
export function commandOf(args: ReadonlyArray<string>): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--db" || a === "--lang" || a === "--store") i++;
    else if (!a.startsWith("-")) return a;
  }
  return undefined;
}

/** The top-level help as the build wrote it (build:cli runs the full --help once); undefined when running from
 * the sources or when asked for the full one. Saves loading every command's module just to list them. */
function builtHelp(): string | undefined {
  const file = new URL("./help.txt", import.meta.url);
  if (process.env.CHAIN_ATLAS_FULL_HELP === "1" || file.protocol !== "file:" || !existsSync(file))
    return undefined;
  return readFileSync(file, "utf8");
}

export async function main(argv: string[]): Promise<number> {
  const named = commandOf(argv.slice(2));
  if (named === undefined && argv.slice(2).some((a) => a === "-h" || a === "--help")) {
    const help = builtHelp();
    if (help !== undefined) {
      process.stdout.write(help);
      return 0;
    }
  }
  const hint = `run \`chain-atlas ${named && named in COMMANDS ? `${named} ` : ""}--help\` for usage`;
  const program = new Command("chain-atlas")
    .description("Industrial-chain knowledge graph: fishbone maps, gaps and investment targets (招大引强)")
    .version(pkg.version, "-V, --version", "print the version")
    .option("--db <file>", "embedded store file (default $CHAIN_ATLAS_DB or data/atlas.db)")
    .option("--json", "print machine-readable JSON")
    .addOption(new Option("--lang <lang>", "language of tables: zh or en").choices(["zh", "en"]))
    .configureOutput({
      // Commander's own errors: one line and a hint, never the whole usage.
      outputError: (text, write) =>
        write(
          `chain-atlas: ${text
            .replace(/^error: /, "")
            .replace(/\s*\n\s*/g, " ")
            .trim()}\n${hint}\n`,
        ),
    })
    .option("--store <url>", "Neo4j store, e.g. neo4j://host:7687 (NEO4J_USER / NEO4J_PASSWORD)")
    .on("option:store", (url: string) => {
      process.env.CHAIN_ATLAS_STORE = url;
    })
    .exitOverride();
  const ctx = new CliContext(program);
  // An unknown --chain is "not found" for every command that takes one.
  // (checked on what the command loads: the chain's subgraph, not a whole-store read first).
  program.hook("preAction", async (_program, action) => {
    const chain = action.opts().chain;
    if (typeof chain === "string") ctx.expectChain = chain;
  });
  const versionOnly = named === undefined && argv.some((a) => a === "-V" || a === "--version");
  const wanted = named && named in COMMANDS ? [named] : versionOnly ? [] : Object.keys(COMMANDS);
  for (const name of wanted) (await COMMANDS[name]!()).register(program, ctx);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    return reportError(e, ctx.json);
  } finally {
    await ctx.close();
  }
}

// A reader that stops early (chain-atlas gaps | head) is not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});
process.exitCode = await main(process.argv);
