// One data row read through the column map: each field's text, with damaged or malformed cells reported.

import type { ImportField } from "../map/import-field.ts";
import type { ColumnMap } from "../map/map-columns.ts";
import type { RawRow } from "../read/raw-table.ts";
import { cellText } from "../read/raw-table.ts";

/** A cell (or a whole row, when `dropped`) that was left out, and why. */
export interface SkippedCell {
  row: number;
  column: string;
  reason: string;
  /** True when the whole row was left out; false when only this value was. */
  dropped: boolean;
}

/** A row's cells by field; `header` names each field's column for messages. */
export interface RowRecord {
  row: number;
  values: Partial<Record<ImportField, string>>;
  header: (f: ImportField) => string;
}

// Latin text with a lone CJK character wedged into a word: UTF-8 read as GBK somewhere upstream turns each
// accented letter into one CJK character ("S茫o Paulo", "Kr眉ger", "Pouyann茅"). A Chinese word written after
// a Latin one ("IGBT模块", "PCB板") is not that: its characters come in runs, or follow a capital.
const MOJIBAKE = /[a-z][\u3400-\u9fff](?![\u3400-\u9fff])|(?<![\u3400-\u9fff])[\u3400-\u9fff][a-z]/;
const DAMAGED = /[\ufffd\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Reads a row through the map; damaged cells are left out and reported. */
export function rowRecord(raw: RawRow, map: ColumnMap, skipped: SkippedCell[]): RowRecord {
  const values: RowRecord["values"] = {};
  for (const [field, col] of Object.entries(map.columns) as Array<
    [ImportField, { index: number; header: string }]
  >) {
    const text = cellText(raw.cells[col.index] ?? "");
    if (text === "") continue;
    if (
      DAMAGED.test(text) ||
      (MOJIBAKE.test(text) && /^[\x20-\x7e\u00c0-\u024f\u3400-\u9fff]+$/.test(text) && latinShare(text) > 0.5)
    ) {
      skipped.push({
        row: raw.row,
        column: col.header,
        reason: `found ${JSON.stringify(text)}, which looks damaged by a wrong text encoding; the value was left out`,
        dropped: false,
      });
      continue;
    }
    values[field] = text;
  }
  return { row: raw.row, values, header: (f) => map.columns[f]?.header ?? f };
}

function latinShare(s: string): number {
  const letters = [...s].filter((c) => /[A-Za-z\u3400-\u9fff]/.test(c));
  return letters.filter((c) => /[A-Za-z]/.test(c)).length / Math.max(1, letters.length);
}
