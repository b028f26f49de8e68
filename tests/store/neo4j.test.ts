// The Neo4j store against a real Neo4j (npm run neo4j:start): the contract, the same answers as the embedded
// store on every shipped chain, its schema and graph shape, its errors, and the CLI's --store, push and pull.
// All Neo4j tests live in this one file: they share the server's one database, so they must not run in parallel.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import neo4j from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAllGaps, rankTargets } from "../../src/analysis/index.ts";
import { StoreError } from "../../src/errors.ts";
import { buildGraph } from "../../src/graph/index.ts";
import { loadSeed } from "../../src/seed/index.ts";
import { EmbeddedStore, SHIPPED_SEED, type Store } from "../../src/store/index.ts";
import { Neo4jStore } from "../../src/store/neo4j/index.ts";
import { runCli } from "../helpers/run-cli.ts";
import { DEMO_SEED, readSeedDir, tempDir } from "../helpers/seed-files.ts";
import {
  connectTestNeo4j,
  emptyTestNeo4j,
  lockTestNeo4j,
  NEO4J_TEST_CREDENTIALS,
  NEO4J_TEST_ENV,
  NEO4J_TEST_URL,
} from "./neo4j-test-server.ts";
import { storeContract } from "./store-contract.ts";

// The server's one database is this file's alone while it runs (tests/server/serve-neo4j.test.ts uses it too).
let release: (() => void) | undefined;
beforeAll(async () => {
  release = await lockTestNeo4j();
}, 900_000);
afterAll(() => release?.());

storeContract("neo4j", { fresh: () => emptyTestNeo4j(), reopen: async () => connectTestNeo4j() });
// The same contract with every replace written through a stage (a province-sized import's path).
storeContract("neo4j, staged writes", {
  fresh: () => emptyTestNeo4j({ stageAbove: 0 }),
  reopen: async () => connectTestNeo4j({ stageAbove: 0 }),
});

/** What the analysis answers on a store: gaps of every chain and the targets of each, as JSON. */
async function answers(store: Store): Promise<{ gaps: string; targets: string }> {
  const g = buildGraph(await store.loadDataset());
  const chains = findAllGaps(g);
  return {
    gaps: JSON.stringify(chains),
    targets: JSON.stringify(chains.map((c) => rankTargets(g, { chain: c.chain.id, top: 50 }))),
  };
}

describe("the neo4j store and the embedded store", () => {
  it("give identical gaps and targets for every shipped chain", { timeout: 180_000 }, async () => {
    const ds = loadSeed(SHIPPED_SEED);
    const embedded = new EmbeddedStore(join(tempDir(), "atlas.db"));
    const graph = await emptyTestNeo4j();
    try {
      await embedded.replaceDataset(ds, { who: "test", why: "equivalence" });
      await graph.replaceDataset(ds, { who: "test", why: "equivalence" });
      const [a, b] = [await answers(embedded), await answers(graph)];
      expect(JSON.parse(a.gaps).length).toBe(ds.chains.length);
      expect(JSON.parse(a.targets).flat().length).toBeGreaterThan(0);
      expect(b.gaps).toBe(a.gaps);
      expect(b.targets).toBe(a.targets);
      expect(await graph.loadDataset()).toEqual(await embedded.loadDataset());
    } finally {
      await embedded.close();
      await graph.close();
    }
  });
});

