// Segment: a link of a chain (环节), nested segment → sub-segment, and the FEEDS flow between segments.
import { z } from "zod";
import { Id, LocalizedName, provenance, Stage } from "./common.ts";
import { IndustryCode } from "./industry-code.ts";

/** A segment as written in a chain file (its chain is the file's chain). */
export const SegmentEntry = z.strictObject({
  id: Id,
  name: LocalizedName,
  stage: Stage,
  parent: Id.optional(),
  /** Position among its siblings in the drawing, upstream first. */
  order: z.number().int().min(0).optional(),
  keywords: z.array(z.string().trim().min(1)).default([]),
  codes: z.array(IndustryCode).default([]),
  /** The bureau's strategic weight, 1 = normal. */
  weight: z.number().min(0).max(10).default(1),
  ...provenance,
});
export type SegmentEntry = z.infer<typeof SegmentEntry>;

export const Segment = SegmentEntry.extend({ chain: Id });
export type Segment = z.infer<typeof Segment>;

/** Segment FEEDS Segment: the flow from upstream to downstream (may cross chains). */
export const Feed = z.strictObject({
  from: Id,
  to: Id,
  ...provenance,
});
export type Feed = z.infer<typeof Feed>;
