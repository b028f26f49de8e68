// What a file is, from its first bytes: an xlsx (a zip), HTML, CSV or TSV — or something no reader takes.
import { extname } from "node:path";
import iconv from "iconv-lite";
import { ValidationError } from "../../errors.ts";
import { detectEncoding, iconvName, type TextEncoding } from "./detect-encoding.ts";
import type { FileFormat } from "./raw-table.ts";

export interface Sniffed {
  format: FileFormat;
  encoding: TextEncoding;
}

const fail = (file: string, message: string) =>
  new ValidationError([{ file, path: "", message, rule: "ingest-read" }], file);

/** Decides the format from the content (the extension only breaks a tie between CSV and TSV). */
export function sniffFormat(file: string, head: Uint8Array, size: number): Sniffed {
  if (size === 0) throw fail(file, "the file is empty; expected a table with a header row");
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04)
    return { format: "xlsx", encoding: "utf-8" };
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0)
    throw fail(
      file,
      "this is an old binary Excel file (.xls); expected .xlsx — save it as .xlsx and import again",
    );
  const encoding = detectEncoding(head);
  const text = iconv.decode(Buffer.from(head), iconvName(encoding), { stripBOM: true });
  const controls = [...text.slice(0, 8192)].filter((c) => /[\u0000-\u0008\u000e-\u001f]/.test(c)).length;
  if (controls > 8 || /\ufffd{4}/.test(text.slice(0, 8192)))
    throw fail(file, "the file is binary, not a table; expected .xlsx, .csv, .tsv or a saved .html page");
  if (text.trim() === "")
    throw fail(file, "the file holds only blank space; expected a table with a header row");
  if (
    /^\s*(<!doctype html|<html|<table|<head|<body|<meta|<\?xml[^>]*>\s*<html)/i.test(text) ||
    /<table[\s>]/i.test(text.slice(0, 65536))
  )
    return { format: "html", encoding };
  const ext = extname(file).toLowerCase();
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const tabs = (firstLine.match(/\t/g) ?? []).length;
  const commas = (firstLine.match(/,/g) ?? []).length;
  const format: FileFormat =
    ext === ".tsv" || ext === ".tab" || (ext !== ".csv" && tabs > commas)
      ? "tsv"
      : tabs > commas && tabs > 0
        ? "tsv"
        : "csv";
  return { format, encoding };
}
