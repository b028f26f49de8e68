// Outputs: the fishbone (svg, png, pdf) and the gap report (html, pdf), drawn from the same analysis.
import { z } from "zod";
import { PartialDate } from "../../model/index.ts";
import { fishboneInputOf, htmlToPdf, renderFishboneSvg, svgToPdf, svgToPng } from "../../render/index.ts";
import { ChainParam, ErrorSchema } from "../api-schemas.ts";
import { chainDrawingOf, chainReportOf } from "../outputs/chain-outputs.ts";
import { pipelineProjects } from "../outputs/pipeline-projects.ts";
import { reportDocument } from "../outputs/report-document.ts";
import type { RouteContext, RouteSpec } from "../route-spec.ts";
import { parseOrThrow } from "../zod-issues.ts";

const TARGETS_PER_GAP = 3;

const FishboneQuery = z.strictObject({
  lang: z.enum(["zh", "en"]).default("zh"),
  date: PartialDate.optional(),
  gaps: z.enum(["true", "false"]).default("true"),
});
const ReportQuery = z.strictObject({
  lang: z.enum(["zh", "en"]).default("zh"),
  date: PartialDate.optional(),
});
const today = () => new Date().toISOString().slice(0, 10);

const TYPES = { svg: "image/svg+xml", png: "image/png", pdf: "application/pdf", html: "text/html" } as const;
const errors = [
  { status: 400, description: "bad option", schema: ErrorSchema },
  { status: 404, description: "no such chain", schema: ErrorSchema },
];

async function fishboneSvg(ctx: RouteContext): Promise<string> {
  const q = parseOrThrow(FishboneQuery, ctx.query, "query");
  const chain = ctx.params.chain!;
  const date = q.date ?? today();
  const { projects, key } = await pipelineProjects(ctx.state);
  return ctx.state.cached(`fishbone:${chain}:${q.lang}:${date}:${q.gaps}:${key}`, async () => {
    const { ds, g, gaps, targets } = await chainDrawingOf(
      ctx.state,
      chain,
      q.gaps === "true" ? TARGETS_PER_GAP : undefined,
    );
    return renderFishboneSvg(
      fishboneInputOf(g, chain, { lang: q.lang, date, city: ds.region.name, gaps, targets, projects }),
    );
  });
}

/** The report page; for a PDF with print styles and the footer on every page, as `chain-atlas report` prints it. */
async function reportHtml(ctx: RouteContext, print: boolean): Promise<{ html: string; footer: string }> {
  const q = parseOrThrow(ReportQuery, ctx.query, "query");
  const chain = ctx.params.chain!;
  const { ds, g, report } = await chainReportOf(ctx.state, chain);
  // Comments change without a dataset change: the page is built per request (it takes milliseconds).
  return reportDocument(
    {
      ds,
      g,
      chain,
      report,
      lang: q.lang,
      date: q.date ?? today(),
      projects: (await pipelineProjects(ctx.state)).projects,
      print,
    },
    ctx.state.accounts.notes.of(chain),
  );
}

const fishbone = (format: "svg" | "png" | "pdf"): RouteSpec => ({
  method: "get",
  path: `/api/chains/:chain/fishbone.${format}`,
  summary: `The chain's fishbone (产业链鱼骨图) as ${format.toUpperCase()}${format === "pdf" ? " (one A3 landscape page)" : ""}`,
  tag: "outputs",
  roles: "any",
  params: ChainParam,
  query: FishboneQuery,
  responses: [{ status: 200, description: format, contentType: TYPES[format] }, ...errors],
  handler: async (ctx) => {
    const svg = await fishboneSvg(ctx);
    const body = format === "svg" ? svg : format === "png" ? svgToPng(svg) : await svgToPdf(svg);
    ctx.res.type(TYPES[format]);
    if (format === "pdf") ctx.res.attachment(`fishbone-${ctx.params.chain}.pdf`);
    ctx.res.send(body);
  },
});

const report = (format: "html" | "pdf"): RouteSpec => ({
  method: "get",
  path: `/api/chains/:chain/report.${format}`,
  summary: `The chain lead's gap report as ${format.toUpperCase()}, with comments and sign-off`,
  tag: "outputs",
  roles: "any",
  params: ChainParam,
  query: ReportQuery,
  responses: [{ status: 200, description: format, contentType: TYPES[format] }, ...errors],
  handler: async (ctx) => {
    const { html, footer } = await reportHtml(ctx, format === "pdf");
    if (format === "html") {
      ctx.res.type("html").send(html);
      return;
    }
    ctx.res
      .type("application/pdf")
      .attachment(`report-${ctx.params.chain}.pdf`)
      .send(await htmlToPdf(html, { footer, printFont: true }));
  },
});

export const outputRoutes: RouteSpec[] = [
  fishbone("svg"),
  fishbone("png"),
  fishbone("pdf"),
  report("html"),
  report("pdf"),
];
