// Firm names folded for matching: width, traditional→simplified, case; legal forms, (中国) and region prefixes dropped;
// the keys a firm is matched by, and how close two folded names are.
import * as OpenCC from "opencc-js/t2cn";

const toSimplified = OpenCC.Converter({ from: "t", to: "cn" });

/** Legal-form words at the end of a Chinese name, longest first. */
const ZH_SUFFIXES = [
  "股份有限公司",
  "有限责任公司",
  "集团有限公司",
  "控股有限公司",
  "有限公司",
  "集团股份",
  "控股集团",
  "集团公司",
  "股份公司",
  "总公司",
  "分公司",
  "公司",
  "集团",
  "控股",
  "股份",
  "厂",
];

/** Provinces and big cities that prefix names ("浙江", "嘉兴市"), dropped only when a name remains. */
const ZH_REGIONS = [
  "北京",
  "天津",
  "上海",
  "重庆",
  "河北",
  "山西",
  "辽宁",
  "吉林",
  "黑龙江",
  "江苏",
  "浙江",
  "安徽",
  "福建",
  "江西",
  "山东",
  "河南",
  "湖北",
  "湖南",
  "广东",
  "海南",
  "四川",
  "贵州",
  "云南",
  "陕西",
  "甘肃",
  "青海",
  "台湾",
  "内蒙古",
  "广西",
  "西藏",
  "宁夏",
  "新疆",
  "香港",
  "澳门",
  "深圳",
  "广州",
  "杭州",
  "宁波",
  "苏州",
  "嘉兴",
  "南京",
  "海宁",
  "桐乡",
  "平湖",
  "嘉善",
  "海盐",
  "南湖",
  "秀洲",
];

const EN_SUFFIXES =
  /\b(co|corp|corporation|company|inc|incorporated|ltd|limited|llc|plc|ag|se|sa|nv|bv|spa|gmbh|kgaa|kg|ab|asa|as|oyj|group|holdings?|holding|the)\b/g;

/** A name folded to what identifies the firm: "浙江嘉兴桐昆集团股份有限公司" → "桐昆". */
export function normaliseName(name: string): string {
  let s = toSimplified(name.normalize("NFKC")).toLowerCase();
  s = s.replace(/[(（[【]\s*(中国|china|集团|控股|上海|香港|hong kong)\s*[)）\]】]/g, "");
  if (/[\u4e00-\u9fff]/.test(s)) return foldChinese(s);
  return s
    .replace(/&/g, " and ")
    .replace(/[.,'’"()]/g, " ")
    .replace(EN_SUFFIXES, " ")
    .replace(/[^a-z0-9\u00c0-\u024f]+/g, "")
    .trim();
}

function foldChinese(input: string): string {
  let s = input.replace(/[\s·•.,，、()（）\-—_'"“”]/g, "");
  for (let changed = true; changed; ) {
    changed = false;
    for (const suf of ZH_SUFFIXES)
      if (s.endsWith(suf) && s.length - suf.length >= 2) {
        s = s.slice(0, -suf.length);
        changed = true;
      }
    for (const r of ZH_REGIONS) {
      const m = new RegExp(`^${r}(省|市|自治区|特别行政区|县|区)?`).exec(s);
      if (m && s.length - m[0].length >= 2) {
        s = s.slice(m[0].length);
        changed = true;
      }
    }
  }
  return s;
}

/**
 * What a store's name search (a substring of names and aliases) is asked for to find every firm whose name could
 * fold to the same key as this one: the name, its folded key, and each word of it (folded too) — a folded key
 * drops the spaces and dots that split a name as stored ("Cisco Systems Inc" → "ciscosystems").
 */
export function nameSearchTerms(name: string): string[] {
  const s = toSimplified(name.normalize("NFKC")).toLowerCase();
  const words = s
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w: string) => w !== "" && !new RegExp(`^(?:${EN_SUFFIXES.source})$`).test(w));
  const terms = new Set([name.trim(), s.trim(), normaliseName(name)]);
  for (const w of words) for (const t of [w, foldChinese(w)]) if ([...t].length >= 2) terms.add(t);
  return [...terms].filter((t) => t !== "");
}

/** Character bigrams of a folded name, for a similarity score between names that do not fold to the same key. */
export function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  const chars = [...s];
  if (chars.length === 1) out.add(s);
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

/** Dice similarity of two folded names, 0 … 1. */
export function nameSimilarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return (2 * common) / (x.size + y.size);
}

/** The names a firm is matched by, as given (trimmed) and folded: each name and alias, and each without a bracketed part. */
export function firmMatchNames(f: {
  name: { zh: string; en?: string | undefined; aliases: ReadonlyArray<string> };
}): { exact: string[]; keys: string[] } {
  const names = [f.name.zh, f.name.en, ...f.name.aliases].filter((n): n is string => !!n);
  // A bracketed part ("Inditex (Zara)", "… Group (GAC)") is often a brand or abbreviation: both forms count.
  const all = [...names, ...names.map(unbracketed).filter((n) => n !== "")];
  const exact = [...new Set(all.map((n) => n.trim()))];
  const keys = [...new Set(all.map(normaliseName).filter((k) => k !== ""))];
  return { exact, keys };
}

function unbracketed(n: string): string {
  const s = n.replace(/\s*[(（][^)）]*[)）]\s*/g, " ").trim();
  return s === n.trim() ? "" : s;
}

/** Folded names at least this close are worth a person's look (an import queues the row for review). */
export const CLOSE_AT = 0.75;

/**
 * How close two folded names are, 0 … 1. Chinese: bigrams, and a name that begins or ends with the other's whole
 * name counts as close. Latin: near-identical spellings only (Tencent and Centene share bigrams, not a firm), or
 * one name that begins with the other's whole name ("Toyota" and "Toyota Motor").
 */
export function nameCloseness(a: string, b: string): number {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (/[\u4e00-\u9fff]/.test(a) && /[\u4e00-\u9fff]/.test(b)) {
    if (
      short.length >= 2 &&
      (long.startsWith(short) || long.endsWith(short)) &&
      short.length / long.length >= 0.5
    )
      return Math.max(0.8, nameSimilarity(a, b));
    return nameSimilarity(a, b);
  }
  if (short.length >= 4 && long.startsWith(short) && short.length / long.length >= 0.5) return 0.8;
  const s = nameSimilarity(a, b);
  return s >= 0.9 ? s : 0;
}

/**
 * What finds every folded key at least CLOSE_AT close to `k` in an index of keys and of their bigrams, without
 * scanning it: a close key either is one of `parts` (the beginnings and ends of `k` a key contained in it must
 * be), or shares at least `need` of `grams` with it — so it holds one of any `grams.length - need + 1` of them (a
 * store asks for the rarest). Dice ≥ 0.75 over sets needs 3/5 of k's bigrams shared; a key that begins or ends
 * with the whole of `k` shares all of them.
 */
export function closeSearch(k: string): { grams: string[]; need: number; parts: string[] } {
  const grams = [...bigrams(k)];
  const need = Math.max(1, Math.ceil((3 * grams.length) / 5));
  const parts = new Set<string>();
  const min = Math.max(2, Math.ceil(k.length / 2));
  for (let n = min; n <= k.length; n++) {
    parts.add(k.slice(0, n));
    parts.add(k.slice(k.length - n));
  }
  return { grams, need, parts: [...parts] };
}
