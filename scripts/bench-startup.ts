// `npm run bench` (first part): start-up time of cold CLI commands, each a new process, against its target.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const bin = join(root, "bin", "chain-atlas.js");
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

/** Median wall time (ms) of `runs` fresh processes of the CLI with these arguments. */
function coldMs(args: string[], env: Record<string, string> = {}, runs = RUNS): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [bin, ...args], {
      env: { ...process.env, ...env },
      encoding: "utf8",
    });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`chain-atlas ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

// Measure what users run: the compiled build (npm run build:cli), fresh.
const build = spawnSync(process.execPath, [join(root, "scripts", "build-cli.mjs")], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

const dir = mkdtempSync(join(tmpdir(), "atlas-bench-"));
const db = join(dir, "atlas.db");
const start = spawnSync(process.execPath, [bin, "--db", db, "start"], { encoding: "utf8" });
if (start.status !== 0) throw new Error(`start failed: ${start.stderr}`);

const FIGURES: Array<{ figure: string; args: string[]; target?: number; env?: Record<string, string> }> = [
  { figure: "cold start: chain-atlas --version", args: ["--version"], target: 300 },
  { figure: "cold start: chain-atlas stats", args: ["--db", db, "stats"], target: 500 },
  { figure: "cold start: chain-atlas chains", args: ["--db", db, "chains"], target: 500 },
  {
    figure: "cold start: chain-atlas gaps --chain pv",
    args: ["--db", db, "gaps", "--chain", "pv"],
    target: 600,
  },
  { figure: "cold start: chain-atlas --help (lists every command)", args: ["--help"], target: 800 },
  {
    figure: "same stats from the TypeScript sources through tsx (not a target)",
    args: ["--db", db, "stats"],
    env: { CHAIN_ATLAS_FROM_SOURCE: "1" },
  },
];

let missed = 0;
process.stdout.write(
  `node ${process.version}, median of ${RUNS} fresh processes each; load average ${loadavg()[0]!.toFixed(1)} (figures are wall time: a busy machine slows them all)\n`,
);
const bare = (() => {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, ["-e", ""]);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
})();
process.stdout.write(`bare node start-up, for scale (not a target): ${bare.toFixed(0)} ms\n`);
for (const f of FIGURES) {
  const ms = coldMs(f.args, f.env);
  const ok = f.target === undefined || ms <= f.target;
  if (!ok) missed++;
  process.stdout.write(
    `${f.figure}: ${ms.toFixed(0)} ms${f.target === undefined ? "" : ` (target ≤ ${f.target} ms, ${ok ? "ok" : "MISSED"})`}\n`,
  );
}
rmSync(dir, { recursive: true, force: true });
if (missed > 0)
  process.stdout.write(`${missed} start-up figure${missed === 1 ? "" : "s"} missed the target\n`);
process.exitCode = missed > 0 ? 1 : 0;
