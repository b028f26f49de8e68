#!/usr/bin/env node
// The package's bin: runs the compiled CLI (dist/, from `npm run build`) when it is newer than every source
// file, else the TypeScript sources through tsx (a checkout being edited never runs a stale build).
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const built = join(root, "dist", "cli", "main.js");

/** The newest modification time below `dir` (a few hundred stats: about a millisecond). */
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const fresh =
  existsSync(built) &&
  (!existsSync(join(root, "src")) || statSync(built).mtimeMs >= newest(join(root, "src")));
if (fresh && process.env.CHAIN_ATLAS_FROM_SOURCE !== "1") await import(pathToFileURL(built).href);
else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
