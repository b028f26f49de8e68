// chain-atlas review [list|accept N|reject N]: the queue of uncertain matches imports found.
import { userInfo } from "node:os";
import type { Command } from "commander";
import { OptionError } from "../../errors.ts";
import { decideReview } from "../../ingest/index.ts";
import type { ReviewStatus } from "../../store/store.ts";
import type { CliContext } from "../context.ts";
import { printJson, printTable } from "../output.ts";

export function register(program: Command, ctx: CliContext): void {
  program
    .command("review")
    .description("uncertain firm matches from imports: list them, accept (merge) or reject (keep apart)")
    .argument("[action]", "list | accept | reject", "list")
    .argument("[id]", "the review item (for accept and reject)")
    .option("--all", "list decided items too")
    .option("--who <name>", "who decides", userInfo().username)
    .option("--why <reason>", "why")
    .action(
      async (action: string, id: string | undefined, f: { all?: boolean; who: string; why?: string }) => {
        const store = await ctx.openStore();
        if (action === "list") {
          const status: ReviewStatus | undefined = f.all ? undefined : "pending";
          const items = (await store.reviewItems(status)).map(({ payload: _p, ...i }) => i);
          if (ctx.json) printJson(items);
          else if (items.length === 0) process.stdout.write("no uncertain matches waiting for review\n");
          else
            printTable(
              ["#", "file", "row", "name", "may be", "score", "why", "status"],
              items.map((i) => [i.id, i.file, i.row, i.name, i.candidate, i.score, i.reason, i.status]),
            );
          return;
        }
        if (action !== "accept" && action !== "reject")
          throw new OptionError(
            `found action ${JSON.stringify(action)}; expected list, accept N or reject N`,
          );
        const n = Number(id);
        if (!Number.isInteger(n) || n < 1)
          throw new OptionError(`review ${action} needs an item number; see chain-atlas review list`);
        const out = await decideReview(store, n, action, { who: f.who, why: f.why });
        if (ctx.json) printJson(out);
        else
          process.stdout.write(
            `review #${out.id} ${out.decision}: firm ${out.firm} (change #${out.changeId})\n`,
          );
      },
    );
}
