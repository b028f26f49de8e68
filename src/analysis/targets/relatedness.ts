// Relatedness (Hidalgo & Hausmann 2007): how close each segment is to what the city already does.
import type { AnalysisIndex } from "../core/analysis-index.ts";

const cache = new WeakMap<AnalysisIndex, Float64Array>();

/**
 * Density ω(s) = Σ M(s')·φ(s,s') / Σ φ(s,s') per segment, where φ(s,s') = C(s,s') / max(k_s, k_s') counts
 * firms whose curated portfolios hold both segments, and M(s') = 1 when the city's firms are over-represented
 * in s' (RCA ≥ 1). 0 for a segment that no firm's portfolio shares with another.
 */
export function segmentDensity(ix: AnalysisIndex): Float64Array {
  const hit = cache.get(ix);
  if (hit) return hit;
  const n = ix.segments.length;
  const portfolios = new Map<number, number[]>();
  ix.links.forEach((rows, seg) => {
    for (const { firm } of rows) {
      const p = portfolios.get(firm);
      if (!p) portfolios.set(firm, [seg]);
      else if (!p.includes(seg)) p.push(seg);
    }
  });
  const ubiquity = new Float64Array(n);
  const localCount = new Float64Array(n);
  let firms = 0;
  let localFirms = 0;
  const co = new Map<number, number>();
  for (const [firm, segs] of portfolios) {
    firms++;
    if (ix.local[firm]) localFirms++;
    for (const s of segs) {
      ubiquity[s]!++;
      if (ix.local[firm]) localCount[s]!++;
    }
    for (let i = 0; i < segs.length; i++)
      for (let j = i + 1; j < segs.length; j++) {
        const a = Math.min(segs[i]!, segs[j]!);
        const b = Math.max(segs[i]!, segs[j]!);
        co.set(a * n + b, (co.get(a * n + b) ?? 0) + 1);
      }
  }
  const present = new Uint8Array(n);
  for (let s = 0; s < n; s++)
    if (localFirms > 0 && ubiquity[s]! > 0)
      present[s] = localCount[s]! / localFirms / (ubiquity[s]! / firms) >= 1 ? 1 : 0;
  const num = new Float64Array(n);
  const den = new Float64Array(n);
  for (const [pair, c] of co) {
    const a = Math.floor(pair / n);
    const b = pair % n;
    const phi = c / Math.max(ubiquity[a]!, ubiquity[b]!);
    den[a]! += phi;
    den[b]! += phi;
    num[a]! += present[b]! * phi;
    num[b]! += present[a]! * phi;
  }
  const density = new Float64Array(n);
  for (let s = 0; s < n; s++) density[s] = den[s]! > 0 ? num[s]! / den[s]! : 0;
  cache.set(ix, density);
  return density;
}
