// The graph layer: build a graphology graph from a dataset and read it through typed views.
export { type AtlasGraph, createAtlasGraph, type EdgeAttrs, key, type NodeAttrs } from "./atlas-graph.ts";
export { buildGraph } from "./build-graph.ts";
export {
  chainOf,
  chainsOf,
  childSegments,
  inDrawingOrder,
  leadsOfChain,
  mastersOfChain,
  segmentOf,
  segmentsOfChain,
} from "./chain-view.ts";
export {
  customersOf,
  type FirmInSegment,
  firmOf,
  firmsOfSegment,
  localFirmsOfSegment,
  suppliersOf,
  type TiePartner,
} from "./firm-view.ts";
export { type GraphChange, graphRevision, patchGraph } from "./patch-graph.ts";
