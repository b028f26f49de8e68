// 重大签约项目预报: a large or landmark signing must be pre-reported to the city a week ahead, or it earns no city credit.
import type { PipelineConfig } from "../model/pipeline-config.ts";
import type { Project, SigningCheck } from "../model/project.ts";
import { addDays, dayOf } from "./calendar-day.ts";
import { meetsThreshold } from "./project-amount.ts";

/** True when a signing of `p` must be pre-reported: at or above the threshold, or marked landmark. */
export function needsPreReport(p: Pick<Project, "amount" | "landmark">, config: PipelineConfig): boolean {
  return p.landmark || meetsThreshold(p.amount, config.preReport, config);
}

/**
 * Checks a signing on `signedAt`: a required pre-report is on time when made on or before the signing day minus the
 * configured days (in the pipeline's time zone); late or missing flags the signing and withholds city credit.
 */
export function checkPreReport(
  p: Pick<Project, "amount" | "landmark" | "preReportedAt">,
  signedAt: string,
  config: PipelineConfig,
): SigningCheck {
  const on = dayOf(signedAt, config.timeZone);
  if (!needsPreReport(p, config)) return { on, preReport: "not-required", cityCredit: true };
  const dueBy = addDays(on, -config.preReportDays);
  if (p.preReportedAt === undefined) return { on, preReport: "missing", dueBy, cityCredit: false };
  const reported = dayOf(p.preReportedAt, config.timeZone);
  return reported <= dueBy
    ? { on, preReport: "on-time", dueBy, cityCredit: true }
    : { on, preReport: "late", dueBy, cityCredit: false };
}
