// `npm run bench:neo4j` (also the last part of `npm run bench`): the same SYNTHETIC city imported into the
// embedded store and into Neo4j, and the commands users run on each, side by side with the ratio. Every figure
// is a cold `chain-atlas` process (the compiled build), as a user runs it: import, one chain's gaps and top-50
// targets, every chain's gaps (`gaps --all`) and every chain's targets (one process per chain, summed).
// Then, with BENCH_MILLION=1 (about 20 minutes; not in CI; BENCH_MILLION=only skips the side by side): top-50
// targets for the largest and a median chain on Neo4j holding 1,000,000 firms (target ≤ 2 s), and the whole-city
// commands (chains, gaps --all, stats, find, whatif) each in a 1 GB heap, on that store loaded by this script
// through the store's staged replace (the CLI import would need the seed files of a million firms written first);
// BENCH_MILLION_KEEP=1 keeps it loaded for the next run, which then finds it unchanged. Start Neo4j with room for
// it: NEO4J_HEAP=10g NEO4J_PAGECACHE_MB=2048 npm run neo4j:start, and run node with --max-old-space-size=8192.
// Needs a throwaway Neo4j (npm run neo4j:start; the bench empties it). Size: BENCH_FIRMS, BENCH_TIES, BENCH_CHAINS.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import neo4j from "neo4j-driver";
import { NO_RESOURCES } from "../src/analysis/matching/matching-resources.ts";
import { subgraphKeys } from "../src/analysis/matching/subgraph-keys.ts";
import { readMatchingResources } from "../src/seed/index.ts";
import { Neo4jStore } from "../src/store/neo4j/index.ts";
import { generateSynthetic } from "./synthetic/generate.ts";
import { writeSeedArgs } from "./synthetic/seed-process.ts";

const root = join(import.meta.dirname, "..");
const bin = join(root, "bin", "chain-atlas.js");
const size = {
  firms: Number(process.env.BENCH_FIRMS ?? 10_000),
  ties: Number(process.env.BENCH_TIES ?? 50_000),
  chains: Number(process.env.BENCH_CHAINS ?? 10),
};
const url = process.env.BENCH_NEO4J_URL ?? process.env.NEO4J_TEST_URL ?? "bolt://127.0.0.1:7688";
const credentials = {
  user: process.env.NEO4J_USER ?? "neo4j",
  password: process.env.NEO4J_PASSWORD ?? process.env.NEO4J_TEST_PASSWORD ?? "chain-atlas-test",
};
const env = { ...process.env, NEO4J_USER: credentials.user, NEO4J_PASSWORD: credentials.password };

