// The chain lead's gap report as one self-contained, printable HTML page (zh-CN first, English on request).

import { GAP_KINDS, type GapFinding, type GapKind } from "../../analysis/gaps/gap-finding.ts";
import type { ChainReport } from "../../analysis/report/chain-report.ts";
import { localSupplyHeadline } from "../../analysis/summary/chain-summary.ts";
import type { TargetScore } from "../../analysis/targets/rank-targets.ts";
import type { LocalizedName, Source } from "../../model/index.ts";
import { escapeXml as esc } from "../fishbone/fishbone-svg.ts";
import { FONT_FAMILY, GAP_STYLE } from "../fishbone/fishbone-theme.ts";
import { masterDesignation } from "../fishbone/master-level.ts";
import { amountIn, countyIn, holderIn, type ProjectInTalks, stageIn } from "../fishbone/projects-in-talks.ts";
import { REPORT_WORDS, type ReportLang, type ReportWords } from "./report-words.ts";

export interface GapReportInput {
  lang: ReportLang;
  city: LocalizedName;
  /** YYYY-MM-DD printed on the report. */
  date: string;
  report: ChainReport;
  /** The chain's fishbone, drawn by renderFishboneSvg. */
  fishboneSvg: string;
  /** Sources the report's facts cite. */
  sources: ReadonlyArray<Source>;
  /** Facts behind the report that are demo assumptions (for the 说明). */
  assumedFacts?: number;
  /** For PDF: fonts that embed as real fonts (pair with an outlined fishbone). */
  print?: boolean;
  /** Pipeline projects in talks per segment id (projectsInTalks); listed under the gaps they fill. */
  talks?: ReadonlyMap<string, ReadonlyArray<ProjectInTalks>> | undefined;
}

/** How many of the report's gaps have a project in talks, of how many, and how many projects those are. */
export function talksSummary(
  findings: ReadonlyArray<GapFinding>,
  talks: GapReportInput["talks"],
): { gaps: number; total: number; projects: number } | undefined {
  if (!talks || talks.size === 0) return undefined;
  const gaps = findings.filter((f) => f.kind !== "covered");
  const withTalks = gaps.filter((f) => (talks.get(f.segment.id)?.length ?? 0) > 0);
  const projects = new Set(withTalks.flatMap((f) => talks.get(f.segment.id)!.map((p) => p.id)));
  return { gaps: withTalks.length, total: gaps.length, projects: projects.size };
}

/** The rows of a gap's projects in talks: investor, county, stage, amount, first-report holder, clock. */
export function talksRows(rows: ReadonlyArray<ProjectInTalks>, lang: ReportLang, w: ReportWords): string[][] {
  return rows.map((p) => [
    p.investor,
    countyIn(p, lang),
    stageIn(p.stage, lang),
    amountIn(p.amount, lang),
    holderIn(p, lang) || w.talks.noHold,
    p.firstReport ? w.talks.until(p.firstReport.until, p.firstReport.daysLeft) : w.talks.noHold,
  ]);
}

export const talksHead = (w: ReportWords) => [
  w.talks.investor,
  w.talks.county,
  w.talks.stage,
  w.talks.amount,
  w.talks.holder,
  w.talks.clock,
];

