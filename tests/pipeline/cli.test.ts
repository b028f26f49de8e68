// The pipeline from the command line: report, refuse a second report, transfer after the month, sign, land, progress —
// the same commands and answers on the embedded store and on Neo4j (`--store`), where the pipeline is kept too.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.ts";
import { DEMO_SEED, edit, readSeedDir, tempDir, writeSeedDir } from "../helpers/seed-files.ts";
import { emptyTestNeo4j, lockTestNeo4j, NEO4J_TEST_ENV, NEO4J_TEST_URL } from "../store/neo4j-test-server.ts";

describe.each(["embedded", "neo4j"] as const)("chain-atlas project and progress on the %s store", (kind) => {
  const dir = tempDir();
  const db = join(dir, "atlas.db");
  const where = kind === "neo4j" ? ["--store", NEO4J_TEST_URL] : ["--db", db];
  const cli = (...args: string[]) => runCli([...where, ...args], kind === "neo4j" ? NEO4J_TEST_ENV : {});
  const json = (...args: string[]) => {
    const r = cli("--json", ...args);
    if (r.code !== 0) throw new Error(`chain-atlas ${args.join(" ")} exited ${r.code}: ${r.stderr}`);
    return JSON.parse(r.stdout);
  };

  let release: (() => void) | undefined;
  afterAll(() => release?.());

  beforeAll(async () => {
    if (kind === "neo4j") {
      release = await lockTestNeo4j();
      await (await emptyTestNeo4j()).close();
    }
    // The demo seed (SYNTHETIC) with a second district, so a project can move between two counties.
    const files = readSeedDir(DEMO_SEED);
    edit(
      files,
      "region.yaml",
      "  - { id: demo-east",
      "  - { id: demo-west, name: { zh: 西区, en: West District }, kind: district, parent: demo-city }\n  - { id: demo-east",
    );
    expect(cli("import", writeSeedDir(files)).code).toBe(0);
  }, 120_000);

  it("reports a project, resolving the investor by name, and starts the first-report clock", () => {
    const p = json(
      "project",
      "add",
      "--id",
      "glass-plant",
      "--investor",
      "外地玻璃有限公司",
      "--county",
      "demo-east",
      "--amount",
      "1500",
      "--currency",
      "CNY",
      "--gap",
      "pv-glass:fill",
      "--at",
      "2024-01-15",
      "--who",
      "east-team",
    );
    expect(p).toMatchObject({
      investor: { firm: "glass-co" },
      firstReport: { county: "demo-east", exclusiveUntil: "2024-02-15" },
    });
  });

  it("refuses another county's report of the same investor under another spelling (exit 1, holder and end named)", () => {
    const r = cli(
      "project",
      "add",
      "--id",
      "glass-2",
      "--investor",
      "安徽外地玻璃股份有限公司",
      "--county",
      "demo-west",
      "--amount",
      "200",
      "--currency",
      "USD",
      "--at",
      "2024-01-20",
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("demo-east holds exclusive talks until 2024-02-15");
    expect(json("project", "list").map((x: { project: { id: string } }) => x.project.id)).toEqual([
      "glass-plant",
    ]);
  });

  it("names unknown references and bad options with the right exit codes", () => {
    const bad = cli(
      "project",
      "add",
      "--id",
      "x1",
      "--investor",
      "某公司",
      "--county",
      "nowhere",
      "--amount",
      "5",
      "--currency",
      "CNY",
      "--gap",
      "pv-wafer:fill",
    );
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/region: no county or district "nowhere"/);
    expect(bad.stdout).toMatch(/gaps\[0\]\.segment: no segment "pv-wafer"/);
    expect(cli("project", "stage", "glass-plant", "flying").code).toBe(2);
    expect(cli("project", "stage", "missing-one", "contacted").code).toBe(3);
  });

  it("shows the holder and clock in the list", () => {
    const [row] = json("project", "list", "--today", "2024-02-15");
    expect(row.clock).toMatchObject({ holder: "demo-east", exclusive: true, daysLeft: 0 });
  });

  it("refuses a transfer on the month's last day and makes it the day after", () => {
    const early = cli(
      "project",
      "transfer",
      "glass-plant",
      "--to",
      "demo-west",
      "--at",
      "2024-02-15T23:59:00+08:00",
    );
    expect(early.code).toBe(1);
    expect(early.stdout).toContain("a transfer is possible from the day after");
    const p = json(
      "project",
      "transfer",
      "glass-plant",
      "--to",
      "demo-west",
      "--at",
      "2024-02-16T00:00:00+08:00",
      "--who",
      "city",
    );
    expect(p).toMatchObject({
      owner: "demo-west",
      transfers: [{ from: "demo-east", to: "demo-west", who: "city" }],
    });
  });

  it("moves through the stages, signs (no pre-report needed at 1.5 bn yuan) and lands the firm at 投产 (gap closes)", () => {
    expect(cli("project", "stage", "glass-plant", "signed", "--at", "2024-03-01").code).toBe(1);
    for (const [s, at] of [
      ["contacted", "2024-02-20"],
      ["negotiating", "2024-03-01"],
    ])
      json("project", "stage", "glass-plant", s!, "--at", at!);
    // 1.5 bn yuan needs no pre-report; a landmark would. Record one anyway, three days ahead.
    json("project", "prereport", "glass-plant", "--at", "2024-03-07");
    const signed = json("project", "stage", "glass-plant", "signed", "--at", "2024-03-10");
    expect(signed.project.signing).toMatchObject({
      on: "2024-03-10",
      preReport: "not-required",
      cityCredit: true,
    });
    const missingBefore = json("gaps", "--chain", "pv").figures.gapsByKind.missing;
    json("project", "stage", "glass-plant", "started", "--at", "2024-05-01");
    const landed = json(
      "project",
      "stage",
      "glass-plant",
      "production",
      "--at",
      "2025-03-01",
      "--who",
      "west-team",
    );
    expect(landed.landed).toBe("new local firm glass-co-demo-west");
    // One firm written with its own change set, not the map replaced.
    const [landing] = json("history", "--limit", "1");
    expect(landing).toMatchObject({ op: "landing", who: "west-team", added: 1, changed: 0, removed: 0 });
    expect(missingBefore).toBe(1);
    expect(json("gaps", "--chain", "pv").figures.gapsByKind.missing).toBe(0);
    const changes = json("project", "show", "glass-plant").changes.map(
      (c: { op: string; who: string }) => c.op,
    );
    expect(changes).toEqual(["add", "transfer", "stage", "stage", "prereport", "stage", "stage", "stage"]);
  });

  it("computes progress with stored goals, credits both counties of a transfer, and writes Excel", async () => {
    const goals = join(dir, "goals.yaml");
    writeFileSync(
      goals,
      "# TEST DATA\ngoals:\n  - { year: 2024, domesticOver5Bn: 2, assumed: true }\n  - { year: 2024, county: demo-east, fdiUsdMillions: 10 }\n",
    );
    // A second project: domestic 6 bn yuan (the glass firm is in Anhui), signed in 2024.
    json(
      "project",
      "add",
      "--id",
      "glass-two",
      "--investor",
      "外地玻璃",
      "--county",
      "demo-east",
      "--amount",
      "6000",
      "--currency",
      "CNY",
      "--at",
      "2024-04-01",
    );
    json("project", "prereport", "glass-two", "--at", "2024-06-01");
    for (const [s, at] of [
      ["contacted", "2024-04-10"],
      ["negotiating", "2024-05-01"],
      ["signed", "2024-06-08"],
    ])
      json("project", "stage", "glass-two", s!, "--at", at!);
    const city = json("progress", "--year", "2024", "--goals", goals);
    expect(city.rows.find((r: { measure: string }) => r.measure === "domesticOver5Bn")).toMatchObject({
      goal: 2,
      actual: 1,
      share: 0.5,
    });
    expect(city.counted.map((c: { id: string }) => c.id)).toEqual(["glass-plant", "glass-two"]);
    const east = json("progress", "--year", "2024", "--county", "demo-east");
    const west = json("progress", "--year", "2024", "--county", "demo-west");
    expect(east.counted.map((c: { id: string }) => c.id)).toEqual(["glass-plant", "glass-two"]);
    expect(west.counted.map((c: { id: string }) => c.id)).toEqual(["glass-plant"]);
    expect(east.rows.at(-1).goal).toBe(10);
    const xlsx = join(dir, "progress.xlsx");
    expect(cli("progress", "--year", "2024", "--xlsx", xlsx).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual(expect.arrayContaining(["指标", "目标", "完成", "1月", "12月"]));
    expect(ws.getRow(4).getCell(1).value).toBe("内资超50亿元项目");
    expect(ws.getRow(4).getCell(3).value).toBe(1);
    expect(ws.getRow(4).getCell(4 + 6).value).toBe(1); // June
    expect(cli("progress", "--year", "1999").code).toBe(2);
    expect(cli("progress", "--year", "2024", "--county", "atlantis").code).toBe(2);
  });
});
