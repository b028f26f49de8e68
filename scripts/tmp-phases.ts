import { buildGraph } from "../src/graph/index.ts";
import { analysisIndex } from "../src/analysis/core/analysis-index.ts";
import { rankTargets } from "../src/analysis/targets/rank-targets.ts";
import { useMatchingResources } from "../src/analysis/matching/matching-resources.ts";
import { readMatchingResources } from "../src/seed/index.ts";
import { generateSynthetic } from "./synthetic/generate.ts";
const ds = generateSynthetic({ firms: 20000, ties: 200000, chains: 40 } as never);
const res = readMatchingResources();
for (let i = 0; i < 3; i++) {
  let t = performance.now();
  const g = useMatchingResources(buildGraph(ds), res);
  const a = performance.now() - t; t = performance.now();
  analysisIndex(g);
  const b = performance.now() - t; t = performance.now();
  rankTargets(g, { chain: ds.chains[0]!.id, top: 50 } as never);
  const c = performance.now() - t; t = performance.now();
  rankTargets(g, { chain: ds.chains[1]!.id, top: 50 } as never);
  const d = performance.now() - t;
  console.log(`build ${a.toFixed(0)} index ${b.toFixed(0)} targets#1 ${c.toFixed(0)} targets#2 ${d.toFixed(0)}`);
}
