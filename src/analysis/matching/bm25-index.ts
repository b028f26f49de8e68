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
    const tfs = docs.map((fields) => {
      const tf = new Map<string, number>();
      for (const f of fields) for (const t of terms(f.text)) tf.set(t, (tf.get(t) ?? 0) + f.weight);
      return tf;
    });
    const lengths = tfs.map((tf) => [...tf.values()].reduce((a, b) => a + b, 0));
    const avg = lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length) || 1;
    tfs.forEach((tf, doc) => {
      const norm = K1 * (1 - B + (B * lengths[doc]!) / avg);
      for (const [t, f] of tf) {
        let list = this.postings.get(t);
        if (!list) {
          list = [];
          this.postings.set(t, list);
        }
        list.push([doc, (f * (K1 + 1)) / (f + norm)]);
      }
    });
    const n = this.size;
    for (const [t, list] of this.postings)
      this.idf.set(t, Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5)));
  }

  /** In how many documents a normalised word occurs. */
  documentFrequency(word: string): number {
    return this.postings.get(`w${word}`)?.length ?? 0;
  }

  /** Documents sharing any term with the text (or its tokens), best first. */
  search(text: string | Tokens): Bm25Hit[] {
    const terms = new Map<string, number>();
    for (const t of termsOf(text)) terms.set(t, (terms.get(t) ?? 0) + (t[0] === "b" ? BIGRAM_WEIGHT : 1));
    let mass = 0;
    const acc = new Map<number, { score: number; found: number; words: string[] }>();
    for (const [t, qw] of terms) {
      // A term no document has says nothing about which document: it neither helps nor dilutes (超白 in 超白光伏玻璃).
      const list = this.postings.get(t);
      // Very common terms ("SYNTHETIC", "有限公司" over firms) would touch every document for nothing.
      if (!list || list.length > this.common) continue;
      const idf = this.idf.get(t)!;
      mass += qw * idf;
      for (const [doc, w] of list) {
        let a = acc.get(doc);
        if (!a) {
          a = { score: 0, found: 0, words: [] };
          acc.set(doc, a);
        }
        a.score += qw * idf * w;
        a.found += qw * idf;
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
}
