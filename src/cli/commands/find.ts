// chain-atlas find <text>: firms by name, alias or product — substring hits first, then word matches (光伏玻璃 → 光伏压延玻璃).
import type { Command } from "commander";
import { findFirmsByWords, findFirmsByWordsIn } from "../../analysis/matching/find-firms.ts";
import type { Firm } from "../../model/index.ts";
import { streams } from "../../queries/streamed-summaries.ts";
import type { CliContext } from "../context.ts";
import { printJson, printTable } from "../output.ts";

export function register(program: Command, ctx: CliContext): void {
  program
    .command("find")
    .description("find firms by name, alias or product, e.g. 光伏玻璃 (substrings and words)")
    .argument("<text>", "words to look for")
    .option("--limit <n>", "at most this many", "20")
    .action(async (text: string, opts: { limit: string }) => {
      const limit = Math.max(1, Number(opts.limit) || 20);
      const store = await ctx.openStore();
      const exact = await store.findFirms(text, limit);
      const seen = new Set(exact.map((h) => h.id));
      // Word matches over the firms as the store streams them (a province is never held whole): the same hits as
      // over the dataset.
      const words = streams(store)
        ? await findFirmsByWordsIn(store.streamEntities("firms") as AsyncIterable<Firm>, text, limit)
        : findFirmsByWords(await ctx.dataset(), text, limit);
      const byWords = words.filter((h) => !seen.has(h.id));
      const hits = [...exact, ...byWords].slice(0, limit);
      if (ctx.json) printJson(hits);
      else if (hits.length === 0) process.stdout.write(`no firm matches ${JSON.stringify(text)}\n`);
      else
        printTable(
          ctx.lang === "en" ? ["id", "name", "local", "products"] : ["id", "名称", "本地", "产品"],
          hits.map((h) =>
            ctx.lang === "en"
              ? [
                  h.id,
                  h.name.en ?? h.name.zh,
                  h.local ? "local" : "outside",
                  h.products.slice(0, 3).join(", "),
                ]
              : [h.id, h.name.zh, h.local ? "本地" : "市外", h.products.slice(0, 3).join("、")],
          ),
        );
    });
}
