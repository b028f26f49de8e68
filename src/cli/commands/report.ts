// chain-atlas report: the chain lead's gap report (HTML or PDF), for one chain or all of them with an index.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { parseOptions } from "../../analysis/core/parse-options.ts";
import { chainReport } from "../../analysis/report/chain-report.ts";
import { type AtlasGraph, chainsOf } from "../../graph/index.ts";
import { type Dataset, Id, PartialDate } from "../../model/index.ts";
import type { Project } from "../../model/project.ts";
import { fishboneInputOf, regionNamesOf } from "../../render/fishbone/fishbone-input.ts";
import { renderFishboneSvg } from "../../render/fishbone/fishbone-svg.ts";
import { projectsInTalks } from "../../render/fishbone/projects-in-talks.ts";
import { printableSvg } from "../../render/print/outline-text.ts";
import { htmlToPdf } from "../../render/print/pdf.ts";
import {
  type ReportIndexEntry,
  renderGapReport,
  renderReportIndex,
  reportFooter,
} from "../../render/report/gap-report-html.ts";
import { reportProvenance } from "../../render/report/report-provenance.ts";
import { REPORT_WORDS } from "../../render/report/report-words.ts";
import type { CliContext } from "../context.ts";
import { printJson } from "../output.ts";
import { outDir, outFile } from "../output-path.ts";
import { shanghaiToday } from "../words.ts";

/** The report's options; an API route can parse its query with the same schema. */
export const ReportOptions = z
  .strictObject({
    chain: Id.optional(),
    all: z.boolean().default(false),
    format: z.enum(["html", "pdf"]).default("html"),
    out: z.string().trim().min(1, "expected an output file (or, with --all, a folder)"),
    lang: z.enum(["zh", "en"]).default("zh"),
    date: PartialDate.default(() => shanghaiToday()),
  })
  .refine((o) => o.all !== (o.chain !== undefined), {
    message: "expected either --chain <id> or --all",
    path: ["chain"],
  });
type ReportOptions = z.infer<typeof ReportOptions>;

/** One chain's report as HTML, with its fishbone drawn from the same findings and targets. */
function reportHtml(
  ds: Dataset,
  g: AtlasGraph,
  chain: string,
  opts: ReportOptions,
  projects: ReadonlyArray<Project>,
) {
  const report = chainReport(g, { chain });
  const talks = projects.length > 0 ? projectsInTalks(projects, opts.date, regionNamesOf(g)) : undefined;
  const svg = renderFishboneSvg(
    fishboneInputOf(g, chain, {
      lang: opts.lang,
      date: opts.date,
      city: ds.region.name,
      gaps: report.gaps,
      targets: report.targetsByGap,
      projects,
    }),
  );
  // The firms the report names: local firms of its segments, the targets it lists, the portfolio's picks.
  const shown = new Set<string>([
    ...report.gaps.findings.flatMap((f) => f.localFirms.map((x) => x.id)),
    ...[...report.targetsByGap.values()].flat().map((t) => t.firm.id),
    ...report.targets.map((t) => t.firm.id),
    ...report.portfolio.picks.map((p) => p.firm.id),
  ]);
  const { sources, assumedFacts } = reportProvenance(ds, chain, shown);
  const print = opts.format === "pdf";
  const html = renderGapReport({
    lang: opts.lang,
    city: ds.region.name,
    date: opts.date,
    report,
    // In a PDF the drawing's text is outlined: Chromium would embed its CFF font as Type 3.
    fishboneSvg: print ? printableSvg(svg) : svg,
    sources,
    assumedFacts,
    print,
    talks,
  });
  const title = REPORT_WORDS[opts.lang].title(
    opts.lang === "en" ? (ds.region.name.en ?? ds.region.name.zh) : ds.region.name.zh,
    opts.lang === "en" ? (report.summary.name.en ?? report.summary.name.zh) : report.summary.name.zh,
  );
  return { report, html, footer: reportFooter(opts.lang, title) };
}

async function write(
  file: string,
  html: string,
  format: ReportOptions["format"],
  footer: string,
): Promise<number> {
  const bytes =
    format === "html" ? Buffer.from(html, "utf8") : await htmlToPdf(html, { footer, printFont: true });
  writeFileSync(file, bytes);
  return bytes.length;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command("report")
    .description(
      "write a chain's gap report: fishbone, gaps and why, targets per gap, portfolio, sources (html or pdf)",
    )
    .option("--chain <id>", "chain id (see `chain-atlas chains`)")
    .option("--all", "one report per chain plus index.html; --out is then a folder")
    .requiredOption("--out <path>", "file to write (a folder with --all)")
    .option("--format <format>", "html | pdf", "html")
    .option("--lang <lang>", "zh | en (default zh)")
    .option("--date <date>", "date printed on the report, YYYY-MM-DD (default today)")
    .action(async (raw: Record<string, unknown>) => {
      const opts = parseOptions(
        ReportOptions,
        // --lang is also a global option, which commander fills wherever it stands on the line.
        { ...raw, all: raw.all === true, lang: raw.lang ?? ctx.options.lang },
        "report",
      );
      if (opts.all) outDir(opts.out, "--out");
      else outFile(opts.out, "--out");
      // One chain reads its subgraph; --all reads the whole store.
      const ds = opts.chain !== undefined ? await ctx.chainDataset(opts.chain) : await ctx.dataset();
      const g = opts.chain !== undefined ? await ctx.chainGraph(opts.chain) : await ctx.graph();
      const projects = await ctx.projects();
      const written: Array<{ chain: string; file: string; bytes: number }> = [];
      if (opts.chain !== undefined) {
        const { html, footer } = reportHtml(ds, g, opts.chain, opts, projects);
        written.push({
          chain: opts.chain,
          file: opts.out,
          bytes: await write(opts.out, html, opts.format, footer),
        });
      } else {
        const entries: ReportIndexEntry[] = [];
        for (const chain of chainsOf(g)) {
          const { report, html, footer } = reportHtml(ds, g, chain.id, opts, projects);
          const file = `${chain.id}.${opts.format}`;
          written.push({
            chain: chain.id,
            file: join(opts.out, file),
            bytes: await write(join(opts.out, file), html, opts.format, footer),
          });
          entries.push({
            file,
            name: chain.name,
            gapsByKind: report.gaps.figures.gapsByKind,
            coverage: report.gaps.figures.coverage,
          });
        }
        const index = join(opts.out, "index.html");
        writeFileSync(index, renderReportIndex(opts.lang, ds.region.name, opts.date, entries));
        written.push({ chain: "", file: index, bytes: 0 });
      }
      if (ctx.json) printJson(written);
      else for (const w of written) process.stdout.write(`wrote ${w.file}\n`);
    });
}
