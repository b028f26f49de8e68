// chain-atlas report: the chain lead's gap report (HTML or PDF), for one chain or all of them with an index.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { parseOptions } from "../../analysis/core/parse-options.ts";
import { type Dataset, Id, PartialDate } from "../../model/index.ts";
import { chainReportOnStore } from "../../queries/chain-report.ts";
import { htmlToPdf } from "../../render/print/pdf.ts";
import { renderChainReport } from "../../render/report/chain-report-html.ts";
import { type ReportIndexEntry, renderReportIndex } from "../../render/report/gap-report-html.ts";
import { readMatchingResources } from "../../seed/index.ts";
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
      // Each chain read by itself (its rankings, then its subgraph with the firms they name), --all one after another:
      // a province's store is never held whole. Ranked with the shipped matching resources, as `targets` ranks.
      const res = readMatchingResources();
      const projects = await ctx.projects();
      const chains = opts.chain !== undefined ? [opts.chain] : await ctx.chainIds();
      const written: Array<{ chain: string; file: string; bytes: number }> = [];
      const entries: ReportIndexEntry[] = [];
      let region: Dataset["region"] | undefined;
      for (const chain of chains) {
        const { ds, g, report } = await chainReportOnStore(await ctx.chainReader(chain, res), res, { chain });
        region = ds.region;
        const { html, footer } = renderChainReport({
          ds,
          g,
          chain,
          report,
          lang: opts.lang,
          date: opts.date,
          projects,
          print: opts.format === "pdf",
        });
        const file = opts.chain !== undefined ? opts.out : join(opts.out, `${chain}.${opts.format}`);
        written.push({ chain, file, bytes: await write(file, html, opts.format, footer) });
        entries.push({
          file: `${chain}.${opts.format}`,
          name: report.summary.name,
          gapsByKind: report.gaps.figures.gapsByKind,
          coverage: report.gaps.figures.coverage,
        });
      }
      if (opts.all) {
        region ??= (await ctx.skeleton()).region;
        const index = join(opts.out, "index.html");
        writeFileSync(index, renderReportIndex(opts.lang, region.name, opts.date, entries));
        written.push({ chain: "", file: index, bytes: 0 });
      }
      if (ctx.json) printJson(written);
      else for (const w of written) process.stdout.write(`wrote ${w.file}\n`);
    });
}
