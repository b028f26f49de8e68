// Step one of an import: the file read, its table found and mapped, every row turned into a firm draft (or skipped).
import { open, readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import { NotFoundError, ValidationError } from "../errors.ts";
import type { Region, Source } from "../model/index.ts";
import type { IngestOptions } from "./ingest-options.ts";
import { KIND_FIELDS } from "./kind-fields.ts";
import { type ColumnMap, mapColumns } from "./map/map-columns.ts";
import { fileDigest, importSource } from "./plan/import-source.ts";
import type { DraftRow } from "./plan/make-plan.ts";
import { rowRecord, type SkippedCell } from "./plan/row-record.ts";
import { rowToFirm } from "./plan/row-to-firm.ts";
import { surveyRow } from "./plan/survey-row.ts";
import { countLines } from "./read/count-lines.ts";
import { decodeText, type TextEncoding } from "./read/detect-encoding.ts";
import { type FileFormat, fromArray, type RawRow } from "./read/raw-table.ts";
import { readDelimited } from "./read/read-delimited.ts";
import { htmlTables, loadPage, profileRecord } from "./read/read-html.ts";
import { readXlsx } from "./read/read-xlsx.ts";
import { sniffFormat } from "./read/sniff-format.ts";
import type { EntityIndex } from "./resolve/resolve-entity.ts";

export interface ReadRows {
  file: string;
  format: FileFormat;
  encoding: TextEncoding;
  source: Source;
  rows: DraftRow[];
  skipped: SkippedCell[];
  /** Rows of other years than --year (a multi-year list), counted, not imported. */
  otherYears: number;
  columns: ColumnMap["columns"];
}

/** What reading rows needs of the store. */
export interface RowContext {
  regions: ReadonlyArray<Region>;
  /** A stored source by id (--source). */
  source(id: string): Promise<Source | undefined>;
  /** An index holding every firm a supply survey's customers (these names) could be. */
  customers(names: ReadonlyArray<string>): Promise<EntityIndex>;
}

export interface ReadHooks {
  /** Bytes read of the file's size, as a large file streams. */
  onProgress?: (read: number, size: number) => void;
}

/** Workbooks and pages larger than this are refused: their readers hold the whole file (and more) in memory. */
const WHOLE_FILE_LIMIT = 32 * 1024 * 1024;

const fail = (file: string, message: string, line?: number) =>
  new ValidationError([{ file, ...(line ? { line } : {}), path: "", message, rule: "ingest-read" }], file);

/** Reads a file into firm drafts; throws a ValidationError naming the file when it cannot be imported at all. */
export async function readRows(
  file: string,
  opts: IngestOptions,
  store: RowContext,
  hooks: ReadHooks = {},
): Promise<ReadRows> {
  const size = await stat(file).then(
    (s) => s.size,
    () => {
      throw new NotFoundError(`no file ${file}`);
    },
  );
  const head = new Uint8Array(65536);
  const fh = await open(file, "r");
  const { bytesRead } = await fh.read(head, 0, head.length, 0).finally(() => fh.close());
  const sniffed = sniffFormat(file, head.subarray(0, bytesRead), size);
  const { fields, nameField } = KIND_FIELDS[opts.as];
  if (opts.as === "firm-page" && sniffed.format !== "html")
    throw fail(file, `--as firm-page reads a saved web page; this file is ${sniffed.format}`);

  // Workbooks and pages are read whole; delimited text streams.
  if ((sniffed.format === "xlsx" || sniffed.format === "html") && size > WHOLE_FILE_LIMIT)
    throw fail(
      file,
      `the ${sniffed.format} file is ${(size / 1048576).toFixed(0)} MB, more than the ${WHOLE_FILE_LIMIT / 1048576} MB read whole; save the table as CSV, which streams`,
    );
  let tables: AsyncIterable<RawRow>[];
  let encoding = sniffed.encoding;
  let bytes: Uint8Array | undefined;
  if (sniffed.format === "xlsx") {
    bytes = await readFile(file);
    tables = [(await readXlsx(file, bytes)).rows];
  } else if (sniffed.format === "html") {
    bytes = await readFile(file);
    const decoded = decodeText(bytes);
    encoding = decoded.encoding;
    const $ = loadPage(decoded.text);
    tables = opts.as === "firm-page" ? [fromArray(profileRecord($))] : htmlTables($).map(fromArray);
    if (tables.length === 0)
      throw fail(
        file,
        "the page has no table with rows; expected a list as an HTML table (or --as firm-page)",
      );
  } else {
    tables = [
      readDelimited(file, {
        encoding: sniffed.encoding as TextEncoding,
        delimiter: sniffed.format === "tsv" ? "\t" : ",",
        onBytes: (n) => hooks.onProgress?.(n, size),
      }).rows,
    ];
  }

  // The table to import: the first one whose header names the firm (a page may hold layout and note tables too).
  let chosen: { map: ColumnMap; rest: AsyncIterator<RawRow>; first: RawRow[] } | undefined;
  let headers: string[] = [];
  for (const t of tables) {
    const it = t[Symbol.asyncIterator]();
    const first: RawRow[] = [];
    while (first.length < 12) {
      const n = await it.next();
      if (n.done) break;
      if (n.value.cells.some((c) => c.trim() !== "")) first.push(n.value);
    }
    // A profile page without a 企业名称 label is named by its heading.
    const cells = first[0]?.cells ?? [];
    const titled =
      opts.as === "firm-page" &&
      !cells.some((c) => /企业名称|公司名称/.test(c)) &&
      cells.includes("页面标题");
    const overrides = titled ? [...opts.map, { column: "页面标题", field: "name" as const }] : opts.map;
    const map = first.length > 0 ? mapColumns(first, fields, overrides, nameField) : undefined;
    if (map?.columns[nameField]) {
      chosen = { map, rest: it, first };
      break;
    }
    headers = headers.concat(first[0]?.cells.filter(Boolean) ?? []);
    await it.return?.();
  }
  if (!chosen) {
    if (headers.length === 0) throw fail(file, "the file has no rows; expected a table with a header row");
    throw fail(
      file,
      `no column names the ${nameField === "supplier" ? "supplier" : "firm"} (found headers ${headers
        .slice(0, 12)
        .map((h) => JSON.stringify(h))
        .join(
          ", ",
        )}); expected 企业名称/Company — is this the right --as, or map one with --map 'header=${nameField}'`,
    );
  }

  const source =
    opts.source !== undefined
      ? await citedSource(file, opts.source, store)
      : importSource(file, await fileDigest(file), opts, `${sniffed.format}, ${encoding}`);
  const rows: DraftRow[] = [];
  const skipped: SkippedCell[] = [];
  let otherYears = 0;
  let dataRows = 0;
  const { map } = chosen;
  const headerRows = new Set(map.headerRows);
  const firstHeader = Math.min(...map.headerRows);
  const ctx = {
    opts,
    sourceId: source.id,
    regions: store.regions,
    defaultUnit: opts.list?.startsWith("fortune") ? { scale: 1e6, currency: "USD" as const } : undefined,
  };
  // A survey's rows wait for the index of the firms their customers could be (read once the file is read).
  const survey = opts.as === "supply-survey";
  const waiting: RawRow[] = [];
  let customers: EntityIndex | undefined;
  const handle = (raw: RawRow) => {
    // Rows above the header are the sheet's title and notes, not data.
    if (raw.row <= firstHeader || headerRows.has(raw.row) || raw.cells.every((c) => c.trim() === "")) return;
    dataRows++;
    if (dataRows > opts.maxRows) return;
    if (survey && !customers) waiting.push(raw);
    else take(raw);
  };
  const take = (raw: RawRow) => {
    const rec = rowRecord(raw, map, skipped);
    if (opts.year !== undefined && rec.values.year !== undefined && Number(rec.values.year) !== opts.year) {
      otherYears++;
      return;
    }
    if (Object.keys(rec.values).length === 0) {
      skipped.push({
        row: raw.row,
        column: "-",
        reason: "the row has no readable value in any mapped column",
        dropped: true,
      });
      return;
    }
    if (survey) {
      surveyRow(rec, ctx, customers!, skipped, rows);
      return;
    }
    const draft = rowToFirm(rec, ctx, skipped);
    if (draft) rows.push({ row: raw.row, draft });
  };
  for (const r of chosen.first) handle(r);
  for (let n = await chosen.rest.next(); !n.done; n = await chosen.rest.next()) {
    handle(n.value);
    if (dataRows > opts.maxRows) break;
  }
  if (dataRows > opts.maxRows) {
    await chosen.rest.return?.();
    // Past the limit the rest is only counted, by line breaks, so memory stays bounded whatever the size.
    const lines =
      sniffed.format === "csv" || sniffed.format === "tsv"
        ? await countLines(file, encoding, (n) => hooks.onProgress?.(n, size))
        : undefined;
    throw fail(
      file,
      `the file has ${lines ? `about ${lines.toLocaleString("en")} lines` : `more than ${opts.maxRows.toLocaleString("en")} data rows`}, more than the ${opts.maxRows.toLocaleString("en")} data rows one import takes; split it, or raise --max-rows`,
    );
  }
  if (dataRows === 0) throw fail(file, "the table has a header but no data rows");
  if (waiting.length > 0) {
    const named = waiting.map((raw) => rowRecord(raw, map, []).values.customer).filter((c) => !!c);
    customers = await store.customers(named as string[]);
    for (const raw of waiting) take(raw);
  }
  return { file, format: sniffed.format, encoding, source, rows, skipped, otherYears, columns: map.columns };
}

async function citedSource(file: string, id: string, store: RowContext): Promise<Source> {
  const s = await store.source(id);
  if (!s)
    throw new NotFoundError(`--source ${id}: no such source in the store (importing ${basename(file)})`);
  return s;
}
