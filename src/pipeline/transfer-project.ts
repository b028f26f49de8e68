// Transfer after the exclusive month: the project moves to another county's team; both counties are credited.
import type { PipelineConfig } from "../model/pipeline-config.ts";
import type { Project } from "../model/project.ts";
import { dayOf } from "./calendar-day.ts";
import type { ChangeBy } from "./first-report.ts";
import { refuse } from "./parse-project.ts";

/** Moves `p` to county `to`. Refused during the first report's exclusive talks, to the same county, or once closed. */
export function transferProject(p: Project, to: string, by: ChangeBy, config: PipelineConfig): Project {
  if (to === p.owner) refuse("to", "transfer-same-county", `project ${p.id} is already owned by ${to}`);
  if (p.stage === "production" || p.stage === "dropped")
    refuse(
      "stage",
      "transfer-closed",
      `project ${p.id} is ${p.stage}; only a project still in the pipeline moves`,
    );
  const day = dayOf(by.at, config.timeZone);
  const last = p.history.at(-1);
  if (last && day < dayOf(last.at, config.timeZone))
    refuse(
      "at",
      "date-order",
      `the transfer on ${day} is before the last recorded change (${dayOf(last.at, config.timeZone)})`,
    );
  if (p.firstReport && day <= p.firstReport.exclusiveUntil)
    refuse(
      "at",
      "transfer-during-exclusive",
      `${p.firstReport.county} holds exclusive talks on project ${p.id} until ${p.firstReport.exclusiveUntil} (首报首谈); a transfer is possible from the day after`,
    );
  return {
    ...p,
    owner: to,
    region: to,
    park: undefined,
    transfers: [...p.transfers, { from: p.owner, to, at: by.at, who: by.who, note: by.note }],
  };
}

/**
 * The counties credited with a project: the first-report holder (or the first owner) and every county it was
 * transferred to, each with equal credit.
 */
export function creditedCounties(p: Project): string[] {
  const first = p.firstReport?.county ?? p.transfers[0]?.from ?? p.owner;
  return [...new Set([first, ...p.transfers.map((t) => t.to)])];
}
