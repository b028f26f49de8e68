// A chain's gap report as the server serves it: the CLI's report (fishbone from the same findings) plus
// the chain lead's comments and sign-off as a closing section.
import { chainReport, sourcesOfChain } from "../../analysis/index.ts";
import type { AtlasGraph } from "../../graph/index.ts";
import type { Dataset } from "../../model/index.ts";
import type { Project } from "../../model/project.ts";
import { regionNamesOf } from "../../render/fishbone/fishbone-input.ts";
import { projectsInTalks } from "../../render/fishbone/projects-in-talks.ts";
import { fishboneInputOf, renderFishboneSvg, renderGapReport } from "../../render/index.ts";
import type { ReportNotes } from "../../store/accounts/index.ts";

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const WORDS = {
  zh: { title: "链长意见与签批", none: "暂无意见", signed: "已签批", unsigned: "尚未签批" },
  en: {
    title: "Chain lead's comments and sign-off",
    none: "No comments yet",
    signed: "Signed off",
    unsigned: "Not signed off yet",
  },
};

/** The comments and sign-off as an HTML section. */
export function notesSection(notes: ReportNotes, lang: "zh" | "en"): string {
  const w = WORDS[lang];
  const items = notes.items.length
    ? `<ul>${notes.items.map((c) => `<li><b>${esc(c.who)}</b> <small>${esc(c.at)}</small><br>${esc(c.text)}</li>`).join("")}</ul>`
    : `<p>${esc(w.none)}</p>`;
  const signoff = notes.signoff
    ? `<p class="signoff"><b>${esc(w.signed)}</b>: ${esc(notes.signoff.who)} · ${esc(notes.signoff.at)}${notes.signoff.note ? ` — ${esc(notes.signoff.note)}` : ""}</p>`
    : `<p class="signoff">${esc(w.unsigned)}</p>`;
  return `<section class="report-notes" id="report-notes"><h2>${esc(w.title)}</h2>${items}${signoff}</section>`;
}

export function reportDocument(
  ds: Dataset,
  g: AtlasGraph,
  chain: string,
  opts: { lang: "zh" | "en"; date: string },
  notes: ReportNotes,
  projects: ReadonlyArray<Project> = [],
): string {
  const report = chainReport(g, { chain });
  const talks = projects.length > 0 ? projectsInTalks(projects, opts.date, regionNamesOf(g)) : undefined;
  const fishboneSvg = renderFishboneSvg(
    fishboneInputOf(g, chain, {
      lang: opts.lang,
      date: opts.date,
      city: ds.region.name,
      gaps: report.gaps,
      targets: report.targetsByGap,
      projects,
    }),
  );
  const html = renderGapReport({
    lang: opts.lang,
    city: ds.region.name,
    date: opts.date,
    report,
    fishboneSvg,
    sources: sourcesOfChain(ds, chain),
    talks,
  });
  const section = notesSection(notes, opts.lang);
  const at = html.lastIndexOf("</body>");
  return at < 0 ? html + section : html.slice(0, at) + section + html.slice(at);
}
