// Acting on a queued match: accept merges the row into the suggested firm, reject adds it as a firm of its own.
import { NotFoundError, OptionError } from "../errors.ts";
import type { Dataset, Firm } from "../model/index.ts";
import { ReviewQueue } from "../store/review-queue.ts";
import type { Store } from "../store/store.ts";
import { inStoreTransaction } from "../store/store-transaction.ts";
import type { ReviewPayload } from "./ingest-file.ts";
import { firmId } from "./plan/firm-id.ts";
import { mergeFirm } from "./plan/merge-firm.ts";
import { validateNext } from "./validate-next.ts";

export interface ReviewOutcome {
  id: number;
  decision: "accepted" | "rejected";
  firm: string;
  changeId?: number | undefined;
}

/** Decides one pending item and applies the result in one transaction. */
export async function decideReview(
  store: Store,
  id: number,
  decision: "accept" | "reject",
  meta: { who: string; why?: string | undefined },
): Promise<ReviewOutcome> {
  return inStoreTransaction(store, async () => {
    const queue = new ReviewQueue(store);
    const item = queue.get(id);
    if (!item) throw new NotFoundError(`no review item ${id}; see chain-atlas review list`);
    if (item.status !== "pending") throw new OptionError(`review item ${id} was already ${item.status}`);
    const { draft, tie, source } = item.payload as ReviewPayload;
    const ds = await store.loadDataset();
    const firms = new Map(ds.firms.map((f) => [f.id, f]));
    let target: string;
    if (decision === "accept") {
      const into = firms.get(item.candidate);
      if (!into)
        throw new NotFoundError(
          `review item ${id}: the suggested firm ${item.candidate} is no longer in the store`,
        );
      target = into.id;
      firms.set(target, mergeFirm(into, draft, source.id).firm);
    } else {
      target = firmId(draft.name, (x) => firms.has(x));
      const firm: Firm = { id: target, ...draft, segments: [] };
      firms.set(target, firm);
    }
    const ties = [...ds.ties];
    if (tie) {
      const tieId = `tie-${target}-${tie.customer}-${id}`;
      if (!ties.some((t) => t.id === tieId)) ties.push({ id: tieId, supplier: target, ...tie });
    }
    const next: Dataset = {
      ...ds,
      sources: ds.sources.some((s) => s.id === source.id) ? ds.sources : [...ds.sources, source],
      firms: [...firms.values()],
      ties,
    };
    const why =
      meta.why ??
      `review ${id}: ${decision === "accept" ? `${item.name} is ${item.candidate}` : `${item.name} is not ${item.candidate}`}`;
    const summary = await store.replaceDataset(validateNext(next, item.file), { who: meta.who, why });
    const status = decision === "accept" ? "accepted" : "rejected";
    queue.decide(id, status, meta.who, target);
    return { id, decision: status, firm: target, changeId: summary.changeId };
  });
}
