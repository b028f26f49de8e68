// What a firm is found by when an import matches its rows: one text of tokens a full-text index (whitespace
// analyzer) finds exactly — each name as given, each folded name, the credit code, each bigram of a folded name —
// and the folded names themselves, to compare a bigram's hits with before their rows are read.
import { bigrams, firmMatchNames } from "../../model/firm-name.ts";
import type { Firm } from "../../model/index.ts";

/** 32-bit FNV-1a from a seed, over UTF-16 units. */
function fnv(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A token for a value: letters and digits only, so no query syntax reaches the index (a collision only adds a hit). */
const hashed = (kind: string, s: string) =>
  `${kind}${fnv(s, 0x811c9dc5).toString(16).padStart(8, "0")}${fnv(s, 0x01234567).toString(16).padStart(8, "0")}`;

export const exactToken = (name: string) => hashed("x", name);
export const keyToken = (key: string) => hashed("k", key);
export const codeToken = (code: string) => hashed("c", code);
/** A bigram's token: its code points in hex. */
export const gramToken = (gram: string) =>
  `g${[...gram].map((c) => c.codePointAt(0)!.toString(16).padStart(6, "0")).join("")}`;

/** The firm's tokens (`names`) and folded names (`nameKeys`, one per line). */
export function firmNameProps(f: Firm): { names: string; nameKeys: string } {
  const { exact, keys } = firmMatchNames(f);
  const tokens = new Set<string>([...exact.map(exactToken), ...keys.map(keyToken)]);
  if (f.creditCode !== undefined) tokens.add(codeToken(f.creditCode));
  for (const k of keys) for (const g of bigrams(k)) tokens.add(gramToken(g));
  return { names: [...tokens].join(" "), nameKeys: keys.join("\n") };
}