function talksTable(
  rows: ReadonlyArray<ProjectInTalks> | undefined,
  lang: ReportLang,
  w: ReportWords,
): string {
  if (!rows || rows.length === 0) return "";
  const head = talksHead(w)
    .map((h) => `<th>${esc(h)}</th>`)
    .join("");
  const body = talksRows(rows, lang, w)
    .map(
      (r, i) =>
        `<tr><td class="firm">${esc(r[0]!)}</td>${r
          .slice(1)
          .map(
            (c, j) =>
              `<td${j === 4 && rows[i]!.firstReport?.running ? ' class="running"' : ""}>${esc(c)}</td>`,
          )
          .join("")}</tr>`,
    )
    .join("\n");
  return `<div class="talks"><h4>${esc(w.talks.title)}</h4><table class="talks"><colgroup><col style="width:26%"><col style="width:12%"><col style="width:8%"><col style="width:12%"><col style="width:12%"><col></colgroup><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/** Styles for the projects in talks, added only when there are some (a report without them is unchanged). */
const TALKS_CSS = `
.talks h4 { font-size: 12px; margin: 6px 0 2px; color: #00695c; } table.talks th { background: #e0f2f1; }
td.running { color: #00695c; font-weight: bold; } .figure.talks .value { color: #00695c; }
`;

const pct = (x: number) => `${Math.round(x * 100)}%`;
const num = (x: number | null) => (x === null ? "—" : x.toFixed(2));
const nameOf = (n: LocalizedName, lang: ReportLang) => (lang === "en" ? (n.en ?? n.zh) : n.zh);

function kindBadge(kind: GapKind, w: ReportWords): string {
  const s = GAP_STYLE[kind];
  return `<span class="badge ${kind}" style="border-color:${s.stroke};background:${s.tint};color:${s.stroke}">${esc(w.kinds[kind])}</span>`;
}

function figures(input: GapReportInput, w: ReportWords): string {
  const { figures: f } = input.report.gaps;
  const s = input.report.summary;
  const headline = localSupplyHeadline(input.report.gaps);
  const supply =
    headline.share === undefined
      ? `<span class="insufficient">${esc(input.lang === "en" ? "insufficient data" : "数据不足")}</span><small>${esc(headline.text[input.lang].replace(/^[^（(]*/, ""))}</small>`
      : `${pct(headline.share)}<small>${esc(headline.text[input.lang].slice(pct(headline.share).length))}</small>`;
  const gapCounts = GAP_KINDS.filter((k) => k !== "covered" && f.gapsByKind[k] > 0)
    .map((k) => `${kindBadge(k, w)} ${f.gapsByKind[k]}`)
    .join(" ");
  const cell = (label: string, value: string) =>
    `<div class="figure"><div class="value">${value}</div><div class="label">${esc(label)}</div></div>`;
  return `<section class="figures">${[
    cell(w.coverage, pct(f.coverage)),
    cell(w.localSupply, supply),
    cell(w.localFirms, String(s.localFirms)),
    cell(w.candidates, String(s.candidateFirms)),
    cell(w.gapsByKind, gapCounts || esc(w.none)),
    ...talksFigure(input, w),
  ].join("")}</section>`;
}

function talksFigure(input: GapReportInput, w: ReportWords): string[] {
  const t = talksSummary(input.report.gaps.findings, input.talks);
  if (!t) return [];
  return [
    `<div class="figure talks"><div class="value">${t.gaps} / ${t.total}<small>${esc(w.talks.figureNote(t.projects))}</small></div><div class="label">${esc(w.talks.figure)}</div></div>`,
  ];
}

function gapTable(findings: ReadonlyArray<GapFinding>, lang: ReportLang, w: ReportWords): string {
  const rows = [...findings]
    .filter((f) => f.kind !== "covered")
    .sort((a, b) => b.severity - a.severity)
    .map((f) => {
      const factors = (Object.keys(w.factors) as Array<keyof typeof w.factors>)
        .map((k) => `<span class="factor">${esc(w.factors[k])} ${num(f.factors[k])}</span>`)
        .join(" ");
      const firms =
        f.localFirms.map((x) => `${x.master ? "★" : ""}${esc(nameOf(x.name, lang))}`).join("、") || "—";
      return `<tr><td class="seg">${esc(nameOf(f.segment.name, lang))}</td><td class="nowrap">${esc(w.stages[f.segment.stage])}</td><td class="nowrap">${kindBadge(f.kind, w)}</td>
<td class="num"><b>${num(f.severity)}</b><div class="bar"><i style="width:${Math.round(f.severity * 100)}%"></i></div></td>
<td>${firms}</td><td>${esc(f.explanation[lang])}<div class="factors">${factors}</div></td></tr>`;
    });
  return `<table class="gaps"><colgroup><col style="width:15%"><col style="width:7%"><col style="width:10%"><col style="width:9%"><col style="width:21%"><col></colgroup><thead><tr><th>${esc(w.segment)}</th><th>${esc(w.stage)}</th><th>${esc(w.kind)}</th><th>${esc(w.severity)}</th><th>${esc(w.localFirmsCol)}</th><th>${esc(w.why)}</th></tr></thead><tbody>${rows.join("\n")}</tbody></table>`;
}

function targetRows(targets: ReadonlyArray<TargetScore>, lang: ReportLang, w: ReportWords): string {
  return targets
    .map((t, i) => {
      const terms = (Object.keys(w.terms) as Array<keyof typeof w.terms>)
        .map((k) => `${esc(w.terms[k])} ${num(t.terms[k])}`)
        .join(" · ");
      const lists = [...new Set(t.firm.tags)].map((l) => esc(w.listNames[l])).join("、") || "—";
      return `<tr><td class="num">${i + 1}</td><td class="firm">${esc(nameOf(t.firm.name, lang))}</td><td>${esc(t.firm.country)}</td><td>${lists}</td>
<td class="num"><b>${num(t.score)}</b><div class="terms">${terms}</div></td><td>${esc(t.explanation[lang])}</td></tr>`;
    })
    .join("\n");
}

/** One column layout for every target table, so the tables line up and no header wraps. */
const targetHead = (w: ReportWords) =>
  `<colgroup><col style="width:5%"><col style="width:22%"><col style="width:8%"><col style="width:16%"><col style="width:13%"><col></colgroup><thead><tr><th>#</th><th>${esc(w.target)}</th><th>${esc(w.country)}</th><th>${esc(w.lists)}</th><th>${esc(w.score)}</th><th>${esc(w.reason)}</th></tr></thead>`;

function targetsPerGap(input: GapReportInput, w: ReportWords): string {
  const { lang, report } = input;
  const head = targetHead(w);
  return [...report.gaps.findings]
    .filter((f) => f.kind !== "covered")
    .sort((a, b) => b.severity - a.severity)
    .map((f) => {
      const rows = report.targetsByGap.get(f.segment.id) ?? [];
      const body = rows.length
        ? `<table class="targets">${head}<tbody>${targetRows(rows, lang, w)}</tbody></table>`
        : `<p class="muted">${esc(w.noTargets)}</p>`;
      const talks = talksTable(input.talks?.get(f.segment.id), lang, w);
      return `<div class="gap-targets"><h3>${kindBadge(f.kind, w)} ${esc(nameOf(f.segment.name, lang))} <small>${esc(w.severity)} ${num(f.severity)}</small></h3>${body}${talks}</div>`;
    })
    .join("\n");
}

function portfolio(input: GapReportInput, w: ReportWords): string {
  const { lang, report } = input;
  const p = report.portfolio;
  const segName = new Map(report.gaps.findings.map((f) => [f.segment.id, nameOf(f.segment.name, lang)]));
  const rows = p.picks
    .map(
      (pick, i) =>
        `<tr><td class="num">${i + 1}</td><td class="firm">${esc(nameOf(pick.firm.name, lang))}</td><td>${esc(pick.firm.country)}</td><td class="num">${num(pick.marginalGain)}</td><td class="num">${num(pick.cumulative)}</td><td>${pick.closes.map((c) => esc(segName.get(c.segment) ?? c.segment)).join("、")}</td></tr>`,
    )
    .join("\n");
  return `<p class="note">${esc(w.portfolioNote(p.picks.length, num(p.closed), num(p.totalSeverity)))}</p>
<table class="portfolio"><colgroup><col style="width:5%"><col style="width:30%"><col style="width:8%"><col style="width:12%"><col style="width:10%"><col></colgroup><thead><tr><th>#</th><th>${esc(w.pick)}</th><th>${esc(w.country)}</th><th>${esc(w.gain)}</th><th>${esc(w.cumulative)}</th><th>${esc(w.closes)}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** A title a reader can use: the source's own, or its site and path when the title is only an address. */
function readableTitle(s: Source): string {
  const t = s.title.trim();
  if (t && !/^https?:\/\//i.test(t)) return t;
  try {
    const u = new URL(s.url ?? t);
    return `${u.hostname}${u.pathname === "/" ? "" : u.pathname}`;
  } catch {
    return t || s.id;
  }
}

const hostOf = (url: string | undefined) => {
  try {
    return url ? new URL(url).hostname.replace(/^www\./, "") : "";
  } catch {
    return "";
  }
};

function sources(input: GapReportInput, w: ReportWords): string {
  const items = input.sources
    .map((s) => {
      const title = esc(readableTitle(s));
      const link = s.url ? `<a href="${esc(s.url)}">${title}</a>` : title;
      const host = hostOf(s.url);
      return `<li>${link}${s.published ? `（${esc(s.published)}）` : ""}${host ? ` <span class="host">${esc(host)}</span>` : ""} <span class="muted">${esc(w.read)} ${esc(s.read)}</span></li>`;
    })
    .join("\n");
  return `<p>${esc(w.sourcesNote(input.sources.length))}</p><ol class="sources">${items}</ol>`;
}

export const REPORT_CSS = `
@page { size: A4 portrait; margin: 14mm 14mm 16mm; }
@page cover { size: A3 landscape; margin: 10mm 12mm 14mm; }
* { box-sizing: border-box; }
body { font-family: ${FONT_FAMILY}; color: #1d2733; margin: 0 auto; max-width: 1200px; padding: 16px; font-size: 12px; line-height: 1.5; }
h1 { font-size: 24px; margin: 0 0 2px; } h2 { font-size: 16px; margin: 18px 0 8px; border-left: 4px solid #17304a; padding-left: 8px; break-after: avoid; }
h3 { font-size: 13.5px; margin: 12px 0 6px; break-after: avoid; } h3 small, .muted { color: #8a949e; font-weight: normal; }
header { display: flex; justify-content: space-between; align-items: flex-end; border-bottom: 2px solid #17304a; padding-bottom: 6px; }
header .side { text-align: right; } .notice { color: #8a1c1c; font-size: 13px; letter-spacing: 0.1em; }
.meta { margin: 6px 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; } .meta b { margin-right: 6px; }
.figures { display: flex; gap: 8px; margin: 6px 0; }
.figure { flex: 1 1 0; min-width: 0; border: 1px solid #c9d1d9; border-radius: 6px; padding: 4px 10px; background: #fafbfc; }
.figure .value { font-size: 18px; font-weight: bold; } .figure .value small { display: block; font-size: 10.5px; font-weight: normal; color: #5c6773; line-height: 1.3; }
.figure .label { color: #5c6773; } .insufficient { color: #c77c02; }
.notes { font-size: 11px; color: #39434d; margin: 4px 0 6px; padding: 4px 10px; border: 1px dashed #c9d1d9; border-radius: 4px; }
.notes ol { margin: 2px 0; padding-left: 18px; columns: 2; column-gap: 24px; } .notes li { break-inside: avoid; } .notes b { color: #17304a; }
.fishbone svg { display: block; width: 100%; height: auto; border: 1px solid #c9d1d9; }
table { width: 100%; border-collapse: collapse; margin: 4px 0 10px; table-layout: fixed; }
th, td { border-bottom: 1px solid #dde3e8; padding: 3px 5px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #eef2f6; white-space: nowrap; overflow: hidden; } thead { display: table-header-group; } tr { break-inside: avoid; }
td.num { text-align: right; white-space: nowrap; } td.nowrap { white-space: nowrap; } td.seg, td.firm { font-weight: bold; }
.badge { display: inline-block; border: 1px solid; border-radius: 4px; padding: 0 4px; font-size: 11px; white-space: nowrap; }
.badge.missing { border-style: dashed; }
.bar { height: 4px; background: #eef2f6; margin-top: 3px; } .bar i { display: block; height: 4px; background: #c0392b; }
.factors, .terms { color: #5c6773; font-size: 10.5px; margin-top: 2px; white-space: normal; text-align: left; } .factor { margin-right: 8px; white-space: nowrap; }
.gap-targets { break-inside: avoid; } .note { color: #5c6773; }
.sources { font-size: 10.5px; color: #39434d; padding-left: 22px; } .sources li { break-inside: avoid; margin-bottom: 2px; }
.sources a { color: #1f5fa8; text-decoration: none; } .host { color: #8a949e; }
.policy li { margin-bottom: 4px; } .basis { font-size: 11px; color: #5c6773; }
@media print {
  body { max-width: none; padding: 0; }
  /* Page 1: the fishbone page, A3 landscape, a fixed box: nothing above or beside the drawing can push it off. */
  .cover { page: cover; height: 271mm; display: flex; flex-direction: column; overflow: hidden; break-after: page; }
  .cover .info { flex: none; overflow: hidden; }
  .cover .fishbone { flex: 1 1 auto; min-height: 0; min-width: 0; }
  .cover .fishbone svg { width: 100%; height: 100%; border: none; }
  /* A tall drawing gets the page's width: the title block moves beside it. */
  .cover.side { flex-direction: row; gap: 8mm; }
  .cover.side .info { width: 100mm; max-height: 100%; }
  .cover.side header { display: block; } .cover.side header .side { text-align: left; margin-top: 4px; }
  .cover.side .meta { white-space: normal; max-height: 6em; }
  .cover.side .figures { flex-wrap: wrap; } .cover.side .figure { flex: 1 1 40%; }
  .cover.side .notes ol { columns: 1; }
}
`;

/** For PDF: a TrueType CJK font Chromium embeds as a real font, and no synthetic bold (it would print as Type 3). */
const PRINT_CSS = `
body, body * { font-family: 'WenQuanYi Micro Hei', ${FONT_FAMILY}; font-synthesis: none; }
b, strong, th, h1, h2, h3, td.seg, td.firm, .figure .value { color: #0d1b2a; }
`;

/**
 * Where page 1 puts the title block: above a wide drawing, beside a tall one (width ÷ height below 1.4 would
 * be squeezed by the page's height under the block, and gains width beside it).
 */
export function coverLayout(svg: string): "top" | "side" {
  const m = /<svg[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"/.exec(svg);
  if (!m) return "top";
  return Number(m[1]) / Number(m[2]) < 1.4 ? "side" : "top";
}

/** The whole report as one HTML document (no external resources); page 1 is the fishbone page. */
export function renderGapReport(input: GapReportInput): string {
  const w = REPORT_WORDS[input.lang];
  const { summary, targets } = input.report;
  const chainName = nameOf(summary.name, input.lang);
  const title = w.title(nameOf(input.city, input.lang), chainName);
  const leads = summary.leads.map((l) => `${esc(l.name)}（${esc(l.post)}）`).join("、") || esc(w.noLeadFound);
  // Each master with its designation (县级链主型企业（桐乡经济开发区）); the line is clamped, never pushing the drawing.
  const masters =
    summary.masters
      .map((m) => `★${esc(m.name)}<small>（${esc(masterDesignation(m, input.lang))}）</small>`)
      .join("、") || esc(w.none);
  const svg = input.fishboneSvg.replace(/^<\?xml[^>]*>\s*/, "");
  const notes = w.notes({
    date: input.date,
    sources: input.sources.length,
    assumed: input.assumedFacts ?? 0,
    candidates: summary.candidateFirms,
    localSupply: localSupplyHeadline(input.report.gaps).text[input.lang],
  });
  return `<!doctype html>
<html lang="${input.lang === "zh" ? "zh-CN" : "en"}"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${REPORT_CSS}${input.print ? PRINT_CSS : ""}${input.talks?.size ? TALKS_CSS : ""}</style></head>
<body>
<section class="cover ${coverLayout(svg)}"><div class="info">
<header><div><h1>${esc(title)}</h1><div class="muted">${esc(w.subtitle)}</div></div><div class="side"><div class="notice">${esc(w.notice)}</div><div>${esc(w.date)}：${esc(input.date)}</div></div></header>
<div class="meta"><b>${esc(w.lead)}</b>${leads}　<b>${esc(w.masters)}</b>${masters}</div>
${figures(input, w)}
<div class="notes"><b>${esc(w.notesTitle)}</b><ol>${notes.map((n) => `<li>${esc(n)}</li>`).join("")}</ol></div>
</div><div class="fishbone">${svg}</div>
</section>
<section><h2>${esc(w.gapTable)}</h2>${gapTable(input.report.gaps.findings, input.lang, w)}</section>
<h2>${esc(w.targetsPerGap)}</h2>${targetsPerGap(input, w)}
<h2>${esc(w.portfolio)}</h2>${portfolio(input, w)}
<h2>${esc(w.ranking)}</h2><table class="targets">${targetHead(w)}<tbody>${targetRows(targets, input.lang, w)}</tbody></table>
<h2>${esc(w.policy)}</h2><ul class="policy">${w.policyText.map((t) => `<li>${esc(t)}</li>`).join("")}</ul><p class="basis">${esc(w.policyBasis)}</p>
<h2>${esc(w.sources)}</h2>${sources(input, w)}
</body></html>
`;
}

/** The footer Chromium prints on every page: notice, title, page n of m (inline styles: it has no stylesheet). */
export function reportFooter(lang: ReportLang, title: string): string {
  return `<div style="width:100%;font-size:8px;color:#5c6773;text-align:center;font-family:'WenQuanYi Micro Hei',sans-serif">${REPORT_WORDS[lang].footer(esc(title))}</div>`;
}

export interface ReportIndexEntry {
  file: string;
  name: LocalizedName;
  gapsByKind: Record<GapKind, number>;
  coverage: number;
}

/** An index page linking one report per chain. */
export function renderReportIndex(
  lang: ReportLang,
  city: LocalizedName,
  date: string,
  entries: ReadonlyArray<ReportIndexEntry>,
): string {
  const w = REPORT_WORDS[lang];
  const title = w.index(nameOf(city, lang));
  const rows = entries
    .map((e) => {
      const gaps = GAP_KINDS.filter((k) => k !== "covered" && e.gapsByKind[k] > 0)
        .map((k) => `${kindBadge(k, w)} ${e.gapsByKind[k]}`)
        .join(" ");
      return `<tr><td class="firm"><a href="${esc(e.file)}">${esc(nameOf(e.name, lang))}</a></td><td class="num">${pct(e.coverage)}</td><td>${gaps || esc(w.none)}</td></tr>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="${lang === "zh" ? "zh-CN" : "en"}"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${REPORT_CSS}</style></head>
<body><header><div><h1>${esc(title)}</h1><div class="muted">${esc(w.indexNote)}</div></div><div>${esc(w.date)}：${esc(date)}</div></header>
<table><thead><tr><th>${esc(w.chainCol)}</th><th>${esc(w.coverage)}</th><th>${esc(w.gapsByKind)}</th></tr></thead><tbody>${rows}</tbody></table></body></html>
`;
}
