// What every reader yields: numbered rows of cell text, before any mapping.
import type { TextEncoding } from "./detect-encoding.ts";

/** One row as the file shows it; `row` is the 1-based line or sheet row a user can find. */
export interface RawRow {
  row: number;
  cells: string[];
}

export type FileFormat = "xlsx" | "csv" | "tsv" | "html";

/** A table read from a file: rows may stream (a large CSV), the rest is known up front. */
export interface RawTable {
  format: FileFormat;
  /** For xlsx, utf-8: the format fixes the encoding of its XML parts. */
  encoding: TextEncoding;
  rows: AsyncIterable<RawRow>;
  /** Where the table was found inside the file (sheet name, table number), for messages. */
  where?: string;
}

/** Collapses whitespace (including full-width spaces and line breaks inside cells) to single spaces. */
export function cellText(s: string): string {
  return s.replace(/[\s\u3000\u00a0]+/g, " ").trim();
}

/** Wraps an array of rows as a stream of rows. */
export async function* fromArray(rows: ReadonlyArray<RawRow>): AsyncIterable<RawRow> {
  for (const r of rows) yield r;
}
