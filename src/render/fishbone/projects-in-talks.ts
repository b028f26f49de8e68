// Projects in talks: the pipeline's projects under way, grouped by the segment they fill, as the fishbone and
// the gap report show them (investor, county, stage, amount, 首报首谈 holder and end date).
import type { LocalizedName } from "../../model/index.ts";
import { PROJECT_STAGE_LABELS, type Project, type ProjectStage } from "../../model/project.ts";

/**
 * The stages shown as "in talks": after a bare lead (线索, not yet checked) and up to the signing. A started
 * (开工) project is past talks and lands (投产) or drops (终止) from there; neither is shown.
 */
export const TALK_STAGES: ReadonlyArray<ProjectStage> = ["contacted", "visited", "negotiating", "signed"];

export interface ProjectInTalks {
  id: string;
  /** The investor's name as the county reported it. */
  investor: string;
  county: LocalizedName;
  stage: ProjectStage;
  amount: Project["amount"];
  aim: Project["gaps"][number]["aim"];
  /** 首报首谈, when the project has a first report: holder, last day of exclusive talks, still running on `date`. */
  firstReport?:
    | {
        holder: LocalizedName;
        until: string;
        running: boolean /** 0 on the last day, negative after. */;
        daysLeft: number;
      }
    | undefined;
}

export type TalkLang = "zh" | "en";

const nameIn = (n: LocalizedName, lang: TalkLang) => (lang === "en" ? (n.en ?? n.zh) : n.zh);

/**
 * The projects in talks per segment id, in id order. `date` (YYYY-MM-DD, or a shorter partial date read as its
 * first day) decides whether a first-report clock still runs; `regionName` names a county id.
 */
export function projectsInTalks(
  projects: ReadonlyArray<Project>,
  date: string,
  regionName: (id: string) => LocalizedName | undefined,
): Map<string, ProjectInTalks[]> {
  const out = new Map<string, ProjectInTalks[]>();
  const day = date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
  const county = (id: string) => regionName(id) ?? { zh: id };
  for (const p of [...projects].sort((a, b) => a.id.localeCompare(b.id))) {
    if (!TALK_STAGES.includes(p.stage)) continue;
    const fr = p.firstReport;
    const seen = new Set<string>();
    for (const gap of p.gaps) {
      if (seen.has(gap.segment)) continue;
      seen.add(gap.segment);
      const row: ProjectInTalks = {
        id: p.id,
        investor: p.investor.name,
        county: county(p.region),
        stage: p.stage,
        amount: p.amount,
        aim: gap.aim,
        firstReport: fr
          ? {
              holder: county(fr.county),
              until: fr.exclusiveUntil,
              running: day <= fr.exclusiveUntil,
              daysLeft: Math.round((Date.parse(fr.exclusiveUntil) - Date.parse(day)) / 86_400_000),
            }
          : undefined,
      };
      out.set(gap.segment, [...(out.get(gap.segment) ?? []), row]);
    }
  }
  return out;
}

/** The stage in words. */
export const stageIn = (stage: ProjectStage, lang: TalkLang) => PROJECT_STAGE_LABELS[stage][lang];

/** Total investment with its currency as given: 12 亿元 · 1.5 亿美元 / CNY 1,200 M · USD 150 M. */
export function amountIn(a: Project["amount"], lang: TalkLang): string {
  if (lang === "en") return `${a.currency} ${a.millions.toLocaleString("en-US")} M`;
  const yi = Math.round(a.millions) / 100;
  return `${yi} 亿${a.currency === "CNY" ? "元" : "美元"}`;
}

/** The first-report hold in words, or "" without one: 首报首谈：海宁市，至 2026-12-31（进行中）. */
export function firstReportIn(p: ProjectInTalks, lang: TalkLang): string {
  const fr = p.firstReport;
  if (!fr) return "";
  const holder = nameIn(fr.holder, lang);
  return lang === "en"
    ? `first report: ${holder}, exclusive talks until ${fr.until} (${fr.running ? "running" : "ended"})`
    : `首报首谈：${holder}，独家洽谈至 ${fr.until}（${fr.running ? "进行中" : "已到期"}）`;
}

/** One project as a line: investor · county · stage · amount · first report. */
export function projectLine(p: ProjectInTalks, lang: TalkLang): string {
  const parts = [p.investor, nameIn(p.county, lang), stageIn(p.stage, lang), amountIn(p.amount, lang)];
  const fr = firstReportIn(p, lang);
  return [...parts, ...(fr ? [fr] : [])].join(" · ");
}

export const countyIn = (p: ProjectInTalks, lang: TalkLang) => nameIn(p.county, lang);
export const holderIn = (p: ProjectInTalks, lang: TalkLang) =>
  p.firstReport ? nameIn(p.firstReport.holder, lang) : "";
