// Chinese-aware keyword matching: texts are split into words (Intl.Segmenter) and keywords must sit on word boundaries.

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
const boundaryCache = new Map<string, { text: string; bounds: Uint8Array }>();

const normalize = (text: string) => text.normalize("NFKC").toLowerCase();
const isLatin = (ch: string | undefined) => ch !== undefined && /[a-z0-9]/.test(ch);

/** The word-like tokens of a text, lower-cased; Chinese is segmented into words, not characters. */
export function segmentWords(text: string): string[] {
  const words: string[] = [];
  for (const s of segmenter.segment(normalize(text))) if (s.isWordLike) words.push(s.segment);
  return words;
}

/** The normalised text and, per UTF-16 offset, 1 where a word starts or ends. */
function wordBoundaries(raw: string): { text: string; bounds: Uint8Array } {
  const hit = boundaryCache.get(raw);
  if (hit) return hit;
  const text = normalize(raw);
  const bounds = new Uint8Array(text.length + 1);
  for (const s of segmenter.segment(text)) {
    bounds[s.index] = 1;
    bounds[s.index + s.segment.length] = 1;
  }
  if (boundaryCache.size > 200_000) boundaryCache.clear();
  const out = { text, bounds };
  boundaryCache.set(raw, out);
  return out;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  /** Values of the keywords that end here, and the keyword's length. */
  values: number[];
  depth: number;
}

/**
 * Finds keywords inside texts on word boundaries: "硅片" matches "单晶硅片" (单|晶|硅片) and "电池" matches
 * "电池片" (电池|片), but "玻" does not match "玻璃". Segmenters split some compounds against the keyword
 * (超白光伏玻璃 → 超|白光|伏|玻璃), so a keyword of three or more characters needs only one of its ends on a
 * boundary. Each keyword carries a number (e.g. a segment index).
 */
export class KeywordMatcher {
  private readonly root: TrieNode = { next: new Map(), values: [], depth: 0 };

  add(keyword: string, value: number): void {
    const k = normalize(keyword.trim());
    if (k.length === 0) return;
    let node = this.root;
    for (const ch of k) {
      let child = node.next.get(ch);
      if (!child) {
        child = { next: new Map(), values: [], depth: node.depth + ch.length };
        node.next.set(ch, child);
      }
      node = child;
    }
    if (!node.values.includes(value)) node.values.push(value);
  }

  /** Values of every keyword found in the text, each once. */
  match(raw: string): number[] {
    const text = normalize(raw);
    // Walk the trie first; segment the text only when some keyword occurs in it.
    const hits: Array<[start: number, end: number, node: TrieNode]> = [];
    for (let i = 0; i < text.length; i++) {
      let node: TrieNode | undefined = this.root;
      for (let j = i; j < text.length && node; j++) {
        node = node.next.get(text[j]!);
        if (node && node.values.length > 0) hits.push([i, j + 1, node]);
      }
    }
    if (hits.length === 0) return [];
    const { bounds } = wordBoundaries(raw);
    const found = new Set<number>();
    for (const [i, j, node] of hits) {
      // A Latin acronym never matches inside a longer Latin word: EMS is not in MEMS.
      if (isLatin(text[i - 1]) && isLatin(text[i])) continue;
      if (isLatin(text[j - 1]) && isLatin(text[j])) continue;
      const ends = bounds[i]! + bounds[j]!;
      if (ends === 2 || (ends === 1 && node.depth >= 3)) for (const v of node.values) found.add(v);
    }
    return [...found];
  }
}
