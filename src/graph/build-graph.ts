// Builds the knowledge graph from a dataset (as loaded from a store).
import { type Dataset, isLocalFirm } from "../model/index.ts";
import { type AtlasGraph, createAtlasGraph, key } from "./atlas-graph.ts";

/** One node per chain, segment, firm, region, official and cluster; one edge per relation. */
export function buildGraph(ds: Dataset): AtlasGraph {
  const g = createAtlasGraph();
  for (const region of ds.regions) g.addNode(key.region(region.id), { kind: "region", region });
  for (const chain of ds.chains) g.addNode(key.chain(chain.id), { kind: "chain", chain });
  for (const cluster of ds.clusters) g.addNode(key.cluster(cluster.id), { kind: "cluster", cluster });
  for (const official of ds.officials) g.addNode(key.official(official.id), { kind: "official", official });
  for (const segment of ds.segments) g.addNode(key.segment(segment.id), { kind: "segment", segment });
  for (const firm of ds.firms) g.addNode(key.firm(firm.id), { kind: "firm", firm, local: isLocalFirm(firm) });

  for (const s of ds.segments) {
    g.addDirectedEdge(key.segment(s.id), key.chain(s.chain), { kind: "PART_OF" });
    if (s.parent) g.addDirectedEdge(key.segment(s.id), key.segment(s.parent), { kind: "CHILD_OF" });
  }
  for (const f of ds.feeds) g.addDirectedEdge(key.segment(f.from), key.segment(f.to), { kind: "FEEDS" });
  for (const c of ds.clusters)
    for (const ch of c.chains) g.addDirectedEdge(key.chain(ch), key.cluster(c.id), { kind: "IN_CLUSTER" });
  for (const o of ds.officials)
    for (const ch of o.leads) g.addDirectedEdge(key.official(o.id), key.chain(ch), { kind: "LEADS" });
  for (const c of ds.chains)
    for (const master of c.masters)
      g.addDirectedEdge(key.firm(master.firm), key.chain(c.id), { kind: "MASTERS", master });
  for (const f of ds.firms) {
    if (f.location.region && g.hasNode(key.region(f.location.region)))
      g.addDirectedEdge(key.firm(f.id), key.region(f.location.region), { kind: "LOCATED_IN" });
    for (const link of f.segments)
      g.addDirectedEdge(key.firm(f.id), key.segment(link.segment), { kind: "IN_SEGMENT", link });
  }
  for (const tie of ds.ties)
    g.addDirectedEdge(key.firm(tie.supplier), key.firm(tie.customer), { kind: "SUPPLIES", tie });
  return g;
}
