// One entity written through the API: apply the change to the dataset, check it with the seed's rules, and
// replace the dataset in one store transaction whose precondition checks If-Match.
import { ConflictError, type InputIssue, NotFoundError, ValidationError } from "../../errors.ts";
import type { GraphChange } from "../../graph/index.ts";
import { checkDataset, type Dataset, type Locator, type RuleFinding } from "../../model/index.ts";
import { lastChangeOf } from "../../store/accounts/index.ts";
import type { StoreSnapshot } from "../../store/store.ts";
import type { AtlasState } from "../atlas-state.ts";
import { formatPath, zodIssues } from "../zod-issues.ts";
import {
  type Entity,
  entityId,
  etagOf,
  listOf,
  RESOURCE_SCHEMAS,
  type ResourceKind,
  SINGULAR,
  versionOf,
} from "./resource-kinds.ts";

export interface EntityWrite {
  kind: ResourceKind;
  action: "create" | "update" | "delete";
  /** The id in the path (update, delete). */
  id?: string;
  body?: unknown;
  /** The version the writer read (If-Match); required for update and delete. */
  ifMatch?: string;
  who: string;
  why: string;
}

/** Parses a body with the kind's schema; `_why` is the reason, not a field. */
export function parseEntity(kind: ResourceKind, body: unknown): { entity: Entity; why?: string } {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new ValidationError(
      [{ path: "", rule: "schema", message: `expected a JSON object: the ${SINGULAR[kind]}` }],
      SINGULAR[kind],
    );
  const { _why, ...rest } = body as Record<string, unknown>;
  const issues: InputIssue[] = [];
  if (_why !== undefined && typeof _why !== "string")
    issues.push({ path: "_why", rule: "schema", message: "expected the reason as text" });
  const r = RESOURCE_SCHEMAS[kind].safeParse(rest);
  if (!r.success) issues.push(...zodIssues(r.error));
  if (issues.length > 0) throw new ValidationError(issues, SINGULAR[kind]);
  return { entity: r.data as Entity, why: _why as string | undefined };
}

const keyOf = (ds: Dataset, f: RuleFinding) => {
  const e = f.at.kind === "region" ? ds.region : (listOf(ds, f.at.kind as ResourceKind)[f.at.index] ?? {});
  const id = f.at.kind === "region" ? "region" : entityId(f.at.kind as ResourceKind, e);
  return `${f.rule}\u0000${f.at.kind}\u0000${id}\u0000${formatPath(f.at.sub)}\u0000${f.message}`;
};

/** Where a finding points, relative to the written entity's body when it concerns it. */
function issuePath(ds: Dataset, at: Locator, kind: ResourceKind, id: string | undefined): string {
  if (at.kind === "region") return `region${at.sub.length ? `.${formatPath(at.sub)}` : ""}`;
  const e = listOf(ds, at.kind as ResourceKind)[at.index];
  const eid = e ? entityId(at.kind as ResourceKind, e) : String(at.index);
  if (at.kind === kind && eid === id) return formatPath(at.sub);
  return `${at.kind}/${eid}${at.sub.length ? `.${formatPath(at.sub)}` : ""}`;
}

/** The dataset rules' findings that the change brings in (problems already there are not the writer's). */
async function newFindings(
  state: AtlasState,
  before: Dataset,
  after: Dataset,
  kind: ResourceKind,
  id: string | undefined,
): Promise<{ issues: InputIssue[]; keys: Set<string> }> {
  // The stored dataset's findings are kept per version: a run of writes checks each dataset once.
  const old = await state.cached(
    RULE_FINDINGS,
    () => new Set(checkDataset(before).map((f) => keyOf(before, f))),
  );
  const found = checkDataset(after);
  return {
    issues: found
      .filter((f) => !old.has(keyOf(after, f)))
      .map((f) => ({ path: issuePath(after, f.at, kind, id), message: f.message, rule: f.rule })),
    keys: new Set(found.map((f) => keyOf(after, f))),
  };
}

