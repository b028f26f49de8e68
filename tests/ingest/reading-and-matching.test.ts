// The small pieces of an import: encodings, numbers as lists print them, headers, countries, folded names, matching.
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { countryCode } from "../../src/ingest/map/country-code.ts";
import { mapColumns } from "../../src/ingest/map/map-columns.ts";
import { headerUnit, parseNumber } from "../../src/ingest/map/parse-number.ts";
import { detectEncoding } from "../../src/ingest/read/detect-encoding.ts";
import { EntityIndex } from "../../src/ingest/resolve/resolve-entity.ts";
import { normaliseName } from "../../src/model/firm-name.ts";
import type { Firm } from "../../src/model/index.ts";

describe("encoding detection", () => {
  const text = "企业名称,所属区县\n嘉兴示例有限公司,南湖区\n";
  it("tells UTF-8, UTF-8 with BOM, GBK and UTF-16 apart", () => {
    expect(detectEncoding(Buffer.from(text))).toBe("utf-8");
    expect(detectEncoding(Buffer.from(`\ufeff${text}`))).toBe("utf-8-bom");
    expect(detectEncoding(iconv.encode(text, "gbk"))).toBe("gb18030");
    expect(detectEncoding(iconv.encode(text, "utf-16le", { addBOM: true }))).toBe("utf-16le");
    expect(detectEncoding(iconv.encode("Company,Country\nAcme,U.S.\n", "utf-16le"))).toBe("utf-16le");
    expect(detectEncoding(iconv.encode("Company,Country\n", "utf-16be"))).toBe("utf-16be");
  });
  it("does not take a UTF-8 character cut at the end of a sample for GBK", () => {
    expect(detectEncoding(Buffer.from(text).subarray(0, 4))).toBe("utf-8");
  });
});

describe("numbers as lists print them", () => {
  it("reads separators, currency signs, 万/亿, full-width digits and trailing spaces", () => {
    expect(parseNumber('"$514,405.00 "')).toEqual({ value: 514405, scale: 1, currency: "USD" });
    expect(parseNumber("2,100,000")).toEqual({ value: 2100000, scale: 1 });
    expect(parseNumber("１２３")).toEqual({ value: 123, scale: 1 });
    expect(parseNumber("1.25亿")).toEqual({ value: 1.25, scale: 1e8 });
    expect(parseNumber("¥3,000万元")).toEqual({ value: 3000, scale: 1e4, currency: "CNY" });
    expect(parseNumber("320人")).toEqual({ value: 320, scale: 1 });
    expect(parseNumber("-")).toBeUndefined();
    expect(parseNumber("about ten")).toBeInstanceOf(Error);
  });
  it("reads the unit a header states", () => {
    expect(headerUnit("营业收入（万元）")).toEqual({ scale: 1e4, currency: "CNY" });
    expect(headerUnit("营业收入(亿元)")).toEqual({ scale: 1e8, currency: "CNY" });
    expect(headerUnit("Revenues ($M)")).toEqual({ scale: 1e6, currency: "USD" });
    expect(headerUnit("Revenue")).toBeUndefined();
  });
});

describe("column mapping", () => {
  const fields = ["name", "creditCode", "region", "revenue", "employees", "rank", "products"] as const;
  it("finds a header below a title and joins a merged two-row header", () => {
    const rows = [
      { row: 1, cells: ["2024年名单", "2024年名单", "2024年名单", "2024年名单"] },
      { row: 2, cells: ["企业名称", "统一社会信用代码", "经营情况", "经营情况"] },
      { row: 3, cells: ["企业名称", "统一社会信用代码", "营业收入（万元）", "从业人员"] },
      { row: 4, cells: ["嘉兴示例有限公司", "", "100", "20"] },
    ];
    const m = mapColumns(rows, [...fields], [], "name")!;
    expect(m.headerRows).toEqual([2, 3]);
    expect(m.columns.revenue).toEqual({ index: 2, header: "经营情况 / 营业收入（万元）" });
    expect(m.columns.employees?.index).toBe(3);
  });
  it("prefers an exact header over an earlier one that starts with it, and lets --map override", () => {
    const rows = [
      { row: 1, cells: ["Rank Change", "Rank", "Company", "Revenue Change", "Revenues", "主打"] },
    ];
    const m = mapColumns(rows, [...fields], [{ column: "主打", field: "products" }], "name")!;
    expect([m.columns.rank?.index, m.columns.revenue?.index, m.columns.products?.index]).toEqual([1, 4, 5]);
    expect(() => mapColumns(rows, [...fields], [{ column: "Nope", field: "products" }], "name")).toThrow(
      /--map Nope=products: no column/,
    );
  });
});

describe("countries and names", () => {
  it("maps Fortune's country names to ISO codes", () => {
    expect(
      ["China", "U.S.", "South Korea", "Britain", "Taiwan", "Saudi Arabia", "中国", "Atlantis"].map(
        countryCode,
      ),
    ).toEqual(["CN", "US", "KR", "GB", "TW", "SA", "CN", undefined]);
  });
  it("folds width, traditional characters, legal forms, (中国) and region prefixes", () => {
    expect(normaliseName("浙江嘉兴桐昆集团股份有限公司")).toBe("桐昆");
    expect(normaliseName("華為投資控股有限公司")).toBe(normaliseName("华为投资控股有限公司"));
    expect(normaliseName("ＡＢＢ（中国）有限公司")).toBe("abb");
    expect(normaliseName("Toyota Motor Corp.")).toBe(normaliseName("TOYOTA MOTOR"));
    expect(normaliseName("Volkswagen AG")).toBe("volkswagen");
  });
});

describe("entity resolution", () => {
  const firm = (id: string, zh: string, en?: string, creditCode?: string, country = "CN"): Firm =>
    ({
      id,
      name: { zh, en, aliases: [] },
      creditCode,
      location: { country },
      tags: [],
      products: [],
      codes: [],
      segments: [],
      sources: [],
    }) as Firm;
  const index = new EntityIndex([
    firm("tongkun", "桐昆集团股份有限公司", "Tongkun Group", "91330000704206605X"),
    firm("toyota", "丰田汽车", "Toyota Motor", undefined, "JP"),
    firm("siemens", "西门子", "Siemens", undefined, "DE"),
  ]);
  it("matches by credit code first, whatever the name", () => {
    expect(index.resolve({ names: ["某某公司"], creditCode: "91330000704206605X" })).toEqual({
      kind: "match",
      id: "tongkun",
      by: "credit-code",
    });
  });
  it("merges a folded name confidently, but queues one with another credit code or country", () => {
    expect(index.resolve({ names: ["浙江桐昆股份有限公司"] })).toMatchObject({
      kind: "match",
      id: "tongkun",
      by: "normalised-name",
    });
    expect(index.resolve({ names: ["桐昆股份"], creditCode: "91330400MA2B3C4D5E" })).toMatchObject({
      kind: "uncertain",
      id: "tongkun",
    });
    expect(index.resolve({ names: ["Toyota Motor Corporation"], country: "US" })).toMatchObject({
      kind: "uncertain",
      id: "toyota",
    });
  });
  it("queues a name that begins with another firm's whole name, and leaves unrelated spellings alone", () => {
    expect(index.resolve({ names: ["Siemens Energy"] })).toMatchObject({ kind: "uncertain", id: "siemens" });
    expect(index.resolve({ names: ["Tata Motors"] })).toEqual({ kind: "new" });
  });
});
