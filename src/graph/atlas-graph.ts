// The knowledge graph as a graphology multigraph: typed node and edge attributes, and node keys.
import { MultiDirectedGraph } from "graphology";
import type {
  Chain,
  ChainMaster,
  Cluster,
  Firm,
  Official,
  Region,
  Segment,
  SegmentLink,
  SupplyTie,
} from "../model/index.ts";

export type NodeAttrs =
  | { kind: "chain"; chain: Chain }
  | { kind: "segment"; segment: Segment }
  | { kind: "firm"; firm: Firm; local: boolean }
  | { kind: "region"; region: Region }
  | { kind: "official"; official: Official }
  | { kind: "cluster"; cluster: Cluster };

export type EdgeAttrs =
  | { kind: "PART_OF" } // segment → chain
  | { kind: "CHILD_OF" } // sub-segment → parent segment
  | { kind: "FEEDS" } // segment → segment, upstream to downstream
  | { kind: "IN_SEGMENT"; link: SegmentLink } // firm → segment
  | { kind: "SUPPLIES"; tie: SupplyTie } // supplier → customer
  | { kind: "LOCATED_IN" } // firm → region
  | { kind: "LEADS" } // official → chain
  | { kind: "MASTERS"; master: ChainMaster } // firm → chain
  | { kind: "IN_CLUSTER" }; // chain → cluster

export type AtlasGraph = MultiDirectedGraph<NodeAttrs, EdgeAttrs>;

/** Node keys are prefixed by kind, so a firm and a segment may share an id. */
export const key = {
  chain: (id: string) => `chain:${id}`,
  segment: (id: string) => `segment:${id}`,
  firm: (id: string) => `firm:${id}`,
  region: (id: string) => `region:${id}`,
  official: (id: string) => `official:${id}`,
  cluster: (id: string) => `cluster:${id}`,
};

export function createAtlasGraph(): AtlasGraph {
  return new MultiDirectedGraph<NodeAttrs, EdgeAttrs>({ allowSelfLoops: false });
}
