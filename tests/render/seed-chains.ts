// The shipped seed for render tests, validated (a seed that fails validation fails these tests too).
import type { Dataset } from "../../src/model/index.ts";
import { loadSeed } from "../../src/seed/index.ts";
import { SHIPPED_SEED } from "../../src/store/index.ts";

export { SHIPPED_SEED };

export function shippedSeed(): Dataset {
  return loadSeed(SHIPPED_SEED);
}
