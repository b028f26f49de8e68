// Writes a SYNTHETIC dataset as a seed directory: `tsx scripts/synthetic/write-seed.ts <dir> [firms] [ties] [chains]`.
import { writeSeed } from "../../src/seed/index.ts";
import { generateSynthetic } from "./generate.ts";

const [dir, firms, ties, chains] = process.argv.slice(2);
if (!dir) {
  process.stderr.write(
    "usage: tsx scripts/synthetic/write-seed.ts <dir> [firms=100000] [ties=1000000] [chains=200]\n",
  );
  process.exit(2);
}
const ds = generateSynthetic({
  ...(firms ? { firms: Number(firms) } : {}),
  ...(ties ? { ties: Number(ties) } : {}),
  ...(chains ? { chains: Number(chains) } : {}),
});
const files = writeSeed(ds, dir);
process.stdout.write(
  `wrote ${files.length} SYNTHETIC seed files to ${dir} (every name says SYNTHETIC; not real data)\n`,
);
