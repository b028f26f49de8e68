// What matching reads beyond the graph: the vocabulary, GB/T class descriptions and industry crosswalks.
import type { AtlasGraph } from "../../graph/index.ts";
import type { CrosswalkRow, CrosswalkScheme, IndustryClass, VocabularyEntry } from "../../model/index.ts";

/** Segment-link counts of other regions (e.g. a province's firm list by region), the base RCA compares with. */
export interface ReferencePopulation {
  name: string;
  regions: ReadonlyArray<{ id: string; counts: Readonly<Record<string, number>> }>;
}

export interface MatchingResources {
  vocabulary: ReadonlyArray<VocabularyEntry>;
  /** GB/T 4754-2017 classes by code, as the code list describes them. */
  classes: ReadonlyMap<string, IndustryClass>;
  crosswalks: ReadonlyArray<CrosswalkRow & { scheme: CrosswalkScheme }>;
  /** None is shipped (no sourced reference population was found): relatedness then rests on the flow alone. */
  reference?: ReferencePopulation | undefined;
}

export const NO_RESOURCES: MatchingResources = { vocabulary: [], classes: new Map(), crosswalks: [] };

const attached = new WeakMap<AtlasGraph, MatchingResources>();

/** Makes every analysis of `g` match with `res` (explicit: faces call it once after building the graph). */
export function useMatchingResources(g: AtlasGraph, res: MatchingResources): AtlasGraph {
  attached.set(g, res);
  return g;
}

/** The resources attached to `g`, or none (segment names and keywords only). */
export function matchingResourcesOf(g: AtlasGraph): MatchingResources {
  return attached.get(g) ?? NO_RESOURCES;
}
