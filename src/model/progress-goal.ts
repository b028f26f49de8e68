// The city's investment goals per year, for the whole city or one county: data the bureau edits.
import { z } from "zod";
import { Id } from "./common.ts";

/** The measures the goals and the progress table share (DOMAIN.md, "The seed policy's targets"). */
export const GOAL_MEASURES = [
  "fortuneGlobal500",
  "foreignOver100MUsd",
  "domesticOver5Bn",
  "domesticOver10Bn",
  "fdiUsdMillions",
] as const;
export type GoalMeasure = (typeof GOAL_MEASURES)[number];

export const GOAL_MEASURE_LABELS: Record<GoalMeasure, { zh: string; en: string }> = {
  fortuneGlobal500: { zh: "世界500强项目", en: "Fortune Global 500 projects" },
  foreignOver100MUsd: { zh: "超1亿美元项目", en: "projects > 100 M USD" },
  domesticOver5Bn: { zh: "内资超50亿元项目", en: "domestic projects > 5 bn yuan" },
  domesticOver10Bn: { zh: "内资超100亿元项目", en: "domestic projects > 10 bn yuan" },
  fdiUsdMillions: { zh: "实际使用外资（百万美元）", en: "actual FDI (M USD)" },
};

const count = z.number().nonnegative().optional();

export const ProgressGoal = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  /** A county's goal; absent for the whole city. */
  county: Id.optional(),
  fortuneGlobal500: count,
  foreignOver100MUsd: count,
  domesticOver5Bn: count,
  domesticOver10Bn: count,
  fdiUsdMillions: count,
  /** Where the figure comes from (the policy document), or a note that it is a demo assumption. */
  note: z.string().trim().min(1).optional(),
  assumed: z.boolean().optional(),
});
export type ProgressGoal = z.infer<typeof ProgressGoal>;

export const ProgressGoals = z.strictObject({ goals: z.array(ProgressGoal).default([]) });
