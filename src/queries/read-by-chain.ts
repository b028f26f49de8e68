// Whether a whole-city command or route reads the store chain by chain (or streams it) rather than whole.
import type { Store } from "../store/store.ts";

/**
 * On Neo4j, the store for regions that outgrow one file, whose whole dataset a province makes too large to hold:
 * yes. The embedded store (a city, or a province in one file read fast) is read whole. CHAIN_ATLAS_WHOLE_GRAPH=1
 * reads whole everywhere.
 */
export function readsByChain(store: Pick<Store, "kind" | "loadChainSubgraph">): boolean {
  return (
    store.kind === "neo4j" &&
    store.loadChainSubgraph !== undefined &&
    process.env.CHAIN_ATLAS_WHOLE_GRAPH !== "1"
  );
}
