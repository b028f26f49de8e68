// The graph view's data (laid out once per dataset version) and the city map's per-region summary.
import { z } from "zod";
import { findGaps, type GapKind } from "../../analysis/index.ts";
import { NotFoundError } from "../../errors.ts";
import { type AtlasGraph, buildGraph, chainsOf } from "../../graph/index.ts";
import type { Firm } from "../../model/index.ts";
import { ChainParam, ErrorSchema, JsonObject } from "../api-schemas.ts";
import type { AtlasState } from "../atlas-state.ts";
import { cityGaps } from "../outputs/city-gaps.ts";
import { graphLayout } from "../outputs/graph-layout.ts";
import type { RouteSpec } from "../route-spec.ts";

const GraphSchema = z.object({
  nodes: z.array(JsonObject),
  edges: z.array(JsonObject),
  /** Set on the whole map of a store read by chain: only segments and chain masters are drawn. */
  scope: z.literal("segments-and-masters").optional(),
});

function statusOf(g: AtlasGraph, chains: ReadonlyArray<string>): Map<string, GapKind> {
  const m = new Map<string, GapKind>();
  for (const c of chains) for (const f of findGaps(g, { chain: c }).findings) m.set(f.segment.id, f.kind);
  return m;
}

/**
 * The whole map of a store read by chain (a province's Neo4j), whose firms no browser could draw: every chain's
 * segments and feeds, each segment coloured by its gap (cityGaps, chain by chain as `gaps --all`), and the chain
 * masters on their segments, read by id. A chain's own map (`/api/chains/:chain/graph`) shows all its firms.
 */
async function segmentsAndMasters(state: AtlasState) {
  const skeleton = await state.skeleton();
  const masters = [...new Set(skeleton.chains.flatMap((c) => c.masters.map((m) => m.firm)))];
  const read = state.graphStore.readPlaced?.bind(state.graphStore);
  const segments = new Set(skeleton.segments.map((s) => s.id));
  const firms = (read ? await read("firms", masters) : []).map((p) => {
    const f = p.entity as Firm;
    return { ...f, segments: f.segments.filter((l) => segments.has(l.segment)) };
  });
  const g = buildGraph({ ...skeleton, firms, ties: [], sources: [] });
  const status = new Map<string, GapKind>(skeleton.segments.map((s) => [s.id, "covered"]));
  for (const x of (await cityGaps(state)).open) status.set(x.segment, x.kind);
  const chains = skeleton.chains.map((c) => c.id);
  return { ...(await graphLayout(g, chains, status, 80)), scope: "segments-and-masters" as const };
}

/** The whole map's layout, cached per dataset version (what `/api/graph` answers). */
function wholeMap(state: AtlasState) {
  return state.cached("graph:all", async () => {
    if (state.readsByChain) return segmentsAndMasters(state);
    const g = await state.graph();
    const chains = chainsOf(g).map((c) => c.id);
    return graphLayout(g, chains, statusOf(g, chains), 80);
  });
}

/**
 * Starts laying out the whole map in the background (the layout runs on a worker thread), so the first user
 * to open the chain map does not wait for it; a failure here is the route's to report, not the server's. Not on a
 * store read by chain (a province's Neo4j): the whole dataset is then read only when a route needs it.
 */
export function warmGraphLayout(state: AtlasState): void {
  if (state.readsByChain) return;
  wholeMap(state).catch(() => undefined);
}

/**
 * Per region: its local firms and the segments they cover, per chain, and the chains' open gaps it does not cover.
 * On a store read by chain the firms stream past once and the gaps come chain by chain (cityGaps); else from the
 * dataset and graph kept here. The same answer either way.
 */
async function regionsSummary(state: AtlasState) {
  const [ds, gaps] = [await state.skeleton(), (await cityGaps(state)).open];
  const stream = state.graphStore.streamEntities?.bind(state.graphStore);
  const firms: AsyncIterable<unknown> | Iterable<Firm> =
    state.readsByChain && stream ? stream("firms") : (await state.dataset()).firms;
  const segChain = new Map(ds.segments.map((s) => [s.id, s.chain]));
  const acc = new Map(
    ds.regions.map((r) => [
      r.id,
      {
        chains: {} as Record<string, { localFirms: number; segmentsCovered: number }>,
        covered: new Map<string, Set<string>>(),
      },
    ]),
  );
  for await (const raw of firms) {
    const f = raw as Firm;
    const here = f.location.region === undefined ? undefined : acc.get(f.location.region);
    if (!here) continue;
    const inChains = new Set<string>();
    for (const l of f.segments) {
      const c = segChain.get(l.segment);
      if (!c) continue;
      inChains.add(c);
      if (!here.covered.has(c)) here.covered.set(c, new Set());
      here.covered.get(c)!.add(l.segment);
    }
    for (const c of inChains) {
      here.chains[c] ??= { localFirms: 0, segmentsCovered: 0 };
      here.chains[c].localFirms++;
    }
  }
  return ds.regions.map((r) => {
    const { chains, covered } = acc.get(r.id)!;
    for (const [c, segs] of covered) chains[c]!.segmentsCovered = segs.size;
    return {
      region: r.id,
      name: r.name,
      kind: r.kind,
      chains,
      uncoveredGaps: gaps.filter(
        (x) => chains[x.chain] !== undefined && !covered.get(x.chain)?.has(x.segment),
      ),
    };
  });
}

export const graphRoutes: RouteSpec[] = [
  {
    method: "get",
    path: "/api/chains/:chain/graph",
    summary: "The chain's segments and firms with ForceAtlas2 positions (computed once, cached)",
    tag: "graph",
    roles: "any",
    params: ChainParam,
    responses: [
      { status: 200, description: "nodes and edges", schema: GraphSchema },
      { status: 404, description: "no such chain", schema: ErrorSchema },
    ],
    handler: async ({ state, params }) => {
      const chain = params.chain!;
      if (!(await state.hasChain(chain))) throw new NotFoundError(`no chain ${JSON.stringify(chain)}`);
      // On a store read by chain, laid out on the chain's subgraph (its firms and ties, no candidate by code).
      return state.cached(`graph:${chain}`, async () => {
        const g = state.readsByChain
          ? (await state.chainData(chain, { candidates: false })).g
          : await state.graph();
        return graphLayout(g, [chain], statusOf(g, [chain]));
      });
    },
  },
  {
    method: "get",
    path: "/api/graph",
    summary:
      "All chains' segments and firms with positions (computed once, cached); on a store read by chain (Neo4j) the segments and chain masters only (scope)",
    tag: "graph",
    roles: "any",
    responses: [{ status: 200, description: "nodes and edges", schema: GraphSchema }],
    handler: ({ state }) => wholeMap(state),
  },
  {
    method: "get",
    path: "/api/regions/summary",
    summary: "Per county or park: local firms and segments covered per chain, and the chains' open gaps",
    tag: "graph",
    roles: "any",
    responses: [{ status: 200, description: "regions", schema: z.array(JsonObject) }],
    handler: ({ state }) => state.cached("regions-summary", () => regionsSummary(state)),
  },
];
