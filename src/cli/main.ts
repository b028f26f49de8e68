// The chain-atlas command line: one command per file in ./commands, errors translated here once.
import { Command } from "commander";
import { register as backtestCmd } from "./commands/backtest.ts";
import { register as chains } from "./commands/chains.ts";
import { register as exportSeed } from "./commands/export.ts";
import { register as find } from "./commands/find.ts";
import { register as fishbone } from "./commands/fishbone.ts";
import { register as gaps } from "./commands/gaps.ts";
import { register as history } from "./commands/history.ts";
import { register as importSeed } from "./commands/import.ts";
import { register as portfolio } from "./commands/portfolio.ts";
import { register as report } from "./commands/report.ts";
import { register as serveCmd } from "./commands/serve.ts";
import { register as start } from "./commands/start.ts";
import { register as stats } from "./commands/stats.ts";
import { register as targets } from "./commands/targets.ts";
import { register as user } from "./commands/user.ts";
import { register as validate } from "./commands/validate.ts";
import { register as whatif } from "./commands/whatif.ts";
import { CliContext } from "./context.ts";
import { reportError } from "./output.ts";

const COMMANDS = [
  start,
  validate,
  importSeed,
  exportSeed,
  stats,
  chains,
  find,
  history,
  gaps,
  targets,
  portfolio,
  whatif,
  backtestCmd,
  fishbone,
  report,
  serveCmd,
  user,
];

export async function main(argv: string[]): Promise<number> {
  const program = new Command("chain-atlas")
    .description("Industrial-chain knowledge graph: fishbone maps, gaps and investment targets (招大引强)")
    .option("--db <file>", "embedded store file (default $CHAIN_ATLAS_DB or data/atlas.db)")
    .option("--json", "print machine-readable JSON")
    .showHelpAfterError()
    .exitOverride();
  const ctx = new CliContext(program);
  for (const register of COMMANDS) register(program, ctx);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    const err = e as { code?: string; exitCode?: number };
    if (typeof err.code === "string" && err.code.startsWith("commander.")) return err.exitCode === 0 ? 0 : 2;
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
