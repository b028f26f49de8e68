// BM25 over words and character bigrams: documents are weighted fields of text, queries are texts.
import { type Tokens, tokenize } from "./tokenize.ts";

export interface Field {
  text: string;
  /** How much a term in this field counts (a name more than a long class description). */
  weight: number;
}

/** A bigram counts this much of a word: it rescues recall, it should not outrank a shared word. */
const BIGRAM_WEIGHT = 0.35;
/** A term in more documents than this (and more than COMMON_SHARE of them) ranks nothing: it is skipped. */
const COMMON_MIN = 50;
const COMMON_SHARE = 0.2;
const K1 = 1.2;
const B = 0.75;

export interface Bm25Hit {
  doc: number;
  score: number;
  /** Shared whole words (normalised, Latin words stemmed). */
  words: string[];
  /** Share of the query's idf mass found in the document, in [0, 1]; terms no document has are left out. */
  coverage: number;
}

const termsOf = (text: string | Tokens) => {
  const t = typeof text === "string" ? tokenize(text) : text;
  return [...t.words.map((w) => `w${w}`), ...t.bigrams.map((b) => `b${b}`)];
};

/** A document's terms with their weighted counts, and its length (the sum of those counts, in term order). */
function termFrequencies(fields: ReadonlyArray<Field>, terms: (text: string) => string[]) {
  const tf = new Map<string, number>();
  for (const f of fields) for (const t of terms(f.text)) tf.set(t, (tf.get(t) ?? 0) + f.weight);
  return { tf, length: [...tf.values()].reduce((a, b) => a + b, 0) };
}

/** The query's terms with their weights (a bigram counts BIGRAM_WEIGHT of a word), in query order. */
function queryTerms(text: string | Tokens): Map<string, number> {
  const terms = new Map<string, number>();
  for (const t of termsOf(text)) terms.set(t, (terms.get(t) ?? 0) + (t[0] === "b" ? BIGRAM_WEIGHT : 1));
  return terms;
}

const idfOf = (n: number, df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));
const termWeight = (f: number, length: number, avg: number) =>
  (f * (K1 + 1)) / (f + K1 * (1 - B + (B * length) / avg));

/**
 * Scores documents as Bm25Index.search does: for each term in query order that some document has and not more
 * than `common` have, every document holding it (by number) gains query weight × idf × term weight.
 */
function scoreHits(
  terms: ReadonlyMap<string, number>,
  postings: (t: string) => ReadonlyArray<readonly [doc: number, weight: number]> | undefined,
  idf: (t: string) => number,
  common: number,
): Bm25Hit[] {
  let mass = 0;
  const acc = new Map<number, { score: number; found: number; words: string[] }>();
  for (const [t, qw] of terms) {
    // A term no document has says nothing about which document: it neither helps nor dilutes (超白 in 超白光伏玻璃).
    const list = postings(t);
    // Very common terms ("SYNTHETIC", "有限公司" over firms) would touch every document for nothing.
    if (!list || list.length === 0 || list.length > common) continue;
    const w0 = qw * idf(t);
    mass += w0;
    for (const [doc, w] of list) {
      let a = acc.get(doc);
      if (!a) {
        a = { score: 0, found: 0, words: [] };
        acc.set(doc, a);
      }
      a.score += w0 * w;
      a.found += w0;
      if (t[0] === "w") a.words.push(t.slice(1));
    }
  }
  const hits: Bm25Hit[] = [];
  for (const [doc, a] of acc)
    hits.push({
      doc,
      score: a.score,
      words: a.words,
      coverage: mass > 0 ? Math.min(1, a.found / mass) : 0,
    });
  return hits.sort((x, y) => y.score - x.score || x.doc - y.doc);
}

/** An inverted index with BM25 term weights folded in; built once, queried many times. */
export class Bm25Index {
  private readonly postings = new Map<string, Array<[doc: number, weight: number]>>();
  private readonly idf = new Map<string, number>();
  private readonly common: number;
  readonly size: number;

  constructor(docs: ReadonlyArray<ReadonlyArray<Field>>) {
    this.size = docs.length;
    this.common = Math.max(COMMON_MIN, COMMON_SHARE * docs.length);
    // Documents share texts (segments with one industry class share its description): each is segmented once.
    const seen = new Map<string, string[]>();
    const terms = (text: string) => {
      let t = seen.get(text);
      if (!t) {
        t = termsOf(text);
        seen.set(text, t);
      }
      return t;
    };
    const tfs = docs.map((fields) => termFrequencies(fields, terms));
    const avg = tfs.reduce((a, d) => a + d.length, 0) / Math.max(1, tfs.length) || 1;
    tfs.forEach(({ tf, length }, doc) => {
      for (const [t, f] of tf) {
        let list = this.postings.get(t);
        if (!list) {
          list = [];
          this.postings.set(t, list);
        }
        list.push([doc, termWeight(f, length, avg)]);
      }
    });
    for (const [t, list] of this.postings) this.idf.set(t, idfOf(this.size, list.length));
  }

  /** In how many documents a normalised word occurs. */
  documentFrequency(word: string): number {
    return this.postings.get(`w${word}`)?.length ?? 0;
  }

  /** Documents sharing any term with the text (or its tokens), best first. */
  search(text: string | Tokens): Bm25Hit[] {
    return scoreHits(
      queryTerms(text),
      (t) => this.postings.get(t),
      (t) => this.idf.get(t)!,
      this.common,
    );
  }
}

/**
 * One query over documents that come one at a time (a province's firms as a store streams them): the same hits as
 * `new Bm25Index(docs).search(query)`, holding only the documents that share a term with the query (their number,
 * length and counts of those terms), not the index.
 */
export class Bm25QueryTally {
  private readonly terms: Map<string, number>;
  private readonly counts = new Map<string, Array<[doc: number, f: number]>>();
  private readonly lengths = new Map<number, number>();
  private readonly seen = new Map<string, string[]>();
  private total = 0;
  private docs = 0;

  constructor(query: string | Tokens) {
    this.terms = queryTerms(query);
  }

  /** The next document; returns its number (0, 1, …), as hits name it. */
  add(fields: ReadonlyArray<Field>): number {
    const doc = this.docs++;
    const { tf, length } = termFrequencies(fields, (text) => {
      // Firms share texts (one product across many): the first few thousand are segmented once (a name, unique,
      // would only fill the cache).
      let t = this.seen.get(text);
      if (!t) {
        t = termsOf(text);
        if (this.seen.size < 20_000) this.seen.set(text, t);
      }
      return t;
    });
    this.total += length;
    for (const t of this.terms.keys()) {
      const f = tf.get(t);
      if (f === undefined) continue;
      let list = this.counts.get(t);
      if (!list) {
        list = [];
        this.counts.set(t, list);
      }
      list.push([doc, f]);
      this.lengths.set(doc, length);
    }
    return doc;
  }

  /** Whether the document shares a term with the query (only such a document can be a hit). */
  holds(doc: number): boolean {
    return this.lengths.has(doc);
  }

  hits(): Bm25Hit[] {
    const n = this.docs;
    const avg = this.total / Math.max(1, n) || 1;
    const postings = new Map<string, Array<[number, number]>>();
    for (const [t, list] of this.counts)
      postings.set(
        t,
        list.map(([doc, f]) => [doc, termWeight(f, this.lengths.get(doc)!, avg)]),
      );
    return scoreHits(
      this.terms,
      (t) => postings.get(t),
      (t) => idfOf(n, postings.get(t)!.length),
      Math.max(COMMON_MIN, COMMON_SHARE * n),
    );
  }
}
