// Writes graph-seeds/<region>/SOURCES.md from the seed (npm run sources [dir]).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { sourcesMarkdown } from "../src/render/report/sources-markdown.ts";
import { loadSeed } from "../src/seed/index.ts";
import { SHIPPED_SEED } from "../src/store/index.ts";

const dir = process.argv[2] ?? SHIPPED_SEED;
const out = join(dir, "SOURCES.md");
writeFileSync(out, sourcesMarkdown(loadSeed(dir)));
process.stdout.write(`wrote ${out}\n`);
