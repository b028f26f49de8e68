// The shipped seed with an industry on every third firm outside the city, as firms from a list come (matched
// through the Fortune crosswalk): so that rankings in tests meet crosswalk evidence too.
import { type Dataset, isLocalFirm } from "../../src/model/index.ts";
import { loadSeed, readMatchingResources } from "../../src/seed/index.ts";
import { SHIPPED_SEED } from "../../src/store/index.ts";

export function seedWithIndustries(): Dataset {
  const seed = structuredClone(loadSeed(SHIPPED_SEED));
  const industries = readMatchingResources()
    .crosswalks.filter((r) => r.scheme === "fortune")
    .map((r) => r.industry);
  seed.firms
    .filter((f) => !isLocalFirm(f))
    .forEach((f, i) => {
      if (i % 3 === 0) f.industry = industries[i % industries.length]!;
    });
  return seed;
}
