// Progress against the city's goals for a year, city-wide or for one county: counts by month of signing, FDI by month.
import type { Firm } from "../model/index.ts";
import type { PipelineConfig } from "../model/pipeline-config.ts";
import { GOAL_MEASURES, type GoalMeasure, type ProgressGoal } from "../model/progress-goal.ts";
import type { Project } from "../model/project.ts";
import { inCny, inUsd } from "./project-amount.ts";
import { creditedCounties } from "./transfer-project.ts";

export interface ProgressRow {
  measure: GoalMeasure;
  goal?: number | undefined;
  actual: number;
  /** actual / goal, when there is a goal > 0. */
  share?: number | undefined;
  /** January … December. */
  monthly: number[];
}

export interface CountedProject {
  id: string;
  signedOn: string;
  measures: GoalMeasure[];
}

export interface ProgressTable {
  year: number;
  county?: string | undefined;
  rows: ProgressRow[];
  /** The signings counted, with the measures each counts for. */
  counted: CountedProject[];
  /** Signings of the year left out because a required pre-report was late or missing (no city credit). */
  flagged: string[];
}

/**
 * Domestic when the investor firm is in mainland China (CN); Hong Kong, Macao, Taiwan and abroad count as foreign
 * investment. Without a firm, a yuan amount is read as domestic.
 */
export function isDomestic(p: Project, firms: ReadonlyMap<string, Firm>): boolean {
  const f = p.investor.firm ? firms.get(p.investor.firm) : undefined;
  return f ? f.location.country === "CN" : p.amount.currency === "CNY";
}

/** The project-count measures a signed project counts for. */
export function measuresOf(
  p: Project,
  firms: ReadonlyMap<string, Firm>,
  config: PipelineConfig,
): GoalMeasure[] {
  const out: GoalMeasure[] = [];
  const f = p.investor.firm ? firms.get(p.investor.firm) : undefined;
  if (f?.tags.some((t) => t.list === "fortune-global-500")) out.push("fortuneGlobal500");
  const t = config.progress;
  if (isDomestic(p, firms)) {
    if (inCny(p.amount, config) >= t.domesticCnyMillions) out.push("domesticOver5Bn");
    if (inCny(p.amount, config) >= t.domesticLargeCnyMillions) out.push("domesticOver10Bn");
  } else if (inUsd(p.amount, config) >= t.foreignUsdMillions) out.push("foreignOver100MUsd");
  return out;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * The progress table: a project counts in the month it was signed when it earned city credit, is not dropped, and
 * (for a county) the county is credited with it — a transferred project counts for both counties. FDI arrivals
 * count in their month for the project's credited counties, whatever the signing's credit.
 */
export function goalProgress(
  projects: ReadonlyArray<Project>,
  firms: ReadonlyMap<string, Firm>,
  goals: ReadonlyArray<ProgressGoal>,
  at: { year: number; county?: string | undefined },
  config: PipelineConfig,
): ProgressTable {
  const monthly = Object.fromEntries(GOAL_MEASURES.map((m) => [m, Array(12).fill(0)])) as Record<
    GoalMeasure,
    number[]
  >;
  const counted: CountedProject[] = [];
  const flagged: string[] = [];
  const year = String(at.year);
  for (const p of projects) {
    if (at.county !== undefined && !creditedCounties(p).includes(at.county)) continue;
    for (const a of p.fdi)
      if (a.month.startsWith(`${year}-`))
        monthly.fdiUsdMillions[Number(a.month.slice(5)) - 1]! += a.usdMillions;
    const s = p.signing;
    if (!s?.on.startsWith(`${year}-`) || p.stage === "dropped") continue;
    if (!s.cityCredit) {
      flagged.push(p.id);
      continue;
    }
    const measures = measuresOf(p, firms, config);
    for (const m of measures) monthly[m][Number(s.on.slice(5, 7)) - 1]! += 1;
    counted.push({ id: p.id, signedOn: s.on, measures });
  }
  const goal = goals.find((g) => g.year === at.year && g.county === at.county);
  const rows = GOAL_MEASURES.map((measure): ProgressRow => {
    const months = monthly[measure].map(round);
    const actual = round(months.reduce((a, b) => a + b, 0));
    const target = goal?.[measure];
    return {
      measure,
      goal: target,
      actual,
      share: target ? round(actual / target) : undefined,
      monthly: months,
    };
  });
  return {
    year: at.year,
    county: at.county,
    rows,
    counted: counted.sort((a, b) => a.id.localeCompare(b.id)),
    flagged: flagged.sort(),
  };
}
