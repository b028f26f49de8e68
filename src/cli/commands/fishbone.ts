// chain-atlas fishbone: draw one chain's fishbone (产业链鱼骨图) as SVG, PNG or PDF.
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { z } from "zod";
import { parseOptions } from "../../analysis/core/parse-options.ts";
import { Id, PartialDate } from "../../model/index.ts";
import { chainDrawingOnStore } from "../../queries/chain-report.ts";
import { fishboneInputOf } from "../../render/fishbone/fishbone-input.ts";
import { renderFishboneSvg } from "../../render/fishbone/fishbone-svg.ts";
import { svgToPdf } from "../../render/print/pdf.ts";
import { svgToPng } from "../../render/print/png.ts";
import { readMatchingResources } from "../../seed/index.ts";
import type { CliContext } from "../context.ts";
import { printJson } from "../output.ts";
import { outFile } from "../output-path.ts";
import { shanghaiToday } from "../words.ts";

/** The fishbone's options; an API route can parse its query with the same schema. */
export const FishboneOptions = z.object({
  chain: Id,
  format: z.enum(["svg", "png", "pdf"]).default("svg"),
  out: z.string().trim().min(1, "expected an output file, e.g. --out pv.svg"),
  lang: z.enum(["zh", "en"]).default("zh"),
  date: PartialDate.default(() => shanghaiToday()),
  /** Gap kinds and targets from the analysis; false marks segments only missing or covered. */
  gaps: z.boolean().default(true),
});
export type FishboneOptions = z.infer<typeof FishboneOptions>;

/** Top targets drawn beside each gap bone. */
const TARGETS_PER_GAP = 3;

export function register(program: Command, ctx: CliContext): void {
  program
    .command("fishbone")
    .description(
      "draw a chain's fishbone: segments by stage, local firms, chain masters, gaps, targets (svg, png, A3 pdf)",
    )
    .requiredOption("--chain <id>", "chain id (see `chain-atlas chains`)")
    .requiredOption("--out <file>", "file to write")
    .option("--format <format>", "svg | png | pdf", "svg")
    .option("--lang <lang>", "zh | en (default zh)")
    .option("--date <date>", "date printed on the drawing, YYYY-MM-DD (default today)")
    .option("--no-gaps", "skip gap analysis and targets: mark segments only missing or covered")
    .action(async (raw: Record<string, unknown>) => {
      const opts = parseOptions(
        FishboneOptions,
        // --lang is also a global option, which commander fills wherever it stands on the line.
        { ...raw, lang: raw.lang ?? ctx.options.lang },
        "fishbone",
      );
      outFile(opts.out, "--out");
      // Ranked with the shipped matching resources, as `targets` ranks (and the report draws its fishbone).
      const res = readMatchingResources();
      const { ds, g, gaps, targets } = await chainDrawingOnStore(
        await ctx.chainReader(opts.chain, res),
        res,
        opts.chain,
        opts.gaps ? TARGETS_PER_GAP : undefined,
      );
      const city = ds.region.name;
      const projects = await ctx.projects();
      const svg = renderFishboneSvg(
        fishboneInputOf(g, opts.chain, { lang: opts.lang, date: opts.date, city, gaps, targets, projects }),
      );
      const bytes =
        opts.format === "svg"
          ? Buffer.from(svg, "utf8")
          : opts.format === "png"
            ? svgToPng(svg)
            : await svgToPdf(svg);
      writeFileSync(opts.out, bytes);
      if (ctx.json)
        printJson({
          chain: opts.chain,
          format: opts.format,
          out: opts.out,
          bytes: bytes.length,
          gapAnalysis: opts.gaps,
        });
      else
        process.stdout.write(
          `wrote ${opts.format} fishbone of ${opts.chain} to ${opts.out} (${bytes.length} bytes)\n`,
        );
    });
}
