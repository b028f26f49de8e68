// chain-atlas chains: the chains with stage counts, lead and masters.
import type { Command } from "commander";
import { type ChainSummary, summarizeChainsOfDataset } from "../../analysis/summary/chain-summary.ts";
import { streamedChainSummaries, streams } from "../../queries/streamed-summaries.ts";
import { masterDesignation } from "../../render/fishbone/master-level.ts";
import type { CliContext } from "../context.ts";
import { printJson, printTable } from "../output.ts";

export function register(program: Command, ctx: CliContext): void {
  program
    .command("chains")
    .description("list the chains: segments per stage, local firms, lead, chain masters")
    .action(async () => {
      // Counted as the store streams its firms and ties (a province is never held whole), else straight from the
      // dataset: the same rows as over the graph, without building a province's graph.
      const store = await ctx.openStore();
      const rows: ChainSummary[] = streams(store)
        ? await streamedChainSummaries(store)
        : summarizeChainsOfDataset(await ctx.dataset());
      if (ctx.json) printJson(rows);
      else
        printTable(
          ctx.lang === "en"
            ? ["id", "chain", "up/mid/downstream", "local firms", "chain lead", "chain masters"]
            : ["id", "产业链", "上/中/下游", "本地企业", "链长", "链主"],
          rows.map((r) => [
            r.id,
            ctx.lang === "en" ? (r.name.en ?? r.name.zh) : r.name.zh,
            `${r.stages.upstream}/${r.stages.midstream}/${r.stages.downstream}`,
            r.localFirms,
            r.leads.map((l) => l.name).join(ctx.lang === "en" ? ", " : "、") || "—",
            r.masters
              .map((m) =>
                ctx.lang === "en"
                  ? `${m.name} (${masterDesignation(m, "en")})`
                  : `${m.name}（${masterDesignation(m, "zh")}）`,
              )
              .join(ctx.lang === "en" ? "; " : "、") || "—",
          ]),
        );
    });
}
