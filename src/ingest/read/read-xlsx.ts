// Excel workbooks via exceljs: the first sheet with data, formula cells as their cached values (never evaluated).
import ExcelJS from "exceljs";
import { ValidationError } from "../../errors.ts";
import { cellText, fromArray, type RawRow, type RawTable } from "./raw-table.ts";

/** Reads a workbook from bytes; a damaged or truncated file is a ValidationError naming it. */
export async function readXlsx(file: string, bytes: Uint8Array): Promise<RawTable> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (e) {
    throw new ValidationError(
      [
        {
          file,
          path: "",
          message: `cannot read the workbook (${(e as Error).message}); expected a complete .xlsx file — is it truncated or saved as another format?`,
          rule: "ingest-read",
        },
      ],
      file,
    );
  }
  const sheet = wb.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) return { format: "xlsx", encoding: "utf-8", rows: fromArray([]), where: "no sheet with data" };
  const rows: RawRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (r, n) => {
    const cells: string[] = [];
    // A merged cell reports its master's value in every cell it covers, which is what a header needs.
    r.eachCell({ includeEmpty: true }, (c, col) => {
      cells[col - 1] = valueText(c.value);
    });
    rows.push({ row: n, cells: Array.from(cells, (v) => v ?? "") });
  });
  return { format: "xlsx", encoding: "utf-8", rows: fromArray(rows), where: `sheet ${sheet.name}` };
}

/** A cell's value as text: formulas give their cached result, rich text its plain text, dates ISO days. */
function valueText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("formula" in v || "sharedFormula" in v)
      return valueText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ("richText" in v) return cellText(v.richText.map((t) => t.text).join(""));
    if ("text" in v) return cellText(String(v.text));
    if ("error" in v) return "";
    return "";
  }
  return cellText(String(v));
}
