// What-if: a firm lands in the city in a segment; which findings change kind, severity before and after.
import { z } from "zod";
import { NotFoundError } from "../../errors.ts";
import { type AtlasGraph, key } from "../../graph/index.ts";
import type { LocalizedName } from "../../model/index.ts";
import { analysisIndex } from "../core/analysis-index.ts";
import { requireFirm, requireSegment } from "../core/chain-lookup.ts";
import { parseOptions } from "../core/parse-options.ts";
import { chainGaps } from "./find-gaps.ts";
import type { ChainFigures, GapKind } from "./gap-finding.ts";
import { GapOptions } from "./gap-options.ts";

export const WhatIfOptions = z.strictObject({
  firm: z.string().trim().min(1, "expected a firm id"),
  segment: z.string().trim().min(1, "expected a segment id"),
  /** Defaults to the segment's chain; when given, the segment must be in it. */
  chain: z.string().trim().min(1).optional(),
  /** Where the firm lands; defaults to its own region if local, else the first region of the seed. */
  region: z.string().trim().min(1).optional(),
  gaps: GapOptions.omit({ chain: true }).prefault({}),
});
export type WhatIfOptionsInput = z.input<typeof WhatIfOptions>;

export interface WhatIfChange {
  segment: { id: string; name: LocalizedName };
  kindBefore: GapKind;
  kindAfter: GapKind;
  severityBefore: number;
  severityAfter: number;
}

export interface WhatIfResult {
  firm: { id: string; name: LocalizedName };
  segment: string;
  chain: string;
  region: string | undefined;
  before: ChainFigures;
  after: ChainFigures;
  /** Findings whose kind or severity changed, kind changes first. */
  changes: WhatIfChange[];
}

/** Recomputes the chain's gaps on a copy of the graph where the firm is local and makes the segment. */
export function whatIf(g: AtlasGraph, input: WhatIfOptionsInput): WhatIfResult {
  const opts = parseOptions(WhatIfOptions, input, "whatif");
  const ix = analysisIndex(g);
  const seg = requireSegment(ix, opts.segment, opts.chain);
  const chain = ix.segments[seg]!.chain;
  const firm = ix.firms[requireFirm(ix, opts.firm)]!;
  const region = opts.region ?? firm.location.region ?? firstRegion(g);
  if (region !== undefined && !g.hasNode(key.region(region)))
    throw new NotFoundError(
      `--region: unknown region ${JSON.stringify(region)}; expected a region id of the seed`,
    );

  const moved = g.copy();
  const linked = firm.segments.some((l) => l.segment === opts.segment);
  const link = {
    segment: opts.segment,
    grade: "strong" as const,
    basis: "inferred" as const,
    confidence: 1,
    sources: [],
    note: "what-if: assumed landing",
  };
  // The plant that lands makes this segment only; the firm's other links describe what it makes elsewhere.
  const landed = {
    ...firm,
    location: { ...firm.location, region },
    segments: linked ? firm.segments.filter((l) => l.segment === opts.segment) : [link],
  };
  moved.replaceNodeAttributes(key.firm(firm.id), { kind: "firm", firm: landed, local: true });
  for (const e of moved.outEdges(key.firm(firm.id))) {
    const a = moved.getEdgeAttributes(e);
    if (a.kind === "IN_SEGMENT" && moved.target(e) !== key.segment(opts.segment)) moved.dropEdge(e);
  }
  if (!linked)
    moved.addDirectedEdge(key.firm(firm.id), key.segment(opts.segment), { kind: "IN_SEGMENT", link });
  if (region !== undefined && !firm.location.region)
    moved.addDirectedEdge(key.firm(firm.id), key.region(region), { kind: "LOCATED_IN" });

  const gapOpts = { ...opts.gaps, chain };
  const before = chainGaps(ix, gapOpts);
  const after = chainGaps(analysisIndex(moved), gapOpts);
  const changes = before.findings
    .map((b, i) => {
      const a = after.findings[i]!;
      return {
        segment: { id: b.segment.id, name: b.segment.name },
        kindBefore: b.kind,
        kindAfter: a.kind,
        severityBefore: b.severity,
        severityAfter: a.severity,
      };
    })
    .filter((c) => c.kindBefore !== c.kindAfter || Math.abs(c.severityBefore - c.severityAfter) > 1e-9)
    .sort((x, y) => Number(y.kindBefore !== y.kindAfter) - Number(x.kindBefore !== x.kindAfter));
  return {
    firm: { id: firm.id, name: firm.name },
    segment: opts.segment,
    chain,
    region,
    before: before.figures,
    after: after.figures,
    changes,
  };
}

/** The first region of the seed, where a firm lands when no region is named. */
function firstRegion(g: AtlasGraph): string | undefined {
  const k = g.findNode((_k, a) => a.kind === "region");
  const a = k === undefined ? undefined : g.getNodeAttributes(k);
  return a?.kind === "region" ? a.region.id : undefined;
}
