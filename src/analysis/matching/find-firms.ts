// Firm search by words, not only substrings: 光伏玻璃 finds a firm whose product is 光伏压延玻璃.
import { type Dataset, type Firm, isLocalFirm } from "../../model/index.ts";
import { cached } from "../core/memo.ts";
import { Bm25Index } from "./bm25-index.ts";
import { tokenize } from "./tokenize.ts";

export interface FirmMatch {
  id: string;
  name: Firm["name"];
  local: boolean;
  products: string[];
  score: number;
  /** Words of the query found in the firm's names or products. */
  words: string[];
}

const indexes = new WeakMap<ReadonlyArray<Firm>, Bm25Index>();

/**
 * Firms whose names, aliases or products share the query's words, best first. Every word of the query must be
 * found (as a word, or through its character bigrams for Chinese), so 光伏玻璃 needs both 光伏 and 玻璃.
 */
export function findFirmsByWords(ds: Dataset, query: string, limit = 20): FirmMatch[] {
  const firms = ds.firms;
  const index = cached(
    indexes,
    firms,
    () =>
      new Bm25Index(
        firms.map((f) => [
          { text: [f.name.zh, f.name.en ?? "", ...f.name.aliases].join("；"), weight: 2 },
          { text: f.products.map((p) => p.name).join("；"), weight: 2 },
        ]),
      ),
  );
  const want = [...new Set(tokenize(query).words)];
  return index
    .search(query)
    .filter((h) => want.every((w) => h.words.includes(w)) && (want.length > 0 || h.coverage >= 0.99))
    .slice(0, limit)
    .map((h) => {
      const f = firms[h.doc]!;
      return {
        id: f.id,
        name: f.name,
        local: isLocalFirm(f),
        products: f.products.map((p) => p.name),
        score: h.score,
        words: [...new Set(h.words)],
      };
    });
}