describe("the neo4j store's graph", () => {
  it("uses labels and relationship types a Neo4j user reads at once, counted as in the dataset", async () => {
    const ds = loadSeed(SHIPPED_SEED);
    const store = await emptyTestNeo4j();
    await store.replaceDataset(ds, { who: "test", why: "shape" });
    await store.close();
    const driver = neo4j.driver(
      NEO4J_TEST_URL,
      neo4j.auth.basic(NEO4J_TEST_CREDENTIALS.user, NEO4J_TEST_CREDENTIALS.password),
      {
        disableLosslessIntegers: true,
      },
    );
    try {
      const count = async (cypher: string) =>
        (await driver.executeQuery(cypher)).records[0]!.get(0) as number;
      expect(await count("MATCH (n:Firm) RETURN count(n)")).toBe(ds.firms.length);
      expect(await count("MATCH (n:Chain) RETURN count(n)")).toBe(ds.chains.length);
      expect(await count("MATCH (n:Segment) RETURN count(n)")).toBe(ds.segments.length);
      expect(await count("MATCH (n:Source) RETURN count(n)")).toBe(ds.sources.length);
      expect(await count("MATCH (n:Region) WHERE NOT n:City RETURN count(n)")).toBe(ds.regions.length);
      expect(await count("MATCH ()-[r:SUPPLIES]->() RETURN count(r)")).toBe(ds.ties.length);
      expect(await count("MATCH ()-[r:FEEDS]->() RETURN count(r)")).toBe(ds.feeds.length);
      expect(await count("MATCH (:Firm)-[r:IN_SEGMENT]->(:Segment) RETURN count(r)")).toBe(
        ds.firms.reduce((n, f) => n + f.segments.length, 0),
      );
      expect(await count("MATCH (:Firm)-[r:MASTERS]->(:Chain) RETURN count(r)")).toBe(
        ds.chains.reduce((n, c) => n + c.masters.length, 0),
      );
      expect(await count("MATCH (:Firm)-[r:LOCATED_IN]->(:Region) RETURN count(r)")).toBe(
        ds.firms.filter((f) => f.location.region).length,
      );
      expect(await count("MATCH (:Firm)-[r:HAS_CODE]->(:IndustryCode) RETURN count(r)")).toBe(
        ds.firms.reduce((n, f) => n + new Set(f.codes).size, 0),
      );
      expect(await count("MATCH (:Firm)-[r:CITES]->(:Source) RETURN count(r)")).toBe(
        ds.firms.reduce((n, f) => n + f.sources.length, 0),
      );
      const constraints = (
        await driver.executeQuery("SHOW CONSTRAINTS YIELD name RETURN collect(name)")
      ).records[0]!.get(0);
      expect(constraints).toEqual(expect.arrayContaining(["atlas_firm_id", "atlas_chain_id"]));
      // A tie's id is indexed, not a relationship constraint (a staged write holds a copy of each tie).
      expect(constraints).not.toContain("atlas_supplies_id");
      const indexes = (
        await driver.executeQuery("SHOW INDEXES YIELD name RETURN collect(name)")
      ).records[0]!.get(0);
      expect(indexes).toEqual(expect.arrayContaining(["atlas_supplies_rel_id", "atlas_stagedfirm_id"]));
    } finally {
      await driver.close();
    }
  });

  it("connects again and again without failing on the constraints it already made", async () => {
    for (let i = 0; i < 3; i++) await (await connectTestNeo4j()).close();
  });

  it("drops the tie-id constraint an older chain-atlas made, and indexes tie ids instead", async () => {
    const driver = neo4j.driver(
      NEO4J_TEST_URL,
      neo4j.auth.basic(NEO4J_TEST_CREDENTIALS.user, NEO4J_TEST_CREDENTIALS.password),
    );
    const names = async (what: "INDEXES" | "CONSTRAINTS") =>
      (await driver.executeQuery(`SHOW ${what} YIELD name RETURN collect(name)`)).records[0]!.get(
        0,
      ) as string[];
    try {
      await (await emptyTestNeo4j()).close();
      await driver.executeQuery("DROP INDEX atlas_supplies_rel_id IF EXISTS");
      await driver.executeQuery(
        "CREATE CONSTRAINT atlas_supplies_id IF NOT EXISTS FOR ()-[r:SUPPLIES]-() REQUIRE r.id IS UNIQUE",
      );
      expect(await names("CONSTRAINTS")).toContain("atlas_supplies_id");
      await (await connectTestNeo4j()).close();
      expect(await names("CONSTRAINTS")).not.toContain("atlas_supplies_id");
      expect(await names("INDEXES")).toContain("atlas_supplies_rel_id");
    } finally {
      await driver.close();
    }
  });

  it("refuses a tie whose supplier is not a firm, naming the tie, and writes nothing", async () => {
    const store = await emptyTestNeo4j();
    try {
      const ds = loadSeed(DEMO_SEED);
      ds.ties[0]!.supplier = "no-such-firm";
      await expect(store.replaceDataset(ds, { who: "test", why: "bad" })).rejects.toThrow(
        /tie "glass-co-to-sun": its supplier "no-such-firm" is not a firm/,
      );
      expect(await store.isEmpty()).toBe(true);
    } finally {
      await store.close();
    }
  });

  it("holds back a store row that no longer passes its schema, naming it", async () => {
    const store = await emptyTestNeo4j();
    await store.replaceDataset(loadSeed(DEMO_SEED), { who: "test", why: "load" });
    const driver = neo4j.driver(
      NEO4J_TEST_URL,
      neo4j.auth.basic(NEO4J_TEST_CREDENTIALS.user, NEO4J_TEST_CREDENTIALS.password),
    );
    try {
      await driver.executeQuery("MATCH (f:Firm {id: 'glass-co'}) SET f.json = $json", {
        json: '{"id":"glass-co"}',
      });
      await expect(store.loadDataset()).rejects.toThrow(/firms "glass-co" that is not valid: name/);
    } finally {
      await driver.close();
      await store.close();
    }
  });
});

