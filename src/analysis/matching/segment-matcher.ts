// Matches list text (products, names) to segments: BM25 over each segment's bilingual vocabulary, graded evidence.
import type { EvidenceGrade, Segment } from "../../model/index.ts";
import { cached, cachedBy } from "../core/memo.ts";
import { type Bm25Hit, Bm25Index, type Field } from "./bm25-index.ts";
import type { MatchingResources } from "./matching-resources.ts";
import { normalizeText } from "./normalize-text.ts";
import { tokenize } from "./tokenize.ts";
import { KeywordMatcher } from "./word-match.ts";

export interface SegmentMatch {
  /** Index of the segment in the list the matcher was built on. */
  index: number;
  segment: string;
  /** BM25 score. */
  score: number;
  /** Shared words as the text wrote them (quoted in explanations). */
  words: string[];
  /** weak: one distinctive word or bigrams only; medium: two distinctive words or a specific phrase. Never strong. */
  grade: Exclude<EvidenceGrade, "strong">;
  /** In (0, 0.48]: grade score × 0.8 confidence × (0.5 + 0.5 × coverage of the text). */
  fit: number;
}

/** A word in at most this share of all segments is distinctive (光伏 is not, 压延 is). */
const DISTINCTIVE_SHARE = 0.1;
/** A phrase of a segment's vocabulary found whole in the text is specific when it belongs to at most this many chains. */
const SPECIFIC_PHRASE_CHAINS = 2;
const GRADE = { weak: 0.3, medium: 0.6 } as const;
/** A segment scoring below this share of the text's best segment is noise (a shared 光伏 bigram). */
const RELATIVE_FLOOR = 0.35;
/** Matches kept per text. */
const MAX_MATCHES = 8;
const CONFIDENCE = 0.8;

export class SegmentMatcher {
  private readonly index: Bm25Index;
  private readonly phrases = new KeywordMatcher();
  private readonly phraseSegments: number[][] = [];
  private readonly maxDf: number;

  constructor(
    readonly segments: ReadonlyArray<Segment>,
    res: MatchingResources,
  ) {
    const vocab = new Map(res.vocabulary.map((v) => [v.segment, v]));
    const phraseChains = new Map<string, Set<string>>();
    const phraseList: Array<[string, number]> = [];
    const docs = segments.map((s, i): Field[] => {
      const v = vocab.get(s.id);
      const own = [
        s.name.zh,
        ...(s.name.en ? [s.name.en] : []),
        ...s.keywords,
        ...(v?.zh ?? []),
        ...(v?.en ?? []),
      ];
      for (const p of own) {
        const k = normalizeText(p.trim());
        if ([...k].length < 2) continue;
        let set = phraseChains.get(k);
        if (!set) {
          set = new Set();
          phraseChains.set(k, set);
        }
        set.add(s.chain);
        phraseList.push([k, i]);
      }
      // One text per weight (fewer segmentations when a city has thousands of segments).
      const fields: Field[] = [
        { text: `${s.name.zh}；${s.name.en ?? ""}`, weight: 3 },
        { text: [...s.keywords, ...(v?.zh ?? []), ...(v?.en ?? [])].join("；"), weight: 2 },
      ];
      for (const c of s.codes) {
        const cls = res.classes.get(c);
        if (cls) fields.push({ text: cls.name, weight: 1 }, { text: cls.description, weight: 0.5 });
      }
      return fields;
    });
    this.index = new Bm25Index(docs);
    this.maxDf = Math.max(2, Math.floor(segments.length * DISTINCTIVE_SHARE));
    // Only specific phrases are kept: a phrase in segments of many chains says which industry, not which link.
    for (const [k, seg] of phraseList) {
      if ((phraseChains.get(k)?.size ?? 0) > SPECIFIC_PHRASE_CHAINS) continue;
      const id = this.phraseSegments.length;
      this.phraseSegments.push([seg]);
      this.phrases.add(k, id);
    }
  }

  /** True when a normalised word is in few enough segments to tell them apart. */
  isDistinctive(word: string): boolean {
    const df = this.index.documentFrequency(word);
    return df > 0 && df <= this.maxDf;
  }

  private readonly memo = new Map<string, SegmentMatch[]>();

  /**
   * Segments one of whose specific phrases (name, keyword or synonym of at most two chains) occurs whole in
   * the text, on word boundaries. Cheap (a trie walk; segmentation only on a hit): used for firm names.
   */
  matchPhrases(text: string): number[] {
    const out = new Set<number>();
    for (const id of this.phrases.match(text)) for (const s of this.phraseSegments[id]!) out.add(s);
    return [...out];
  }

  /**
   * Segments the text matches, best first, each with its shared words, grade and fit (memoised per text;
   * `memo: false` for a text seen once, such as one firm's name while a province's firms are indexed, which
   * would only fill the memo).
   */
  match(text: string, opts: { memo?: boolean } = {}): SegmentMatch[] {
    let hit = this.memo.get(text);
    if (!hit && opts.memo === false) return this.compute(text, false);
    if (!hit) {
      if (this.memo.size > 200_000) this.memo.clear();
      hit = this.compute(text);
      this.memo.set(text, hit);
    }
    return hit;
  }

  private compute(text: string, keep = true): SegmentMatch[] {
    if (text.trim() === "") return [];
    const phraseHits = new Set(this.matchPhrases(text));
    const tokens = tokenize(text, { keep });
    const surface = tokens.surface;
    const hits = this.index.search(tokens);
    const top = hits[0]?.score ?? 0;
    // Kept: near the best, and either sharing a whole word or covering half the text through bigrams.
    const kept = hits
      .filter(
        (h) =>
          h.score >= RELATIVE_FLOOR * top && ((h.words.length > 0 && h.coverage >= 0.2) || h.coverage >= 0.5),
      )
      .slice(0, MAX_MATCHES);
    return kept.map((h: Bm25Hit) => {
      const words = [...new Set(h.words)];
      // A word inside another shared word (电容 in 电容器) is not a second piece of evidence.
      const distinct = words.filter(
        (w) => this.isDistinctive(w) && !words.some((o) => o !== w && o.includes(w)),
      );
      const grade = distinct.length >= 2 || phraseHits.has(h.doc) ? "medium" : "weak";
      return {
        index: h.doc,
        segment: this.segments[h.doc]!.id,
        score: h.score,
        words: words.map((w) => surface.get(w) ?? w),
        grade,
        fit: GRADE[grade] * CONFIDENCE * (0.5 + 0.5 * h.coverage),
      };
    });
  }
}

const matchers = new WeakMap<MatchingResources, Map<string, SegmentMatcher>>();

/** One matcher per segment list and resources (keyed by the segments' ids, so a backtest's graphs share it). */
export function segmentMatcher(segments: ReadonlyArray<Segment>, res: MatchingResources): SegmentMatcher {
  const byKey = cached(matchers, res, () => new Map<string, SegmentMatcher>());
  const key = segments
    .map((s) => `${s.id}\t${s.name.zh}\t${s.name.en ?? ""}\t${s.keywords.join("|")}\t${s.codes.join("|")}`)
    .join("\n");
  return cachedBy(byKey, key, () => new SegmentMatcher(segments, res));
}
