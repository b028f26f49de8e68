// One entity written through the API: check the edit with the seed's rules on the entity's neighbourhood, and write
// the entity in one store transaction whose precondition checks If-Match.
import { ConflictError, type InputIssue, NotFoundError, ValidationError } from "../../errors.ts";
import type { GraphChange } from "../../graph/index.ts";
import type { Dataset } from "../../model/index.ts";
import {
  datasetReader,
  type FindingOn,
  findingsBroughtIn,
  neighbourhood,
  type ScopeReader,
  storedEntity,
  storeReader,
} from "../../queries/write-scope.ts";
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

/** Where a finding points, relative to the written entity's body when it concerns it. */
function issuePath(f: FindingOn, kind: ResourceKind, id: string | undefined): string {
  const { at } = f;
  if (at.kind === "region") return `region${at.sub.length ? `.${formatPath(at.sub)}` : ""}`;
  if (at.kind === kind && f.on === id) return formatPath(at.sub);
  return `${at.kind}/${f.on}${at.sub.length ? `.${formatPath(at.sub)}` : ""}`;
}

/**
 * The dataset rules' findings that the edit brings in (problems already there are not the writer's), run on the
 * edited entity's neighbourhood before and after (queries/write-scope.ts): errors refuse the write, warnings
 * (an uncited source while an editor works, a second source for one page) go back with it.
 */
export function newFindings(
  before: Dataset,
  after: Dataset,
  kind: ResourceKind,
  id: string | undefined,
): { errors: InputIssue[]; warnings: InputIssue[] } {
  const out = { errors: [] as InputIssue[], warnings: [] as InputIssue[] };
  for (const f of findingsBroughtIn(before, after))
    (f.severity === "warning" ? out.warnings : out.errors).push({
      path: issuePath(f, kind, id),
      message: f.message,
      rule: f.rule,
    });
  return out;
}

/** Who last changed an entity, as the graph store records it. */
async function changedBy(state: AtlasState, kind: ResourceKind, id: string) {
  return (await state.graphStore.lastChangeOf?.(kind, id)) ?? lastChangeOf(state.store.db, kind, id);
}

/**
 * The If-Match did not match: thrown in the write's precondition (a refusal both stores pass on as thrown), then
 * answered as a 409 naming who changed the entity.
 */
class Stale extends ConflictError {
  constructor(readonly currentJson: string | undefined) {
    super("stale");
  }
}

async function stale(state: AtlasState, kind: ResourceKind, id: string, e: Stale): Promise<ConflictError> {
  const by = await changedBy(state, kind, id);
  return new ConflictError(
    `the ${SINGULAR[kind]} ${id} was changed since you read it${by ? ` (by ${by.who} at ${by.at})` : ""}; read it again and redo your change`,
    e.currentJson === undefined ? undefined : JSON.parse(e.currentJson),
    by ? { who: by.who, at: by.at } : undefined,
  );
}

/**
 * What a write reads the map through: the whole dataset kept here, or on a store read by chain (a province's
 * Neo4j) the skeleton and the store's indexes; `whole` is the kept dataset when there is one.
 */
async function readerOf(state: AtlasState): Promise<{ reader: ScopeReader; whole?: Dataset }> {
  if (state.readsByChain) {
    const reader = storeReader(state.graphStore, () => state.skeleton());
    if (reader) return { reader };
  }
  const whole = await state.dataset();
  return { reader: datasetReader(whole), whole };
}

/** The dataset with one entity created, replaced or removed. */
function edited(ds: Dataset, kind: ResourceKind, id: string, entity: Entity | undefined): Dataset {
  const list = [...listOf(ds, kind)];
  const i = list.findIndex((e) => entityId(kind, e) === id);
  if (i < 0) list.push(entity!);
  else list.splice(i, 1, ...(entity === undefined ? [] : [entity]));
  return { ...ds, [kind]: list } as Dataset;
}

export interface WrittenEntity {
  entity?: Entity;
  etag?: string;
  /** The warnings the write brings in (it was applied). */
  warnings: InputIssue[];
}

/** Applies one write; returns the entity written (undefined for a delete), its version and its warnings. */
export function writeEntity(state: AtlasState, w: EntityWrite): Promise<WrittenEntity> {
  return state.write(async () => {
    let { reader, whole } = await readerOf(state);
    await reader.skeleton();
    const version = state.datasetVersion;
    let entity: Entity | undefined;
    let id = w.id;
    let current: unknown;
    if (w.action === "delete") {
      current = await storedEntity(reader, w.kind, id!);
      if (current === undefined) throw new NotFoundError(`no ${SINGULAR[w.kind]} ${JSON.stringify(id)}`);
    } else {
      entity = parseEntity(w.kind, w.body).entity;
      const bodyId = entityId(w.kind, entity);
      if (w.action === "create") {
        id = bodyId;
        const existing = await storedEntity(reader, w.kind, id);
        if (existing !== undefined)
          throw new ConflictError(
            `a ${SINGULAR[w.kind]} ${id} exists already; change it with PUT`,
            existing,
            (await changedBy(state, w.kind, id)) ?? undefined,
          );
      } else {
        current = await storedEntity(reader, w.kind, id!);
        if (current === undefined) throw new NotFoundError(`no ${SINGULAR[w.kind]} ${JSON.stringify(id)}`);
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
      }
    }
    const edit = { kind: w.kind, id: id!, before: current, after: entity };
    let scope = await neighbourhood(reader, edit);
    if (!scope) {
      // A store that cannot tell what names the entity (written by an older chain-atlas): the whole dataset.
      whole = await state.dataset();
      reader = datasetReader(whole);
      scope = (await neighbourhood(reader, edit))!;
    }
    const { errors, warnings } = newFindings(scope.before, scope.after, w.kind, id);
    if (errors.length > 0) throw new ValidationError(errors, SINGULAR[w.kind]);
    const meta = { who: w.who, why: w.why };
    const opts = {
      op: `api ${w.action} ${w.kind}`,
      precondition: (snap: StoreSnapshot) => {
        if (w.ifMatch !== undefined) {
          const cur = snap.json(w.kind, id!);
          if (cur === undefined || versionOf(cur) !== w.ifMatch) throw new Stale(cur);
        }
        if (snap.lastChangeId !== version)
          throw new ConflictError("the map changed while this write was prepared; send it again");
      },
    };
    // Only the one entity is written where the store can (embedded and Neo4j both do); else the whole dataset.
    const store = state.graphStore;
    const change =
      w.kind === "firms" || w.kind === "ties"
        ? ({ kind: w.kind, id: id!, after: entity } as GraphChange)
        : undefined;
    try {
      if (store.writeEntities)
        await store.writeEntities(
          [{ kind: w.kind, id: id!, json: entity ? JSON.stringify(entity) : undefined }],
          meta,
          opts,
        );
      else
        await store.replaceDataset(edited(whole ?? (await state.dataset()), w.kind, id!, entity), meta, opts);
    } catch (e) {
      throw e instanceof Stale ? await stale(state, w.kind, id!, e) : e;
    }
    if (whole) state.written(edited(whole, w.kind, id!, entity), change);
    else state.changed();
    return entity ? { entity, etag: etagOf(entity), warnings } : { warnings };
  });
}
