// Table exports as an XLSX workbook (exceljs), one sheet per table, formula-like text neutralised.
import ExcelJS from "exceljs";
import { neutralizeCell, type Table } from "./table-export.ts";

/** The workbook's bytes: a bold, frozen header row, columns sized to their content. */
export async function toXlsx(tables: ReadonlyArray<Table>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "chain-atlas";
  for (const t of tables) {
    const ws = wb.addWorksheet(t.name.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
    ws.addRow(t.header).font = { bold: true };
    // Strings are written as plain values: exceljs stores them as shared strings, never as formulas.
    for (const r of t.rows) ws.addRow(r.map((c) => neutralizeCell(c) ?? null));
    ws.columns.forEach((col, i) => {
      const widths = [t.header[i] ?? "", ...t.rows.map((r) => String(r[i] ?? ""))].map((s) => [...s].length);
      col.width = Math.min(60, Math.max(8, ...widths) + 2);
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
