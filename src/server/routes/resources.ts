// The map's resources: list, read, create, update, delete for every kind, with ETag / If-Match.
import { z } from "zod";
import { type InputIssue, NotFoundError, OptionError, ValidationError } from "../../errors.ts";
import { Id } from "../../model/index.ts";
import type { StreamedKind } from "../../store/store.ts";
import { ErrorSchema } from "../api-schemas.ts";
import type { AtlasState } from "../atlas-state.ts";
import { ListQuery, listEntities, listStreamed } from "../resources/list-entities.ts";
import {
  type Entity,
  entityId,
  etagOf,
  listOf,
  RESOURCE_KINDS,
  RESOURCE_SCHEMAS,
  type ResourceKind,
  SINGULAR,
} from "../resources/resource-kinds.ts";
import { parseEntity, writeEntity } from "../resources/write-entity.ts";
import type { RouteContext, RouteSpec } from "../route-spec.ts";
import { parseOrThrow } from "../zod-issues.ts";

const EDITORS = ["admin", "editor"] as const;

/** An id in a path: a slug, or for feeds `from>to` of two slugs (never `..`, `/` or other tricks). */
const idParam = (kind: ResourceKind) =>
  z.strictObject({
    id:
      kind === "feeds"
        ? z
            .string()
            .regex(
              /^[a-z0-9]+(?:[-.][a-z0-9]+)*>[a-z0-9]+(?:[-.][a-z0-9]+)*$/,
              "expected a feed id 'from>to' of two segment ids",
            )
        : Id,
  });

/**
 * The warnings a write brought in (it was applied: an uncited source, a second source for one page), as the
 * header X-Atlas-Warnings: a JSON list of {path, message, rule}, percent-encoded (a header is ASCII).
 */
const WARNINGS_HEADER = "X-Atlas-Warnings";
function warn(ctx: RouteContext, warnings: ReadonlyArray<InputIssue>): void {
  if (warnings.length > 0) ctx.res.set(WARNINGS_HEADER, encodeURIComponent(JSON.stringify(warnings)));
}

const IfMatch = z.object({ "if-match": z.string().describe('the ETag read with GET, e.g. "k3…"') });

const ifMatchOf = (ctx: RouteContext): string => {
  const v = ctx.req.get("if-match");
  if (v === undefined || v.trim() === "")
    throw new OptionError("If-Match required: send the ETag you read with GET, so a stale write is caught");
  return v.trim();
};

const whyOf = (ctx: RouteContext, fallback: string): string => {
  const body = ctx.req.body as { _why?: unknown } | undefined;
  const why = typeof body?._why === "string" ? body._why : ctx.req.get("x-why");
  return why?.trim() || fallback;
};

function find(kind: ResourceKind, id: string, ds: Awaited<ReturnType<RouteContext["state"]["dataset"]>>) {
  const e = listOf(ds, kind).find((x) => entityId(kind, x) === id);
  if (!e) throw new NotFoundError(`no ${SINGULAR[kind]} ${JSON.stringify(id)}`);
  return e;
}

const isLong = (kind: ResourceKind): kind is StreamedKind =>
  kind === "firms" || kind === "ties" || kind === "sources";

/** One entity: on a store read by chain by id from the store (a long list's) or from the skeleton; else as kept. */
async function readOne(state: AtlasState, kind: ResourceKind, id: string): Promise<Entity> {
  if (!state.readsByChain) return find(kind, id, await state.dataset());
  const read = state.graphStore.readEntity?.bind(state.graphStore);
  if (!isLong(kind) || !read)
    return find(kind, id, await (isLong(kind) ? state.dataset() : state.skeleton()));
  const e = (await read(kind, id)) as Entity | undefined;
  if (!e) throw new NotFoundError(`no ${SINGULAR[kind]} ${JSON.stringify(id)}`);
  return e;
}