describe("the neo4j store's errors", () => {
  it("says in one line that an unreachable server cannot be reached", async () => {
    const err = await Neo4jStore.connect("bolt://127.0.0.1:1", NEO4J_TEST_CREDENTIALS).catch((e) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(err.message).toMatch(/^cannot reach Neo4j at bolt:\/\/127\.0\.0\.1:1: .*ECONNREFUSED/);
    expect(err.message).not.toContain("\n");
  });

  it("says which user the server refused when the password is wrong", async () => {
    const err = await Neo4jStore.connect(NEO4J_TEST_URL, {
      user: "neo4j",
      password: "not-the-password",
    }).catch((e) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(err.message).toBe(
      `Neo4j at ${NEO4J_TEST_URL} refused user "neo4j": wrong user or password (set NEO4J_USER and NEO4J_PASSWORD)`,
    );
  });
});

describe("chain-atlas with --store, push and pull", () => {
  it("pushes the embedded store to Neo4j, answers the same there, and pulls it back whole", {
    timeout: 180_000,
  }, async () => {
    await (await emptyTestNeo4j()).close();
    const db = join(tempDir(), "atlas.db");
    const pushed = runCli(
      ["--db", db, "--json", "push", "--to", NEO4J_TEST_URL, "--who", "ci"],
      NEO4J_TEST_ENV,
    );
    // Only the notices that the fresh embedded store was created and filled from the shipped seed.
    expect(pushed.stderr).toMatch(/^(chain-atlas: (created|filled) [^\n]*\n)*$/);
    expect(pushed.code).toBe(0);
    expect(JSON.parse(pushed.stdout)).toMatchObject({
      to: NEO4J_TEST_URL,
      changeId: 1,
      changed: 0,
      removed: 0,
    });

    const local = runCli(["--db", db, "--json", "targets", "--chain", "pv"]);
    const remote = runCli(["--store", NEO4J_TEST_URL, "--json", "targets", "--chain", "pv"], NEO4J_TEST_ENV);
    expect(remote.code).toBe(0);
    expect(JSON.parse(local.stdout).length).toBeGreaterThan(0);
    expect(remote.stdout).toBe(local.stdout);
    // `chains` counts as Neo4j streams its firms and ties: the same rows.
    const chains = runCli(["--db", db, "--json", "chains"]);
    expect(JSON.parse(chains.stdout).length).toBeGreaterThan(0);
    expect(runCli(["--store", NEO4J_TEST_URL, "--json", "chains"], NEO4J_TEST_ENV).stdout).toBe(
      chains.stdout,
    );
    // Whole-city commands never hold a province on Neo4j: `gaps --all` reads chain by chain, `stats` and `find`
    // count and search as the store streams. The same output as the embedded store's, in both languages.
    for (const args of [
      ["gaps", "--all"],
      ["--json", "gaps", "--all"],
      ["--lang", "en", "gaps", "--all"],
      ["stats"],
      ["--json", "stats"],
      // start counts the chains and the stats in one pass as the store streams.
      ["start"],
      ["--json", "start"],
      ["--json", "find", "光伏玻璃"],
      ["find", "电池", "--limit", "40"],
      ["--json", "find", "逆变器"],
      ["--lang", "en", "find", "glass"],
      // what-if reads the chain's subgraph and the landing firm with its ties.
      ["whatif", "--firm", "flat-glass", "--segment", "pv-encapsulant"],
      ["--json", "whatif", "--firm", "byd", "--segment", "pv-polysilicon"],
      // The portfolio ranks on the chain's candidate pack there, on the candidates here.
      ["--json", "portfolio", "--chain", "ic"],
      ["portfolio", "--chain", "pv", "--k", "4", "--tag", "listed"],
    ]) {
      const here = runCli(["--db", db, ...args]);
      expect(here.code, args.join(" ")).toBe(0);
      expect(here.stdout.length).toBeGreaterThan(100);
      const there = runCli(["--store", NEO4J_TEST_URL, ...args], NEO4J_TEST_ENV);
      expect(there.stderr, args.join(" ")).toBe("");
      expect(there.stdout, args.join(" ")).toBe(here.stdout);
    }
    // The chain lead's reports (every chain, one by one) and a fishbone: the same files.
    const [reportsHere, reportsThere] = [tempDir(), tempDir()];
    const reportArgs = ["report", "--all", "--date", "2026-12-01", "--out"];
    expect(runCli(["--db", db, ...reportArgs, reportsHere]).code).toBe(0);
    expect(runCli(["--store", NEO4J_TEST_URL, ...reportArgs, reportsThere], NEO4J_TEST_ENV).stderr).toBe("");
    expect(readdirSync(reportsThere).length).toBeGreaterThan(5);
    for (const f of readdirSync(reportsHere))
      expect(readFileSync(join(reportsThere, f), "utf8"), f).toBe(readFileSync(join(reportsHere, f), "utf8"));
    const [svgHere, svgThere] = [join(tempDir(), "a.svg"), join(tempDir(), "b.svg")];
    const drawArgs = ["fishbone", "--chain", "battery", "--date", "2026-12-01", "--out"];
    expect(runCli(["--db", db, ...drawArgs, svgHere]).code).toBe(0);
    expect(runCli(["--store", NEO4J_TEST_URL, ...drawArgs, svgThere], NEO4J_TEST_ENV).code).toBe(0);
    expect(readFileSync(svgThere, "utf8")).toBe(readFileSync(svgHere, "utf8"));
    // Unknown firms, segments, chains and regions: the same message and exit code from both.
    for (const args of [
      ["whatif", "--firm", "no-such-firm", "--segment", "pv-glass"],
      ["whatif", "--firm", "byd", "--segment", "no-such-segment"],
      ["whatif", "--firm", "byd", "--segment", "pv-glass", "--chain", "no-such-chain"],
      ["whatif", "--firm", "byd", "--segment", "pv-glass", "--region", "no-such-region"],
    ]) {
      const here = runCli(["--db", db, ...args]);
      expect(here.code, args.join(" ")).toBeGreaterThan(0);
      expect(here.stderr).toMatch(/no-such/);
      const there = runCli(["--store", NEO4J_TEST_URL, ...args], NEO4J_TEST_ENV);
      expect([there.code, there.stderr], args.join(" ")).toEqual([here.code, here.stderr]);
    }
    // `export` streams Neo4j's firms, ties and sources a page at a time: the same files as from the embedded store.
    const [fromLocal, fromRemote] = [tempDir(), tempDir()];
    expect(runCli(["--db", db, "export", fromLocal]).code).toBe(0);
    expect(runCli(["--store", NEO4J_TEST_URL, "export", fromRemote], NEO4J_TEST_ENV).code).toBe(0);
    expect(readSeedDir(fromLocal).size).toBeGreaterThan(5);
    expect(readSeedDir(fromRemote)).toEqual(readSeedDir(fromLocal));
    const history = runCli(["--store", NEO4J_TEST_URL, "--json", "history"], NEO4J_TEST_ENV);
    expect(JSON.parse(history.stdout)).toMatchObject([{ id: 1, who: "ci", op: "import" }]);

    const other = join(tempDir(), "pulled.db");
    const pulled = runCli(["--db", other, "pull", "--from", NEO4J_TEST_URL, "--progress"], NEO4J_TEST_ENV);
    expect(pulled.code).toBe(0);
    expect(pulled.stdout).toMatch(/^pulled from .*: \d+ added, 0 changed, 0 removed \(change #1\)/);
    expect(pulled.stderr).toMatch(/pull: write \[#+\] 100% {2}([\d,]+)\/\1 rows/);
    const a = new EmbeddedStore(db);
    const b = new EmbeddedStore(other);
    expect(await b.loadDataset()).toEqual(await a.loadDataset());
    await a.close();
    await b.close();
  });

  it("push and pull carry the investment pipeline (projects, their changes, settings); a source without one keeps the target's", {
    timeout: 180_000,
  }, async () => {
    await (await emptyTestNeo4j()).close();
    const db = join(tempDir(), "atlas.db");
    const here = (...args: string[]) => runCli(["--db", db, ...args]);
    expect(here("import", DEMO_SEED).code).toBe(0);
    const add = here(
      "project",
      "add",
      "--id",
      "carried",
      "--investor",
      "外地玻璃有限公司",
      "--county",
      "demo-east",
      "--amount",
      "1500",
      "--currency",
      "CNY",
      "--at",
      "2024-01-15",
    );
    expect(add.code, add.stderr).toBe(0);
    expect(here("project", "stage", "carried", "contacted", "--at", "2024-01-20").code).toBe(0);
    const goals = join(tempDir(), "goals.yaml");
    writeFileSync(goals, "# TEST DATA\ngoals:\n  - { year: 2024, domesticOver5Bn: 2 }\n");
    expect(here("progress", "--year", "2024", "--goals", goals).code).toBe(0);

    const pushed = runCli(["--db", db, "push", "--to", NEO4J_TEST_URL], NEO4J_TEST_ENV);
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(pushed.stdout).toContain("pipeline: 1 project(s), 2 change record(s), 1 setting(s) copied");
    const local = new EmbeddedStore(db);
    const copy = await local.readPipeline();
    await local.close();
    const remote = await connectTestNeo4j();
    try {
      expect(await remote.readPipeline()).toEqual(copy);
    } finally {
      await remote.close();
    }
    const show = ["--json", "project", "show", "carried"];
    expect(runCli(["--store", NEO4J_TEST_URL, ...show], NEO4J_TEST_ENV).stdout).toBe(here(...show).stdout);

    // A store without projects pushes its map only: the target's pipeline is kept.
    const bare = join(tempDir(), "bare.db");
    expect(runCli(["--db", bare, "import", DEMO_SEED]).code).toBe(0);
    const again = runCli(["--db", bare, "push", "--to", NEO4J_TEST_URL], NEO4J_TEST_ENV);
    expect(again.stdout).toContain("pipeline: none to copy");
    // Pulled into a new file: the same pipeline, and the new file's project commands read it.
    const other = join(tempDir(), "pulled.db");
    const pulled = runCli(
      ["--db", other, "--json", "pull", "--from", NEO4J_TEST_URL, "--pipeline-only"],
      NEO4J_TEST_ENV,
    );
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(JSON.parse(pulled.stdout)).toEqual({
      from: NEO4J_TEST_URL,
      pipeline: { projects: 1, changes: 2, settings: 1, kept: false },
    });
    const back = new EmbeddedStore(other);
    expect(await back.readPipeline()).toEqual(copy);
    await back.close();
  });

  it("exits 4 with one line on stderr when the password is wrong or the server is down, 2 for a bad address", () => {
    const refused = runCli(["--store", NEO4J_TEST_URL, "chains"], { NEO4J_PASSWORD: "wrong-password" });
    expect(refused.code).toBe(4);
    expect(refused.stderr.trim()).toMatch(/refused user "neo4j": wrong user or password/);
    const down = runCli(["--store", "bolt://127.0.0.1:1", "chains"], NEO4J_TEST_ENV);
    expect(down.code).toBe(4);
    expect(down.stderr.trim().split("\n")).toHaveLength(1);
    expect(down.stderr).toMatch(/cannot reach Neo4j/);
    const bad = runCli(["--store", "http://example.org", "chains"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/expected a Neo4j address such as neo4j:\/\/host:7687/);
  });
});
