// chain-atlas gaps --chain <id>: every segment's finding (missing, weak, external, single-source, covered) and severity.
import type { Command } from "commander";
import { findGaps } from "../../analysis/gaps/find-gaps.ts";
import type { CliContext } from "../context.ts";
import { printJson, printTable } from "../output.ts";

const KIND_ZH = {
  missing: "缺链",
  weak: "弱链",
  external: "外部依赖",
  "single-source": "单一来源",
  covered: "已覆盖",
} as const;
const pct = (x: number) => `${Math.round(x * 100)}%`;

export function register(program: Command, ctx: CliContext): void {
  program
    .command("gaps")
    .description("find the chain's missing and weak links, with severity and its factors")
    .requiredOption("--chain <id>", "chain id (see `chain-atlas chains`)")
    .action(async (opts: { chain: string }) => {
      const r = findGaps(await ctx.graph(), { chain: opts.chain });
      if (ctx.json) return printJson({ chain: r.chain, figures: r.figures, findings: r.findings });
      const f = r.figures;
      process.stdout.write(
        `${r.chain.name.zh} (${r.chain.id}): coverage ${pct(f.coverage)} · local supply share ${(f.observedTies ?? 0) > 0 ? pct(f.localSupplyShare) : "unknown (no ties)"} · ${Object.entries(
          f.gapsByKind,
        )
          .map(([k, n]) => `${k} ${n}`)
          .join(", ")}\n\n`,
      );
      printTable(
        ["环节 segment", "类型 kind", "严重度", "需求", "缺口", "集中度", "位置", "战略", "说明"],
        r.findings.map((x) => [
          x.segment.parent ? `  ${x.segment.name.zh}` : x.segment.name.zh,
          `${KIND_ZH[x.kind]} ${x.kind}`,
          x.severity.toFixed(2),
          x.factors.demand.toFixed(2),
          x.factors.deficiency.toFixed(2),
          x.factors.concentration.toFixed(2),
          x.factors.position.toFixed(2),
          x.factors.strategic.toFixed(2),
          x.explanation.zh,
        ]),
      );
    });
}
