import { buildGraph } from "../src/graph/index.ts";
import { generateSynthetic } from "./synthetic/generate.ts";
const ds = generateSynthetic({ firms: 20000, ties: 200000, chains: 40 } as never);
console.log(ds.firms.length, ds.ties.length, ds.firms.reduce((n, f) => n + f.segments.length, 0));
for (let i = 0; i < 4; i++) { const t = performance.now(); const g = buildGraph(ds); console.log((performance.now() - t).toFixed(0), g.order, g.size); }
