// Feasibility of each segment: relatedness (Hidalgo & Hausmann) against a stated reference, and the chain's own flow.
import type { AnalysisIndex } from "../core/analysis-index.ts";
import { cached } from "../core/memo.ts";
import type { ReferencePopulation } from "../matching/matching-resources.ts";
import { density, presence, proximity, rca } from "./ecomplexity.ts";

const cache = new WeakMap<AnalysisIndex, WeakMap<object, Float64Array>>();
const NONE = {};

/**
 * Per segment, the mean of the known signals among: (a) density ω from Balassa RCA over segment-link counts,
 * the city (its local firms' links) as one row beside the reference population's regions — never the seed's
 * candidate list; (b) flow: the share of the segment's FEEDS neighbours (either direction) that have local firms
 * (a gap fed by or feeding what the city does is closer — 延链). NaN ("unknown") when neither signal has data:
 * an unknown term drops out of the score instead of counting as 0.
 */
export function segmentFeasibility(ix: AnalysisIndex, reference?: ReferencePopulation): Float64Array {
  const byRef = cached(cache, ix, () => new WeakMap<object, Float64Array>());
  const key = reference ?? NONE;
  const hit = byRef.get(key);
  if (hit) return hit;
  const n = ix.segments.length;
  const localCount = new Float64Array(n);
  ix.links.forEach((rows, seg) => {
    for (const { firm } of rows) if (ix.local[firm]) localCount[seg]!++;
  });
  const omega = reference
    ? referenceDensity(ix, localCount, reference)
    : new Float64Array(n).fill(Number.NaN);
  const out = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    const near = [...ix.feedsIn[s]!, ...ix.feedsOut[s]!];
    const flow = near.length > 0 ? near.filter((t) => localCount[t]! > 0).length / near.length : Number.NaN;
    const known = [omega[s]!, flow].filter((v) => !Number.isNaN(v));
    out[s] = known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : Number.NaN;
  }
  byRef.set(key, out);
  return out;
}

/** ω of the city's row in [city, ...reference regions] × segments; NaN for segments the reference does not count. */
function referenceDensity(
  ix: AnalysisIndex,
  localCount: Float64Array,
  ref: ReferencePopulation,
): Float64Array {
  const cols = ix.segments
    .map((s, i) => [i, s.id] as const)
    .filter(([, id]) => ref.regions.some((r) => id in r.counts));
  const matrix = [
    cols.map(([i]) => localCount[i]!),
    ...ref.regions.map((r) => cols.map(([, id]) => r.counts[id] ?? 0)),
  ];
  const m = presence(rca(matrix));
  const w = density(m, proximity(m))[0]!;
  const out = new Float64Array(ix.segments.length).fill(Number.NaN);
  cols.forEach(([i], c) => {
    out[i] = w[c]!;
  });
  return out;
}
