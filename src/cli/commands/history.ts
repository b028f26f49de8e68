// chain-atlas history: who changed what, when and why.
import type { Command } from "commander";
import { NotFoundError, OptionError } from "../../errors.ts";
import type { CliContext } from "../context.ts";
import { printJson, printTable } from "../output.ts";
import { ACTION_WORDS, KIND_WORDS, shanghaiTime } from "../words.ts";

export function register(program: Command, ctx: CliContext): void {
  program
    .command("history")
    .description("list the change history, newest first")
    .option("--limit <n>", "how many changes", "20")
    .option("--change <id>", "list the entities one change touched")
    .action(async (opts: { limit: string; change?: string }) => {
      const store = await ctx.openStore();
      if (opts.change !== undefined) {
        const id = Number(opts.change);
        if (!Number.isInteger(id) || id < 1)
          throw new OptionError(
            `--change ${JSON.stringify(opts.change)}: expected a change number such as 1`,
          );
        const latest = (await store.history(1))[0]?.id;
        if (latest === undefined || id > latest)
          throw new NotFoundError(
            `--change ${id}: no such change; ${latest === undefined ? "the store has no changes yet" : `expected 1 … ${latest} (see \`chain-atlas history\`)`}`,
          );
        const items = await store.changeItems(id);
        if (ctx.json) printJson(items);
        else
          printTable(
            ctx.lang === "en" ? ["kind", "id", "action"] : ["类别", "id", "变更"],
            items.map((i) => [
              KIND_WORDS[ctx.lang][i.kind] ?? i.kind,
              i.id,
              ACTION_WORDS[ctx.lang][i.action],
            ]),
          );
        return;
      }
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1)
        throw new OptionError(`--limit ${JSON.stringify(opts.limit)}: expected a whole number ≥ 1`);
      const changes = await store.history(limit);
      if (ctx.json) printJson(changes);
      else
        printTable(
          ctx.lang === "en"
            ? ["#", "at (Beijing time)", "who", "op", "+", "~", "-", "why"]
            : ["#", "时间（北京时间）", "操作人", "操作", "新增", "修改", "删除", "原因"],
          changes.map((c) => [c.id, shanghaiTime(c.at), c.who, c.op, c.added, c.changed, c.removed, c.why]),
        );
    });
}
