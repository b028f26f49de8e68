// Saved web pages via cheerio: the data tables (innermost tables of a layout), and a firm's profile as key/value pairs.
import * as cheerio from "cheerio";
import type { AnyNode, Element } from "domhandler";
import { cellText, type RawRow } from "./raw-table.ts";

/** A page with the parts that never hold data (scripts, styles, templates) removed. */
export function loadPage(html: string): cheerio.CheerioAPI {
  const $ = cheerio.load(html);
  $("script, style, noscript, template, iframe, svg").remove();
  return $;
}

/**
 * Every table with at least two rows, as a grid with colspan/rowspan expanded: innermost tables first (a layout
 * table holds the data in a nested one), then the outer ones (a data table may nest a small table in a cell).
 */
export function htmlTables($: cheerio.CheerioAPI): RawRow[][] {
  const inner: RawRow[][] = [];
  const outer: RawRow[][] = [];
  $("table").each((_, t) => {
    const grid = tableGrid($, t);
    if (grid.length >= 2) ($(t).find("table").length > 0 ? outer : inner).push(grid);
  });
  return [...inner, ...outer];
}

function tableGrid($: cheerio.CheerioAPI, table: Element): RawRow[] {
  const grid: string[][] = [];
  // A cell spanning rows reserves its place in the rows below.
  const pending: Array<{ col: number; left: number; text: string }> = [];
  $(table)
    .find("tr")
    .filter((_, tr) => $(tr).closest("table")[0] === table) // its own rows, not a nested table's
    .each((r, tr) => {
      const row: string[] = [];
      for (const p of pending) if (p.left > 0) row[p.col] = p.text;
      let col = 0;
      $(tr)
        .children("td, th")
        .each((_, cell) => {
          while (row[col] !== undefined) col++;
          const text = cellText($(cell).text());
          const colspan = Math.max(1, Number($(cell).attr("colspan") ?? 1) || 1);
          const rowspan = Math.max(1, Number($(cell).attr("rowspan") ?? 1) || 1);
          for (let k = 0; k < colspan; k++) {
            row[col + k] = text;
            if (rowspan > 1) pending.push({ col: col + k, left: rowspan, text });
          }
          col += colspan;
        });
      for (const p of pending) p.left--;
      for (let i = pending.length - 1; i >= 0; i--) if (pending[i]!.left <= 0) pending.splice(i, 1);
      grid[r] = Array.from(row, (v) => v ?? "");
    });
  return grid.filter((cells) => cells.some((c) => c !== "")).map((cells, i) => ({ row: i + 1, cells }));
}

const LABEL = /^([\p{Script=Han}A-Za-z ()（）/]{2,20})[:：]\s*(.+)$/u;

/**
 * A firm's profile page as two rows (labels, values): definition lists, two-column tables, "label：value"
 * lines, and the page's heading as the name when no label names it.
 */
export function profileRecord($: cheerio.CheerioAPI): RawRow[] {
  const pairs = new Map<string, string>();
  const put = (k: string, v: string) => {
    const key = cellText(k).replace(/[:：]$/, "");
    const value = cellText(v);
    if (key && value && !pairs.has(key)) pairs.set(key, value);
  };
  $("dt").each((_, dt) => {
    put($(dt).text(), $(dt).nextAll("dd").first().text());
  });
  $("tr").each((_, tr) => {
    const cells = $(tr).children("td, th");
    for (let i = 0; i + 1 < cells.length; i += 2) put($(cells[i]).text(), $(cells[i + 1]).text());
  });
  $("p, li, span, div").each((_, el) => {
    if ($(el).children("p, li, div, table, dl").length > 0) return;
    const m = LABEL.exec(cellText(textOf($, el)));
    if (m) put(m[1]!, m[2]!);
  });
  const heading =
    cellText($("h1").first().text()) || cellText($('meta[property="og:title"]').attr("content") ?? "");
  const title = cellText($("title").first().text()).split(/\s*[-|_–—]\s*/)[0] ?? "";
  if (heading || title) put("页面标题", heading || title);
  const description = $('meta[name="description"]').attr("content");
  if (description) put("页面描述", description);
  return [
    { row: 1, cells: [...pairs.keys()] },
    { row: 2, cells: [...pairs.values()] },
  ];
}

function textOf($: cheerio.CheerioAPI, el: AnyNode): string {
  return $(el).text();
}