function kindRoutes(kind: ResourceKind): RouteSpec[] {
  const schema = RESOURCE_SCHEMAS[kind];
  const base = `/api/${kind}`;
  const one = `${base}/:id`;
  const params = idParam(kind);
  const listSchema = z.object({ items: z.array(schema), total: z.int(), limit: z.int(), offset: z.int() });
  const writeBody = (schema as z.ZodObject).extend({ _why: z.string().optional() });
  return [
    {
      method: "get",
      path: base,
      summary: `List ${kind} (search q, filters, sort, paging)`,
      tag: kind,
      roles: "any",
      query: ListQuery,
      responses: [
        { status: 200, description: `a page of ${kind}`, schema: listSchema },
        { status: 400, description: "bad query", schema: ErrorSchema },
      ],
      handler: async (ctx) => {
        const query = parseOrThrow(ListQuery, ctx.query, "query");
        const hits = async () =>
          kind === "firms" && query.q?.trim()
            ? new Set((await ctx.state.graphStore.findFirms(query.q, 5000)).map((h) => h.id))
            : undefined;
        const state = ctx.state;
        const stream = state.graphStore.streamEntities?.bind(state.graphStore);
        // On a store read by chain a long list unfiltered and in list order is one page the store reads by its
        // order; filtered or sorted it streams (one page held); the other kinds come from the skeleton.
        const page = state.graphStore.pageEntities?.bind(state.graphStore);
        const unfiltered = (["q", "chain", "stage", "local", "tag", "region", "sort"] as const).every(
          (k) => query[k] === undefined,
        );
        if (state.readsByChain && isLong(kind) && page && unfiltered) {
          const key = `list:${kind}:${JSON.stringify(query)}`;
          return state.cached(key, async () => {
            const { items, total } = await page(kind, query.offset, query.limit);
            return { items, total, limit: query.limit, offset: query.offset };
          });
        }
        if (state.readsByChain && isLong(kind) && stream) {
          const key = `list:${kind}:${JSON.stringify(query)}`;
          return state.cached(key, async () =>
            listStreamed(await state.skeleton(), kind, query, stream(kind), await hits()),
          );
        }
        const ds = state.readsByChain ? await state.skeleton() : await state.dataset();
        return listEntities(ds, kind, query, await hits());
      },
    },
    {
      method: "get",
      path: one,
      summary: `Read one ${SINGULAR[kind]} (ETag header = its version)`,
      tag: kind,
      roles: "any",
      params,
      responses: [
        { status: 200, description: SINGULAR[kind], schema },
        { status: 404, description: "no such id", schema: ErrorSchema },
      ],
      handler: async (ctx) => {
        const e = await readOne(ctx.state, kind, ctx.params.id!);
        ctx.res.set("ETag", etagOf(e));
        return e;
      },
    },
    {
      method: "post",
      path: base,
      summary: `Create a ${SINGULAR[kind]} (checked by the dataset rules; _why is the reason)`,
      tag: kind,
      roles: EDITORS,
      body: writeBody,
      responses: [
        { status: 201, description: "created", schema },
        { status: 400, description: "invalid, every problem listed", schema: ErrorSchema },
        { status: 409, description: "the id exists", schema: ErrorSchema },
      ],
      handler: async (ctx) => {
        const { entity, etag, warnings } = await writeEntity(ctx.state, {
          kind,
          action: "create",
          body: ctx.req.body,
          who: ctx.user!.username,
          why: whyOf(ctx, `created a ${SINGULAR[kind]} via the API`),
        });
        warn(ctx, warnings);
        ctx.res.status(201).set("ETag", etag!).json(entity);
      },
    },
    {
      method: "put",
      path: one,
      summary: `Replace a ${SINGULAR[kind]} (If-Match required; a stale version answers 409)`,
      tag: kind,
      roles: EDITORS,
      params,
      headers: IfMatch,
      body: writeBody,
      responses: [
        { status: 200, description: "updated", schema },
        { status: 400, description: "invalid, every problem listed", schema: ErrorSchema },
        { status: 404, description: "no such id", schema: ErrorSchema },
        { status: 409, description: "stale: changed by someone else since read", schema: ErrorSchema },
      ],
      handler: async (ctx) => {
        const ifMatch = ifMatchOf(ctx);
        parseEntity(kind, ctx.req.body);
        const { entity, etag, warnings } = await writeEntity(ctx.state, {
          kind,
          action: "update",
          id: ctx.params.id!,
          body: ctx.req.body,
          ifMatch,
          who: ctx.user!.username,
          why: whyOf(ctx, `changed ${SINGULAR[kind]} ${ctx.params.id} via the API`),
        });
        warn(ctx, warnings);
        ctx.res.set("ETag", etag!);
        return entity;
      },
    },
    {
      method: "delete",
      path: one,
      summary: `Delete a ${SINGULAR[kind]} (If-Match required; dangling references answer 400)`,
      tag: kind,
      roles: EDITORS,
      params,
      headers: IfMatch,
      responses: [
        { status: 204, description: "deleted" },
        { status: 400, description: "other entities still refer to it", schema: ErrorSchema },
        { status: 404, description: "no such id", schema: ErrorSchema },
        { status: 409, description: "stale", schema: ErrorSchema },
      ],
      handler: async (ctx) => {
        const ifMatch = ifMatchOf(ctx);
        const body = ctx.req.body as unknown;
        if (body !== undefined && (typeof body !== "object" || body === null || Array.isArray(body)))
          throw new ValidationError(
            [{ path: "", rule: "schema", message: "expected no body or {_why}" }],
            "delete",
          );
        const { warnings } = await writeEntity(ctx.state, {
          kind,
          action: "delete",
          id: ctx.params.id!,
          ifMatch,
          who: ctx.user!.username,
          why: whyOf(ctx, `deleted ${SINGULAR[kind]} ${ctx.params.id} via the API`),
        });
        warn(ctx, warnings);
        return undefined;
      },
    },
  ];
}

export const resourceRoutes: RouteSpec[] = RESOURCE_KINDS.flatMap(kindRoutes);
