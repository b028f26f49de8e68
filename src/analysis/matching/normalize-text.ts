// Text normalisation shared by every matcher: full/half width (NFKC), traditional → simplified, lower case.
import * as OpenCC from "opencc-js/t2cn";

// OpenCC's standard-traditional → mainland-simplified table (characters and common phrases), offline.
const toSimplified = OpenCC.Converter({ from: "t", to: "cn" });
const cache = new Map<string, string>();

/** "電動汽車ＭＬＣＣ" → "电动汽车mlcc". */
export function normalizeText(text: string): string {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const nfkc = text.normalize("NFKC");
  // Only Han text can hold traditional characters; skipping the converter elsewhere keeps English text cheap.
  const out = (/\p{Script=Han}/u.test(nfkc) ? toSimplified(nfkc) : nfkc).toLowerCase();
  if (cache.size > 100_000) cache.clear();
  cache.set(text, out);
  return out;
}
