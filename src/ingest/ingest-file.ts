// An import as one call, for the CLI and the API alike: read → plan (the dry-run result) → apply in one transaction.
import { basename } from "node:path";
import type { Source } from "../model/index.ts";
import { ReviewQueue } from "../store/review-queue.ts";
import type { Store } from "../store/store.ts";
import { inStoreTransaction } from "../store/store-transaction.ts";
import { type IngestOptions, parseIngestOptions } from "./ingest-options.ts";
import { type IngestPlan, makePlan, type QueuedMatch } from "./plan/make-plan.ts";
import { type ReadHooks, type ReadRows, readRows } from "./read-rows.ts";
import { normaliseName } from "./resolve/normalise-name.ts";
import { validateNext } from "./validate-next.ts";

/** What an import did (or, on a dry run, would do); the JSON the CLI prints and the API returns. */
export interface IngestResult {
  file: string;
  format: ReadRows["format"];
  encoding: ReadRows["encoding"];
  source: string;
  dryRun: boolean;
  added: IngestPlan["added"];
  updated: IngestPlan["updated"];
  merged: IngestPlan["merged"];
  queued: Array<Omit<QueuedMatch, "draft" | "tie"> & { review?: number | undefined }>;
  unchanged: IngestPlan["unchanged"];
  skipped: IngestPlan["skipped"];
  /** Rows of other years than --year in a multi-year list. */
  otherYears: number;
  /** The change set recorded, when the import changed the store. */
  changeId?: number | undefined;
}

/** What the review queue keeps to act on a decision later. */
export interface ReviewPayload {
  draft: QueuedMatch["draft"];
  tie?: QueuedMatch["tie"];
  source: Source;
}

/** Imports a file into the store: whole or not at all; a second import of the same file changes nothing. */
export async function ingestFile(
  store: Store,
  file: string,
  raw: unknown,
  hooks: ReadHooks = {},
): Promise<IngestResult> {
  const opts: IngestOptions = parseIngestOptions(raw);
  const read = await readRows(file, opts, await store.loadDataset(), hooks);
  return inStoreTransaction(store, async () => {
    const ds = await store.loadDataset();
    const plan = makePlan(ds, read.rows, read.source, read.skipped);
    const name = basename(file);
    const queue = opts.dryRun && store.kind !== "embedded" ? undefined : new ReviewQueue(store);
    const keyOf = (q: QueuedMatch) => `${read.source.id}|${normaliseName(q.name)}|${q.candidate.id}`;
    let changeId: number | undefined;
    if (!opts.dryRun) {
      if (plan.changes) {
        const next = validateNext(plan.next, name);
        changeId = (
          await store.replaceDataset(next, {
            who: opts.who,
            why: `${opts.why} (${name} as ${opts.as})`,
          })
        ).changeId;
      }
      queue?.enqueue(
        plan.queued.map((q) => ({
          file: name,
          row: q.row,
          name: q.name,
          candidate: q.candidate.id,
          score: q.score,
          reason: q.reason,
          key: keyOf(q),
          payload: { draft: q.draft, tie: q.tie, source: read.source } satisfies ReviewPayload,
        })),
      );
    } else if (plan.changes) validateNext(plan.next, name);
    const reviewIds = new Map((queue?.list() ?? []).map((i) => [`${i.file}|${i.row}|${i.candidate}`, i.id]));
    return {
      file: name,
      format: read.format,
      encoding: read.encoding,
      source: read.source.id,
      dryRun: opts.dryRun,
      added: plan.added,
      updated: plan.updated,
      merged: plan.merged,
      queued: plan.queued.map(({ draft: _d, tie: _t, ...q }) => ({
        ...q,
        review: reviewIds.get(`${name}|${q.row}|${q.candidate.id}`),
      })),
      unchanged: plan.unchanged,
      skipped: plan.skipped,
      otherYears: read.otherYears,
      changeId,
    };
  });
}
