// chain-atlas gaps --chain <id>: every segment's finding (missing, weak, external, single-source, covered) and severity.
import type { Command } from "commander";
import { findGaps } from "../../analysis/gaps/find-gaps.ts";
import { GAP_KINDS, type GapFinding } from "../../analysis/gaps/gap-finding.ts";
import { NO_RESOURCES } from "../../analysis/matching/matching-resources.ts";
import { localSupplyHeadline } from "../../analysis/summary/chain-summary.ts";
import type { CliContext } from "../context.ts";
import { printJson, printTable } from "../output.ts";
import { type CliLang, GAP_KIND_WORDS } from "../words.ts";

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** The kind as shown: a parent whose sub-segments differ says so (已覆盖 · 子环节 缺链 2、已覆盖 1). */
export function kindText(f: GapFinding, lang: CliLang): string {
  const words = GAP_KIND_WORDS[lang];
  if (!f.children) return words[f.kind];
  const c = f.children;
  const parts = GAP_KINDS.filter((k) => c.counts[k] > 0).map((k) => `${words[k]} ${c.counts[k]}`);
  const sub = lang === "en" ? `sub-segments: ${parts.join(", ")}` : `子环节 ${parts.join("、")}`;
  return c.worst === f.kind && !c.mixed ? words[f.kind] : `${words[c.worst]} (${sub})`;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command("gaps")
    .description("find the chain's missing and weak links, with severity and its factors")
    .requiredOption("--chain <id>", "chain id (see `chain-atlas chains`)")
    .action(async (opts: { chain: string }) => {
      // Gaps rank no candidates: the chain's structure and ties are all it reads.
      const r = findGaps(await ctx.chainGraph(opts.chain, NO_RESOURCES, { candidates: false }), {
        chain: opts.chain,
      });
      const headline = localSupplyHeadline(r);
      if (ctx.json)
        return printJson({
          chain: r.chain,
          figures: { ...r.figures, localSupply: headline },
          findings: r.findings,
        });
      const lang = ctx.lang;
      const f = r.figures;
      const kinds = GAP_KINDS.filter((k) => f.gapsByKind[k] > 0)
        .map((k) => `${GAP_KIND_WORDS[lang][k]} ${f.gapsByKind[k]}`)
        .join(lang === "en" ? ", " : "、");
      process.stdout.write(
        lang === "en"
          ? `${r.chain.name.en ?? r.chain.name.zh}: segments with local firms ${pct(f.coverage)} · local supply share ${headline.text.en} · ${kinds}\n\n`
          : `${r.chain.name.zh}：环节本地覆盖率 ${pct(f.coverage)} · 本地配套率 ${headline.text.zh} · ${kinds}\n\n`,
      );
      const name = (x: GapFinding) =>
        lang === "en" ? (x.segment.name.en ?? x.segment.name.zh) : x.segment.name.zh;
      printTable(
        lang === "en"
          ? [
              "segment",
              "kind",
              "severity",
              "demand",
              "deficiency",
              "concentration",
              "position",
              "strategic",
              "why",
            ]
          : ["环节", "类型", "严重度", "需求", "缺口", "集中度", "位置", "战略", "说明"],
        r.findings.map((x) => [
          x.segment.parent ? `  ${name(x)}` : name(x),
          kindText(x, lang),
          x.severity.toFixed(2),
          x.factors.demand.toFixed(2),
          x.factors.deficiency.toFixed(2),
          x.factors.concentration.toFixed(2),
          x.factors.position.toFixed(2),
          x.factors.strategic.toFixed(2),
          x.explanation[lang],
        ]),
      );
    });
}
