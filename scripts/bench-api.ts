// `npm run bench` (API part): load on loopback with autocannon against a server on SYNTHETIC data.
// 100 connections GET one chain's targets (target p99 ≤ 100 ms, 0 errors); then the same load while
// editors write firms: every write lands and nothing is lost (count before/after).
// BENCH_API_SCALE scales the data (1 = 20,000 firms, 200,000 ties, 40 chains); BENCH_API_SECONDS the runs.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { openAccounts } from "../src/store/accounts/index.ts";
import { EmbeddedStore } from "../src/store/embedded-store.ts";
import { generateSynthetic } from "./synthetic/generate.ts";

const scale = Number(process.env.BENCH_API_SCALE ?? 1);
const seconds = Number(process.env.BENCH_API_SECONDS ?? 15);
const CONNECTIONS = 100;
const WRITES = 5;
const BIN = fileURLToPath(new URL("../bin/chain-atlas.js", import.meta.url));

/** A POST on its own connection (no pooled keep-alive socket to race with the server's idle close). */
function post(url: string, headers: Record<string, string>, body: unknown): Promise<number> {
  const data = Buffer.from(JSON.stringify(body));
  return new Promise((ok, fail) => {
    const req = request(
      url,
      {
        method: "POST",
        agent: false,
        headers: { ...headers, "content-type": "application/json", "content-length": data.length },
      },
      (res) => {
        res.resume();
        res.on("end", () => ok(res.statusCode ?? 0));
      },
    );
    req.on("error", fail);
    req.end(data);
  });
}

/** The machine's load (the bench shares its cores with whatever else runs). */
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(" ");

const dir = mkdtempSync(join(tmpdir(), "atlas-bench-api-"));
const db = join(dir, "atlas.db");
let server: ChildProcess | undefined;
const rows: string[][] = [];
const figure = (name: string, value: string, target: string, ok?: boolean) => {
  rows.push([name, value, target, ok === undefined ? "" : ok ? "ok" : "MISSED"]);
  process.stdout.write(
    `${name}: ${value}${target === "—" ? "" : ` (target ${target}) ${ok ? "ok" : "MISSED"}`}\n`,
  );
};

