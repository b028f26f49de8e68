// The chain lead's gap report as one self-contained, printable HTML page (zh-CN first, English on request).

import { GAP_KINDS, type GapFinding, type GapKind } from "../../analysis/gaps/gap-finding.ts";
import type { ChainReport } from "../../analysis/report/chain-report.ts";
import type { TargetScore } from "../../analysis/targets/rank-targets.ts";
import type { LocalizedName, Source } from "../../model/index.ts";
import { escapeXml as esc } from "../fishbone/fishbone-svg.ts";
import { FONT_FAMILY, GAP_STYLE } from "../fishbone/fishbone-theme.ts";
import { REPORT_WORDS, type ReportLang, type ReportWords } from "./report-words.ts";

export interface GapReportInput {
  lang: ReportLang;
  city: LocalizedName;
  /** YYYY-MM-DD printed on the report. */
  date: string;
  report: ChainReport;
  /** The chain's fishbone, drawn by renderFishboneSvg. */
  fishboneSvg: string;
  /** Sources the chain's facts cite. */
  sources: ReadonlyArray<Source>;
}

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
  const ties = f.observedTies ?? 0;
  const supply =
    ties > 0
      ? `${pct(f.localSupplyShare)} <small>${esc(w.observedTies(ties))}</small>`
      : `<small>${esc(w.localSupplyUnknown)}</small>`;
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
  ].join("")}</section>`;
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
  return `<table class="gaps"><thead><tr><th>${esc(w.segment)}</th><th>${esc(w.stage)}</th><th>${esc(w.kind)}</th><th>${esc(w.severity)}</th><th>${esc(w.localFirmsCol)}</th><th>${esc(w.why)}</th></tr></thead><tbody>${rows.join("\n")}</tbody></table>`;
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

function targetsPerGap(input: GapReportInput, w: ReportWords): string {
  const { lang, report } = input;
  const head = `<thead><tr><th>#</th><th>${esc(w.target)}</th><th>${esc(w.country)}</th><th>${esc(w.lists)}</th><th>${esc(w.score)}</th><th>${esc(w.reason)}</th></tr></thead>`;
  return [...report.gaps.findings]
    .filter((f) => f.kind !== "covered")
    .sort((a, b) => b.severity - a.severity)
    .map((f) => {
      const rows = report.targetsByGap.get(f.segment.id) ?? [];
      const body = rows.length
        ? `<table class="targets">${head}<tbody>${targetRows(rows, lang, w)}</tbody></table>`
        : `<p class="muted">${esc(w.noTargets)}</p>`;
      return `<div class="gap-targets"><h3>${kindBadge(f.kind, w)} ${esc(nameOf(f.segment.name, lang))} <small>${esc(w.severity)} ${num(f.severity)}</small></h3>${body}</div>`;
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
<table class="portfolio"><thead><tr><th>#</th><th>${esc(w.pick)}</th><th>${esc(w.country)}</th><th>${esc(w.gain)}</th><th>${esc(w.cumulative)}</th><th>${esc(w.closes)}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function sources(input: GapReportInput, w: ReportWords): string {
  const items = input.sources
    .map(
      (s) =>
        `<li>${esc(s.title)}${s.published ? `（${esc(s.published)}）` : ""}${s.url ? ` <span class="url">${esc(s.url)}</span>` : ""} <span class="muted">${esc(w.read)} ${esc(s.read)}</span></li>`,
    )
    .join("\n");
  return `<p>${esc(w.sourcesNote(input.sources.length))}</p><ol class="sources">${items}</ol>`;
}

export const REPORT_CSS = `
@page { size: A3 landscape; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: ${FONT_FAMILY}; color: #1d2733; margin: 0 auto; max-width: 1200px; padding: 16px; font-size: 12.5px; line-height: 1.5; }
h1 { font-size: 24px; margin: 0 0 2px; } h2 { font-size: 17px; margin: 22px 0 8px; border-left: 4px solid #17304a; padding-left: 8px; break-after: avoid; }
h3 { font-size: 14px; margin: 14px 0 6px; } h3 small, .muted { color: #8a949e; font-weight: normal; }
header { display: flex; justify-content: space-between; align-items: flex-end; border-bottom: 2px solid #17304a; padding-bottom: 8px; }
.meta { margin: 8px 0; } .meta b { margin-right: 6px; }
.figures { display: flex; gap: 10px; flex-wrap: wrap; margin: 10px 0; }
.figure { flex: 1 1 150px; border: 1px solid #c9d1d9; border-radius: 6px; padding: 8px 12px; background: #fafbfc; }
.figure .value { font-size: 20px; font-weight: bold; } .figure .label { color: #5c6773; }
.fishbone svg { display: block; width: 100%; height: auto; border: 1px solid #c9d1d9; }
table { width: 100%; border-collapse: collapse; margin: 4px 0 10px; }
th, td { border-bottom: 1px solid #dde3e8; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #eef2f6; } thead { display: table-header-group; } tr { break-inside: avoid; }
td.num { text-align: right; white-space: nowrap; } td.nowrap { white-space: nowrap; } td.seg, td.firm { font-weight: bold; white-space: nowrap; }
.badge { display: inline-block; border: 1px solid; border-radius: 4px; padding: 0 5px; font-size: 11.5px; white-space: nowrap; }
.badge.missing { border-style: dashed; }
.bar { height: 4px; background: #eef2f6; margin-top: 3px; } .bar i { display: block; height: 4px; background: #c0392b; }
.factors, .terms { color: #5c6773; font-size: 11px; margin-top: 2px; } .factor { margin-right: 8px; white-space: nowrap; }
.gap-targets { break-inside: avoid; } .note { color: #5c6773; }
.sources { font-size: 11px; color: #39434d; columns: 2; column-gap: 24px; } .sources li { break-inside: avoid; margin-bottom: 2px; }
.url { color: #1f5fa8; word-break: break-all; }
.policy li { margin-bottom: 4px; }
section.page-break { break-before: page; }
@media print { body { max-width: none; padding: 0; } .fishbone { break-inside: avoid; } .fishbone svg { width: auto; max-width: 100%; max-height: 200mm; margin: 0 auto; } }
`;

/** The whole report as one HTML document (no external resources). */
export function renderGapReport(input: GapReportInput): string {
  const w = REPORT_WORDS[input.lang];
  const { summary, targets } = input.report;
  const chainName = nameOf(summary.name, input.lang);
  const title = w.title(nameOf(input.city, input.lang), chainName);
  const leads = summary.leads.map((l) => `${esc(l.name)}（${esc(l.post)}）`).join("、") || esc(w.noLeadFound);
  const masters = summary.masters.map((m) => `★${esc(m.name)}`).join("、") || esc(w.none);
  const svg = input.fishboneSvg.replace(/^<\?xml[^>]*>\s*/, "");
  return `<!doctype html>
<html lang="${input.lang === "zh" ? "zh-CN" : "en"}"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${REPORT_CSS}</style></head>
<body>
<header><div><h1>${esc(title)}</h1><div class="muted">${esc(w.subtitle)}</div></div><div>${esc(w.date)}：${esc(input.date)}</div></header>
<div class="meta"><b>${esc(w.lead)}</b>${leads}　<b>${esc(w.masters)}</b>${masters}</div>
<h2>${esc(w.figures)}</h2>${figures(input, w)}
<h2>${esc(w.fishbone)}</h2><div class="fishbone">${svg}</div>
<section class="page-break"><h2>${esc(w.gapTable)}</h2>${gapTable(input.report.gaps.findings, input.lang, w)}</section>
<h2>${esc(w.targetsPerGap)}</h2>${targetsPerGap(input, w)}
<h2>${esc(w.portfolio)}</h2>${portfolio(input, w)}
<h2>${esc(w.ranking)}</h2><table class="targets"><thead><tr><th>#</th><th>${esc(w.target)}</th><th>${esc(w.country)}</th><th>${esc(w.lists)}</th><th>${esc(w.score)}</th><th>${esc(w.reason)}</th></tr></thead><tbody>${targetRows(targets, input.lang, w)}</tbody></table>
<h2>${esc(w.policy)}</h2><ul class="policy">${w.policyText.map((t) => `<li>${esc(t)}</li>`).join("")}</ul>
<h2>${esc(w.sources)}</h2>${sources(input, w)}
</body></html>
`;
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
