// Acting on a queued match: accept merges the row into the suggested firm, reject adds it as a firm of its own;
// the change and the decision are written in one transaction, checked as an import is.
import type { InputIssue } from "../errors.ts";
import { NotFoundError, OptionError } from "../errors.ts";
import type { Firm, SupplyTie } from "../model/index.ts";
import type { Store } from "../store/store.ts";
import { inStoreTransaction } from "../store/store-transaction.ts";
import { checkImport, type ImportEdit } from "./check-import.ts";
import type { ReviewPayload } from "./ingest-file.ts";
import { ingestScope } from "./ingest-scope.ts";
import { firmId, firmIdBase } from "./plan/firm-id.ts";
import { mergeFirm } from "./plan/merge-firm.ts";

export interface ReviewOutcome {
  id: number;
  decision: "accepted" | "rejected";
  firm: string;
  changeId?: number | undefined;
  /** What the dataset rules warn of in the change (applied all the same). */
  warnings: InputIssue[];
}

/** Decides one pending item and applies the result in one transaction. */
export async function decideReview(
  store: Store,
  id: number,
  decision: "accept" | "reject",
  meta: { who: string; why?: string | undefined },
): Promise<ReviewOutcome> {
  return inStoreTransaction(store, async () => {
    const item = await store.reviewItem(id);
    if (!item) throw new NotFoundError(`no review item ${id}; see chain-atlas review list`);
    if (item.status !== "pending") throw new OptionError(`review item ${id} was already ${item.status}`);
    const { draft, tie, source } = item.payload as ReviewPayload;
    const scope = await ingestScope(store);
    const edits: ImportEdit[] = [];
    if ((await scope.reader.placed("sources", [source.id])).length === 0)
      edits.push({ kind: "sources", id: source.id, after: source });
    let target: string;
    if (decision === "accept") {
      const into = (await scope.reader.placed("firms", [item.candidate]))[0]?.entity as Firm | undefined;
      if (!into)
        throw new NotFoundError(
          `review item ${id}: the suggested firm ${item.candidate} is no longer in the store`,
        );
      target = into.id;
      const merged = mergeFirm(into, draft, source.id).firm;
      if (JSON.stringify(merged) !== JSON.stringify(into))
        edits.push({ kind: "firms", id: target, before: into, after: merged, row: item.row });
    } else {
      const taken = await scope.idsLike([firmIdBase(draft.name)]);
      target = firmId(draft.name, (x) => taken.has(x));
      const firm: Firm = { id: target, ...draft, segments: [] };
      edits.push({ kind: "firms", id: target, after: firm, row: item.row });
    }
    if (tie) {
      const tieId = `tie-${target}-${tie.customer}-${id}`;
      if ((await scope.reader.placed("ties", [tieId])).length === 0) {
        const t: SupplyTie = { id: tieId, supplier: target, ...tie };
        edits.push({ kind: "ties", id: tieId, after: t, row: item.row });
      }
    }
    const warnings = await checkImport(scope, edits, item.file, () => store.loadDataset());
    const why =
      meta.why ??
      `review ${id}: ${decision === "accept" ? `${item.name} is ${item.candidate}` : `${item.name} is not ${item.candidate}`}`;
    const status = decision === "accept" ? "accepted" : "rejected";
    const summary = await store.writeEntities!(
      edits.map((e) => ({ kind: e.kind, id: e.id, json: JSON.stringify(e.after) })),
      { who: meta.who, why },
      { op: "import", review: { decide: { id, status, who: meta.who, result: target } } },
    );
    return { id, decision: status, firm: target, changeId: summary.changeId, warnings };
  });
}
