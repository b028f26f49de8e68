// Table exports: a header and rows of cells, as CSV text (UTF-8 with BOM so Excel reads Chinese).

export type Cell = string | number | boolean | null | undefined;

export interface Table {
  /** Sheet name for XLSX. */
  name: string;
  header: string[];
  rows: Cell[][];
}

/** Cells a spreadsheet would run as a formula start with one of these (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text that would start a formula gets a leading apostrophe, so it shows as text and never runs. */
export function neutralizeCell(cell: Cell): Cell {
  return typeof cell === "string" && FORMULA_START.test(cell) ? `'${cell}` : cell;
}

function csvField(cell: Cell): string {
  const v = neutralizeCell(cell);
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** RFC 4180 CSV with CRLF line ends, preceded by a UTF-8 byte-order mark. */
export function toCsv(table: Table): string {
  const lines = [table.header, ...table.rows].map((r) => r.map(csvField).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
