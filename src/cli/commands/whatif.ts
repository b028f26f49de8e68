// chain-atlas whatif --firm <id> --segment <id>: what changes in the chain's gaps if the firm lands here.
import type { Command } from "commander";
import { GAP_KINDS } from "../../analysis/gaps/gap-finding.ts";
import { whatIf } from "../../analysis/gaps/what-if.ts";
import { NO_RESOURCES } from "../../analysis/matching/matching-resources.ts";
import type { CliContext } from "../context.ts";
import { printJson, printTable } from "../output.ts";
import { GAP_KIND_WORDS } from "../words.ts";

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function register(program: Command, ctx: CliContext): void {
  program
    .command("whatif")
    .description("recompute the chain's gaps as if the firm settled in the city in this segment")
    .requiredOption("--firm <id>", "firm id (see `chain-atlas find`)")
    .requiredOption("--segment <id>", "segment id the firm would make locally")
    .option("--chain <id>", "chain id (defaults to the segment's chain)")
    .option("--region <id>", "region it lands in (defaults to the seed's first region)")
    .action(async (opts: { firm: string; segment: string; chain?: string; region?: string }) => {
      // The chain's subgraph with the firm and its ties (all the chain's gaps read of it once it lands), where the
      // store cuts one: a province is never read whole. The chain is the segment's unless given.
      const store = await ctx.openStore();
      const skeleton = await store.loadDataset({ omit: ["firms", "ties", "sources"] });
      const chain = opts.chain ?? skeleton.segments.find((s) => s.id === opts.segment)?.chain;
      // An unknown chain or segment: any chain's subgraph (it lists every chain and segment) names what is expected,
      // as the whole graph would.
      const read = skeleton.chains.some((c) => c.id === chain) ? chain : skeleton.chains[0]?.id;
      const sub = { candidates: false, firms: [opts.firm] };
      const ds = read === undefined ? await ctx.dataset() : await ctx.chainDataset(read, NO_RESOURCES, sub);
      const r = whatIf(read === undefined ? await ctx.graph() : await ctx.chainGraph(read), opts);
      if (ctx.json) return printJson(r);
      const en = ctx.lang === "en";
      const kindWords = GAP_KIND_WORDS[ctx.lang];
      const named = <T extends { id: string; name: { zh: string; en?: string | undefined } }>(
        list: ReadonlyArray<T>,
        id: string | undefined,
      ) => {
        const x = list.find((e) => e.id === id);
        return x ? (en ? (x.name.en ?? x.name.zh) : x.name.zh) : (id ?? "");
      };
      const kinds = (f: typeof r.before) =>
        GAP_KINDS.filter((k) => f.gapsByKind[k] > 0)
          .map((k) => `${kindWords[k]} ${f.gapsByKind[k]}`)
          .join(en ? ", " : "、");
      const firm = en ? (r.firm.name.en ?? r.firm.name.zh) : r.firm.name.zh;
      const where = [named(ds.chains, r.chain), r.region ? named(ds.regions, r.region) : ""].filter(Boolean);
      process.stdout.write(
        `${firm} → ${named(ds.segments, r.segment)} (${where.join(en ? ", " : "，")})\n` +
          (en
            ? `segments with local firms ${pct(r.before.coverage)} → ${pct(r.after.coverage)}\nbefore: ${kinds(r.before)}\nafter:  ${kinds(r.after)}\n\n`
            : `环节本地覆盖率 ${pct(r.before.coverage)} → ${pct(r.after.coverage)}\n落地前：${kinds(r.before)}\n落地后：${kinds(r.after)}\n\n`),
      );
      if (r.changes.length === 0) process.stdout.write(en ? "no finding changes\n" : "各环节结论不变\n");
      else
        printTable(
          en ? ["segment", "kind", "severity"] : ["环节", "类型", "严重度"],
          r.changes.map((c) => [
            en ? (c.segment.name.en ?? c.segment.name.zh) : c.segment.name.zh,
            c.kindBefore === c.kindAfter
              ? kindWords[c.kindAfter]
              : `${kindWords[c.kindBefore]} → ${kindWords[c.kindAfter]}`,
            `${c.severityBefore.toFixed(2)} → ${c.severityAfter.toFixed(2)}`,
          ]),
        );
    });
}
