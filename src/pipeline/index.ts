// The investment pipeline's rules: pure functions over projects and dates, thresholds from configuration.
export { addDays, addMonths, type Day, dayOf, daysBetween } from "./calendar-day.ts";
export {
  type ChangeBy,
  exclusiveUntil,
  type FirstReportClock,
  firstReportClock,
  type NewProject,
  registerProject,
} from "./first-report.ts";
export {
  type CountedProject,
  goalProgress,
  isDomestic,
  measuresOf,
  type ProgressRow,
  type ProgressTable,
} from "./goal-progress.ts";
export { applyLanding, type LandingChange, landingChange, plantStem } from "./land-project.ts";
export { parsePipelineConfig, parseProject, parseWith } from "./parse-project.ts";
export { checkPreReport, needsPreReport } from "./pre-report-check.ts";
export { formatAmount, inCny, inUsd, meetsThreshold } from "./project-amount.ts";
export { unknownRefs } from "./project-references.ts";
export { firmIndex, investorKeys, sameInvestorProjects } from "./same-investor.ts";
export { moveStage, recordPreReport, STAGE_MOVES } from "./stage-transition.ts";
export { creditedCounties, transferProject } from "./transfer-project.ts";
