// A reference population for relatedness: segment-link counts of other regions (a province's or the country's firms).
import { z } from "zod";
import { Id, provenance } from "./common.ts";

/**
 * Balassa RCA compares the city's share of links in a segment with this population's share — never with the
 * seed's own candidate list. Optional: none is shipped (no sourced one was found), and relatedness then rests
 * on the chain's flow alone.
 */
export const ReferencePopulationFile = z.strictObject({
  name: z.string().trim().min(1, "expected the population's name, e.g. 浙江省规上工业企业"),
  regions: z
    .array(
      z.strictObject({
        id: Id,
        /** Firms (or firm-segment links) per segment id. */
        counts: z.record(Id, z.number().int().nonnegative()),
      }),
    )
    .min(1, "expected at least one region"),
  ...provenance,
});
export type ReferencePopulationFile = z.infer<typeof ReferencePopulationFile>;
