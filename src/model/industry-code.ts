// GB/T 4754-2017 industry class codes: format and the division ranges of the standard's sections.
import { z } from "zod";

/** Divisions (大类) that exist in GB/T 4754-2017, per section A–T. */
const DIVISION_RANGES: ReadonlyArray<readonly [number, number]> = [
  [1, 5],
  [6, 12],
  [13, 43],
  [44, 46],
  [47, 50],
  [51, 52],
  [53, 60],
  [61, 62],
  [63, 65],
  [66, 69],
  [70, 70],
  [71, 72],
  [73, 75],
  [76, 79],
  [80, 82],
  [83, 83],
  [84, 85],
  [86, 90],
  [91, 96],
  [97, 97],
];

/** True when a 2-digit division number exists in the standard. */
export function isKnownDivision(division: number): boolean {
  return DIVISION_RANGES.some(([lo, hi]) => division >= lo && division <= hi);
}

/** A 4-digit class code (小类), e.g. "3825"; groups (3 digits) and divisions (2 digits) are accepted too. */
export const IndustryCode = z
  .string()
  .regex(/^\d{2,4}$/, "expected a GB/T 4754-2017 code of 2–4 digits like '3825'")
  .refine((code) => isKnownDivision(Number(code.slice(0, 2))), {
    message: "expected a GB/T 4754-2017 code whose first two digits are a division 01–97",
  });
export type IndustryCode = z.infer<typeof IndustryCode>;
