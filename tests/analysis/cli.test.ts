import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { writeSeed } from "../../src/seed/index.ts";
import { plantedDataset } from "../fixtures/analysis/planted.ts";
import { runCli } from "../helpers/run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "atlas-analysis-"));
const db = join(dir, "atlas.db");
const cli = (...args: string[]) => runCli(["--db", db, ...args]);
const json = (...args: string[]) => {
  const r = cli(...args, "--json");
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout);
};

// Each command spawns a CLI process (about a second each, more on a busy machine).
describe("the analysis commands on the planted seed", { timeout: 60_000 }, () => {
  beforeAll(() => {
    writeSeed(plantedDataset(), join(dir, "seed"));
    expect(cli("import", join(dir, "seed")).code).toBe(0);
  }, 60_000);

  it("gaps --json prints {chain, figures, findings}", () => {
    const out = json("gaps", "--chain", "demo");
    expect(Object.keys(out)).toEqual(["chain", "figures", "findings"]);
    expect(out.findings.find((f: { segment: { id: string } }) => f.segment.id === "b")).toMatchObject({
      kind: "missing",
      factors: { deficiency: 1 },
      explanation: { zh: expect.stringContaining("本地无企业") },
    });
  });

  it("targets --json prints rows {firm, score, terms, gaps, evidence, explanation} and writes CSV and XLSX", async () => {
    const rows = json(
      "targets",
      "--chain",
      "demo",
      "--top",
      "3",
      "--csv",
      join(dir, "t.csv"),
      "--xlsx",
      join(dir, "t.xlsx"),
    );
    expect(rows).toHaveLength(3);
    expect(Object.keys(rows[0])).toEqual([
      "firm",
      "score",
      "terms",
      "aim",
      "gaps",
      "evidence",
      "explanation",
    ]);
    expect(rows.map((r: { firm: { id: string } }) => r.firm.id)).toEqual(["e1", "e3", "e2"]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "t.xlsx"));
    expect(wb.worksheets[0]!.rowCount).toBe(4);
  });

  it("portfolio, whatif and backtest answer in JSON", () => {
    expect(
      json("portfolio", "--chain", "demo", "--k", "2").picks.map((p: { firm: { id: string } }) => p.firm.id),
    ).toEqual(["e1", "e3"]);
    expect(json("whatif", "--firm", "e1", "--segment", "b").changes[0]).toMatchObject({
      kindBefore: "missing",
      kindAfter: "single-source",
    });
    const bt = json("backtest");
    expect(Object.keys(bt)).toEqual(["mode", "overall", "perChain", "baselines"]);
    expect(bt.mode).toBe("segment");
    expect(Object.keys(bt.baselines)).toEqual(["random", "revenue"]);
    expect(Object.keys(bt.overall)).toEqual(["hitRateAt10", "mrr", "ndcgAt10"]);
    const list = json("backtest", "--mode", "list");
    expect(Object.keys(list)).toEqual(["mode", "withCodes", "overall", "baselines", "byChain"]);
    expect(Object.keys(list.overall)).toEqual(["zh", "en"]);
    expect(Object.keys(list.baselines)).toEqual(["revenue", "random"]);
    expect(Object.keys(list.overall.zh)).toEqual([
      "hitRateAt10",
      "mrr",
      "medianRank",
      "notRankedShare",
      "queries",
    ]);
    // Every local firm of the planted chain in each segment it sits in: l1 d, l2 d, l3 m+d, l4 c, l5 a, l6 m.
    expect(list.overall.zh.queries).toBe(7);
    expect(cli("backtest", "--mode", "nosuch").code).toBe(2);
  });

  it("a bad option exits 2 with a one-line reason", () => {
    const r = cli("portfolio", "--chain", "demo", "--k", "-1");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--k: expected a whole number ≥ 1 \(got "-1"\)/);
    expect(cli("gaps", "--chain", "nope").stderr).toMatch(/unknown chain "nope"; expected one of: demo/);
  });
});
