// Outputs: the fishbone (svg, png, pdf) and the gap report (html, pdf), drawn from the same analysis.
import { z } from "zod";
import { findGaps, targetsForGaps } from "../../analysis/index.ts";
import { PartialDate } from "../../model/index.ts";
import { fishboneInputOf, htmlToPdf, renderFishboneSvg, svgToPdf, svgToPng } from "../../render/index.ts";
import { ChainParam, ErrorSchema } from "../api-schemas.ts";
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
  const { projects, key } = pipelineProjects(ctx.state);
  return ctx.state.cached(`fishbone:${chain}:${q.lang}:${date}:${q.gaps}:${key}`, async () => {
    const { ds, g } = await ctx.state.chainData(chain);
    const city = ds.region.name;
    const gaps = q.gaps === "true" ? findGaps(g, { chain }) : undefined;
    const targets = gaps ? targetsForGaps(g, gaps, TARGETS_PER_GAP) : undefined;
    return renderFishboneSvg(
      fishboneInputOf(g, chain, { lang: q.lang, date, city, gaps, targets, projects }),
    );
  });
}

async function reportHtml(ctx: RouteContext): Promise<string> {
  const q = parseOrThrow(ReportQuery, ctx.query, "query");
  const chain = ctx.params.chain!;
  const { ds, g } = await ctx.state.chainData(chain);
  // Comments change without a dataset change: the report is built per request (it takes milliseconds).
  return reportDocument(
    ds,
    g,
    chain,
    { lang: q.lang, date: q.date ?? today() },
    ctx.state.accounts.notes.of(chain),
    pipelineProjects(ctx.state).projects,
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
    const html = await reportHtml(ctx);
    if (format === "html") {
      ctx.res.type("html").send(html);
      return;
    }
    ctx.res
      .type("application/pdf")
      .attachment(`report-${ctx.params.chain}.pdf`)
      .send(await htmlToPdf(html));
  },
});

export const outputRoutes: RouteSpec[] = [
  fishbone("svg"),
  fishbone("png"),
  fishbone("pdf"),
  report("html"),
  report("pdf"),
];
