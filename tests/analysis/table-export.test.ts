import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { rankTargets } from "../../src/analysis/targets/rank-targets.ts";
import { neutralizeCell, type Table, toCsv } from "../../src/render/tables/table-export.ts";
import { toXlsx } from "../../src/render/tables/table-export-xlsx.ts";
import { targetTable } from "../../src/render/tables/target-table.ts";
import { plantedGraph } from "../fixtures/analysis/planted.ts";

const hostile: Table = {
  name: "t",
  header: ["企业", "note", "n"],
  rows: [
    ['=HYPERLINK("http://x")', "+1", 3],
    ["-2+3", "@SUM(A1)", -4],
    ['逗号,与"引号"', "多行\n文本", 0.5],
  ],
};

/** A minimal RFC 4180 reader for the test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ",") {
      row.push(cell);
      cell = "";
    } else if (!quoted && ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  return rows;
}

describe("table exports", () => {
  it("CSV starts with a UTF-8 BOM, parses back and neutralises formula-like cells", () => {
    const csv = toCsv(hostile);
    const bytes = Buffer.from(csv, "utf8");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString("utf8").slice(1));
    expect(rows[0]).toEqual(["企业", "note", "n"]);
    expect(rows[1]).toEqual(['\'=HYPERLINK("http://x")', "'+1", "3"]);
    expect(rows[2]).toEqual(["'-2+3", "'@SUM(A1)", "-4"]);
    expect(rows[3]).toEqual(['逗号,与"引号"', "多行\n文本", "0.5"]);
  });

  it("XLSX reads back with exceljs: same cells, text never a formula, numbers stay numbers", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx([hostile])) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("t")!;
    expect(ws.getRow(1).getCell(1).value).toBe("企业");
    expect(ws.getRow(2).getCell(1).value).toBe('\'=HYPERLINK("http://x")');
    expect(ws.getRow(2).getCell(1).formula).toBeUndefined();
    expect(ws.getRow(3).getCell(2).value).toBe("'@SUM(A1)");
    expect(ws.getRow(3).getCell(3).value).toBe(-4);
    expect(ws.getRow(4).getCell(1).value).toBe('逗号,与"引号"');
  });

  it("leaves safe cells alone", () => {
    expect(neutralizeCell("晶科能源")).toBe("晶科能源");
    expect(neutralizeCell(-1)).toBe(-1);
  });

  it("exports the target ranking with its terms and Chinese reasons", async () => {
    const table = targetTable("demo", rankTargets(plantedGraph(), { chain: "demo" }));
    const rows = parseCsv(toCsv(table).slice(1));
    expect(rows).toHaveLength(7);
    expect(rows[1]!.slice(0, 3)).toEqual(["1", "外地玻璃股份有限公司", "e1"]);
    // Names, not ids: the list as 上市公司, the aim as 补链, the segment by its name.
    expect(rows[1]![4]).toBe("上市公司");
    expect(rows[1]![5]).toBe("补链 fill");
    expect(rows[1]![11]).toBe("补链·光伏玻璃");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx([table])) as unknown as ArrayBuffer);
    expect(wb.getWorksheet("targets-demo")!.getRow(2).getCell(7).value).toBeCloseTo(0.593, 3);
  });
});
