// `tsx scripts/scale-safety.ts [--size 100000] [--work DIR]`: the province-scale safety run the issue asks for
// once at full size (CI runs the same checks smaller: tests/foundation/import-kill.test.ts, store-safety).
// On a store holding the SYNTHETIC province (imported through the CLI), it
//   1. imports a copy of the seed whose last ties file names a firm that does not exist: the import must fail
//      with an error naming the file and the entry, after reading the whole seed, and change nothing;
//   2. imports a changed copy (every tie's confidence rewritten) and SIGKILLs the process once its progress
//      bar shows half the rows written: the store must be exactly as before (same rows, same history, and
//      SQLite's integrity check passes);
//   3. runs `targets` on the store after that, to show it still answers.
// "Exactly as before" is a SHA-256 over every stored row (kind, id, seq, json), the region and the history.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { writeSeedArgs } from "./synthetic/seed-process.ts";

const root = join(import.meta.dirname, "..");
const bin = join(root, "bin", "chain-atlas.js");
const flag = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
};
const size = Number(flag("size", "100000"));
const work = flag("work", join(root, "data", `scale-safety-${size}`));
mkdirSync(work, { recursive: true });
const seed = join(work, "seed");
const db = join(work, "atlas.db");
const say = (s: string) => process.stdout.write(`${s}\n`);
let failures = 0;
const check = (ok: boolean, what: string) => {
  say(`${ok ? "ok  " : "FAIL"}  ${what}`);
  if (!ok) failures++;
};

function cli(args: string[]): { code: number | null; stdout: string; stderr: string; seconds: number } {
  const t = performance.now();
  const r = spawnSync(process.execPath, [bin, "--db", db, ...args], { encoding: "utf8", maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, seconds: (performance.now() - t) / 1000 };
}

/** SHA-256 of every stored row, the region and the change history, read straight from the file. */
function fingerprint(): string {
  const d = new Database(db, { readonly: true });
  const h = createHash("sha256");
  for (const r of d.prepare("select kind, id, seq, json from entity order by kind, id").raw().iterate())
    h.update(`${(r as unknown[]).join("\u0001")}\u0000`);
  for (const r of d.prepare("select key, value from meta where key = 'region'").raw().iterate())
    h.update(`${(r as unknown[]).join("\u0001")}\u0000`);
  for (const r of d.prepare("select * from change_set order by id").raw().iterate())
    h.update(`${(r as unknown[]).join("\u0001")}\u0000`);
  h.update(String(d.prepare("select count(*) from change_item").pluck().get()));
  d.close();
  return h.digest("hex");
}

function integrity(): string {
  const d = new Database(db, { readonly: true });
  const r = d.pragma("integrity_check", { simple: true }) as string;
  d.close();
  return r;
}

if (!existsSync(join(seed, "region.yaml"))) {
  say(`writing the SYNTHETIC seed (${size} firms, ${size * 10} ties) to ${seed}`);
  const w = spawnSync(process.execPath, writeSeedArgs(seed, size, size * 10), { stdio: "inherit" });
  if (w.status !== 0) process.exit(1);
}
if (!existsSync(db)) {
  const base = cli(["import", seed, "--who", "scale-safety", "--why", "baseline"]);
  if (base.code !== 0) throw new Error(`baseline import failed: ${base.stderr}`);
  say(`baseline import: ${base.seconds.toFixed(1)} s`);
}
const before = fingerprint();
say(`store ${db}: fingerprint ${before.slice(0, 16)}…`);

// 1. A failed import: the last ties file names a firm that does not exist.
const broken = join(work, "seed-broken");
cpSync(seed, broken, { recursive: true });
const tiesDir = join(broken, "ties");
const last = readdirSync(tiesDir).sort().at(-1)!;
appendFileSync(
  join(tiesDir, last),
  '  - id: syn-t-broken\n    supplier: syn-f1\n    customer: syn-f-does-not-exist\n    product: 测试\n    basis: observed\n    confidence: 0.5\n    sources: []\n    assumed: true\n    note: "SYNTHETIC: a broken row for the safety run"\n',
);
const failed = cli(["import", broken, "--who", "scale-safety", "--why", "broken"]);
say(`failed import: exit ${failed.code} after ${failed.seconds.toFixed(1)} s`);
const told = `${failed.stdout}\n${failed.stderr}`; // the problems on stdout, the summary on stderr
say(`  ${told.trim().split("\n").slice(-2).join("\n  ")}`);
check(failed.code !== 0, "the broken seed's import fails");
check(
  told.includes(last) && told.includes("syn-f-does-not-exist"),
  `the error names ${last} and the missing firm`,
);
check(fingerprint() === before, "the store is unchanged after the failed import");

// 2. SIGKILL midway through the write.
const changed = join(work, "seed-changed");
cpSync(seed, changed, { recursive: true });
for (const f of readdirSync(join(changed, "ties"))) {
  const p = join(changed, "ties", f);
  writeFileSync(p, readFileSync(p, "utf8").replaceAll("confidence: 0.", "confidence: 0.0"));
}
const killed = await new Promise<{
  signal: NodeJS.Signals | null;
  at: [number, number] | undefined;
  seconds: number;
}>((resolve, reject) => {
  const t = performance.now();
  const child = spawn(
    process.execPath,
    [bin, "--db", db, "import", changed, "--progress", "--who", "scale-safety"],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let at: [number, number] | undefined;
  let sent = false;
  child.stderr.on("data", (d) => {
    for (const m of String(d).matchAll(/import: write .*? {2}([\d,]+)\/([\d,]+) rows/g)) {
      at = [Number(m[1]!.replaceAll(",", "")), Number(m[2]!.replaceAll(",", ""))];
      if (!sent && at[0] >= at[1] / 2) {
        sent = true;
        child.kill("SIGKILL");
      }
    }
  });
  child.on("error", reject);
  child.on("close", (_code, signal) => resolve({ signal, at, seconds: (performance.now() - t) / 1000 }));
});
say(
  `killed import: ${killed.signal} after ${killed.seconds.toFixed(1)} s, at ${killed.at?.[0].toLocaleString("en-US")} of ${killed.at?.[1].toLocaleString("en-US")} rows written`,
);
check(
  killed.signal === "SIGKILL" && killed.at !== undefined && killed.at[0] < killed.at[1],
  "the import was killed midway through its write",
);
check(integrity() === "ok", "SQLite's integrity check passes after the kill");
check(fingerprint() === before, "the store is exactly as before the killed import");

// 3. The store still answers.
const after = cli(["targets", "--chain", "syn-c0", "--top", "50"]);
check(
  after.code === 0 && after.stdout.includes("SYNTHETIC"),
  `targets --chain syn-c0 answers after the kill (${after.seconds.toFixed(2)} s)`,
);
say(failures === 0 ? "all checks passed" : `${failures} check(s) FAILED`);
process.exitCode = failures === 0 ? 0 : 1;
