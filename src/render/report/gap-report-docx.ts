// The chain lead's gap report as an editable Word file (docx): headings, tables, the fishbone as an image,
// the lead's comments and sign-off. Officials forward and edit Word documents; this mirrors gap-report-html.
import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { GAP_KINDS } from "../../analysis/gaps/gap-finding.ts";
import type { TargetScore } from "../../analysis/targets/rank-targets.ts";
import type { LocalizedName } from "../../model/index.ts";
import { type GapReportInput, talksHead, talksRows, talksSummary } from "./gap-report-html.ts";
import { REPORT_WORDS, type ReportLang, type ReportWords } from "./report-words.ts";

export interface ReportComment {
  who: string;
  at: string;
  text: string;
}

export interface ReportSignoff {
  who: string;
  at: string;
  note?: string | null | undefined;
}

export interface GapReportDocxInput extends Omit<GapReportInput, "fishboneSvg"> {
  /** The fishbone rasterised (svgToPng) with its pixel size; omitted → no picture, a note instead. */
  fishbonePng?: { data: Uint8Array; width: number; height: number } | undefined;
  comments?: ReadonlyArray<ReportComment>;
  signoff?: ReportSignoff | null;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const num = (x: number) => x.toFixed(2);
const nameOf = (n: LocalizedName, lang: ReportLang) => (lang === "en" ? (n.en ?? n.zh) : n.zh);
const FONT = "Noto Sans CJK SC";

const EXTRA: Record<ReportLang, { comments: string; signoff: string; notSigned: string; signedBy: string }> =
  {
    zh: { comments: "链长意见", signoff: "签发", notSigned: "尚未签发", signedBy: "签发人" },
    en: {
      comments: "Chain lead's comments",
      signoff: "Sign-off",
      notSigned: "not signed off yet",
      signedBy: "Signed off by",
    },
  };

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ heading: level, children: [new TextRun({ text, font: FONT })] });
const para = (text: string, bold = false) =>
  new Paragraph({ children: [new TextRun({ text, bold, font: FONT })] });

function table(head: string[], rows: string[][]): Table {
  const cell = (text: string, bold: boolean) => new TableCell({ children: [para(text, bold)] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c, false)) })),
    ],
  });
}

function targetTable(targets: ReadonlyArray<TargetScore>, lang: ReportLang, w: ReportWords): Table {
  return table(
    ["#", w.target, w.country, w.lists, w.score, w.reason],
    targets.map((t, i) => [
      String(i + 1),
      nameOf(t.firm.name, lang),
      t.firm.country,
      [...new Set(t.firm.tags)].map((l) => w.listNames[l]).join("、") || "—",
      num(t.score),
      t.explanation[lang],
    ]),
  );
}

