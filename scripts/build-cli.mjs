// build:cli — compiles the CLI with esbuild into dist/cli/ (one chunk per command), so a command starts without tsx.
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist", "cli");
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ["src/cli/main.ts"],
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // Packages stay in node_modules (native addons, and one copy of each library).
  packages: "external",
  sourcemap: "linked",
  logLevel: "warning",
});
process.stdout.write(`build:cli: wrote ${outdir}\n`);
