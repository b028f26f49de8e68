// The command line, run as a user runs it: exit codes, one-line reasons, --json shapes.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, runCli } from "../helpers/run-cli.ts";
import { DEMO_SEED, edit, readSeedDir, tempDir, writeSeedDir } from "../helpers/seed-files.ts";

const freshDb = () => join(tempDir(), "atlas.db");

describe("chain-atlas", () => {
  it("validates a good seed with exit 0 and a summary", () => {
    const r = runCli(["validate", DEMO_SEED]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/valid — 1 chains, 2 segments, 1 local firms, 1 candidates/);
  });

  it("rejects a bad seed with exit 1, every problem with file:line, and a one-line reason last", () => {
    const files = readSeedDir(DEMO_SEED);
    edit(files, "ties/pv.yaml", "basis: observed", "basis: rumoured");
    edit(files, "chains/pv.yaml", "stage: upstream", "stage: up");
    const dir = writeSeedDir(files);
    const r = runCli(["validate", dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${dir}/ties/pv.yaml:3 ties[0].basis: found "rumoured"; expected one of "observed", "inferred"`,
    );
    expect(r.stdout).toContain(`${dir}/chains/pv.yaml:6 segments[0].stage: found "up"`);
    expect(r.stderr.trim().split("\n")).toEqual(["chain-atlas: 2 problems found; nothing was changed"]);
  });

  it("prints validation issues as JSON with --json", () => {
    const files = readSeedDir(DEMO_SEED);
    edit(files, "ties/pv.yaml", "supplier: glass-co", "supplier: nobody");
    const r = runCli(["--json", "validate", writeSeedDir(files)]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.ok).toBe(false);
    expect(out.issues).toEqual([
      expect.objectContaining({ path: "ties[0].supplier", rule: "references-exist", line: 2 }),
    ]);
  });

  it("imports a seed, then counts it with stats --json and lists it with chains --json", () => {
    const db = freshDb();
    expect(runCli(["--db", db, "import", DEMO_SEED, "--who", "tester", "--why", "demo"]).code).toBe(0);
    const stats = JSON.parse(runCli(["--db", db, "--json", "stats"]).stdout);
    expect(stats).toMatchObject({
      chains: 1,
      segments: 2,
      localFirms: 1,
      candidateFirms: 1,
      supplyTies: 1,
      sources: 1,
      unsourcedFacts: 0,
    });
    const chains = JSON.parse(runCli(["--db", db, "--json", "chains"]).stdout);
    expect(chains).toEqual([
      expect.objectContaining({
        id: "pv",
        name: { zh: "光伏新能源产业链", en: "PV new energy" },
        stages: { upstream: 1, midstream: 1, downstream: 0 },
        masters: [{ id: "sun-modules", name: "示例组件有限公司", level: "city" }],
      }),
    ]);
    const history = JSON.parse(runCli(["--db", db, "--json", "history"]).stdout);
    expect(history[0]).toMatchObject({ who: "tester", op: "import" });
    expect(history[0].why).toMatch(/^demo/);
  });

  it("finds a firm by a Chinese product", () => {
    const db = freshDb();
    runCli(["--db", db, "import", DEMO_SEED]);
    const r = runCli(["--db", db, "find", "光伏玻璃"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("外地玻璃股份有限公司");
    expect(r.stdout).not.toContain("示例组件有限公司");
  });

  it("exports a seed that validates and imports back", () => {
    const db = freshDb();
    runCli(["--db", db, "import", DEMO_SEED]);
    const out = tempDir();
    expect(runCli(["--db", db, "export", out]).code).toBe(0);
    expect(runCli(["validate", out]).code).toBe(0);
  });

  it("refuses to import a broken seed and leaves the store as it was", () => {
    const db = freshDb();
    runCli(["--db", db, "import", DEMO_SEED]);
    const before = runCli(["--db", db, "--json", "stats"]).stdout;
    const files = readSeedDir(DEMO_SEED);
    edit(files, "firms/pv.yaml", "grade: strong", "grade: certain");
    const r = runCli(["--db", db, "import", writeSeedDir(files)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/firms\/pv\.yaml:\d+ firms\[0\]\.segments\[0\]\.grade/);
    expect(r.stderr.trim().split("\n")).toEqual(["chain-atlas: 1 problem found; nothing was changed"]);
    expect(runCli(["--db", db, "--json", "stats"]).stdout).toBe(before);
    expect(JSON.parse(runCli(["--db", db, "--json", "history"]).stdout)).toHaveLength(1);
  });

  it("fails with a one-line reason for a missing directory and for a bad option", () => {
    const missing = runCli(["validate", "/nonexistent/seed"]);
    expect(missing.code).toBe(3);
    expect(missing.stderr.trim()).toBe(
      "chain-atlas: seed directory /nonexistent/seed does not exist; expected a folder of YAML files such as graph-seeds/jiaxing",
    );
    const db = freshDb();
    runCli(["--db", db, "import", DEMO_SEED]);
    const bad = runCli(["--db", db, "history", "--limit=-3"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--limit "-3": expected a whole number/);
  });
});

describe("chain-atlas start", () => {
  it("fills a new store from the shipped seed and gives the figures `chains` and `stats` give", () => {
    const db = freshDb();
    const r = runCli(["--db", db, "--json", "start"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.chains.length).toBeGreaterThan(5);
    expect(out.stats.localFirms).toBeGreaterThan(0);
    expect(out.chains).toEqual(JSON.parse(runCli(["--db", db, "--json", "chains"]).stdout));
    expect(out.stats).toEqual(JSON.parse(runCli(["--db", db, "--json", "stats"]).stdout));
    const text = runCli(["--db", db, "start"]).stdout;
    expect(text).toMatch(/^chain-atlas · 嘉兴市 产业链图谱 \(Jiaxing\)/);
    expect(text).toContain(`合计 total: ${out.stats.chains} chains`);
  });
});

describe("chain-atlas in a pipe", () => {
  it("exits quietly when the reader stops early (| head -1)", () => {
    const db = join(tempDir(), "atlas.db");
    runCli(["--db", db, "start"]);
    // gaps writes its headline and then its table: the second write finds the pipe closed.
    const r = spawnSync(
      "bash",
      ["-c", `set -o pipefail; node ${BIN} --db ${db} gaps --chain nev | head -1`],
      { encoding: "utf8" },
    );
    expect(r.stdout).toMatch(/^新能源汽车及汽车零部件产业链/);
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(r.status).toBe(0);
  });
});
