// An import as one call, for the CLI and the API alike: read → plan (the dry-run result) → check → apply in one
// transaction. What it reads of the store is its scope (ingest-scope.ts): the firms its rows could be, not the
// province; what it writes is the firms, ties and source it changes, with the questions it asks.
import { basename } from "node:path";
import { ConflictError, type InputIssue, StoreError } from "../errors.ts";
import { normaliseName } from "../model/firm-name.ts";
import type { Dataset, Firm, Source, SupplyTie } from "../model/index.ts";
import type { EntityChange, Store } from "../store/store.ts";
import { inStoreTransaction } from "../store/store-transaction.ts";
import { checkImport, type ImportEdit } from "./check-import.ts";
import { type IngestOptions, parseIngestOptions } from "./ingest-options.ts";
import { type IngestScope, ingestScope, rowContext } from "./ingest-scope.ts";
import { firmIdBase } from "./plan/firm-id.ts";
import { type IngestPlan, makePlan, type QueuedMatch } from "./plan/make-plan.ts";
import { type ReadHooks, type ReadRows, readRows } from "./read-rows.ts";

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
  /** What the dataset rules warn of in what the import brings in (applied all the same). */
  warnings: InputIssue[];
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
  return inStoreTransaction(store, async () => {
    const scope = await ingestScope(store);
    const read = await readRows(file, opts, rowContext(scope), hooks);
    const { plan, before } = await planOnScope(scope, read);
    const name = basename(file);
    const edits = importEdits(before, plan);
    const warnings = await checkImport(scope, edits, name, () => store.loadDataset());
    const keyOf = (q: QueuedMatch) => `${read.source.id}|${normaliseName(q.name)}|${q.candidate.id}`;
    let changeId: number | undefined;
    if (!opts.dryRun) {
      if (!store.writeEntities) throw new StoreError(`the ${store.kind} store cannot apply an import`);
      const enqueue = plan.queued.map((q) => ({
        file: name,
        row: q.row,
        name: q.name,
        candidate: q.candidate.id,
        score: q.score,
        reason: q.reason,
        key: keyOf(q),
        payload: { draft: q.draft, tie: q.tie, source: read.source } satisfies ReviewPayload,
      }));
      changeId = (
        await store.writeEntities(
          edits.map(toChange),
          { who: opts.who, why: `${opts.why} (${name} as ${opts.as})` },
          {
            op: "import",
            review: { enqueue },
            precondition: (now) => {
              if (now.lastChangeId !== scope.lastChangeId)
                throw new ConflictError(
                  `the store changed while ${name} was being read (change #${now.lastChangeId}); import it again`,
                );
            },
          },
        )
      ).changeId;
    }
    const reviewIds = new Map(
      (await store.reviewItems()).map((i) => [`${i.file}|${i.row}|${i.candidate}`, i.id]),
    );
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
      warnings,
    };
  });
}

/**
 * The plan on the part of the store the rows can touch: the firms they could be, the ids a new firm must avoid,
 * the stored source; planned once more with the stored ties of the ids the first plan gave its ties (the same
 * rows resolve the same way: only whether a tie is new can change).
 */
async function planOnScope(
  scope: IngestScope,
  read: ReadRows,
): Promise<{ plan: IngestPlan; before: Dataset }> {
  const drafts = read.rows.map((r) => r.draft);
  const firms = await scope.candidates({
    names: drafts.flatMap((d) => [d.name.zh, d.name.en, ...d.name.aliases].filter((n): n is string => !!n)),
    creditCodes: drafts.flatMap((d) => (d.creditCode ? [d.creditCode] : [])),
  });
  const taken = await scope.idsLike([...new Set(drafts.map((d) => firmIdBase(d.name)))]);
  const sources = (await scope.reader.placed("sources", [read.source.id])).map((p) => p.entity as Source);
  let before: Dataset = { ...scope.skeleton, firms, ties: [], sources };
  let plan = makePlan(before, read.rows, read.source, [...read.skipped], taken);
  const planned = plan.next.ties.map((t) => t.id);
  const ties = planned.length === 0 ? [] : await scope.reader.placed("ties", planned);
  if (ties.length > 0) {
    before = { ...before, ties: ties.map((p) => p.entity as SupplyTie) };
    plan = makePlan(before, read.rows, read.source, [...read.skipped], taken);
  }
  return { plan, before };
}

/** What the plan writes: the source if new, then the firms it adds or changes, then the ties it adds. */
function importEdits(before: Dataset, plan: IngestPlan): ImportEdit[] {
  if (!plan.changes) return [];
  const rowOf = new Map<string, number>();
  for (const e of [...plan.added, ...plan.updated, ...plan.merged])
    if (!rowOf.has(e.id)) rowOf.set(e.id, e.row);
  const edits: ImportEdit[] = [];
  const diff = <T extends { id: string }>(
    kind: ImportEdit["kind"],
    was: T[],
    now: T[],
    row: (e: T) => number | undefined,
  ) => {
    const old = new Map(was.map((e) => [e.id, e]));
    for (const e of now) {
      const b = old.get(e.id);
      if (b === undefined || JSON.stringify(b) !== JSON.stringify(e))
        edits.push({ kind, id: e.id, before: b, after: e, row: row(e) });
    }
  };
  diff("sources", before.sources, plan.next.sources, () => undefined);
  diff("firms", before.firms, plan.next.firms, (f: Firm) => rowOf.get(f.id));
  diff("ties", before.ties, plan.next.ties, (t: SupplyTie) => rowOf.get(t.supplier));
  return edits;
}

const toChange = (e: ImportEdit): EntityChange => ({ kind: e.kind, id: e.id, json: JSON.stringify(e.after) });
