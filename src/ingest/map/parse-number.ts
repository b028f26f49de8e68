// Numbers as lists print them: thousands separators, currency signs, 万/亿 units, full-width digits, trailing spaces.

/** A parsed figure: its value, a multiplier word found in the cell (万, 亿, 千, M, B) and a currency sign. */
export interface ParsedNumber {
  value: number;
  scale: number;
  currency?: "CNY" | "USD";
}

const SCALE: Record<string, number> = {
  千: 1e3,
  万: 1e4,
  亿: 1e8,
  百万: 1e6,
  千万: 1e7,
  k: 1e3,
  m: 1e6,
  mn: 1e6,
  b: 1e9,
  bn: 1e9,
};

/** Parses a numeric cell; undefined for a blank or a dash; an Error for text that is not a number. */
export function parseNumber(raw: string): ParsedNumber | undefined | Error {
  let s = raw.normalize("NFKC").trim().replace(/^"|"$/g, "").trim();
  if (s === "" || /^[-–—/]+$/.test(s) || /^(n\/?a|null|none|无|暂无)$/i.test(s)) return undefined;
  let currency: ParsedNumber["currency"];
  if (/^(us)?\$|usd|美元/i.test(s)) currency = "USD";
  else if (/^[¥￥]|rmb|cny|人民币|元/i.test(s)) currency = "CNY";
  s = s
    .replace(/(us)?\$|usd|rmb|cny|人民币|美元|[¥￥]/gi, "")
    .replace(/元$/, "")
    .trim();
  const m = /^([+-]?[\d,，\s]*\.?\d+)\s*(千万|百万|千|万|亿|k|mn|m|bn|b)?\s*(人|名|家)?$/i.exec(s);
  if (!m)
    return new Error(`found ${JSON.stringify(raw.trim())}; expected a number such as 1,234.5 or 12.3亿`);
  const digits = m[1]!.replace(/[,，\s]/g, "");
  const value = Number(digits);
  if (!Number.isFinite(value)) return new Error(`found ${JSON.stringify(raw.trim())}; expected a number`);
  const scale = m[2] ? SCALE[m[2].toLowerCase()]! : 1;
  return currency ? { value, scale, currency } : { value, scale };
}

/** The unit a header states, e.g. 营业收入（万元） or Revenues ($M): a multiplier and a currency. */
export function headerUnit(header: string): { scale: number; currency?: "CNY" | "USD" } | undefined {
  const h = header.normalize("NFKC").toLowerCase();
  if (/亿美元/.test(h)) return { scale: 1e8, currency: "USD" };
  if (/万美元/.test(h)) return { scale: 1e4, currency: "USD" };
  if (/百万美元|\$\s*m|m\s*usd|usd\s*m|\$\s*millions?|millions?/.test(h))
    return { scale: 1e6, currency: "USD" };
  if (/亿元|亿人民币/.test(h)) return { scale: 1e8, currency: "CNY" };
  if (/万元/.test(h)) return { scale: 1e4, currency: "CNY" };
  if (/百万元/.test(h)) return { scale: 1e6, currency: "CNY" };
  if (/[(（]\s*元\s*[)）]/.test(h)) return { scale: 1, currency: "CNY" };
  return undefined;
}
