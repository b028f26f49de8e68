// Chinese-aware keyword matching: texts are split into words (Intl.Segmenter) and keywords match whole words.

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
const wordCache = new Map<string, string[]>();

/** The word-like tokens of a text, lower-cased; Chinese is segmented into words, not bytes. */
export function segmentWords(text: string): string[] {
  const hit = wordCache.get(text);
  if (hit) return hit;
  const words: string[] = [];
  for (const s of segmenter.segment(text.normalize("NFKC").toLowerCase())) if (s.isWordLike) words.push(s.segment);
  if (wordCache.size > 200_000) wordCache.clear();
  wordCache.set(text, words);
  return words;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  /** Values of the keywords that end here. */
  values: number[];
}

/**
 * Finds keywords inside texts as runs of whole words: "硅片" matches "单晶硅片" (单|晶|硅|片) but "玻" does not
 * match "玻璃". Each keyword carries a number (e.g. a segment index).
 */
export class KeywordMatcher {
  private readonly root: TrieNode = { next: new Map(), values: [] };

  add(keyword: string, value: number): void {
    const words = segmentWords(keyword);
    if (words.length === 0) return;
    let node = this.root;
    for (const w of words) {
      let child = node.next.get(w);
      if (!child) {
        child = { next: new Map(), values: [] };
        node.next.set(w, child);
      }
      node = child;
    }
    if (!node.values.includes(value)) node.values.push(value);
  }

  /** Values of every keyword found in the text, each once. */
  match(text: string): number[] {
    const words = segmentWords(text);
    const found = new Set<number>();
    for (let i = 0; i < words.length; i++) {
      let node: TrieNode | undefined = this.root;
      for (let j = i; j < words.length && node; j++) {
        node = node.next.get(words[j]!);
        if (node) for (const v of node.values) found.add(v);
      }
    }
    return [...found];
  }
}
