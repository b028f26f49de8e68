// chain-atlas gaps --chain <id>: every segment's finding (missing, weak, external, single-source, covered) and severity.
import type { Command } from "commander";
import { analysisIndexOfDataset } from "../../analysis/core/analysis-index.ts";
import { allChainGaps, findGaps, findGapsOfIndex } from "../../analysis/gaps/find-gaps.ts";
import { type ChainGaps, GAP_KINDS, type GapFinding } from "../../analysis/gaps/gap-finding.ts";
import { NO_RESOURCES } from "../../analysis/matching/matching-resources.ts";
import { localSupplyHeadline } from "../../analysis/summary/chain-summary.ts";
import type { CliContext } from "../context.ts";
import { printJson, printTable } from "../output.ts";
import { commandProgress } from "../progress-bar.ts";
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
    .option("--chain <id>", "chain id (see `chain-atlas chains`)")
    .option("--all", "every chain: one line each (figures, gap counts, the most severe gap)")
    .option("--progress", "with --all on Neo4j: show how many chains are read, also in a log")
    .action(async (opts: { chain?: string; all?: boolean; progress?: boolean }, cmd: Command) => {
      if (opts.all === true) {
        // As commander words its own option errors: one line and the hint to --help.
        if (opts.chain !== undefined) cmd.error("error: give --chain <id> or --all, not both");
        return printAllChains(ctx, opts.progress === true);
      }
      if (opts.chain === undefined)
        return cmd.error("error: gaps needs --chain <id> (see `chain-atlas chains`) or --all");
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

/** The local supply share for a table cell: the share and its confidence, or how few ties there are. */
function shortSupply(h: ReturnType<typeof localSupplyHeadline>, en: boolean): string {
  if (h.share === undefined) return en ? `insufficient data (${h.ties} ties)` : `数据不足（${h.ties}条）`;
  const conf = en ? h.confidence : { low: "低", medium: "中", high: "高", insufficient: "—" }[h.confidence];
  return en ? `${pct(h.share)} (${conf} confidence)` : `${pct(h.share)}（可信度${conf}）`;
}

/** The most severe finding that is a gap (not covered), if any. */
function worstGap(r: ChainGaps): GapFinding | undefined {
  let worst: GapFinding | undefined;
  for (const f of r.findings)
    if (f.kind !== "covered" && (worst === undefined || f.severity > worst.severity)) worst = f;
  return worst;
}

/**
 * Every chain's gaps, with no graph built: the analysis index comes straight from the data read (a province's
 * million ties make a graph cost more than the analysis). The embedded store is read whole; Neo4j chain by chain,
 * each chain's subgraph as `gaps --chain` reads it, so a province is never held whole. The same answers either way.
 */
async function allGaps(ctx: CliContext, progress: boolean): Promise<ChainGaps[]> {
  if (!(await ctx.readsByChain())) return allChainGaps(analysisIndexOfDataset(await ctx.dataset()));
  const bar = commandProgress("gaps --all", "chains", progress);
  const all: ChainGaps[] = [];
  const read = ctx.eachChainDataset({ candidates: false }, (done, total) => bar?.update(done, total));
  for await (const { chain, dataset } of read)
    all.push(findGapsOfIndex(analysisIndexOfDataset(dataset), { chain }));
  bar?.done();
  return all;
}

async function printAllChains(ctx: CliContext, progress: boolean): Promise<void> {
  const all = await allGaps(ctx, progress);
  if (ctx.json)
    return printJson(
      all.map((r) => ({
        chain: r.chain,
        figures: { ...r.figures, localSupply: localSupplyHeadline(r) },
        findings: r.findings,
      })),
    );
  const lang = ctx.lang;
  const en = lang === "en";
  const words = GAP_KIND_WORDS[lang];
  const counted = GAP_KINDS.filter((k) => k !== "covered");
  printTable(
    [
      "id",
      en ? "chain" : "产业链",
      en ? "covered segments" : "环节覆盖率",
      en ? "local supply" : "本地配套率",
      ...counted.map((k) => words[k]),
      en ? "most severe gap" : "最严重缺口",
    ],
    all.map((r) => {
      const w = worstGap(r);
      const seg = w && (en ? (w.segment.name.en ?? w.segment.name.zh) : w.segment.name.zh);
      return [
        r.chain.id,
        en ? (r.chain.name.en ?? r.chain.name.zh) : r.chain.name.zh,
        pct(r.figures.coverage),
        shortSupply(localSupplyHeadline(r), en),
        ...counted.map((k) => String(r.figures.gapsByKind[k])),
        w ? `${seg} (${words[w.kind]} ${w.severity.toFixed(2)})` : "—",
      ];
    }),
  );
}
