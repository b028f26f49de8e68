// The one entry point for matching text to a graph's segments: ranking, `find` and importers share it.
import type { AtlasGraph } from "../../graph/index.ts";
import { analysisIndex } from "../core/analysis-index.ts";
import { matchingResourcesOf } from "./matching-resources.ts";
import { type SegmentMatch, segmentMatcher } from "./segment-matcher.ts";

/**
 * Segments of `g` that a text (a product, a business scope, in Chinese or English) matches, best first:
 * BM25 score, the shared words as written, and graded evidence (weak or medium, never strong). Both languages
 * are matched at once (the vocabulary is bilingual), so no language needs to be named.
 */
export function matchSegments(g: AtlasGraph, text: string): SegmentMatch[] {
  return segmentMatcher(analysisIndex(g).segments, matchingResourcesOf(g)).match(text);
}
