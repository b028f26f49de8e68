// Relationships derived from entity fields (IN_SEGMENT, MASTERS, LEADS, LOCATED_IN, CITES …), for Neo4j readers and
// chain subgraphs; the entities' JSON stays the truth and is what chain-atlas reads back.
import type { Dataset } from "../../model/index.ts";
import { type EdgeRow, NODE_KINDS, NODE_LABELS, props } from "./graph-shape.ts";

/** Relationships derived from entity fields, for Neo4j readers and chain subgraphs (the JSON stays the truth). */
export interface DerivedEdges {
  type: string;
  from: string;
  to: string;
  rows: EdgeRow[];
}

export function derivedEdges(ds: Dataset): DerivedEdges[] {
  const e = (from: string, to: string, p: Record<string, string | number | boolean | undefined> = {}) => ({
    from,
    to,
    props: props(p),
  });
  const out: DerivedEdges[] = [
    { type: "PART_OF", from: "Segment", to: "Chain", rows: ds.segments.map((s) => e(s.id, s.chain)) },
    {
      type: "CHILD_OF",
      from: "Segment",
      to: "Segment",
      rows: ds.segments.flatMap((s) => (s.parent ? [e(s.id, s.parent)] : [])),
    },
    {
      type: "IN_SEGMENT",
      from: "Firm",
      to: "Segment",
      rows: ds.firms.flatMap((f) =>
        f.segments.map((l) =>
          e(f.id, l.segment, {
            grade: l.grade,
            basis: l.basis,
            confidence: l.confidence,
            product: l.product,
          }),
        ),
      ),
    },
    {
      type: "MASTERS",
      from: "Firm",
      to: "Chain",
      rows: ds.chains.flatMap((c) =>
        c.masters.map((m) => e(m.firm, c.id, { level: m.level, issuer: m.issuer })),
      ),
    },
    {
      type: "LEADS",
      from: "Official",
      to: "Chain",
      rows: ds.officials.flatMap((o) => o.leads.map((c) => e(o.id, c))),
    },
    {
      type: "LOCATED_IN",
      from: "Firm",
      to: "Region",
      rows: ds.firms.flatMap((f) => (f.location.region ? [e(f.id, f.location.region)] : [])),
    },
    { type: "LOCATED_IN", from: "Region", to: "Region", rows: ds.regions.map((r) => e(r.id, r.parent)) },
    {
      // A firm's industry codes as :IndustryCode nodes (chain subgraphs find code-evidence candidates by them).
      type: "HAS_CODE",
      from: "Firm",
      to: "IndustryCode",
      rows: ds.firms.flatMap((f) => [...new Set(f.codes)].map((c) => e(f.id, c))),
    },
    {
      type: "SUBSIDIARY_OF",
      from: "Firm",
      to: "Firm",
      rows: ds.firms.flatMap((f) => (f.parent ? [e(f.id, f.parent)] : [])),
    },
    {
      type: "COVERS",
      from: "Cluster",
      to: "Chain",
      rows: ds.clusters.flatMap((c) => c.chains.map((ch) => e(c.id, ch))),
    },
    {
      type: "INCLUDES",
      from: "ChainGroup",
      to: "Chain",
      rows: ds.groups.flatMap((g) => g.chains.map((ch) => e(g.id, ch))),
    },
  ];
  for (const kind of NODE_KINDS) {
    if (kind === "sources") continue;
    const rows = (ds[kind] as Array<{ id: string; sources?: string[] }>).flatMap((x) =>
      (x.sources ?? []).map((s) => e(x.id, s)),
    );
    out.push({ type: "CITES", from: NODE_LABELS[kind], to: "Source", rows });
  }
  return out;
}
