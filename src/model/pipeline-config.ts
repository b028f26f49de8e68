// The pipeline's rules as configuration: first-report and pre-report thresholds, durations, exchange rate, time zone.
import { z } from "zod";

/** A pair of thresholds in millions: a project meets it at ≥ the yuan figure or ≥ the dollar figure. */
const Threshold = (cny: number, usd: number) =>
  z
    .strictObject({
      cnyMillions: z.number().positive().default(cny),
      usdMillions: z.number().positive().default(usd),
    })
    .default({ cnyMillions: cny, usdMillions: usd });

export const PipelineConfig = z.strictObject({
  /** 首报首谈: ≥ 1 bn yuan or ≥ 100 M USD. */
  firstReport: Threshold(1000, 100),
  /** 重大签约项目预报: ≥ 3 bn yuan or ≥ 100 M USD (or a landmark project). */
  preReport: Threshold(3000, 100),
  /** Months of exclusive talks for the county that reported first. */
  exclusiveMonths: z.number().int().min(1).default(1),
  /** Calendar days before signing by which a pre-report is due. */
  preReportDays: z.number().int().min(0).default(7),
  /** Yuan per US dollar, for thresholds and goals in the other currency. */
  usdToCny: z.number().positive().default(7.1),
  /**
   * How an amount meets a threshold pair: `own-currency` compares it with the figure of the currency it was given
   * in (yuan projects with the yuan figure, dollar projects with the dollar figure); `converted` also converts it at
   * `usdToCny` and lets either figure decide.
   */
  compare: z.enum(["own-currency", "converted"]).default("own-currency"),
  /** Calendar days (the month's edges, the week before signing) are counted in this time zone. */
  timeZone: z.string().default("Asia/Shanghai"),
  /** Progress thresholds: a foreign project counts "> 100 M USD", a domestic one "> 5 bn" / "> 10 bn yuan" (≥). */
  progress: z
    .strictObject({
      foreignUsdMillions: z.number().positive().default(100),
      domesticCnyMillions: z.number().positive().default(5000),
      domesticLargeCnyMillions: z.number().positive().default(10000),
    })
    .default({ foreignUsdMillions: 100, domesticCnyMillions: 5000, domesticLargeCnyMillions: 10000 }),
});
export type PipelineConfig = z.infer<typeof PipelineConfig>;

/** The configuration with every default (what the city's policy says). */
export const DEFAULT_PIPELINE_CONFIG: PipelineConfig = PipelineConfig.parse({});
