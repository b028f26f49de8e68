// build:cli — compiles the CLI with esbuild into dist/cli/ (one chunk per command), so a command starts without tsx.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist", "cli");
rmSync(outdir, { recursive: true, force: true });
// What every data command loads: bundled (resolving and loading these from node_modules file by file was a third
// of a command's start-up). Everything else — native addons, drivers, the server, exporters — stays in
// node_modules, imported by the commands that need it.
const BUNDLED = new Set([
  "commander",
  "zod",
  "graphology",
  "graphology-library",
  "yaml",
  "stemmer",
  "opencc-js",
  // The Neo4j driver, in the chunk only a command on Neo4j loads; its RxJS (the reactive sessions chain-atlas never
  // opens) is loaded on first use instead (lazyRxjs): a tenth of a second of every command's start on Neo4j.
  "neo4j-driver",
  "neo4j-driver-core",
  "neo4j-driver-bolt-connection",
]);
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const EXTERNAL = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })
  .filter((name) => !BUNDLED.has(name))
  .flatMap((name) => [name, `${name}/*`]);
/** zod re-exports all its ~45 message locales (360 kB, compiled on every start); chain-atlas words its own
 * messages and keeps only zod's English. */
const zodEnglishOnly = {
  name: "zod-english-only",
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${join("node_modules", "zod")}`)
        ? { path: join(dirname(args.importer), "..", "locales", "en.js"), namespace: "zod-en" }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "zod-en" }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
    }));
  },
};
/** `rxjs` and `rxjs/operators` as required by the bundled driver: the real module, required on first property read. */
const lazyRxjs = {
  name: "lazy-rxjs",
  setup(b) {
    b.onResolve({ filter: /^rxjs(\/operators)?$/ }, (args) =>
      args.namespace === "lazy-rxjs"
        ? { path: args.path, external: true }
        : { path: args.path, namespace: "lazy-rxjs" },
    );
    b.onLoad({ filter: /.*/, namespace: "lazy-rxjs" }, (args) => ({
      contents: `let m; module.exports = new Proxy({}, { get: (_, k) => (m ??= require(${JSON.stringify(args.path)}))[k] });`,
      loader: "js",
    }));
  },
};
await build({
  absWorkingDir: root,
  entryPoints: ["src/cli/main.ts"],
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: EXTERNAL,
  plugins: [zodEnglishOnly, lazyRxjs],
  // Bundled CommonJS libraries require Node's built-ins; ESM has no require of its own.
  banner: {
    js: 'import { createRequire as __atlasRequire } from "node:module"; const require = __atlasRequire(import.meta.url);',
  },
  sourcemap: "linked",
  logLevel: "warning",
});
// The top-level --help lists every command, which means loading every command's module (over a second);
// written once here, main.js prints it as is. CHAIN_ATLAS_FULL_HELP=1 makes it build the help from the modules.
const help = spawnSync(process.execPath, [join(outdir, "main.js"), "--help"], {
  encoding: "utf8",
  env: { ...process.env, CHAIN_ATLAS_FULL_HELP: "1", COLUMNS: "80" },
});
if (help.status !== 0) throw new Error(`build:cli: --help failed: ${help.stderr}`);
writeFileSync(join(outdir, "help.txt"), help.stdout);
process.stdout.write(`build:cli: wrote ${outdir}\n`);
