// The change history: who changed what, when and why; a change's items. Stats and chain summary.
import { z } from "zod";
import { datasetStats, summarizeChains } from "../../analysis/index.ts";
import { NotFoundError } from "../../errors.ts";
import {
  type StreamingStore,
  streamedChainSummaries,
  streamedStats,
  streams,
} from "../../queries/streamed-summaries.ts";
import { ErrorSchema, JsonObject } from "../api-schemas.ts";
import type { AtlasState } from "../atlas-state.ts";
import type { RouteSpec } from "../route-spec.ts";
import { parseOrThrow } from "../zod-issues.ts";

const READERS = ["admin", "editor", "lead"] as const;
const Limit = z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(50) });
const ChangeSetSchema = z.object({
  id: z.int(),
  at: z.string(),
  who: z.string(),
  why: z.string(),
  op: z.string(),
  added: z.int(),
  changed: z.int(),
  removed: z.int(),
});

/**
 * A whole-city summary, cached per change: on a store read by chain (a province's Neo4j) counted as the store
 * streams, so the whole is never held; else over the dataset kept here. The same answer either way.
 */
function streamedOrWhole<T>(
  state: AtlasState,
  key: string,
  streamed: (store: StreamingStore) => Promise<T>,
  whole: () => Promise<T>,
): Promise<T> {
  return state.cached(key, () => {
    const store = state.graphStore;
    return state.readsByChain && streams(store) ? streamed(store) : whole();
  });
}

export const historyRoutes: RouteSpec[] = [
  {
    method: "get",
    path: "/api/history",
    summary: "The change history, newest first",
    tag: "history",
    roles: READERS,
    query: Limit,
    responses: [
      { status: 200, description: "changes", schema: z.object({ items: z.array(ChangeSetSchema) }) },
    ],
    handler: async ({ state, query }) => ({
      items: await state.graphStore.history(parseOrThrow(Limit, query, "query").limit),
    }),
  },
  {
    method: "get",
    path: "/api/history/:id",
    summary: "One change and the entities it touched",
    tag: "history",
    roles: READERS,
    params: z.strictObject({ id: z.string().regex(/^[1-9]\d{0,15}$/, "expected a change number such as 1") }),
    responses: [
      {
        status: 200,
        description: "the change",
        schema: z.object({
          change: ChangeSetSchema,
          items: z.array(z.object({ kind: z.string(), id: z.string(), action: z.string() })),
        }),
      },
      { status: 404, description: "no such change", schema: ErrorSchema },
    ],
    handler: async ({ state, params }) => {
      const id = Number(params.id);
      const change = state.graphStore.changeSet
        ? await state.graphStore.changeSet(id)
        : state.store.db.prepare("select * from change_set where id = ?").get(id);
      if (!change) throw new NotFoundError(`no change ${id}`);
      return { change, items: await state.graphStore.changeItems(id) };
    },
  },
  {
    method: "get",
    path: "/api/stats",
    summary: "Counts of every kind (as chain-atlas stats --json)",
    tag: "summary",
    roles: "any",
    responses: [{ status: 200, description: "counts", schema: JsonObject }],
    handler: async ({ state }) =>
      streamedOrWhole(state, "stats", streamedStats, async () => datasetStats(await state.dataset())),
  },
  {
    method: "get",
    path: "/api/chains/summary",
    summary: "The chains with stage counts, lead and masters (as chain-atlas chains --json)",
    tag: "summary",
    roles: "any",
    responses: [{ status: 200, description: "chains", schema: z.array(JsonObject) }],
    handler: async ({ state }) =>
      streamedOrWhole(state, "chains", streamedChainSummaries, async () =>
        summarizeChains(await state.graph()),
      ),
  },
];
