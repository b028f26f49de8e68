// Times one fishbone SVG of the largest shipped chain (most segments, then most firms); target ≤ 50 ms.
import { join } from "node:path";
import { buildGraph, chainsOf, localFirmsOfSegment, segmentsOfChain } from "../src/graph/index.ts";
import { fishboneInputOf } from "../src/render/fishbone/fishbone-input.ts";
import { renderFishboneSvg } from "../src/render/fishbone/fishbone-svg.ts";
import { loadSeed } from "../src/seed/index.ts";

const TARGET_MS = 50;
const ds = loadSeed(join(import.meta.dirname, "..", "graph-seeds", "jiaxing"));
const g = buildGraph(ds);
const size = (id: string) => {
  const segs = segmentsOfChain(g, id);
  return segs.length * 1000 + segs.reduce((n, s) => n + localFirmsOfSegment(g, s.id).length, 0);
};
const chain = chainsOf(g).sort((a, b) => size(b.id) - size(a.id))[0]!;
const render = () =>
  renderFishboneSvg(fishboneInputOf(g, chain.id, { date: "2026-12-01", city: ds.region.name }));

for (let i = 0; i < 5; i++) render(); // warm up the JIT
const runs: number[] = [];
for (let i = 0; i < 30; i++) {
  const t0 = performance.now();
  render();
  runs.push(performance.now() - t0);
}
runs.sort((a, b) => a - b);
const median = runs[Math.floor(runs.length / 2)]!;
const first = (() => {
  const t0 = performance.now();
  render();
  return performance.now() - t0;
})();
process.stdout.write(
  `fishbone svg ${chain.id} (${segmentsOfChain(g, chain.id).length} segments): median ${median.toFixed(1)} ms, max ${runs.at(-1)!.toFixed(1)} ms, one more ${first.toFixed(1)} ms (target ≤ ${TARGET_MS} ms)\n`,
);
process.exitCode = median <= TARGET_MS ? 0 : 1;