try {
  let t = performance.now();
  const ds = generateSynthetic({
    firms: Math.round(20_000 * scale),
    ties: Math.round(200_000 * scale),
    chains: Math.max(1, Math.round(40 * scale)),
  });
  process.stdout.write(
    `SYNTHETIC city: ${ds.chains.length} chains, ${ds.segments.length} segments, ${ds.firms.length} firms, ${ds.ties.length} ties\n`,
  );
  const store = new EmbeddedStore(db);
  await store.replaceDataset(ds, { who: "bench", why: "SYNTHETIC data for the API bench" });
  const accounts = openAccounts(store.db);
  await accounts.users.add({ username: "bench", password: "bench-password", role: "editor" });
  const token = accounts.tokens.create("bench", "bench").token;
  await store.close();
  figure(
    "generate + import SYNTHETIC data (not a target)",
    `${((performance.now() - t) / 1000).toFixed(1)} s`,
    "—",
  );

  t = performance.now();
  const child = spawn(process.execPath, [BIN, "--db", db, "serve", "--port", "0"], {
    env: { ...process.env, LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  server = child;
  const url = await new Promise<string>((ok, fail) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (m) ok(m[0]);
    });
    child.once("exit", (code) => fail(new Error(`server exited (${code}) before listening: ${out}`)));
  });
  const headers = { authorization: `Bearer ${token}` };
  const get = async (path: string) => {
    const r = await fetch(url + path, { headers });
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return r.json() as Promise<Record<string, unknown>>;
  };
  const chain = ds.chains[0]!.id;
  const targetsPath = `/api/chains/${chain}/targets`;
  await get(targetsPath);
  figure(
    "server start + first GET targets (loads store, builds graph, ranks; not a target)",
    `${((performance.now() - t) / 1000).toFixed(1)} s`,
    "—",
  );
  // The server lays out the whole map on a worker thread after it starts (one of this machine's two cores for
  // a while); the load figures are the server's steady state, so they wait for that to finish.
  await get("/api/graph");
  figure(
    "server start → whole map laid out in the background (not a target)",
    `${((performance.now() - t) / 1000).toFixed(1)} s`,
    "—",
  );

  const base = await autocannon({ url: `${url}/api/health`, connections: CONNECTIONS, duration: 5, headers });
  figure(
    `baseline GET /api/health, ${CONNECTIONS} connections (machine load ${load()}; not a target)`,
    `p99 ${base.latency.p99} ms, ${base.requests.average.toFixed(0)} req/s`,
    "—",
  );
  const r1 = await autocannon({
    url: url + targetsPath,
    connections: CONNECTIONS,
    duration: seconds,
    headers,
  });
  figure(
    `GET targets, ${CONNECTIONS} connections, ${seconds} s: requests/s`,
    r1.requests.average.toFixed(0),
    "—",
  );
  figure("  p50 latency", `${r1.latency.p50} ms`, "—");
  figure(`  p99 latency (machine load ${load()})`, `${r1.latency.p99} ms`, "≤ 100 ms", r1.latency.p99 <= 100);
  const errors1 = r1.errors + r1.non2xx; // autocannon counts timeouts among errors
  figure("  errors (connection errors incl. timeouts, non-2xx)", String(errors1), "0", errors1 === 0);

  // Writes under the same load: each must land, the count must rise by exactly the writes.
  const before = (await get("/api/firms?limit=1")).total as number;
  const loadRun = autocannon({
    url: url + targetsPath,
    connections: CONNECTIONS,
    duration: seconds,
    headers,
  });
  const writeTimes: number[] = [];
  const statuses: number[] = [];
  for (let i = 0; i < WRITES; i++) {
    await new Promise((ok) => setTimeout(ok, (seconds * 1000) / (WRITES + 2)));
    const w0 = performance.now();
    const status = await post(`${url}/api/firms`, headers, {
      id: `bench-write-${i}`,
      name: { zh: `压测写入企业${i}` },
      location: { country: "CN" },
      assumed: true,
      note: "SYNTHETIC: written by the API bench",
      _why: "bench: a write under load",
    });
    statuses.push(status);
    writeTimes.push(performance.now() - w0);
  }
  const r2 = await loadRun;
  const after = (await get("/api/firms?limit=1")).total as number;
  const landed = statuses.filter((s) => s === 201).length;
  figure(
    `writes under load: ${WRITES} POST /api/firms answered 201`,
    `${landed}/${WRITES} (each ${writeTimes.map((x) => (x / 1000).toFixed(2)).join(", ")} s)`,
    `${WRITES}/${WRITES}`,
    landed === WRITES,
  );
  figure("  firms before → after", `${before} → ${after}`, `+${WRITES}`, after === before + WRITES);
  const errors2 = r2.errors + r2.non2xx;
  figure(
    "  reads during the writes: errors",
    `${errors2} (${r2.timeouts} timeouts of 10 s, ${r2.errors - r2.timeouts} other errors, ${r2.non2xx} non-2xx)`,
    "0",
    errors2 === 0,
  );
  figure(
    "  reads during the writes: p99 (each write patches the graph, re-indexes and re-ranks; not a target)",
    `${r2.latency.p99} ms`,
    "—",
  );
  process.stdout.write(
    `\n| figure | value | target | ratio |\n|---|---|---|---|\n${rows.map((r) => `| ${r.join(" | ")} |`).join("\n")}\n`,
  );
  if (rows.some((r) => r[3] === "MISSED")) process.exitCode = 1;
} finally {
  server?.kill("SIGTERM");
  await new Promise((ok) => setTimeout(ok, 500));
  rmSync(dir, { recursive: true, force: true });
}
