// Bundles the web app into web/dist (run by `npm run build:web`, which postinstall runs).
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");
mkdirSync(dist, { recursive: true });
await build({
  entryPoints: [join(here, "src/main.ts")],
  bundle: true,
  format: "esm",
  // ECharts loads only on the pages that draw charts, so the map opens without it.
  splitting: true,
  entryNames: "app",
  chunkNames: "chunk-[hash]",
  minify: true,
  sourcemap: true,
  target: "es2022",
  outdir: dist,
  logLevel: "warning",
});
copyFileSync(join(here, "index.html"), join(dist, "index.html"));
copyFileSync(join(here, "style.css"), join(dist, "style.css"));
console.log(`web app built in ${dist}`);
