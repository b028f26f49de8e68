// What a store needs to cut out the subgraph one chain's analysis reads: the matching's text evidence, as keys.
import type { Firm, Segment } from "../model/index.ts";

/**
 * The matching's view of evidence, handed to the store by a face (the store does not match text itself):
 * which segments a firm's own text (products, names, list industry) points to, and which industry codes can
 * give a firm evidence for a set of segments. Built by analysis/matching/subgraph-keys.ts.
 */
export interface SubgraphKeys {
  /** Changes whenever the matching could answer differently (matching resources, matcher code). */
  readonly version: string;
  /**
   * Segment ids each firm's text evidence points to (product, name and crosswalk-industry matches), over the
   * whole segment list — the list the analysis matches against, so the answer is the analysis's own — each with
   * the evidence itself (opaque text the store keeps and hands back: SubgraphOptions.textEvidence).
   */
  textSegments(
    segments: ReadonlyArray<Segment>,
    firms: ReadonlyArray<Firm>,
  ): Iterable<[firm: string, segment: string, detail: string]>;
  /** Industry codes whose firms can get code evidence for one of these segments (their codes, crosswalk rows). */
  codesFor(segments: ReadonlyArray<Segment>): string[];
  /**
   * Segments (of the whole list) whose local firms the analysis of any chain counts, beyond the chain's own and
   * neighbouring ones: the subgraph holds every local firm linked to them.
   */
  localSegments(segments: ReadonlyArray<Segment>): string[];
}
