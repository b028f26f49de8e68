// Tokens of product text in both languages: jieba words and character bigrams for Chinese, stems for Latin words.
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import { stemmer } from "stemmer";
import { normalizeText } from "./normalize-text.ts";

let jieba: Jieba | undefined;
const han = /\p{Script=Han}/u;
const hanRun = /\p{Script=Han}+/gu;
const latinWord = /[a-z0-9]+(?:[./-][a-z0-9]+)*/g;

/** English words that say nothing about a product. */
const STOP = new Set(
  "a an and the of for in on with to by or from as at its their other others etc incl including products product parts part related based type types use used using made making manufacturing manufacture production services service equipment systems system".split(
    " ",
  ),
);
/** Chinese words as common in product lists as "and" (the list prints them everywhere). */
const STOP_ZH = new Set([
  "产品",
  "制造",
  "生产",
  "系列",
  "以及",
  "及其",
  "相关",
  "其他",
  "用于",
  "包括",
  "等等",
  "业务",
  "服务",
]);

export interface Tokens {
  /** Whole words: jieba words of two or more Han characters, and stemmed Latin words. */
  words: string[];
  /** Character bigrams of every Han run (recall where segmentation differs). */
  bigrams: string[];
  /** The text as written for each stemmed word (for quoting: "transceiv" → "transceivers"). */
  surface: Map<string, string>;
}

const cache = new Map<string, Tokens>();

/**
 * The words and bigrams of a text, after normalisation; repeated words are kept (term frequency). Cached per
 * text, unless `keep: false` (a text seen once).
 */
export function tokenize(text: string, opts: { keep?: boolean } = {}): Tokens {
  const hit = cache.get(text);
  if (hit) return hit;
  const norm = normalizeText(text);
  jieba ??= Jieba.withDict(dict);
  const words: string[] = [];
  const bigrams: string[] = [];
  const surface = new Map<string, string>();
  for (const w of jieba.cutForSearch(norm, true)) {
    if (han.test(w)) {
      if ([...w].length >= 2 && !STOP_ZH.has(w)) words.push(w);
    }
  }
  for (const m of norm.matchAll(latinWord)) {
    const w = m[0];
    if (STOP.has(w) || /^\d{1,2}$/.test(w)) continue;
    const stem = /^[a-z]{4,}$/.test(w) ? stemmer(w) : w;
    words.push(stem);
    if (!surface.has(stem)) surface.set(stem, w);
  }
  for (const m of norm.matchAll(hanRun)) {
    const chars = [...m[0]];
    for (let i = 0; i + 1 < chars.length; i++) bigrams.push(chars[i]! + chars[i + 1]!);
  }
  const out = { words, bigrams, surface };
  if (opts.keep === false) return out;
  if (cache.size > 100_000) cache.clear();
  cache.set(text, out);
  return out;
}
