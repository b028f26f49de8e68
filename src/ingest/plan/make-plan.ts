// The change plan of an import: each row resolved against the store's firms and added, merged, queued or unchanged.
import type { Dataset, Firm, Source, SupplyTie } from "../../model/index.ts";
import { EntityIndex } from "../resolve/resolve-entity.ts";
import { firmId } from "./firm-id.ts";
import { mergeFirm } from "./merge-firm.ts";
import type { SkippedCell } from "./row-record.ts";
import type { FirmDraft } from "./row-to-firm.ts";

/** A row's firm (and, for a supply survey, the tie it states with a customer the store already has). */
export interface DraftRow {
  row: number;
  draft: FirmDraft;
  tie?: Omit<SupplyTie, "id" | "supplier"> | undefined;
}

export interface PlanEntry {
  row: number;
  id: string;
  name: string;
  /** For merges and updates: what the row added. */
  fields?: string[];
  /** For merges: how the row was matched to the firm. */
  by?: string;
}

/** An uncertain match waiting for a person; accepting merges the draft into `candidate`, rejecting adds it. */
export interface QueuedMatch {
  row: number;
  name: string;
  candidate: { id: string; name: string };
  score: number;
  reason: string;
  draft: FirmDraft;
  tie?: DraftRow["tie"];
}

export interface IngestPlan {
  added: PlanEntry[];
  updated: PlanEntry[];
  merged: PlanEntry[];
  queued: QueuedMatch[];
  unchanged: PlanEntry[];
  skipped: SkippedCell[];
  /** The dataset after the plan is applied (equal to the input when nothing changes). */
  next: Dataset;
  /** True when applying the plan changes the dataset. */
  changes: boolean;
}

/**
 * Resolves every row and builds the dataset the import would leave; pure (no store, no files). `ds` may hold only
 * part of the store (ingest-scope.ts): the firms any row could match, the ties and source the import could write
 * again, and in `taken` the other ids a new firm's id must avoid.
 */
export function makePlan(
  ds: Dataset,
  rows: ReadonlyArray<DraftRow>,
  source: Source,
  skipped: SkippedCell[],
  taken: ReadonlySet<string> = new Set(),
): IngestPlan {
  const firms = new Map(ds.firms.map((f) => [f.id, f]));
  const ties = new Map(ds.ties.map((t) => [t.id, t]));
  const index = new EntityIndex(ds.firms);
  const addedIds = new Set<string>();
  const plan: Omit<IngestPlan, "next" | "changes"> = {
    added: [],
    updated: [],
    merged: [],
    queued: [],
    unchanged: [],
    skipped,
  };
  let changed = false;

  for (const { row, draft, tie } of rows) {
    const name = draft.name.en && draft.name.zh === draft.name.en ? draft.name.en : draft.name.zh;
    const r = index.resolve({
      names: [draft.name.zh, draft.name.en, ...draft.name.aliases].filter((n): n is string => !!n),
      creditCode: draft.creditCode,
      country: draft.location.country,
    });
    let id: string;
    if (r.kind === "uncertain") {
      const c = firms.get(r.id)!;
      plan.queued.push({
        row,
        name,
        candidate: { id: c.id, name: c.name.zh },
        score: r.score,
        reason: r.reason,
        draft,
        tie,
      });
      continue;
    }
    if (r.kind === "new") {
      id = firmId(draft.name, (x) => firms.has(x) || taken.has(x));
      const firm: Firm = { id, ...draft, segments: [] };
      firms.set(id, firm);
      index.add(firm);
      addedIds.add(id);
      plan.added.push({ row, id, name });
      changed = true;
    } else {
      id = r.id;
      const m = mergeFirm(firms.get(id)!, draft, source.id);
      for (const c of m.conflicts)
        skipped.push({ row, column: "-", reason: `${c}; kept the store's value`, dropped: false });
      const entry = { row, id, name, fields: m.fields, by: r.by };
      const sameFile = addedIds.has(id);
      if (m.fields.length > 0) {
        firms.set(id, m.firm);
        index.add(m.firm);
        changed = true;
      }
      // A firm matched by another spelling, or met twice in this file, is a merge; otherwise an update.
      if (sameFile || (r.by !== "exact-name" && m.fields.includes("name.aliases"))) plan.merged.push(entry);
      else if (m.fields.length > 0) plan.updated.push(entry);
      else plan.unchanged.push({ row, id, name });
    }
    if (tie) {
      const tieId = `tie-${id}-${tie.customer}-${slug(tie.product)}`.slice(0, 120).replace(/-+$/, "");
      if (!ties.has(tieId)) {
        ties.set(tieId, { id: tieId, supplier: id, ...tie });
        changed = true;
      }
    }
  }
  const hasSource = ds.sources.some((s) => s.id === source.id);
  if (changed && !hasSource) ds = { ...ds, sources: [...ds.sources, source] };
  const next = changed ? { ...ds, firms: [...firms.values()], ties: [...ties.values()] } : ds;
  return { ...plan, next, changes: changed };
}

function slug(s: string): string {
  const latin = s
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return latin || Buffer.from(s).toString("hex").slice(0, 12);
}
