// SupplyTie: Firm SUPPLIES Firm, a product within a segment, observed or inferred.
import { z } from "zod";
import { Basis, Confidence, Id, provenance } from "./common.ts";

export const SupplyTie = z.strictObject({
  id: Id,
  supplier: Id,
  customer: Id,
  product: z.string().trim().min(1, "expected the product supplied"),
  /** The segment the product belongs to. */
  segment: Id.optional(),
  /** Share of the customer's need of this product, if a source gives it. */
  share: z.number().min(0).max(1).optional(),
  /** Contract period or year as the source states it, e.g. "2023-07/2025-12". */
  period: z.string().trim().min(1).optional(),
  basis: Basis,
  confidence: Confidence,
  ...provenance,
});
export type SupplyTie = z.infer<typeof SupplyTie>;
