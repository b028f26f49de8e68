// One chain's gap report as HTML, as both faces write it (`chain-atlas report`, the API's report.html and .pdf):
// the report's content, its fishbone drawn from the same findings and targets, and the sources its facts cite.
import type { ChainReport } from "../../analysis/report/chain-report.ts";
import type { AtlasGraph } from "../../graph/index.ts";
import type { Dataset } from "../../model/index.ts";
import type { Project } from "../../model/project.ts";
import { fishboneInputOf, regionNamesOf } from "../fishbone/fishbone-input.ts";
import { renderFishboneSvg } from "../fishbone/fishbone-svg.ts";
import { projectsInTalks } from "../fishbone/projects-in-talks.ts";
import { printableSvg } from "../print/outline-text.ts";
import { renderGapReport, reportFooter } from "./gap-report-html.ts";
import { type ReportProvenance, reportProvenance } from "./report-provenance.ts";
import { REPORT_WORDS } from "./report-words.ts";

export interface ChainReportPage {
  /** The chain's subgraph (or the whole dataset) holding every firm the report names, and its graph. */
  ds: Dataset;
  g: AtlasGraph;
  chain: string;
  report: ChainReport;
  lang: "zh" | "en";
  date: string;
  projects: ReadonlyArray<Project>;
  /** For a PDF: print styles, and the drawing's text outlined (Chromium would embed its CFF font as Type 3). */
  print?: boolean;
}

/** The sources the report's facts cite and how many are assumed, over the firms it names (HTML and Word alike). */
export function chainReportProvenance(ds: Dataset, chain: string, report: ChainReport): ReportProvenance {
  // The firms the report names: local firms of its segments, the targets it lists, the portfolio's picks.
  const shown = new Set<string>([
    ...report.gaps.findings.flatMap((f) => f.localFirms.map((x) => x.id)),
    ...[...report.targetsByGap.values()].flat().map((t) => t.firm.id),
    ...report.targets.map((t) => t.firm.id),
    ...report.portfolio.picks.map((x) => x.firm.id),
  ]);
  return reportProvenance(ds, chain, shown);
}

/** The report's HTML, and the footer a PDF prints on every page. */
export function renderChainReport(p: ChainReportPage): { html: string; footer: string } {
  const { ds, g, chain, report } = p;
  const talks = p.projects.length > 0 ? projectsInTalks(p.projects, p.date, regionNamesOf(g)) : undefined;
  const svg = renderFishboneSvg(
    fishboneInputOf(g, chain, {
      lang: p.lang,
      date: p.date,
      city: ds.region.name,
      gaps: report.gaps,
      targets: report.targetsByGap,
      projects: p.projects,
    }),
  );
  const { sources, assumedFacts } = chainReportProvenance(ds, chain, report);
  const print = p.print === true;
  const html = renderGapReport({
    lang: p.lang,
    city: ds.region.name,
    date: p.date,
    report,
    fishboneSvg: print ? printableSvg(svg) : svg,
    sources,
    assumedFacts,
    print,
    talks,
  });
  const en = p.lang === "en";
  const title = REPORT_WORDS[p.lang].title(
    en ? (ds.region.name.en ?? ds.region.name.zh) : ds.region.name.zh,
    en ? (report.summary.name.en ?? report.summary.name.zh) : report.summary.name.zh,
  );
  return { html, footer: reportFooter(p.lang, title) };
}
