// GET /api/chains/:chain/report.docx — the gap report as an editable Word file, with the fishbone as a
// picture and the lead's comments and sign-off (the same analysis as report.html).
import { z } from "zod";
import { PartialDate } from "../../model/index.ts";
import { regionNamesOf } from "../../render/fishbone/fishbone-input.ts";
import { projectsInTalks } from "../../render/fishbone/projects-in-talks.ts";
import { fishboneInputOf, renderFishboneSvg, svgToPng } from "../../render/index.ts";
import { chainReportProvenance } from "../../render/report/chain-report-html.ts";
import { renderGapReportDocx } from "../../render/report/gap-report-docx.ts";
import { ChainParam, ErrorSchema } from "../api-schemas.ts";
import { chainReportOf } from "../outputs/chain-outputs.ts";
import { pipelineProjects } from "../outputs/pipeline-projects.ts";
import type { RouteSpec } from "../route-spec.ts";
import { parseOrThrow } from "../zod-issues.ts";

const DocxQuery = z.strictObject({
  lang: z.enum(["zh", "en"]).default("zh"),
  date: PartialDate.optional(),
});
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export const reportDocxRoutes: RouteSpec[] = [
  {
    method: "get",
    path: "/api/chains/:chain/report.docx",
    summary: "The chain lead's gap report as an editable Word file (docx), with comments and sign-off",
    tag: "outputs",
    roles: "any",
    params: ChainParam,
    query: DocxQuery,
    responses: [
      { status: 200, description: "docx", contentType: DOCX },
      { status: 400, description: "bad option", schema: ErrorSchema },
      { status: 404, description: "no such chain", schema: ErrorSchema },
    ],
    handler: async (ctx) => {
      const q = parseOrThrow(DocxQuery, ctx.query, "query");
      const chain = ctx.params.chain!;
      const date = q.date ?? new Date().toISOString().slice(0, 10);
      const { ds, g, report } = await chainReportOf(ctx.state, chain);
      const { projects } = await pipelineProjects(ctx.state);
      const talks = projects.length > 0 ? projectsInTalks(projects, date, regionNamesOf(g)) : undefined;
      const svg = renderFishboneSvg(
        fishboneInputOf(g, chain, {
          lang: q.lang,
          date,
          city: ds.region.name,
          gaps: report.gaps,
          targets: report.targetsByGap,
          projects,
        }),
      );
      const png = svgToPng(svg, { scale: 1.5 });
      const notes = ctx.state.accounts.notes.of(chain);
      const bytes = await renderGapReportDocx({
        lang: q.lang,
        city: ds.region.name,
        date,
        report,
        ...chainReportProvenance(ds, chain, report),
        fishbonePng: { data: png, width: png.readUInt32BE(16), height: png.readUInt32BE(20) },
        comments: notes.items,
        signoff: notes.signoff,
        talks,
      });
      ctx.res.type(DOCX).attachment(`report-${chain}.docx`).send(bytes);
    },
  },
];
