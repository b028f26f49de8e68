// GET /api/health: the server answers and the store is readable.
import { z } from "zod";
import type { RouteSpec } from "../route-spec.ts";
import { VERSION } from "../version.ts";

export const healthRoutes: RouteSpec[] = [
  {
    method: "get",
    path: "/api/health",
    summary: "The server is up and its store readable",
    tag: "misc",
    roles: "public",
    responses: [
      {
        status: 200,
        description: "healthy",
        schema: z.object({ ok: z.boolean(), store: z.string(), version: z.string(), changeId: z.int() }),
      },
    ],
    handler: ({ state }) => ({
      ok: true,
      store: state.graphStore.kind,
      version: VERSION,
      changeId: state.datasetVersion,
    }),
  },
];
