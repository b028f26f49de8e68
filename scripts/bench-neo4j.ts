// `npm run bench:neo4j`: the same SYNTHETIC city in the embedded store and in Neo4j, timed side by side.
// Needs a throwaway Neo4j (npm run neo4j:start): the bench empties it. Size: BENCH_FIRMS, BENCH_TIES, BENCH_CHAINS.
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findAllGaps } from "../src/analysis/gaps/find-gaps.ts";
import { rankTargets } from "../src/analysis/targets/rank-targets.ts";
import { buildGraph } from "../src/graph/index.ts";
import { EmbeddedStore, type Store } from "../src/store/index.ts";
import { Neo4jStore } from "../src/store/neo4j/index.ts";
import { generateSynthetic } from "./synthetic/generate.ts";

const size = {
  firms: Number(process.env.BENCH_FIRMS ?? 20_000),
  ties: Number(process.env.BENCH_TIES ?? 50_000),
  chains: Number(process.env.BENCH_CHAINS ?? 20),
};
const url = process.env.BENCH_NEO4J_URL ?? process.env.NEO4J_TEST_URL ?? "bolt://127.0.0.1:7688";
const credentials = {
  user: process.env.NEO4J_USER ?? "neo4j",
  password: process.env.NEO4J_PASSWORD ?? process.env.NEO4J_TEST_PASSWORD ?? "chain-atlas-test",
};

async function time<T>(f: () => Promise<T> | T): Promise<[T, number]> {
  const t = performance.now();
  const out = await f();
  return [out, (performance.now() - t) / 1000];
}

const ds = generateSynthetic(size);
const chain = ds.chains[0]!.id;
process.stdout.write(
  `SYNTHETIC city: ${ds.chains.length} chains, ${ds.segments.length} segments, ${ds.firms.length} firms, ${ds.ties.length} ties; node ${process.version}; Neo4j at ${url}\n`,
);

/** Every figure for one store; each analysis figure reads the store cold (load + build + analyse). */
async function figures(store: Store): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const [, tImport] = await time(() => store.replaceDataset(ds, { who: "bench", why: "bench" }));
  out.set("import (replaceDataset, one transaction)", tImport);
  const [, tLoad] = await time(() => store.loadDataset());
  out.set("load the dataset", tLoad);
  const [, tGaps] = await time(async () => findAllGaps(buildGraph(await store.loadDataset())));
  out.set(`gaps for all ${ds.chains.length} chains (load + build + findAllGaps)`, tGaps);
  const [, tOne] = await time(async () =>
    rankTargets(buildGraph(await store.loadDataset()), { chain, top: 50 }),
  );
  out.set(`top-50 targets for one chain (${chain})`, tOne);
  const [, tAll] = await time(async () => {
    const g = buildGraph(await store.loadDataset());
    return ds.chains.map((c) => rankTargets(g, { chain: c.id, top: 50 }));
  });
  out.set(`top-50 targets for all ${ds.chains.length} chains`, tAll);
  return out;
}

const file = join(tmpdir(), `bench-neo4j-${process.pid}.db`);
const embedded = new EmbeddedStore(file);
const e = await figures(embedded);
await embedded.close();
rmSync(file, { force: true });
for (const suffix of ["-wal", "-shm"]) rmSync(file + suffix, { force: true });

const graph = await Neo4jStore.connect(url, credentials);
await graph.dropAll();
const n = await figures(graph);
await graph.dropAll();
await graph.close();

const rows = [...e.keys()].map((k) => [
  k,
  e.get(k)!.toFixed(3),
  n.get(k)!.toFixed(3),
  (n.get(k)! / e.get(k)!).toFixed(2),
]);
const header = ["figure", "embedded s", "neo4j s", "neo4j / embedded"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
for (const r of [header, ...rows])
  process.stdout.write(
    `${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ")}\n`,
  );
