// Analysis over REST: gaps, targets (JSON, CSV, XLSX), portfolio, what-if, backtest — the CLI's functions
// and option schemas; answers are kept per dataset version and query.

import { z } from "zod";
import { analysisIndexOfDataset } from "../../analysis/core/analysis-index.ts";
import { findGapsOfIndex } from "../../analysis/gaps/find-gaps.ts";
import {
  BacktestRunOptions,
  findGaps,
  GapOptions,
  PortfolioOptions,
  rankTargets,
  runBacktest,
  TargetOptions,
  type TargetScore,
  WhatIfOptions,
  whatIf,
} from "../../analysis/index.ts";
import { NO_RESOURCES } from "../../analysis/matching/matching-resources.ts";
import { rankTargetsOnStore } from "../../queries/chain-targets.ts";
import { targetTable, toCsv, toXlsx } from "../../render/index.ts";
import { readMatchingResources, readProductsEn } from "../../seed/index.ts";
import { queryOf } from "../analysis-query.ts";
import { ChainParam, ErrorSchema, JsonObject } from "../api-schemas.ts";
import type { AtlasState } from "../atlas-state.ts";
import { portfolioOf } from "../outputs/chain-outputs.ts";
import { cityGaps } from "../outputs/city-gaps.ts";
import type { RouteContext, RouteSpec } from "../route-spec.ts";

