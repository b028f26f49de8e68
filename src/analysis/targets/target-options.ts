// Options of the target ranking: filters, how many, and the weights of the score's terms.
import { z } from "zod";
import { ListName } from "../../model/index.ts";
import { GapOptions } from "../gaps/gap-options.ts";
import { LIST_TIER } from "./firm-tier.ts";

const weight = z.coerce
  .number({ error: "expected a number ≥ 0 such as 0.3" })
  .refine(Number.isFinite, "expected a number ≥ 0 such as 0.3")
  .refine((x) => x >= 0, "expected a weight ≥ 0");

export const DEFAULT_TARGET_WEIGHTS = { gapFit: 0.5, tier: 0.2, masterTies: 0.15, relatedness: 0.15 };

/** "gapFit=0.6,tier=0.2" → { gapFit: "0.6", tier: "0.2" }; a pair without "=" keeps its text as key so it is reported. */
function weightsFromText(value: unknown): unknown {
  if (typeof value !== "string") return value;
  return Object.fromEntries(
    value
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => {
        const eq = p.indexOf("=");
        return eq < 0 ? [p, undefined] : [p.slice(0, eq).trim(), p.slice(eq + 1).trim()];
      }),
  );
}

/** "a,b" → ["a", "b"]; arrays pass through. */
const list = (value: unknown) =>
  typeof value === "string"
    ? value
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

export const TargetWeights = z.preprocess(
  weightsFromText,
  z
    .strictObject({
      gapFit: weight.default(DEFAULT_TARGET_WEIGHTS.gapFit),
      tier: weight.default(DEFAULT_TARGET_WEIGHTS.tier),
      masterTies: weight.default(DEFAULT_TARGET_WEIGHTS.masterTies),
      relatedness: weight.default(DEFAULT_TARGET_WEIGHTS.relatedness),
    })
    .refine(
      (w) => w.gapFit + w.tier + w.masterTies + w.relatedness > 0,
      "expected at least one positive weight",
    ),
);
export type TargetWeights = z.infer<typeof TargetWeights>;

export const TargetOptions = z.strictObject({
  chain: z.string().trim().min(1, "expected a chain id such as 'pv'"),
  /** Rank for this one segment only (its fit alone is the gap term). */
  gap: z.string().trim().min(1).optional(),
  top: z.coerce
    .number({ error: "expected a whole number ≥ 1" })
    .int("expected a whole number ≥ 1")
    .positive("expected a whole number ≥ 1")
    .default(20),
  /** Keep firms on any of these lists. */
  tag: z.preprocess(list, z.array(ListName)).default([]),
  /** Keep firms in any of these countries (ISO alpha-2). */
  country: z
    .preprocess(
      (v) => {
        const l = list(v);
        return Array.isArray(l) ? l.map((c) => (typeof c === "string" ? c.toUpperCase() : c)) : l;
      },
      z.array(z.string().regex(/^[A-Z]{2}$/, "expected ISO 3166 alpha-2 country codes like CN,DE")),
    )
    .default([]),
  /** Which aims to rank for: 补链 fill, 强链 strengthen, 延链 extend (all three by default). */
  aim: z
    .preprocess(
      list,
      z.array(z.enum(["fill", "strengthen", "extend"], { error: "expected fill, strengthen or extend" })),
    )
    .default(["fill", "strengthen", "extend"]),
  /** Rows scoring below this are left out. */
  minScore: z.coerce
    .number({ error: "expected a number between 0 and 1" })
    .min(0, "expected a number between 0 and 1")
    .max(1, "expected a number between 0 and 1")
    .default(0),
  weights: TargetWeights.prefault({}),
  gaps: GapOptions.omit({ chain: true }).prefault({}),
});
export type TargetOptions = z.infer<typeof TargetOptions>;
export type TargetOptionsInput = z.input<typeof TargetOptions>;

/**
 * What a store may know of a ranking to read less (Store SubgraphOptions.ranking): how many rows, the filters and,
 * with a tier weight, the list order — the score then rises strictly with the best list's tier (by at least
 * 1e-3 × the tier's share of the weights: far above rounding), so firms of equal fits rank by tier first.
 */
export function storeRanking(opts: TargetOptions): {
  top: number;
  lists: string[];
  countries: string[];
  listOrder?: Readonly<Record<string, number>>;
} {
  const w = opts.weights;
  const tiered = w.tier / (w.gapFit + w.tier + w.masterTies + w.relatedness) > 1e-9;
  return {
    top: opts.top,
    lists: opts.tag,
    countries: opts.country,
    ...(tiered ? { listOrder: LIST_TIER } : {}),
  };
}
