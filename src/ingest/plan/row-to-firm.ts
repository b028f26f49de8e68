// A row's fields become a firm draft (names, code, place, list tag, revenue, head count, products, industry).
import type { Firm, ListTag, Region } from "../../model/index.ts";
import type { IngestOptions } from "../ingest-options.ts";
import { countryCode } from "../map/country-code.ts";
import { headerUnit, parseNumber } from "../map/parse-number.ts";
import type { RowRecord, SkippedCell } from "./row-record.ts";

/** A firm as one row describes it, without an id yet; every fact cites `sourceId`. */
export type FirmDraft = Omit<Firm, "id" | "segments" | "parent">;

export interface DraftContext {
  opts: IngestOptions;
  sourceId: string;
  regions: ReadonlyArray<Region>;
  /** The revenue unit when neither header nor cell states one (Fortune lists: millions of USD). */
  defaultUnit?: { scale: number; currency: "CNY" | "USD" } | undefined;
}

const HAN = /[\u3400-\u9fff]/;
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** The firm a row describes, or undefined when the row cannot make one (the reason is in `skipped`). */
export function rowToFirm(r: RowRecord, ctx: DraftContext, skipped: SkippedCell[]): FirmDraft | undefined {
  const { opts, sourceId } = ctx;
  const v = r.values;
  const skip = (field: Parameters<RowRecord["header"]>[0], reason: string, dropped = false) => {
    skipped.push({ row: r.row, column: r.header(field), reason, dropped });
  };
  const rawName = v.name ?? v.nameEn;
  if (!rawName) {
    skip("name", "no firm name in this row; expected the firm's name", true);
    return undefined;
  }
  const zhName = v.name && HAN.test(v.name) ? v.name : undefined;
  const enName = v.nameEn ?? (v.name && !HAN.test(v.name) ? v.name : undefined);
  const aliases = (v.aliases ?? "")
    .split(/[;；,，、/]/)
    .map((s) => s.trim())
    .filter(Boolean);
  const sources = [sourceId];

  let creditCode: string | undefined;
  if (v.creditCode) {
    const c = v.creditCode.normalize("NFKC").toUpperCase().replace(/\s/g, "");
    if (CREDIT_CODE.test(c)) creditCode = c;
    else
      skip(
        "creditCode",
        `found ${JSON.stringify(v.creditCode)}; expected an 18-character unified social credit code`,
      );
  }

  let region: string | undefined;
  if (v.region) {
    region = regionId(v.region, ctx.regions);
    if (!region)
      skip(
        "region",
        `found ${JSON.stringify(v.region)}, which is not a county, district or park of this city`,
      );
  }
  region ??= opts.region;
  if (opts.as === "local-firms" && !region) {
    skip(
      "region",
      "no county or district for this local firm; expected one of the city's regions (or --region)",
      true,
    );
    return undefined;
  }
  let country = region ? "CN" : undefined;
  if (!country && v.country) {
    country = countryCode(v.country);
    if (!country)
      skip("country", `found ${JSON.stringify(v.country)}; expected a country name or ISO alpha-2 code`);
  }
  country ??= opts.country ?? (zhName ? "CN" : undefined);
  if (!country) {
    skip("country", "no country for this firm; expected a country column or --country", true);
    return undefined;
  }

  const year = yearOf(r, opts, skip);
  const tags: ListTag[] = [];
  if (opts.list) {
    let rank: number | undefined;
    if (v.rank) {
      const n = parseNumber(v.rank);
      if (n instanceof Error || n === undefined || !Number.isInteger(n.value) || n.value < 1)
        skip(
          "rank",
          n instanceof Error ? n.message : `found ${JSON.stringify(v.rank)}; expected a whole rank ≥ 1`,
        );
      else rank = n.value;
    }
    tags.push({
      list: opts.list,
      ...(opts.year !== undefined || year !== undefined ? { year: opts.year ?? year } : {}),
      ...(opts.batch !== undefined ? { batch: opts.batch } : {}),
      ...(rank !== undefined ? { rank } : {}),
      sources,
    } as ListTag);
  }

  const draft: FirmDraft = {
    name: { zh: zhName ?? rawName, ...(enName ? { en: enName } : {}), aliases },
    ...(creditCode ? { creditCode } : {}),
    location: {
      country,
      ...(v.province ? { province: v.province } : {}),
      ...(v.city ? { city: v.city } : {}),
      ...(region ? { region } : {}),
      ...(v.address ? { address: v.address } : {}),
    },
    tags,
    products: (v.products ?? "")
      .split(/[;；,，、]/)
      .map((s) => s.trim())
      .filter(Boolean)
      .map((name) => ({ name, sources })),
    codes: [],
    ...(v.industry ? { industry: v.industry } : {}),
    sources,
  };
  if (v.industryCode) {
    const codes = v.industryCode
      .normalize("NFKC")
      .split(/[;；,，、\s]+/)
      .filter(Boolean);
    for (const c of codes)
      if (/^\d{4}$/.test(c)) draft.codes.push(c);
      else skip("industryCode", `found ${JSON.stringify(c)}; expected a four-digit GB/T 4754 class code`);
  }
  if (v.revenue) {
    const n = parseNumber(v.revenue);
    const unit = headerUnit(r.header("revenue")) ?? ctx.defaultUnit;
    if (n instanceof Error) skip("revenue", n.message);
    else if (n !== undefined) {
      // A unit in the cell (12.3亿) wins over the header's; 万/亿 without a currency are yuan.
      const scale = n.scale !== 1 ? n.scale : unit?.scale;
      const currency = n.currency ?? (n.scale !== 1 && !unit ? "CNY" : unit?.currency);
      if (!currency || scale === undefined)
        skip(
          "revenue",
          `found ${JSON.stringify(v.revenue)} without a unit; expected a header like 营业收入（万元） or Revenue ($M)`,
        );
      else if (year === undefined)
        skip("revenue", "no year for this revenue; expected a year column or --year");
      else draft.revenue = { amountMillions: round((n.value * scale) / 1e6), currency, year, sources };
    }
  }
  if (v.employees) {
    const n = parseNumber(v.employees);
    if (n instanceof Error) skip("employees", n.message);
    else if (n !== undefined) {
      if (year === undefined)
        skip("employees", "no year for this head count; expected a year column or --year");
      else draft.employees = { count: Math.round(n.value * n.scale), year, sources };
    }
  }
  return draft;
}

function yearOf(
  r: RowRecord,
  opts: IngestOptions,
  skip: (f: "year", reason: string) => void,
): number | undefined {
  if (!r.values.year) return opts.year;
  const y = Number(r.values.year.normalize("NFKC").replace(/年$/, ""));
  if (Number.isInteger(y) && y >= 1950 && y <= 2100) return y;
  skip("year", `found ${JSON.stringify(r.values.year)}; expected a year such as 2024`);
  return opts.year;
}

/** The region a cell names: by id, by name, or by name without its 区/县/市 suffix. */
export function regionId(text: string, regions: ReadonlyArray<Region>): string | undefined {
  const t = text.normalize("NFKC").trim();
  const bare = (s: string) => s.replace(/(经济技术开发区|开发区|区|县|市)$/, "");
  for (const r of regions)
    if (r.id === t.toLowerCase() || r.name.zh === t || r.name.en?.toLowerCase() === t.toLowerCase())
      return r.id;
  for (const r of regions) if (bare(r.name.zh) === bare(t) && bare(t).length >= 2) return r.id;
  return undefined;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
