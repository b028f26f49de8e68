// `npm run bench:scale`: what a user runs at province scale. For each size, writes the SYNTHETIC seed
// (scripts/synthetic/write-seed.ts), imports it through the CLI (a cold process), then times cold processes
// of the per-chain commands and the whole-store ones, with each process's peak RSS, against the targets.
// `tsx scripts/bench-scale.ts [--sizes 10000,30000,100000] [--chain syn-c0] [--keep DIR]`; ties = 10 × firms.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { writeSeedArgs } from "./synthetic/seed-process.ts";

const root = join(import.meta.dirname, "..");
const bin = join(root, "bin", "chain-atlas.js");

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}
const sizes = flag("sizes", "10000,30000").split(",").map(Number);
const chain = flag("chain", "syn-c0");
const keep = flag("keep", "");
const timeBin = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

interface Run {
  seconds: number;
  /** Peak resident set size in MB (undefined without /usr/bin/time). */
  rssMb: number | undefined;
}

/** Runs one cold process, measuring wall time and peak RSS (GNU time's %M), and fails loudly on error. */
function run(cmd: string, args: string[]): Run {
  const full = timeBin ? [timeBin, ["-f", "@@RSS %M", cmd, ...args]] : [cmd, args];
  const t0 = performance.now();
  const r = spawnSync(full[0] as string, full[1] as string[], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}: ${r.stderr.slice(-2000)}`);
  const m = /@@RSS (\d+)/.exec(r.stderr);
  return { seconds, rssMb: m ? Number(m[1]) / 1024 : undefined };
}

const cli = (db: string, args: string[]) => run(process.execPath, [bin, "--db", db, ...args]);

interface Row {
  command: string;
  size: number;
  seconds: number;
  rssMb: number | undefined;
  /** Target seconds (and MB) at the province size (100,000 firms); undefined: not a target. */
  target?: number;
  targetMb?: number;
}

// Measure the compiled build, fresh (bin/ runs dist/ when it is newer than the sources).
const build = spawnSync(process.execPath, [join(root, "scripts", "build-cli.mjs")], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

const work = keep || mkdtempSync(join(tmpdir(), "atlas-scale-"));
mkdirSync(work, { recursive: true });
const rows: Row[] = [];
const say = (s: string) => process.stderr.write(`${s}\n`);
say(`node ${process.version}; load average ${loadavg()[0]!.toFixed(1)}; work dir ${work}`);

for (const size of sizes) {
  const seed = join(work, `seed-${size}`);
  const db = join(work, `atlas-${size}.db`);
  rmSync(seed, { recursive: true, force: true });
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  const add = (command: string, r: Run, target?: number, targetMb?: number) => {
    rows.push({
      command,
      size,
      ...r,
      ...(target !== undefined ? { target } : {}),
      ...(targetMb ? { targetMb } : {}),
    });
    say(`  ${size}: ${command}: ${r.seconds.toFixed(2)} s, ${r.rssMb?.toFixed(0) ?? "?"} MB`);
  };
  say(`size ${size} firms, ${size * 10} ties`);
  add("seed write", run(process.execPath, writeSeedArgs(seed, size, size * 10)), 60);
  add("import", cli(db, ["import", seed]), 120, 1536);
  const out = join(work, `out-${size}`);
  mkdirSync(out, { recursive: true });
  add(
    `targets --chain ${chain} --top 50 (first after import)`,
    cli(db, ["targets", "--chain", chain, "--top", "50"]),
    3,
  );
  add(`targets --chain ${chain} --top 50`, cli(db, ["targets", "--chain", chain, "--top", "50"]), 3);
  add(`gaps --chain ${chain}`, cli(db, ["gaps", "--chain", chain]), 2);
  add(`portfolio --chain ${chain}`, cli(db, ["portfolio", "--chain", chain]));
  add(
    `fishbone --chain ${chain}`,
    cli(db, ["fishbone", "--chain", chain, "--out", join(out, "fishbone.svg"), "--date", "2026-01-01"]),
  );
  add(
    `report --chain ${chain}`,
    cli(db, ["report", "--chain", chain, "--out", join(out, "report.html"), "--date", "2026-01-01"]),
  );
  // "All chains": the commands that read every chain (the whole store).
  add("gaps --all (every chain)", cli(db, ["gaps", "--all"]), 10);
  add("chains (all chains, whole store)", cli(db, ["chains"]), 10);
  // Export streams the long lists: its memory is bounded as import's is.
  const exported = join(work, `export-${size}`);
  rmSync(exported, { recursive: true, force: true });
  add("export (streamed seed)", cli(db, ["export", exported]), undefined, 1536);
  rmSync(exported, { recursive: true, force: true });
  if (!keep) {
    rmSync(seed, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
}

const PROVINCE = 100_000;
const fmt = (n: number | undefined, d = 2) => (n === undefined ? "—" : n.toFixed(d));
const table = [
  ["command", "firms", "seconds", "peak RSS MB", "target s (100k)", "ratio", "target MB", "ratio"],
  ...rows.map((r) => [
    r.command,
    String(r.size),
    fmt(r.seconds),
    fmt(r.rssMb, 0),
    r.target === undefined ? "—" : String(r.target),
    r.target === undefined ? "—" : fmt(r.seconds / r.target),
    r.targetMb === undefined ? "—" : String(r.targetMb),
    r.targetMb === undefined || r.rssMb === undefined ? "—" : fmt(r.rssMb / r.targetMb),
  ]),
];
const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => [...row[c]!].length)));
for (const row of table) process.stdout.write(`${row.map((v, c) => v.padEnd(widths[c]!)).join("  ")}\n`);
process.stdout.write(
  `targets are for the province (${PROVINCE} firms); a ratio above 1 at a smaller size is a miss already\n`,
);
if (!keep) rmSync(work, { recursive: true, force: true });
const missed = rows.filter(
  (r) =>
    r.size >= PROVINCE &&
    ((r.target !== undefined && r.seconds > r.target) ||
      (r.targetMb !== undefined && (r.rssMb ?? 0) > r.targetMb)),
).length;
process.exitCode = missed > 0 ? 1 : 0;
