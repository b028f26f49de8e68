// `npm run bench`: times the analysis on a SYNTHETIC city (100,000 firms, 1,000,000 ties, 200 chains) against its targets.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { analysisIndex } from "../src/analysis/core/analysis-index.ts";
import { findAllGaps } from "../src/analysis/gaps/find-gaps.ts";
import { candidateFits } from "../src/analysis/targets/candidate-fit.ts";
import { rankTargets } from "../src/analysis/targets/rank-targets.ts";
import { segmentFeasibility } from "../src/analysis/targets/relatedness.ts";
import { buildGraph } from "../src/graph/index.ts";
import { generateSynthetic } from "./synthetic/generate.ts";

// A larger heap and young generation: 1M ties allocate fast, and a small semi-space makes the GC the bottleneck.
const NODE_FLAGS = ["--max-old-space-size=3072", "--max-semi-space-size=64"];
if (!process.env.CHAIN_ATLAS_BENCH_CHILD) {
  const r = spawnSync(
    process.execPath,
    [...process.execArgv, ...NODE_FLAGS, fileURLToPath(import.meta.url)],
    {
      stdio: "inherit",
      env: { ...process.env, CHAIN_ATLAS_BENCH_CHILD: "1" },
    },
  );
  process.exit(r.status ?? 1);
}

const scale = Number(process.env.BENCH_SCALE ?? 1);
const time = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const out = f();
  return [out, (performance.now() - t) / 1000];
};
const rows: Array<[string, string, string, string]> = [];
const report = (figure: string, value: number, target: number | undefined, unit: string) => {
  const ratio =
    target === undefined ? "" : `${(value / target).toFixed(3)} ${value <= target ? "ok" : "MISSED"}`;
  rows.push([
    figure,
    `${value.toFixed(unit === "s" ? 3 : 0)} ${unit}`,
    target === undefined ? "—" : `≤ ${target} ${unit}`,
    ratio,
  ]);
  process.stdout.write(
    `${figure}: ${value.toFixed(unit === "s" ? 3 : 0)} ${unit}${target === undefined ? "" : ` (target ${target} ${unit}, ratio ${ratio})`}\n`,
  );
};

const [ds, tGen] = time(() =>
  generateSynthetic({
    firms: Math.round(100_000 * scale),
    ties: Math.round(1_000_000 * scale),
    chains: Math.max(1, Math.round(200 * scale)),
  }),
);
process.stdout.write(`node ${process.version}, ${NODE_FLAGS.join(" ")}\n`);
process.stdout.write(
  `SYNTHETIC city: ${ds.chains.length} chains, ${ds.segments.length} segments, ${ds.firms.length} firms, ${ds.ties.length} ties\n`,
);
report("generate SYNTHETIC data (not a target)", tGen, undefined, "s");
const [g, tGraph] = time(() => buildGraph(ds));
report("build graph (buildGraph)", tGraph, 20, "s");
const [, tIndex] = time(() => {
  const ix = analysisIndex(g);
  candidateFits(g);
  segmentFeasibility(ix);
});
report("build analysis indexes (index, candidate fits, relatedness)", tIndex, undefined, "s");
report("build graph + indexes", tGraph + tIndex, 20, "s");
const [gaps, tGaps] = time(() => findAllGaps(g));
report(`gaps for all ${gaps.length} chains`, tGaps, 1, "s");
const [targets, tTargets] = time(() => ds.chains.map((c) => rankTargets(g, { chain: c.id, top: 50 })));
report(
  `top-50 targets for every chain (${targets.reduce((n, t) => n + t.length, 0)} rows)`,
  tTargets,
  2,
  "s",
);
// The ranking reuses the gap findings memoised per graph; the cold cost of both is their sum.
report("gaps + top-50 targets, all chains, cold", tGaps + tTargets, 2, "s");
const maxRssMb = process.resourceUsage().maxRSS / 1024;
report("peak RSS", maxRssMb, 2048, "MB");
process.stdout.write(
  `\n| figure | value | target | ratio |\n|---|---|---|---|\n${rows.map((r) => `| ${r.join(" | ")} |`).join("\n")}\n`,
);
const missed = rows.filter((r) => r[3].endsWith("MISSED")).length;
if (missed > 0) process.stdout.write(`${missed} figure${missed === 1 ? "" : "s"} missed the target\n`);
process.exitCode = missed > 0 ? 1 : 0;
