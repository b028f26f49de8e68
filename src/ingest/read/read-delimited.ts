// CSV and TSV, streamed: bytes → (decoder) → csv-parse → numbered rows; bounded memory whatever the file size.
import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import iconv from "iconv-lite";
import { ValidationError } from "../../errors.ts";
import { iconvName, type TextEncoding } from "./detect-encoding.ts";
import type { RawRow, RawTable } from "./raw-table.ts";

export interface DelimitedOptions {
  encoding: TextEncoding;
  delimiter: "," | "\t";
  /** Called with the bytes read so far, as the stream advances. */
  onBytes?: (bytes: number) => void;
}

/** Streams a delimited file as rows; a malformed quote names its line. */
export function readDelimited(file: string, opts: DelimitedOptions): RawTable {
  return {
    format: opts.delimiter === "\t" ? "tsv" : "csv",
    encoding: opts.encoding,
    rows: rowsOf(file, opts),
  };
}

async function* rowsOf(file: string, opts: DelimitedOptions): AsyncIterable<RawRow> {
  const bytes = createReadStream(file, { highWaterMark: 256 * 1024 });
  let read = 0;
  bytes.on("data", (chunk) => {
    read += chunk.length;
    opts.onBytes?.(read);
  });
  const text =
    opts.encoding === "utf-8" || opts.encoding === "utf-8-bom"
      ? bytes
      : bytes.pipe(iconv.decodeStream(iconvName(opts.encoding), { stripBOM: true }));
  const parser = text.pipe(
    parse({
      delimiter: opts.delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      info: true,
    }),
  );
  bytes.on("error", (e) => parser.destroy(e));
  try {
    // A quoted cell may span lines: the row is numbered by the line it starts on.
    let last = 0;
    for await (const rec of parser as AsyncIterable<{ info: { lines: number }; record: string[] }>) {
      yield { row: last + 1, cells: rec.record };
      last = rec.info.lines;
    }
  } catch (e) {
    const err = e as { code?: string; message: string; lines?: number };
    if (typeof err.code === "string" && err.code.startsWith("CSV_"))
      throw new ValidationError(
        [
          {
            file,
            line: err.lines,
            path: "",
            message: `${err.message}; expected well-formed CSV`,
            rule: "ingest-read",
          },
        ],
        file,
      );
    throw e;
  } finally {
    bytes.destroy();
  }
}
