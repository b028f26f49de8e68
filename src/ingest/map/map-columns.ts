// Finds the header row(s) of a table and which column holds which field; --map overrides win.
import { OptionError } from "../../errors.ts";
import type { RawRow } from "../read/raw-table.ts";
import { HEADER_ALIASES, headerKey, type ImportField } from "./import-field.ts";

export interface MappedColumn {
  index: number;
  /** The header as the file prints it (both rows of a merged header, joined by " / "). */
  header: string;
}

export interface ColumnMap {
  /** Row numbers of the header rows (two when a merged header cell groups the columns below it). */
  headerRows: number[];
  columns: Partial<Record<ImportField, MappedColumn>>;
  /** Headers that matched no field, so the user can --map them. */
  unmapped: string[];
}

/** How many leading rows to search for the header (titles and notes often sit above it). */
const SEARCH_ROWS = 12;

/** The field a header names: an exact alias, or (when `loose`) an alias the header starts or ends with. */
function fieldOf(header: string, fields: ReadonlyArray<ImportField>, loose = true): ImportField | undefined {
  const k = headerKey(header);
  if (k === "") return undefined;
  for (const f of fields) if (HEADER_ALIASES[f].includes(k)) return f;
  if (!loose) return undefined;
  for (const f of fields)
    if (HEADER_ALIASES[f].some((a) => a.length >= 2 && (k.startsWith(a) || k.endsWith(a)))) return f;
  return undefined;
}

function mapRow(cells: string[], fields: ReadonlyArray<ImportField>): Map<number, ImportField> {
  const out = new Map<number, ImportField>();
  const used = new Set<ImportField>();
  cells.forEach((c, i) => {
    const f = fieldOf(c, fields);
    if (f && !used.has(f)) {
      out.set(i, f);
      used.add(f);
    }
  });
  return out;
}

/**
 * Finds the header among the first rows: the first row naming the firm column and one more field. The row after
 * it continues the header when it repeats the name header (a cell merged downwards) and names further fields.
 */
export function mapColumns(
  rows: ReadonlyArray<RawRow>,
  fields: ReadonlyArray<ImportField>,
  overrides: ReadonlyArray<{ column: string; field: ImportField }>,
  nameField: ImportField,
): ColumnMap | undefined {
  const head = rows.slice(0, SEARCH_ROWS);
  for (let h = 0; h < head.length; h++) {
    const first = head[h]!;
    const found = mapRow(first.cells, fields);
    const overridden = overrides.some((o) => first.cells.some((c) => headerKey(c) === headerKey(o.column)));
    if (!([...found.values()].includes(nameField) && found.size >= 2) && !overridden) continue;
    const headerRows = [first.row];
    let labels = first.cells.slice();
    const next = head[h + 1];
    const nameAt = [...found].find(([, f]) => f === nameField)?.[0];
    if (next && nameAt !== undefined && (next.cells[nameAt] ?? "") === (first.cells[nameAt] ?? "")) {
      headerRows.push(next.row);
      const width = Math.max(first.cells.length, next.cells.length);
      labels = Array.from({ length: width }, (_, i) => {
        const a = first.cells[i] ?? "";
        const b = next.cells[i] ?? "";
        return a === b || b === "" ? a : a === "" ? b : `${a} / ${b}`;
      });
    }
    return buildMap(labels, headerRows, fields, overrides);
  }
  return undefined;
}

function buildMap(
  labels: string[],
  headerRows: number[],
  fields: ReadonlyArray<ImportField>,
  overrides: ReadonlyArray<{ column: string; field: ImportField }>,
): ColumnMap {
  const columns: ColumnMap["columns"] = {};
  const taken = new Set<number>();
  for (const o of overrides) {
    const i = /^\d+$/.test(o.column)
      ? Number(o.column) - 1
      : labels.findIndex(
          (l) =>
            headerKey(l) === headerKey(o.column) ||
            l.split(" / ").some((p) => headerKey(p) === headerKey(o.column)),
        );
    if (i < 0 || i >= labels.length)
      throw new OptionError(
        `--map ${o.column}=${o.field}: no column ${JSON.stringify(o.column)}; the headers are ${labels
          .filter(Boolean)
          .map((l) => JSON.stringify(l))
          .join(", ")}`,
      );
    columns[o.field] = { index: i, header: labels[i]! };
    taken.add(i);
  }
  // Exact headers first, so "Revenue" wins over an earlier "Revenue Change".
  for (const loose of [false, true])
    labels.forEach((label, i) => {
      if (taken.has(i) || label === "") return;
      // In a merged header the lower cell is the specific one ("经营情况 / 营业收入（万元）").
      const parts = label.split(" / ").reverse();
      const f = parts.map((p) => fieldOf(p, fields, loose)).find((x) => x !== undefined);
      if (f && columns[f] === undefined) {
        columns[f] = { index: i, header: label };
        taken.add(i);
      }
    });
  const unmapped = labels.filter((l, i) => l !== "" && !taken.has(i));
  return { headerRows, columns, unmapped };
}
