// Firm search by words, not only substrings: 光伏玻璃 finds a firm whose product is 光伏压延玻璃.
import { type Dataset, type Firm, isLocalFirm } from "../../model/index.ts";
import { cached } from "../core/memo.ts";
import { type Bm25Hit, Bm25Index, Bm25QueryTally, type Field } from "./bm25-index.ts";
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

/** What the search reads of a firm: its names and its products, weighted alike. */
const firmFields = (f: Firm): Field[] => [
  { text: [f.name.zh, f.name.en ?? "", ...f.name.aliases].join("；"), weight: 2 },
  { text: f.products.map((p) => p.name).join("；"), weight: 2 },
];

/** The hits that hold every word of the query (or, for a query of no words, nearly all of it), as matches. */
function matches(
  hits: ReadonlyArray<Bm25Hit>,
  query: string,
  limit: number,
  firm: (doc: number) => Omit<FirmMatch, "score" | "words">,
): FirmMatch[] {
  const want = [...new Set(tokenize(query).words)];
  return hits
    .filter((h) => want.every((w) => h.words.includes(w)) && (want.length > 0 || h.coverage >= 0.99))
    .slice(0, limit)
    .map((h) => ({ ...firm(h.doc), score: h.score, words: [...new Set(h.words)] }));
}

const matched = (f: Firm): Omit<FirmMatch, "score" | "words"> => ({
  id: f.id,
  name: f.name,
  local: isLocalFirm(f),
  products: f.products.map((p) => p.name),
});

/**
 * Firms whose names, aliases or products share the query's words, best first. Every word of the query must be
 * found (as a word, or through its character bigrams for Chinese), so 光伏玻璃 needs both 光伏 and 玻璃.
 */
export function findFirmsByWords(ds: Dataset, query: string, limit = 20): FirmMatch[] {
  const firms = ds.firms;
  const index = cached(indexes, firms, () => new Bm25Index(firms.map(firmFields)));
  return matches(index.search(query), query, limit, (doc) => matched(firms[doc]!));
}

/**
 * The same over firms that come one at a time (as a store streams a province's): the same matches as
 * findFirmsByWords over the dataset of those firms in that order, holding only the firms sharing a query term.
 */
export async function findFirmsByWordsIn(
  firms: AsyncIterable<Firm>,
  query: string,
  limit = 20,
): Promise<FirmMatch[]> {
  const tally = new Bm25QueryTally(query);
  const held = new Map<number, Omit<FirmMatch, "score" | "words">>();
  for await (const f of firms) {
    const doc = tally.add(firmFields(f));
    if (tally.holds(doc)) held.set(doc, matched(f));
  }
  return matches(tally.hits(), query, limit, (doc) => held.get(doc)!);
}
