// Stage moves: only the allowed ones, dated in order, with who and a note; signing runs the pre-report check.
import type { PipelineConfig } from "../model/pipeline-config.ts";
import { PROJECT_STAGE_LABELS, type Project, type ProjectStage } from "../model/project.ts";
import { dayOf } from "./calendar-day.ts";
import type { ChangeBy } from "./first-report.ts";
import { refuse } from "./parse-project.ts";
import { checkPreReport } from "./pre-report-check.ts";

/** Where each stage may go next: one step on (a visit may be skipped), to 终止 until production, or reopened. */
export const STAGE_MOVES: Readonly<Record<ProjectStage, ReadonlyArray<ProjectStage>>> = {
  lead: ["contacted", "dropped"],
  contacted: ["visited", "negotiating", "dropped"],
  visited: ["negotiating", "dropped"],
  negotiating: ["signed", "dropped"],
  signed: ["started", "dropped"],
  started: ["production", "dropped"],
  production: [],
  dropped: ["lead"],
};

const label = (s: ProjectStage) => `${s} (${PROJECT_STAGE_LABELS[s].zh})`;

/** Moves `p` to `to`, or throws naming the moves allowed from its stage. */
export function moveStage(p: Project, to: ProjectStage, by: ChangeBy, config: PipelineConfig): Project {
  const allowed = STAGE_MOVES[p.stage];
  if (!allowed.includes(to))
    refuse(
      "stage",
      "stage-move",
      `project ${p.id} cannot move from ${label(p.stage)} to ${label(to)}; from ${p.stage} it can go to ${allowed.map(label).join(", ") || "nowhere (it is in production)"}`,
    );
  const day = dayOf(by.at, config.timeZone);
  const last = p.history.at(-1)!;
  if (day < dayOf(last.at, config.timeZone))
    refuse(
      "at",
      "date-order",
      `the move on ${day} is before the last recorded change (${dayOf(last.at, config.timeZone)} → ${last.stage})`,
    );
  const next: Project = {
    ...p,
    stage: to,
    history: [...p.history, { stage: to, at: by.at, who: by.who, note: by.note }],
  };
  if (to === "signed") next.signing = checkPreReport(p, by.at, config);
  return next;
}

/** Records the pre-report to the city (重大签约项目预报); only before the signing is recorded. */
export function recordPreReport(p: Project, at: string): Project {
  if (p.signing)
    refuse(
      "preReportedAt",
      "pre-report-after-signing",
      `project ${p.id} was signed on ${p.signing.on}; a pre-report now is too late to count`,
    );
  return { ...p, preReportedAt: at };
}
