// A made-up reference population for tests (two regions counting every segment of `ds`, unevenly), with the
// shipped matching resources: relatedness then compares the city's local links in every segment, not only a chain's.
import type { MatchingResources } from "../../src/analysis/matching/matching-resources.ts";
import type { Dataset } from "../../src/model/index.ts";
import { readMatchingResources } from "../../src/seed/index.ts";

export function withTestReference(ds: Dataset): MatchingResources {
  const counts = (k: number) => Object.fromEntries(ds.segments.map((s, i) => [s.id, (i * k) % 5]));
  return {
    ...readMatchingResources(),
    reference: {
      name: "test (made up)",
      regions: [
        { id: "r1", counts: counts(3) },
        { id: "r2", counts: counts(7) },
      ],
    },
  };
}
