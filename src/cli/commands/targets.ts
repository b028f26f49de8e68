// chain-atlas targets --chain <id>: candidate firms ranked by how well they fill the chain's gaps.
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { type AnalysisIndex, analysisIndexOfDataset } from "../../analysis/core/analysis-index.ts";
import { cached } from "../../analysis/core/memo.ts";
import { parseOptions } from "../../analysis/core/parse-options.ts";
import { StoredTextEvidence } from "../../analysis/matching/text-evidence.ts";
import { candidatePack, PACK_VERSION, packTargets } from "../../analysis/targets/candidate-pack.ts";
import { rankTargetsOf } from "../../analysis/targets/rank-targets.ts";
import { AIM_LABELS } from "../../analysis/targets/target-explanation.ts";
import { storeRanking, TargetOptions } from "../../analysis/targets/target-options.ts";
import type { Dataset } from "../../model/index.ts";
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
      // The ranking the store reads the chain for: it may leave out candidates that cannot reach the top rows.
      const ranking = storeRanking(parseOptions(TargetOptions, options, "targets"));
      // Ranked on the subgraph's index: no graph is built (at a province's scale it would cost more than the ranking).
      // A store that keeps the text evidence hands it over: the text need not be matched again. A store that keeps
      // firms in brief has this ranking pick, on them, the firms it reads whole: the rows the ranking keeps.
      // Those are then the only firms the ranking of the subgraph scores.
      let stored: StoredTextEvidence | undefined;
      const indexes = new WeakMap<Dataset, AnalysisIndex>();
      const indexOf = (draft: Dataset) => cached(indexes, draft, () => analysisIndexOfDataset(draft));
      let picked: Set<string> | undefined;
      const ds = await ctx.chainDataset(opts.chain, res, {
        ranking,
        textEvidence: (r) => {
          stored = new StoredTextEvidence(r);
        },
        pick: (draft) => {
          // An unknown chain is reported once the subgraph is back (CliContext.chainDataset).
          if (!draft.chains.some((c) => c.id === opts.chain)) return [];
          const ids = rankTargetsOf(indexOf(draft), res, options, stored).map((r) => r.firm.id);
          picked = new Set(ids);
          return ids;
        },
        // A store that keeps the chain's candidate pack ranks on it, and reads whole only the firms it picks.
        pack: {
          version: PACK_VERSION,
          build: (draft) => candidatePack(indexOf(draft), res, opts.chain, stored),
          pick: (draft, pack) => {
            const ids = packTargets(indexOf(draft), res, options, pack);
            picked = new Set(ids);
            return ids;
          },
        },
      });
      const rows = rankTargetsOf(analysisIndexOfDataset(ds), res, options, stored, picked);
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
