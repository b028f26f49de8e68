// chain-atlas targets --chain <id>: candidate firms ranked by how well they fill the chain's gaps.
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { AIM_LABELS } from "../../analysis/targets/target-explanation.ts";
import { rankTargetsOnStore } from "../../queries/chain-targets.ts";
import { toCsv } from "../../render/tables/table-export.ts";
import { targetTable } from "../../render/tables/target-table.ts";
import { readMatchingResources } from "../../seed/index.ts";
import type { CliContext } from "../context.ts";
import { printJson, printTable } from "../output.ts";

interface Opts {
  chain: string;
  gap?: string;
  top: string;
  tag?: string;
  country?: string;
  weights?: string;
  aim?: string;
  minScore?: string;
  csv?: string;
  xlsx?: string;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command("targets")
    .description("rank candidate firms for the chain's gaps, with terms, evidence and reasons")
    .requiredOption("--chain <id>", "chain id (see `chain-atlas chains`)")
    .option("--gap <segment>", "rank for this one segment only")
    .option("--top <n>", "how many rows", "20")
    .option(
      "--tag <lists>",
      "only firms on these lists, comma-separated (e.g. fortune-global-500,little-giant)",
    )
    .option("--country <codes>", "only firms in these countries, comma-separated ISO codes (e.g. CN,DE)")
    .option("--weights <w>", "score weights, e.g. gapFit=0.5,tier=0.2,masterTies=0.15,relatedness=0.15")
    .option(
      "--aim <aims>",
      "only these aims, comma-separated: fill (补链), strengthen (强链), extend (延链); all by default",
    )
    .option("--min-score <x>", "leave out rows scoring below this (0–1)")
    .option("--csv <file>", "also write the rows as CSV (UTF-8 with BOM)")
    .option("--xlsx <file>", "also write the rows as an Excel workbook")
    .action(async (opts: Opts) => {
      const { csv, xlsx, ...options } = opts;
      const res = readMatchingResources();
      const rows = await rankTargetsOnStore((sub) => ctx.chainDataset(opts.chain, res, sub), res, options);
      if (csv) writeFileSync(csv, toCsv(targetTable(opts.chain, rows)));
      // Loaded only for --xlsx: the workbook library costs a cold command most of a second.
      if (xlsx) {
        const { toXlsx } = await import("../../render/tables/table-export-xlsx.ts");
        writeFileSync(xlsx, await toXlsx([targetTable(opts.chain, rows)]));
      }
      if (ctx.json)
        return printJson(
          rows.map(({ firm, score, terms, aim, gaps, evidence, explanation }) => ({
            firm,
            score,
            terms,
            aim,
            gaps,
            evidence,
            explanation,
          })),
        );
      const en = ctx.lang === "en";
      const name = (n: { zh: string; en?: string }) => (en ? (n.en ?? n.zh) : n.zh);
      printTable(
        en
          ? [
              "#",
              "firm",
              "country",
              "aim",
              "score",
              "gap fit",
              "tier",
              "master ties",
              "related",
              "segments",
              "why",
            ]
          : ["#", "企业", "国家", "目的", "得分", "缺口", "层级", "链主", "关联", "环节", "说明"],
        rows.map((r, i) => [
          i + 1,
          name(r.firm.name),
          r.firm.country,
          AIM_LABELS[r.aim][ctx.lang],
          r.score.toFixed(3),
          r.terms.gapFit.toFixed(2),
          r.terms.tier.toFixed(2),
          r.terms.masterTies.toFixed(2),
          r.terms.relatedness === null ? (en ? "unknown" : "未知") : r.terms.relatedness.toFixed(2),
          r.gapFits.map((g) => name(g.name)).join(en ? ", " : "、"),
          r.explanation[ctx.lang],
        ]),
      );
      for (const file of [csv, xlsx]) if (file) process.stdout.write(`wrote ${file}\n`);
    });
}
