// Options of gap analysis: the rules that decide a finding's kind and the weights of its severity.
import { z } from "zod";

const share = z.coerce.number().min(0, "expected a number in [0, 1]").max(1, "expected a number in [0, 1]");
const weight = z.coerce.number().min(0, "expected a weight ≥ 0");

export const GapOptions = z.strictObject({
  chain: z.string().trim().min(1, "expected a chain id such as 'pv'"),
  /** A local chain master counts this many times in local demand. */
  masterWeight: z.coerce.number().min(1, "expected a weight ≥ 1").default(3),
  /** Weighted local demand at which the demand factor reaches 0.5. */
  demandHalf: z.coerce.number().positive("expected a positive number").default(2),
  /** Local customers one local supplier can serve: fewer suppliers than demand / this makes a weak link. */
  customersPerSupplier: z.coerce.number().positive("expected a positive number").default(3),
  /** Local supply share (from ties) below which a segment is an external dependency. */
  externalBelow: share.default(0.5),
  /** Supplier HHI at or above which a segment is single-source (1 = one supplier). */
  singleSourceHhi: share.default(0.99),
  /** How much supplier concentration counts against deficiency in the need for a firm. */
  concentrationWeight: share.default(0.6),
  /** Severity of a gap with no demand, position or strategic weight, as a share of its need. */
  severityFloor: share.default(0.3),
  /** Weights of the importance of a segment (normalised by their sum). */
  importance: z
    .strictObject({
      demand: weight.default(0.4),
      position: weight.default(0.2),
      strategic: weight.default(0.4),
    })
    .refine((w) => w.demand + w.position + w.strategic > 0, "expected at least one positive weight")
    .default({ demand: 0.4, position: 0.2, strategic: 0.4 }),
});
export type GapOptions = z.infer<typeof GapOptions>;
export type GapOptionsInput = z.input<typeof GapOptions>;
