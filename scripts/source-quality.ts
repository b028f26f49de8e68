// Lists every source-quality finding of a seed, warnings included, by file (npx tsx scripts/source-quality.ts [dir] [--rule R]).
import { datasetStats } from "../src/analysis/summary/dataset-stats.ts";
import { formatIssue } from "../src/errors.ts";
import { readBlockedHosts, readSeed } from "../src/seed/index.ts";
import { SHIPPED_SEED } from "../src/store/index.ts";

const args = process.argv.slice(2);
const ruleAt = args.indexOf("--rule");
const rule = ruleAt >= 0 ? args[ruleAt + 1] : undefined;
const dir = args.find((a, i) => !a.startsWith("--") && (ruleAt < 0 || i !== ruleAt + 1)) ?? SHIPPED_SEED;
const { dataset, issues, warnings } = readSeed(dir);
for (const i of [...issues, ...warnings].filter((x) => rule === undefined || x.rule === rule))
  process.stdout.write(`${i.rule}\t${formatIssue(i)}\n`);
if (dataset) {
  const s = datasetStats(dataset, { blockedHosts: readBlockedHosts(dir) });
  process.stdout.write(
    `${JSON.stringify({ sources: s.sources, sourceQuality: s.sourceQuality, mastersByLevel: s.mastersByLevel, assumedByReason: s.assumedByReason, inferredProducts: s.inferredProducts })}\n`,
  );
}
const count = new Map<string, number>();
for (const w of warnings) count.set(w.rule, (count.get(w.rule) ?? 0) + 1);
process.stdout.write(`errors ${issues.length}; warnings ${JSON.stringify(Object.fromEntries(count))}\n`);
