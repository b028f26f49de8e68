// The pigeonhole a store's name index relies on (firm-name.ts closeSearch): every folded name close to another is
// one of its parts or shares `need` of its bigrams — checked on names built to be close, and on every pair of a few
// thousand random ones from a small alphabet (where near misses abound).
import { describe, expect, it } from "vitest";
import { bigrams, CLOSE_AT, closeSearch, nameCloseness, normaliseName } from "../../src/model/firm-name.ts";
import { loadSeed } from "../../src/seed/index.ts";
import { SHIPPED_SEED } from "../../src/store/index.ts";

/** Whether the search for `k` finds `b`. */
function finds(k: string, b: string): boolean {
  const { grams, need, parts } = closeSearch(k);
  if (parts.includes(b)) return true;
  const mine = bigrams(b);
  return grams.filter((g) => mine.has(g)).length >= need;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("closeSearch", () => {
  it("finds every close pair among random names (Chinese, Latin, mixed; repeats and lengths 2 to 12)", () => {
    const rand = rng(11);
    const alphabets = ["嘉兴科技材料", "abcde", "光伏ab", "哈"];
    const names: string[] = [];
    for (let i = 0; i < 1500; i++) {
      const a = alphabets[i % alphabets.length]!;
      const n = 2 + Math.floor(rand() * 11);
      names.push(Array.from({ length: n }, () => a[Math.floor(rand() * a.length)]!).join(""));
    }
    let close = 0;
    let contained = 0;
    for (const k of names)
      for (const b of names) {
        if (nameCloseness(k, b) < CLOSE_AT) continue;
        close++;
        if (b !== k && (k.startsWith(b) || k.endsWith(b))) contained++;
        expect(finds(k, b), `${k} ~ ${b}`).toBe(true);
      }
    expect(close).toBeGreaterThan(5000);
    expect(contained).toBeGreaterThan(500);
  });

  it("finds the seed's names from their variants: legal forms, a character changed, halves, longer names", () => {
    const seed = loadSeed(SHIPPED_SEED);
    let close = 0;
    for (const f of seed.firms) {
      const k = normaliseName(f.name.zh);
      const chars = [...k];
      const variants = [
        chars.slice(0, Math.ceil(chars.length / 2)).join(""),
        chars.slice(1).join(""),
        [...chars.slice(0, -1), "某"].join(""),
        `${k}科技发展`,
        `新${k}`,
      ];
      for (const v of variants)
        for (const [x, y] of [
          [v, k],
          [k, v],
        ] as const)
          if ([...x].length >= 2 && nameCloseness(x, y) >= CLOSE_AT) {
            close++;
            expect(finds(x, y), `${x} ~ ${y}`).toBe(true);
          }
    }
    expect(close).toBeGreaterThan(300);
  });

  it("finds a name one character off through its bigrams (3 of 5 needed), not its parts", () => {
    const { grams, need } = closeSearch("嘉兴科技材料");
    expect([grams.length, need]).toEqual([5, 3]);
    // 嘉兴科技材X: shares 4 grams, close (Dice 0.8) — found through its grams, not its parts.
    expect(nameCloseness("嘉兴科技材料", "嘉兴科技材某")).toBeGreaterThanOrEqual(CLOSE_AT);
    expect(closeSearch("嘉兴科技材料").parts.includes("嘉兴科技材某")).toBe(false);
    expect(finds("嘉兴科技材料", "嘉兴科技材某")).toBe(true);
  });
});
