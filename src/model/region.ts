// Region: the city a seed covers and its counties, districts and parks.
import { z } from "zod";
import { Id, LocalizedName, provenance } from "./common.ts";

export const RegionKind = z.enum(["city", "county", "district", "park", "town"]);
export type RegionKind = z.infer<typeof RegionKind>;

/** The city the seed maps; firms located inside it are local, all others are candidates. */
export const CityRegion = z.strictObject({
  id: Id,
  name: LocalizedName,
  province: z.string().trim().min(1),
  country: z.string().regex(/^[A-Z]{2}$/, "expected an ISO 3166 alpha-2 country code like CN"),
});
export type CityRegion = z.infer<typeof CityRegion>;

export const Region = z.strictObject({
  id: Id,
  name: LocalizedName,
  kind: RegionKind,
  parent: Id,
  ...provenance,
});
export type Region = z.infer<typeof Region>;
