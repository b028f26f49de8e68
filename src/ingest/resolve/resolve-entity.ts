// Entity resolution: credit code first, then the folded name (and aliases); close but unequal names are uncertain.

import { bigrams, CLOSE_AT, firmMatchNames, nameCloseness, normaliseName } from "../../model/firm-name.ts";
import type { Firm } from "../../model/index.ts";

export type Resolution =
  | { kind: "match"; id: string; by: "credit-code" | "exact-name" | "normalised-name" }
  | { kind: "uncertain"; id: string; score: number; reason: string }
  | { kind: "new" };

/** What a row offers for matching. */
export interface MatchKey {
  names: string[];
  creditCode?: string | undefined;
  country?: string | undefined;
}

/** An index of firms by credit code, exact name, folded name and name bigrams; firms can be added as an import goes. */
export class EntityIndex {
  private readonly byCode = new Map<string, string>();
  private readonly byExact = new Map<string, Set<string>>();
  private readonly byKey = new Map<string, Set<string>>();
  private readonly byGram = new Map<string, Set<string>>();
  private readonly keys = new Map<string, Set<string>>();
  private readonly firms = new Map<string, Pick<Firm, "id" | "creditCode" | "location">>();

  constructor(firms: ReadonlyArray<Firm>) {
    for (const f of firms) this.add(f);
  }

  add(f: Pick<Firm, "id" | "name" | "creditCode" | "location">): void {
    this.firms.set(f.id, f);
    if (f.creditCode) this.byCode.set(f.creditCode, f.id);
    const { exact, keys } = firmMatchNames(f);
    for (const n of exact) put(this.byExact, n, f.id);
    for (const k of keys) {
      put(this.byKey, k, f.id);
      put(this.keys, f.id, k);
      for (const g of bigrams(k)) put(this.byGram, g, f.id);
    }
  }

  resolve(m: MatchKey): Resolution {
    if (m.creditCode) {
      const id = this.byCode.get(m.creditCode);
      if (id) return { kind: "match", id, by: "credit-code" };
    }
    for (const by of ["exact-name", "normalised-name"] as const) {
      const ids = new Set<string>();
      for (const n of m.names)
        for (const id of (by === "exact-name"
          ? this.byExact.get(n.trim())
          : this.byKey.get(normaliseName(n))) ?? [])
          ids.add(id);
      if (ids.size === 0) continue;
      if (ids.size > 1)
        return {
          kind: "uncertain",
          id: [...ids].sort()[0]!,
          score: 1,
          reason: `the name matches ${ids.size} firms: ${[...ids].sort().join(", ")}`,
        };
      const id = [...ids][0]!;
      const f = this.firms.get(id)!;
      if (m.creditCode && f.creditCode && f.creditCode !== m.creditCode)
        return {
          kind: "uncertain",
          id,
          score: 1,
          reason: `same name, but credit code ${m.creditCode} ≠ ${f.creditCode}`,
        };
      if (m.country && f.location.country !== m.country)
        return {
          kind: "uncertain",
          id,
          score: 1,
          reason: `same name, but country ${m.country} ≠ ${f.location.country}`,
        };
      return { kind: "match", id, by };
    }
    return this.closest(m);
  }

  /** The most similar firm by folded name, when similar enough to be worth a person's look. */
  private closest(m: MatchKey): Resolution {
    let best: { id: string; score: number; key: string; mine: string } | undefined;
    for (const n of m.names) {
      const k = normaliseName(n);
      if ([...k].length < 2) continue;
      const seen = new Set<string>();
      for (const g of bigrams(k))
        for (const id of this.byGram.get(g) ?? []) {
          if (seen.has(id)) continue;
          seen.add(id);
          for (const other of this.keys.get(id) ?? []) {
            const score = nameCloseness(k, other);
            if (score >= CLOSE_AT && (!best || score > best.score)) best = { id, score, key: other, mine: k };
          }
        }
    }
    if (!best) return { kind: "new" };
    return {
      kind: "uncertain",
      id: best.id,
      score: Math.round(best.score * 100) / 100,
      reason: `similar name: ${JSON.stringify(best.mine)} ~ ${JSON.stringify(best.key)}`,
    };
  }
}

function put(m: Map<string, Set<string>>, k: string, v: string): void {
  const s = m.get(k);
  if (s) s.add(v);
  else m.set(k, new Set([v]));
}