const RULE_FINDINGS = "rule-findings";

function stale(
  state: AtlasState,
  kind: ResourceKind,
  id: string,
  currentJson: string | undefined,
): ConflictError {
  const by = lastChangeOf(state.store.db, kind, id);
  return new ConflictError(
    `the ${SINGULAR[kind]} ${id} was changed since you read it${by ? ` (by ${by.who} at ${by.at})` : ""}; read it again and redo your change`,
    currentJson === undefined ? undefined : JSON.parse(currentJson),
    by ? { who: by.who, at: by.at } : undefined,
  );
}

/** Applies one write; returns the entity written (undefined for a delete) and its version. */
export function writeEntity(state: AtlasState, w: EntityWrite): Promise<{ entity?: Entity; etag?: string }> {
  return state.write(async () => {
    const before = await state.dataset();
    const version = state.datasetVersion;
    const list = [...listOf(before, w.kind)];
    let entity: Entity | undefined;
    let id = w.id;
    if (w.action === "delete") {
      const i = list.findIndex((e) => entityId(w.kind, e) === id);
      if (i < 0) throw new NotFoundError(`no ${SINGULAR[w.kind]} ${JSON.stringify(id)}`);
      list.splice(i, 1);
    } else {
      entity = parseEntity(w.kind, w.body).entity;
      const bodyId = entityId(w.kind, entity);
      if (w.action === "create") {
        id = bodyId;
        const existing = list.find((e) => entityId(w.kind, e) === id);
        if (existing)
          throw new ConflictError(
            `a ${SINGULAR[w.kind]} ${id} exists already; change it with PUT`,
            existing,
            lastChangeOf(state.store.db, w.kind, id) ?? undefined,
          );
        list.push(entity);
      } else {
        const i = list.findIndex((e) => entityId(w.kind, e) === id);
        if (i < 0) throw new NotFoundError(`no ${SINGULAR[w.kind]} ${JSON.stringify(id)}`);
        if (bodyId !== id)
          throw new ValidationError(
            [
              {
                path: w.kind === "feeds" ? "from" : "id",
                rule: "id",
                message: `found ${JSON.stringify(bodyId)}; expected ${JSON.stringify(id)} as in the path (ids cannot change)`,
              },
            ],
            SINGULAR[w.kind],
          );
        list[i] = entity;
      }
    }
    const after = { ...before, [w.kind]: list } as Dataset;
    const { issues, keys } = await newFindings(state, before, after, w.kind, id);
    if (issues.length > 0) throw new ValidationError(issues, SINGULAR[w.kind]);
    const meta = { who: w.who, why: w.why };
    const opts = {
      op: `api ${w.action} ${w.kind}`,
      precondition: (snap: StoreSnapshot) => {
        if (w.ifMatch !== undefined) {
          const cur = snap.json(w.kind, id!);
          if (cur === undefined || versionOf(cur) !== w.ifMatch) throw stale(state, w.kind, id!, cur);
        }
        if (snap.lastChangeId !== version)
          throw new ConflictError("the map changed while this write was prepared; send it again");
      },
    };
    // Only the one entity is written where the store can (embedded and Neo4j both do); else the whole dataset.
    const store = state.graphStore;
    if (store.writeEntities)
      await store.writeEntities(
        [{ kind: w.kind, id: id!, json: entity ? JSON.stringify(entity) : undefined }],
        meta,
        opts,
      );
    else await store.replaceDataset(after, meta, opts);
    state.written(
      after,
      w.kind === "firms" || w.kind === "ties"
        ? ({ kind: w.kind, id: id!, after: entity } as GraphChange)
        : undefined,
    );
    // The written dataset's findings are known already: the next write does not check it again.
    void state.cached(RULE_FINDINGS, () => keys);
    return entity ? { entity, etag: etagOf(entity) } : {};
  });
}
