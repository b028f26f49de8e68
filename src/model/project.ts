// Project: one investment from first lead to production — investor, gap segments, money, stage history, first-report hold.
import { z } from "zod";
import { Id } from "./common.ts";

/** The pipeline's stages in order (线索 → 接洽 → 考察 → 在谈 → 签约 → 开工 → 投产), and 终止 for a dropped one. */
export const ProjectStage = z.enum([
  "lead",
  "contacted",
  "visited",
  "negotiating",
  "signed",
  "started",
  "production",
  "dropped",
]);
export type ProjectStage = z.infer<typeof ProjectStage>;

export const PROJECT_STAGE_LABELS: Record<ProjectStage, { zh: string; en: string }> = {
  lead: { zh: "线索", en: "lead" },
  contacted: { zh: "接洽", en: "contacted" },
  visited: { zh: "考察", en: "visited" },
  negotiating: { zh: "在谈", en: "negotiating" },
  signed: { zh: "签约", en: "signed" },
  started: { zh: "开工", en: "started" },
  production: { zh: "投产", en: "in production" },
  dropped: { zh: "终止", en: "dropped" },
};

/** A moment: an ISO date-time with its offset, or a calendar date (read as a day in the pipeline's time zone). */
export const Moment = z.union([z.iso.datetime({ offset: true }), z.iso.date()], {
  error: "expected a date YYYY-MM-DD or a date-time with offset such as 2024-03-01T09:30:00+08:00",
});
export type Moment = z.infer<typeof Moment>;

const who = z.string().trim().min(1, "expected who made the change");
const note = z.string().trim().min(1).optional();

/** What the project does for a chain: fill a missing link, strengthen a weak one, extend the chain (补链/强链/延链). */
export const ProjectGap = z.strictObject({
  segment: Id,
  aim: z.enum(["fill", "strengthen", "extend"]),
});
export type ProjectGap = z.infer<typeof ProjectGap>;

/** Total investment in millions of the currency it was given in (kept as given; converted only for thresholds). */
export const ProjectAmount = z.strictObject({
  millions: z.number().positive("expected a total investment > 0 (in millions)"),
  currency: z.enum(["CNY", "USD"]),
});
export type ProjectAmount = z.infer<typeof ProjectAmount>;

export const StageChange = z.strictObject({
  stage: ProjectStage,
  at: Moment,
  who,
  note,
});
export type StageChange = z.infer<typeof StageChange>;

/** 首报首谈: the county that reported first holds exclusive talks from `at` for the configured months. */
export const FirstReport = z.strictObject({
  county: Id,
  at: Moment,
  who,
  /** The last calendar day of the exclusive talks (inclusive), in the pipeline's time zone. */
  exclusiveUntil: z.iso.date(),
});
export type FirstReport = z.infer<typeof FirstReport>;

export const ProjectTransfer = z.strictObject({
  from: Id,
  to: Id,
  at: Moment,
  who,
  note,
});
export type ProjectTransfer = z.infer<typeof ProjectTransfer>;

/** The outcome of the signing pre-report check (重大签约项目预报), recorded when the project is signed. */
export const SigningCheck = z.strictObject({
  on: z.iso.date(),
  preReport: z.enum(["not-required", "on-time", "late", "missing"]),
  /** The last day a pre-report was due (signing day minus the configured days), when one was required. */
  dueBy: z.iso.date().optional(),
  /** False when a required pre-report was late or missing: the signing earns no city credit. */
  cityCredit: z.boolean(),
});
export type SigningCheck = z.infer<typeof SigningCheck>;

/** Actual foreign investment that arrived for the project in a month (实际使用外资), in millions of USD. */
export const FdiArrival = z.strictObject({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "expected a month YYYY-MM"),
  usdMillions: z.number().nonnegative(),
});

export const Project = z.strictObject({
  id: Id,
  name: z.string().trim().min(1).optional(),
  investor: z.strictObject({
    /** The firm in the dataset, when known. */
    firm: Id.optional(),
    /** The investor's name as the county reported it. */
    name: z.string().trim().min(1, "expected the investor's name"),
  }),
  gaps: z.array(ProjectGap).default([]),
  /** County or district (the owner's territory) and optionally the park the project goes to. */
  region: Id,
  park: Id.optional(),
  amount: ProjectAmount,
  stage: ProjectStage,
  history: z.array(StageChange).min(1, "expected at least the stage the project was added at"),
  /** The county investment team that owns the project now. */
  owner: Id,
  likelihood: z.enum(["low", "medium", "high"]).default("medium"),
  source: z
    .strictObject({
      via: z.enum(["target-list", "chain-master", "association", "fair", "referral", "other"]),
      note,
      sources: z.array(Id).default([]),
    })
    .default({ via: "other", sources: [] }),
  firstReport: FirstReport.optional(),
  transfers: z.array(ProjectTransfer).default([]),
  preReportedAt: Moment.optional(),
  landmark: z.boolean().default(false),
  signing: SigningCheck.optional(),
  fdi: z.array(FdiArrival).default([]),
  /** True for demo and test projects. */
  assumed: z.boolean().optional(),
  note,
});
export type Project = z.infer<typeof Project>;
export type ProjectInput = z.input<typeof Project>;
