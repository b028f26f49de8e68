// A cell is left out as mis-encoded only when it looks like UTF-8 read as GBK, not when Chinese follows Latin.
import { describe, expect, it } from "vitest";
import type { ColumnMap } from "../../src/ingest/map/map-columns.ts";
import { rowRecord, type SkippedCell } from "../../src/ingest/plan/row-record.ts";

const map: ColumnMap = {
  headerRows: [1],
  columns: { products: { index: 0, header: "主营产品" } } as ColumnMap["columns"],
  unmapped: [],
};

function read(text: string): { value: string | undefined; skipped: SkippedCell[] } {
  const skipped: SkippedCell[] = [];
  const r = rowRecord({ row: 2, cells: [text] }, map, skipped);
  return { value: r.values.products, skipped };
}

describe("a row's cells", () => {
  it("keep product names that write Chinese after Latin letters", () => {
    for (const text of ["IGBT模块", "PCB板", "SiC MOSFET功率器件", "LED照明", "5G基站天线"]) {
      const r = read(text);
      expect(r.value, text).toBe(text);
      expect(r.skipped).toEqual([]);
    }
  });

  it("leave out Latin names damaged by a wrong encoding, saying why", () => {
    for (const text of ["Ola K盲llenius", "Patrick Pouyann茅", "D眉sseldorf, Germany", "S茫o Paulo"]) {
      const r = read(text);
      expect(r.value, text).toBeUndefined();
      expect(r.skipped).toEqual([expect.objectContaining({ row: 2, column: "主营产品", dropped: false })]);
    }
  });
});