/** The report's body, in reading order (exported for tests that read the text without unzipping). */
export function gapReportBlocks(input: GapReportDocxInput): Array<Paragraph | Table> {
  const w = REPORT_WORDS[input.lang];
  const x = EXTRA[input.lang];
  const { lang, report } = input;
  const f = report.gaps.figures;
  const s = report.summary;
  const gaps = [...report.gaps.findings]
    .filter((g) => g.kind !== "covered")
    .sort((a, b) => b.severity - a.severity);
  const segName = new Map(report.gaps.findings.map((g) => [g.segment.id, nameOf(g.segment.name, lang)]));
  const out: Array<Paragraph | Table> = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: w.title(nameOf(input.city, lang), nameOf(s.name, lang)), font: FONT })],
    }),
    para(w.subtitle),
    para(`${w.date}：${input.date}`),
    para(`${w.lead}：${s.leads.map((l) => `${l.name}（${l.post}）`).join("、") || w.noLeadFound}`),
    para(`${w.masters}：${s.masters.map((m) => `★${m.name}`).join("、") || w.none}`),
    heading(w.figures, HeadingLevel.HEADING_1),
    table(
      [w.coverage, w.localSupply, w.localFirms, w.candidates, w.gapsByKind],
      [
        [
          pct(f.coverage),
          (f.observedTies ?? 0) > 0
            ? `${pct(f.localSupplyShare)} ${w.observedTies(f.observedTies ?? 0)}`
            : w.localSupplyUnknown,
          String(s.localFirms),
          String(s.candidateFirms),
          GAP_KINDS.filter((k) => k !== "covered" && f.gapsByKind[k] > 0)
            .map((k) => `${w.kinds[k]} ${f.gapsByKind[k]}`)
            .join("、") || w.none,
        ],
      ],
    ),
  ];
  const talks = talksSummary(report.gaps.findings, input.talks);
  if (talks) out.push(para(`${w.talks.figure}：${w.talks.summary(talks.gaps, talks.total, talks.projects)}`));
  out.push(heading(w.fishbone, HeadingLevel.HEADING_1));
  if (input.fishbonePng) {
    const { data, width, height } = input.fishbonePng;
    const fit = Math.min(1, 640 / width);
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new ImageRun({
            type: "png",
            data,
            transformation: { width: Math.round(width * fit), height: Math.round(height * fit) },
            altText: { name: w.fishbone, title: w.fishbone, description: w.fishbone },
          }),
        ],
      }),
    );
  } else out.push(para("—"));
  out.push(
    heading(w.gapTable, HeadingLevel.HEADING_1),
    table(
      [w.segment, w.stage, w.kind, w.severity, w.localFirmsCol, w.why],
      gaps.map((g) => [
        nameOf(g.segment.name, lang),
        w.stages[g.segment.stage],
        w.kinds[g.kind],
        num(g.severity),
        g.localFirms.map((l) => `${l.master ? "★" : ""}${nameOf(l.name, lang)}`).join("、") || "—",
        g.explanation[lang],
      ]),
    ),
    heading(w.targetsPerGap, HeadingLevel.HEADING_1),
  );
  for (const g of gaps) {
    const rows = report.targetsByGap.get(g.segment.id) ?? [];
    out.push(
      heading(
        `${w.kinds[g.kind]} · ${nameOf(g.segment.name, lang)}（${w.severity} ${num(g.severity)}）`,
        HeadingLevel.HEADING_2,
      ),
    );
    out.push(rows.length ? targetTable(rows, lang, w) : para(w.noTargets));
    const inTalks = input.talks?.get(g.segment.id) ?? [];
    if (inTalks.length > 0)
      out.push(
        heading(w.talks.title, HeadingLevel.HEADING_3),
        table(talksHead(w), talksRows(inTalks, lang, w)),
      );
  }
  const p = report.portfolio;
  out.push(
    heading(w.portfolio, HeadingLevel.HEADING_1),
    para(w.portfolioNote(p.picks.length, num(p.closed), num(p.totalSeverity))),
    table(
      ["#", w.pick, w.country, w.gain, w.cumulative, w.closes],
      p.picks.map((pick, i) => [
        String(i + 1),
        nameOf(pick.firm.name, lang),
        pick.firm.country,
        num(pick.marginalGain),
        num(pick.cumulative),
        pick.closes.map((c) => segName.get(c.segment) ?? c.segment).join("、"),
      ]),
    ),
    heading(w.ranking, HeadingLevel.HEADING_1),
    targetTable(report.targets, lang, w),
    heading(x.comments, HeadingLevel.HEADING_1),
    ...((input.comments ?? []).length
      ? (input.comments ?? []).map((c) => para(`${c.who}（${c.at}）：${c.text}`))
      : [para(w.none)]),
    heading(x.signoff, HeadingLevel.HEADING_1),
    input.signoff
      ? para(
          `${x.signedBy}：${input.signoff.who}（${input.signoff.at}）${input.signoff.note ? ` — ${input.signoff.note}` : ""}`,
          true,
        )
      : para(x.notSigned),
    heading(w.policy, HeadingLevel.HEADING_1),
    ...w.policyText.map((t) => para(`• ${t}`)),
    heading(w.sources, HeadingLevel.HEADING_1),
    para(w.sourcesNote(input.sources.length)),
    ...input.sources.map((src, i) =>
      para(
        `${i + 1}. ${src.title}${src.published ? `（${src.published}）` : ""}${src.url ? ` ${src.url}` : ""} ${w.read} ${src.read}`,
      ),
    ),
  );
  return out;
}

/** The whole report as a .docx file. */
export async function renderGapReportDocx(input: GapReportDocxInput): Promise<Buffer> {
  const w = REPORT_WORDS[input.lang];
  const doc = new Document({
    creator: "chain-atlas",
    title: w.title(nameOf(input.city, input.lang), nameOf(input.report.summary.name, input.lang)),
    styles: { default: { document: { run: { font: FONT, size: 21 } } } },
    sections: [{ children: gapReportBlocks(input) }],
  });
  return Packer.toBuffer(doc);
}
