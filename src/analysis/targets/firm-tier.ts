// A firm's tier in [0, 1] from its list tags: the best list it is on.
import type { Firm, ListName } from "../../model/index.ts";

/** How much each list says about a firm's weight as an investor (招大引强: the big and the strong first). */
export const LIST_TIER: Record<ListName, number> = {
  "fortune-global-500": 1,
  "china-500": 0.8,
  "single-champion": 0.8,
  "china-private-500": 0.7,
  "hidden-champion": 0.7,
  "little-giant": 0.6,
  multinational: 0.5,
  listed: 0.4,
  hq: 0.3,
  "foreign-rd-centre": 0.3,
};

/** The tier of the best list the firm is on, 0 when it is on none. */
export function firmTier(firm: Firm): number {
  let best = 0;
  for (const t of firm.tags) best = Math.max(best, LIST_TIER[t.list]);
  return best;
}

/** The best list the firm is on, for explanations. */
export function bestList(firm: Firm): ListName | undefined {
  let best: ListName | undefined;
  for (const t of firm.tags) if (best === undefined || LIST_TIER[t.list] > LIST_TIER[best]) best = t.list;
  return best;
}
