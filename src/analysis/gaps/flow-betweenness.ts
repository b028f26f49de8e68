// Betweenness of segments in a chain's FEEDS flow (Brandes 2001, directed, unweighted), scaled to max 1.
import type { AnalysisIndex } from "../core/analysis-index.ts";

/**
 * Betweenness of each of `segs` over the FEEDS edges among them, divided by the chain's largest value
 * (all 0 when no segment lies between two others). A sub-segment takes its parent's value when larger.
 */
export function flowBetweenness(ix: AnalysisIndex, segs: ReadonlyArray<number>): Map<number, number> {
  const local = new Map(segs.map((s, i) => [s, i]));
  const n = segs.length;
  const adj = segs.map((s) =>
    ix.feedsOut[s]!.map((t) => local.get(t)).filter((t): t is number => t !== undefined),
  );
  const cb = new Float64Array(n);
  const sigma = new Float64Array(n);
  const dist = new Int32Array(n);
  const delta = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    sigma.fill(0);
    dist.fill(-1);
    delta.fill(0);
    const preds: number[][] = Array.from({ length: n }, () => []);
    const order: number[] = [];
    sigma[s] = 1;
    dist[s] = 0;
    const queue = [s];
    for (let q = 0; q < queue.length; q++) {
      const v = queue[q]!;
      order.push(v);
      for (const w of adj[v]!) {
        if (dist[w]! < 0) {
          dist[w] = dist[v]! + 1;
          queue.push(w);
        }
        if (dist[w] === dist[v]! + 1) {
          sigma[w]! += sigma[v]!;
          preds[w]!.push(v);
        }
      }
    }
    for (let i = order.length - 1; i >= 0; i--) {
      const w = order[i]!;
      for (const v of preds[w]!) delta[v]! += (sigma[v]! / sigma[w]!) * (1 + delta[w]!);
      if (w !== s) cb[w]! += delta[w]!;
    }
  }
  const max = Math.max(0, ...cb);
  const out = new Map<number, number>();
  segs.forEach((s, i) => {
    out.set(s, max > 0 ? cb[i]! / max : 0);
  });
  // Parents first in drawing order, so a child can inherit its parent's position.
  for (const s of segs) {
    const p = ix.parent[s]!;
    if (p >= 0 && out.has(p)) out.set(s, Math.max(out.get(s)!, out.get(p)!));
  }
  return out;
}