/** JSON with object keys sorted, so equal options give equal text. */
const stable = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(stable).join(",")}]`
    : v !== null && typeof v === "object"
      ? `{${Object.keys(v)
          .sort()
          .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
          .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
          .join(",")}}`
      : JSON.stringify(v);

/**
 * The cache key of an answer: the route and its options normalised by the analysis's own schema (defaults
 * filled in, so `?top=20` and no `top` share one answer). Options the schema refuses keep their raw form
 * (the analysis then refuses them too, and nothing is kept).
 */
const keyOf = (what: string, q: Record<string, unknown>, schema?: z.ZodType) => {
  // The same query text gives the same key: normalise it once, not on every request (a hot route's cost).
  const raw = `${what}\u0000${JSON.stringify(q)}`;
  const hit = KEYS.get(raw);
  if (hit !== undefined) return hit;
  const parsed = schema?.safeParse(q);
  const key = `${what}:${stable(parsed?.success ? parsed.data : q)}`;
  if (KEYS.size >= 10_000) KEYS.clear();
  KEYS.set(raw, key);
  return key;
};
/** Normalised keys by raw query (bounded: cleared when full). */
const KEYS = new Map<string, string>();

const errors = [
  { status: 400, description: "bad option (named)", schema: ErrorSchema },
  { status: 404, description: "no such chain, firm or segment", schema: ErrorSchema },
];

/** The JSON rows of the ranking, as `targets --json` prints them (plus `aim` where the ranking sets it). */
const targetRow = (r: TargetScore) => {
  const { firm, score, terms, gaps, evidence, explanation } = r;
  const aim = (r as { aim?: unknown }).aim;
  return { firm, score, terms, gaps, evidence, explanation, ...(aim === undefined ? {} : { aim }) };
};

// One chain's answers: on a store read by chain (Neo4j), from that chain's subgraph as the CLI reads it; else from
// the whole graph kept in memory. The same answers either way.
const targets = (state: AtlasState, chain: string, q: Record<string, string>) =>
  state.cached(keyOf("targets", { ...q, chain }, TargetOptions), async () =>
    state.readsByChain
      ? rankTargetsOnStore((sub) => state.chainDataset(chain, state.matching(), sub), state.matching(), {
          ...q,
          chain,
        })
      : rankTargets(await state.graph(), { ...q, chain }),
  );

const gaps = async (state: AtlasState, chain: string, q: Record<string, string>) =>
  state.readsByChain
    ? findGapsOfIndex(
        analysisIndexOfDataset(await state.chainDataset(chain, NO_RESOURCES, { candidates: false })),
        { ...q, chain },
      )
    : findGaps(await state.graph(), { ...q, chain });

/** The graph a what-if reads: the chain's subgraph with the landing firm and its ties, or the whole graph. */
const whatIfGraph = async (state: AtlasState, chain: string, landing: string) =>
  (await state.chainData(chain, { candidates: false, firms: [landing] })).g;

const TARGET_QUERY = queryOf(TargetOptions, ["chain"], {
  gap: "rank for this one segment only",
  top: "how many rows (default 20)",
  tag: "lists, comma-separated, e.g. fortune-global-500,little-giant",
  country: "ISO codes, comma-separated, e.g. CN,DE",
  weights: "e.g. gapFit=0.5,tier=0.2,masterTies=0.15,relatedness=0.15",
});

const fileName = (ctx: RouteContext, ext: string) => `targets-${ctx.params.chain}.${ext}`;

export const analysisRoutes: RouteSpec[] = [
  {
    method: "get",
    path: "/api/gaps/summary",
    summary:
      "Every chain's gap figures — coverage, local supply, gaps by kind — as each chain's gaps give them",
    tag: "analysis",
    roles: "any",
    responses: [
      {
        status: 200,
        description: "{items: [{chain, figures}]} in chain order",
        schema: z.object({ items: z.array(JsonObject) }),
      },
    ],
    handler: ({ state }) =>
      state.cachedJson("gaps-summary", async () => ({ items: (await cityGaps(state)).figures })),
  },
  {
    method: "get",
    path: "/api/chains/:chain/gaps",
    summary: "The chain's findings: missing, weak, external, single-source, covered, with severity and why",
    tag: "analysis",
    roles: "any",
    params: ChainParam,
    query: queryOf(GapOptions, ["chain"]),
    responses: [{ status: 200, description: "as gaps --json", schema: JsonObject }, ...errors],
    handler: ({ state, params, query }) =>
      state.cachedJson(keyOf("gaps", { ...query, chain: params.chain }, GapOptions), async () => {
        const r = await gaps(state, params.chain!, query);
        return { chain: r.chain, figures: r.figures, findings: r.findings };
      }),
  },
  {
    method: "get",
    path: "/api/chains/:chain/targets",
    summary: "Candidate firms ranked by how well they fill the chain's gaps",
    tag: "analysis",
    roles: "any",
    params: ChainParam,
    query: TARGET_QUERY,
    responses: [{ status: 200, description: "{rows} as targets --json", schema: JsonObject }, ...errors],
    handler: ({ state, params, query }) =>
      state.cachedJson(keyOf("targets-json", { ...query, chain: params.chain }, TargetOptions), async () => ({
        rows: (await targets(state, params.chain!, query)).map(targetRow),
      })),
  },
  {
    method: "get",
    path: "/api/chains/:chain/targets.csv",
    summary: "The target ranking as CSV (UTF-8 with BOM)",
    tag: "exports",
    roles: "any",
    params: ChainParam,
    query: TARGET_QUERY,
    responses: [{ status: 200, description: "CSV file", contentType: "text/csv" }, ...errors],
    handler: async (ctx) => {
      const rows = await targets(ctx.state, ctx.params.chain!, ctx.query);
      ctx.res
        .type("text/csv; charset=utf-8")
        .attachment(fileName(ctx, "csv"))
        .send(toCsv(targetTable(ctx.params.chain!, rows)));
    },
  },
  {
    method: "get",
    path: "/api/chains/:chain/targets.xlsx",
    summary: "The target ranking as an Excel workbook",
    tag: "exports",
    roles: "any",
    params: ChainParam,
    query: TARGET_QUERY,
    responses: [
      {
        status: 200,
        description: "XLSX file",
        contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      },
      ...errors,
    ],
    handler: async (ctx) => {
      const rows = await targets(ctx.state, ctx.params.chain!, ctx.query);
      const bytes = await toXlsx([targetTable(ctx.params.chain!, rows)]);
      ctx.res
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .attachment(fileName(ctx, "xlsx"))
        .send(bytes);
    },
  },
  {
    method: "get",
    path: "/api/chains/:chain/portfolio",
    summary: "k targets that together close the most gap severity",
    tag: "analysis",
    roles: "any",
    params: ChainParam,
    query: queryOf(PortfolioOptions, ["chain"], { k: "how many firms to pick (default 10)" }),
    responses: [{ status: 200, description: "as portfolio --json", schema: JsonObject }, ...errors],
    handler: ({ state, params, query }) =>
      state.cachedJson(keyOf("portfolio", { ...query, chain: params.chain }, PortfolioOptions), async () =>
        portfolioOf(state, { ...query, chain: params.chain! }),
      ),
  },
  {
    method: "get",
    path: "/api/chains/:chain/whatif",
    summary: "The chain's gaps recomputed as if the firm settled here in the segment",
    tag: "analysis",
    roles: "any",
    params: ChainParam,
    query: queryOf(WhatIfOptions, ["chain"], {
      firm: "firm id (required)",
      segment: "segment id (required)",
    }),
    responses: [{ status: 200, description: "as whatif --json", schema: JsonObject }, ...errors],
    handler: ({ state, params, query }) =>
      state.cachedJson(keyOf("whatif", { ...query, chain: params.chain }, WhatIfOptions), async () =>
        whatIf(await whatIfGraph(state, params.chain!, String(query.firm ?? "")), {
          ...query,
          chain: params.chain!,
        } as Parameters<typeof whatIf>[1]),
      ),
  },
  {
    method: "get",
    path: "/api/backtest",
    summary:
      "Hide-and-recover backtest of the ranking against random and revenue-only baselines (mode segment or list, as backtest --mode)",
    tag: "analysis",
    roles: "any",
    query: queryOf(BacktestRunOptions, [], {
      mode: "segment (default: the hidden segment is named in advance) or list (firms re-entered as list rows)",
      chain: "only this chain",
      seed: "seed of the random baseline and tie-breaks (default 1)",
      withCodes: "list mode: true keeps the re-entered rows' GB/T industry codes",
    }),
    responses: [{ status: 200, description: "as backtest --json", schema: JsonObject }, ...errors],
    handler: ({ state, query }) =>
      state.cachedJson(keyOf("backtest", query, BacktestRunOptions), async () => {
        const ds = await state.dataset();
        return query.mode === "list"
          ? runBacktest(ds, query, readMatchingResources(), readProductsEn())
          : runBacktest(ds, query);
      }),
  },
];