/** Wall seconds of one cold process (with a heap of at most `heapMb`, when given); fails loudly when it fails. */
function cold(args: string[], heapMb?: number): number {
  const t = performance.now();
  const run = heapMb === undefined ? env : { ...env, NODE_OPTIONS: `--max-old-space-size=${heapMb}` };
  const r = spawnSync(process.execPath, [bin, ...args], { env: run, encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0)
    throw new Error(`chain-atlas ${args.join(" ")} exited ${r.status}: ${r.stderr.slice(-2000)}`);
  return (performance.now() - t) / 1000;
}

const build = spawnSync(process.execPath, [join(root, "scripts", "build-cli.mjs")], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

const work = mkdtempSync(join(tmpdir(), "atlas-bench-neo4j-"));
const seed = join(work, "seed");
const w = spawnSync(process.execPath, writeSeedArgs(seed, size.firms, size.ties, size.chains), {
  stdio: ["ignore", "ignore", "inherit"],
});
if (w.status !== 0) process.exit(w.status ?? 1);
const chains = Array.from({ length: size.chains }, (_, i) => `syn-c${i}`);
const chain = chains[0]!;
process.stdout.write(
  `SYNTHETIC city: ${size.chains} chains, ${size.firms} firms, ${size.ties} ties; node ${process.version}; Neo4j at ${url}; load average ${loadavg()[0]!.toFixed(1)}\n`,
);

/**
 * A page of firms and an editor's writes through the API, each one request to a `chain-atlas serve` process on the store (users in
 * `accounts`): the first read of a firm, a new source, the firm citing it and back (the source left uncited: a
 * warning), the source deleted, and a refused delete of a segment firms sit in (what names it is read).
 */
async function apiWrites(where: string[], accounts: string[], firm: string, segment: string) {
  const out = new Map<string, number>();
  cold([
    ...accounts,
    ...where,
    "user",
    "add",
    "bench-editor",
    "--role",
    "editor",
    "--password",
    "benchpass1",
  ]);
  const port = 3900 + Math.floor(Math.random() * 900);
  const server = spawn(process.execPath, [bin, ...accounts, ...where, "serve", "--port", String(port)], {
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    await new Promise<void>((ok, fail) => {
      server.stdout!.on("data", (b: Buffer) => {
        if (b.toString().includes("serving")) ok();
      });
      server.once("exit", (code) => fail(new Error(`serve exited ${code}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "bench-editor", password: "benchpass1" }),
    });
    const cookies = login.headers.getSetCookie().map((c) => c.split(";")[0]!);
    const csrf = decodeURIComponent(cookies.find((c) => c.startsWith("atlas_csrf="))!.split("=")[1]!);
    const send = async (what: string, method: string, path: string, body?: unknown, ifMatch?: string) => {
      const t = performance.now();
      const r = await fetch(base + path, {
        method,
        headers: {
          cookie: cookies.join("; "),
          "x-csrf-token": csrf,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...(ifMatch ? { "if-match": ifMatch } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await r.text();
      if (what) out.set(what, (performance.now() - t) / 1000);
      return { status: r.status, etag: r.headers.get("etag") ?? "", json: () => JSON.parse(text) };
    };
    const expectStatus = (r: { status: number }, want: number, what: string) => {
      if (r.status !== want) throw new Error(`${what}: answered ${r.status}, expected ${want}`);
    };
    const got = await send(`API: GET /api/firms/${firm} (first request)`, "GET", `/api/firms/${firm}`);
    expectStatus(got, 200, "GET firm");
    expectStatus(
      await send(
        "API: GET /api/firms?limit=50&offset=5000 (a page in list order)",
        "GET",
        "/api/firms?limit=50&offset=5000",
      ),
      200,
      "GET a page of firms",
    );
    const source = {
      id: "bench-api-source",
      title: "SYNTHETIC bench source",
      url: "https://example.org/bench-api-source",
      kind: "press",
      read: "2026-12-07",
    };
    expectStatus(await send("API: POST a source", "POST", "/api/sources", source), 201, "POST source");
    const f = got.json();
    const cited = await send(
      "API: PUT the firm citing it",
      "PUT",
      `/api/firms/${firm}`,
      { ...f, sources: [...f.sources, source.id] },
      got.etag,
    );
    expectStatus(cited, 200, "PUT firm");
    expectStatus(
      await send("API: PUT the firm back (source left uncited)", "PUT", `/api/firms/${firm}`, f, cited.etag),
      200,
      "PUT firm back",
    );
    const s = await send("", "GET", `/api/sources/${source.id}`);
    expectStatus(
      await send("API: DELETE the source", "DELETE", `/api/sources/${source.id}`, undefined, s.etag),
      204,
      "DELETE source",
    );
    const seg = await send("", "GET", `/api/segments/${segment}`);
    expectStatus(
      await send(
        `API: DELETE segment ${segment} (refused: firms sit in it)`,
        "DELETE",
        `/api/segments/${segment}`,
        undefined,
        seg.etag,
      ),
      400,
      "DELETE segment",
    );
  } finally {
    server.kill();
  }
  return out;
}

/** The user's figures on one store, `where` being its global options (--db FILE or --store URL). */
function figures(where: string[]): Map<string, number> {
  const out = new Map<string, number>();
  out.set("import (cold process, one transaction)", cold([...where, "import", seed]));
  out.set(`gaps --chain ${chain}`, cold([...where, "gaps", "--chain", chain]));
  out.set(`targets --chain ${chain} --top 50`, cold([...where, "targets", "--chain", chain, "--top", "50"]));
  out.set(`gaps --all (every chain, one process)`, cold([...where, "gaps", "--all"]));
  out.set(
    `top-50 targets for all ${chains.length} chains (a process each, summed)`,
    chains.reduce((s, c) => s + cold([...where, "targets", "--chain", c, "--top", "50"]), 0),
  );
  return out;
}

let failed = false;
try {
  if (process.env.BENCH_MILLION !== "only") await sideBySide();
  if (process.env.BENCH_MILLION === "1" || process.env.BENCH_MILLION === "only") await million();
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;

async function sideBySide(): Promise<void> {
  const edited = generateSynthetic({ firms: size.firms, ties: size.ties, chains: size.chains });
  const firm = edited.firms.find((f) => f.segments.length > 0)!;
  const segment = firm.segments[0]!.segment;
  const e = figures(["--db", join(work, "atlas.db")]);
  for (const [k, v] of await apiWrites(["--db", join(work, "atlas.db")], [], firm.id, segment)) e.set(k, v);
  const reset = await Neo4jStore.connect(url, credentials);
  await reset.dropAll();
  await reset.close();
  const n = figures(["--store", url]);
  for (const [k, v] of await apiWrites(
    ["--store", url],
    ["--db", join(work, "accounts.db")],
    firm.id,
    segment,
  ))
    n.set(k, v);
  const rows = [...e.keys()].map((k) => [
    k,
    e.get(k)!.toFixed(2),
    n.get(k)!.toFixed(2),
    (n.get(k)! / e.get(k)!).toFixed(2),
  ]);
  const header = ["figure (cold chain-atlas processes)", "embedded s", "neo4j s", "neo4j / embedded"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const r of [header, ...rows])
    process.stdout.write(
      `${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ")}\n`,
    );
}

async function million(): Promise<void> {
  {
    const million = Number(process.env.BENCH_MILLION_FIRMS ?? 1_000_000);
    const ds = generateSynthetic({ firms: million, ties: million, chains: 200, seed: 7 });
    const store = await Neo4jStore.connect(url, credentials);
    if (process.env.BENCH_MILLION_KEEP !== "1") await store.dropAll();
    const t = performance.now();
    let shown = 0;
    // With the text evidence for the matching the commands use, in the write's transaction (as `import` does).
    await store.replaceDataset(
      ds,
      { who: "bench", why: "SYNTHETIC million-firm city" },
      {
        subgraphKeys: [readMatchingResources(), NO_RESOURCES].map((r) => subgraphKeys(r)),
        onProgress: (n, total) => {
          if (n / total < shown / 10) return;
          shown = Math.floor((n / total) * 10) + 1;
          process.stderr.write(
            `  loading: ${n} of ${total} rows, ${((performance.now() - t) / 1000).toFixed(0)} s\n`,
          );
        },
      },
    );
    await store.close();
    // A store kept from an earlier run holds that run's candidate packs: dropped, so that the first ranking of each
    // chain below builds its pack, as the first after an import does.
    const driver = neo4j.driver(url, neo4j.auth.basic(credentials.user, credentials.password));
    await driver.executeQuery("MATCH (m:AtlasMeta) WHERE m.key STARTS WITH 'pack.' DELETE m");
    await driver.close();
    process.stdout.write(
      `Neo4j with ${ds.firms.length} SYNTHETIC firms, ${ds.ties.length} ties: loaded and indexed in ${((performance.now() - t) / 1000).toFixed(0)} s (by this script; not a target)\n`,
    );
    // The largest chain (the generator gives chain i a share of firms ∝ 1/√(i+1): syn-c0 holds about 4% of them)
    // and a median one (syn-c100, about 0.4%); every chain also draws the firms sharing its industry codes.
    for (const c of [ds.chains[0]!.id, ds.chains[Math.floor(ds.chains.length / 2)]!.id]) {
      const args = ["--store", url, "targets", "--chain", c, "--top", "50"];
      // The first ranking of a chain after a change builds its candidate pack (SubgraphOptions.pack).
      const first = cold(args);
      // The median of five more (one run on a shared machine varies by ±20 %).
      const runs = Array.from({ length: 5 }, () => cold(args)).sort((a, b) => a - b);
      const again = runs[2]!;
      const ok = again <= 2;
      if (!ok) failed = true;
      process.stdout.write(
        `targets --chain ${c} --top 50 on Neo4j, ${ds.firms.length} firms (cold process, median of ${runs.map((r) => r.toFixed(2)).join(", ")}): ${again.toFixed(2)} s (target ≤ 2 s, ${ok ? "ok" : "MISSED"}; the first after loading, which builds the chain's candidate pack, ${first.toFixed(2)} s)\n`,
      );
    }
    // The first command a user runs on a province: every chain's counts, as the store streams firms and ties.
    const chains = cold(["--store", url, "chains"], 1024);
    process.stdout.write(
      `chains on Neo4j, ${ds.firms.length} firms (cold process, 1 GB heap, streamed): ${chains.toFixed(2)} s (no target)\n`,
    );
    // The other whole-city commands, each in a heap of 1 GB (Node's default here is 4 GB) to show that none holds
    // the province: gaps --all chain by chain, stats and find as the store streams, whatif on one chain's subgraph.
    const median = ds.chains[Math.floor(ds.chains.length / 2)]!.id;
    const segment = ds.segments.find((s) => s.chain === median)!;
    const lander = ds.firms.find((f) => f.location.region === undefined && f.segments.length > 0)!;
    for (const [what, args] of [
      [`gaps --chain ${ds.chains[0]!.id}`, ["gaps", "--chain", ds.chains[0]!.id]],
      [`gaps --chain ${median}`, ["gaps", "--chain", median]],
      [`gaps --all (${ds.chains.length} chains, read chain by chain)`, ["gaps", "--all"]],
      ["stats (streamed)", ["stats"]],
      [`find ${segment.keywords[0]} (words matched as firms stream)`, ["find", segment.keywords[0]!]],
      [
        `whatif --firm ${lander.id} --segment ${segment.id}`,
        ["whatif", "--firm", lander.id, "--segment", segment.id],
      ],
      // A chain lead's outputs: ranked on the chain's candidate pack, drawn on its subgraph with the targets named.
      [`portfolio --chain ${ds.chains[0]!.id}`, ["portfolio", "--chain", ds.chains[0]!.id]],
      [`portfolio --chain ${median}`, ["portfolio", "--chain", median]],
      [
        `fishbone --chain ${median}`,
        ["fishbone", "--chain", median, "--out", join(tmpdir(), "bench-fishbone.svg")],
      ],
      [
        `report --chain ${median}`,
        ["report", "--chain", median, "--out", join(tmpdir(), "bench-report.html")],
      ],
    ] as const) {
      const secs = cold(["--store", url, ...args], 1024);
      process.stdout.write(
        `${what} on Neo4j, ${ds.firms.length} firms (cold process, 1 GB heap): ${secs.toFixed(2)} s (no target)\n`,
      );
    }
    // An editor's writes through the API on the province (no target; each was a whole read and check before).
    const edited =
      ds.firms.find((f) => f.segments.length > 0 && f.segments[0]!.segment === segment.id) ?? lander;
    const seg = edited.segments[0]?.segment ?? segment.id;
    for (const [what, secs] of await apiWrites(
      ["--store", url],
      ["--db", join(work, "accounts-million.db")],
      edited.id,
      seg,
    ))
      process.stdout.write(
        `${what} on Neo4j, ${ds.firms.length} firms (one request): ${secs.toFixed(2)} s (no target)\n`,
      );
    // After those edits: the first ranking catches up the edited firms' text evidence and builds the pack again.
    const top0 = ["--store", url, "targets", "--chain", ds.chains[0]!.id, "--top", "50"];
    process.stdout.write(
      `targets --chain ${ds.chains[0]!.id} --top 50, the first after the edits (catches up, builds the pack) on Neo4j: ${cold(top0).toFixed(2)} s (no target)\n`,
    );
    // A list of 1,000 rows imported through the CLI: 500 firms the store has (by name) and 500 new ones. Only with
    // BENCH_MILLION_INGEST=1: the synthetic firms are named "SYNTHETIC firm <n>", so each name is a close match of
    // thousands of others and the import's close-name check compares every pair (over 20 minutes; real names are not
    // alike in this way, but no real million-firm list is at hand to time instead).
    if (process.env.BENCH_MILLION_INGEST !== "1")
      process.stdout.write(
        "ingest of a 1,000-row list on Neo4j, 1,000,000 firms: not timed (BENCH_MILLION_INGEST=1; synthetic names are all close to each other)\n",
      );
    else {
      const list = join(work, "million-list.csv");
      const rows = Array.from({ length: 1000 }, (_, i) =>
        i % 2 === 0 ? `${ds.firms[i * 997]!.name.en},JP` : `SYNTHETIC 新企业${i},DE`,
      );
      writeFileSync(list, `Company,Country\n${rows.join("\n")}\n`);
      const imported = cold(["--store", url, "ingest", list, "--as", "candidates", "--who", "bench"], 1024);
      process.stdout.write(
        `ingest of a 1,000-row list (500 known firms, 500 new) on Neo4j, ${ds.firms.length} firms (cold process, 1 GB heap): ${imported.toFixed(2)} s (no target)\n`,
      );
      process.stdout.write(
        `targets --chain ${ds.chains[0]!.id} --top 50, the first after the import on Neo4j: ${cold(top0).toFixed(2)} s; the next: ${cold(top0).toFixed(2)} s (no target)\n`,
      );
    }
    if (process.env.BENCH_MILLION_KEEP !== "1") {
      const wipe = await Neo4jStore.connect(url, credentials);
      await wipe.dropAll();
      await wipe.close();
    }
  }
}
