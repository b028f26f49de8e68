// 首报首谈: the first county to report a large project holds one month of exclusive talks; a second report is refused.
import type { Firm } from "../model/index.ts";
import type { PipelineConfig } from "../model/pipeline-config.ts";
import type { Project, ProjectInput, ProjectStage } from "../model/project.ts";
import { addMonths, type Day, dayOf, daysBetween } from "./calendar-day.ts";
import { parseProject, refuse } from "./parse-project.ts";
import { formatAmount, meetsThreshold } from "./project-amount.ts";
import { sameInvestorProjects } from "./same-investor.ts";

/** What a county reports: the project without its history and holds, which registration fills in. */
export type NewProject = Omit<ProjectInput, "history" | "firstReport" | "transfers" | "signing" | "stage"> & {
  stage?: ProjectStage;
};

export interface ChangeBy {
  /** When it happened: an ISO date-time with offset, or a calendar day. */
  at: string;
  who: string;
  note?: string | undefined;
}

/** Stages a project may be reported at; later ones are reached by stage moves, so no rule is skipped. */
const REPORTABLE: ReadonlyArray<ProjectStage> = ["lead", "contacted", "visited", "negotiating"];

/** The last day of exclusive talks for a report made at `at`: the same day one month on (民法典 第二百零一/二百零二条). */
export function exclusiveUntil(at: string, config: PipelineConfig): Day {
  return addMonths(dayOf(at, config.timeZone), config.exclusiveMonths);
}

export interface FirstReportClock {
  holder: string;
  reportedOn: Day;
  exclusiveUntil: Day;
  /** True while today is within the exclusive talks. */
  exclusive: boolean;
  /** Days of exclusive talks left after today (0 on the last day, negative once over). */
  daysLeft: number;
}

/** The holder and clock of a project's first report on `today`, or undefined when it has none. */
export function firstReportClock(
  p: Project,
  today: string,
  config: PipelineConfig,
): FirstReportClock | undefined {
  if (!p.firstReport) return undefined;
  const day = dayOf(today, config.timeZone);
  const left = daysBetween(day, p.firstReport.exclusiveUntil);
  return {
    holder: p.firstReport.county,
    reportedOn: dayOf(p.firstReport.at, config.timeZone),
    exclusiveUntil: p.firstReport.exclusiveUntil,
    exclusive: left >= 0,
    daysLeft: left,
  };
}

/** Projects whose first report still blocks another report of the same investor: those still in talks (a signed,
 * landed or dropped project leaves the investor free to be reported with a new project). */
const holding = (q: Project) => q.firstReport !== undefined && REPORTABLE.includes(q.stage);

/**
 * Registers a reported project. At or above the first-report threshold the reporting county (the owner) becomes
 * the holder with its clock; a project of the same investor (same firm, or a name that folds alike) already held
 * is refused, naming the holder and the end of its exclusive talks. Throws ValidationError; returns the project.
 */
export function registerProject(
  draft: NewProject,
  existing: ReadonlyArray<Project>,
  firms: ReadonlyMap<string, Firm>,
  by: ChangeBy,
  config: PipelineConfig,
): Project {
  const stage = draft.stage ?? "lead";
  if (!REPORTABLE.includes(stage))
    refuse(
      "stage",
      "reportable-stage",
      `a project is added at ${REPORTABLE.join(", ")}; move it to ${stage} with \`project stage\``,
    );
  const base = parseProject({ ...draft, stage, history: [{ stage, at: by.at, who: by.who, note: by.note }] });
  if (existing.some((q) => q.id === base.id))
    refuse("id", "duplicate-id", `a project ${JSON.stringify(base.id)} exists already; choose another id`);
  if (!meetsThreshold(base.amount, config.firstReport, config)) return base;
  const held = sameInvestorProjects(base, existing.filter(holding), firms)[0];
  if (held?.firstReport) {
    const fr = held.firstReport;
    const ended = dayOf(by.at, config.timeZone) > fr.exclusiveUntil;
    refuse(
      "investor",
      "first-report-held",
      `${JSON.stringify(base.investor.name)} is the investor of project ${held.id} (${JSON.stringify(held.investor.name)}, ${formatAmount(held.amount)}), first reported by ${fr.county} on ${dayOf(fr.at, config.timeZone)}; ${fr.county} holds exclusive talks until ${fr.exclusiveUntil} (首报首谈)${ended ? `; they ended, so ask for a transfer from ${held.owner}` : ""}`,
    );
  }
  return {
    ...base,
    firstReport: {
      county: base.owner,
      at: by.at,
      who: by.who,
      exclusiveUntil: exclusiveUntil(by.at, config),
    },
  };
}
