// The matching's evidence as keys a store can index: which segments a firm's text points to, which codes reach a chain.
import { type Firm, firmNames, isLocalFirm, type Segment } from "../../model/index.ts";
import type { MatchingResources } from "./matching-resources.ts";
import { normalizeText } from "./normalize-text.ts";
import { segmentMatcher } from "./segment-matcher.ts";
import type { TextEvidenceDetail } from "./text-evidence.ts";

/** Bumped whenever candidate-fit.ts or the matcher change what text evidence they find, or how it is kept. */
const MATCHING_VERSION = 2;

/** Structurally the store's SubgraphKeys (analysis does not import the store). */
export interface MatchingKeys {
  readonly version: string;
  textSegments(
    segments: ReadonlyArray<Segment>,
    firms: ReadonlyArray<Firm>,
  ): Iterable<[string, string, string]>;
  codesFor(segments: ReadonlyArray<Segment>): string[];
  localSegments(segments: ReadonlyArray<Segment>): string[];
}

/** FNV-1a of a string, as 8 hex digits: a version stamp, not a security hash. */
function fnv(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/**
 * Keys for the evidence candidate-fit.ts finds with these resources: product and name matches (the same
 * matcher over the same whole segment list) and the Fortune crosswalk, for non-local firms only (local firms
 * are never candidates); codes by the segments' own codes and the gbt4754 crosswalk rows.
 */
export function subgraphKeys(res: MatchingResources): MatchingKeys {
  const version = `m${MATCHING_VERSION}-${fnv(
    JSON.stringify([res.vocabulary, res.crosswalks, [...res.classes.entries()], res.reference ?? null]),
  )}`;
  return {
    version,
    *textSegments(segments, firms) {
      const matcher = segmentMatcher(segments, res);
      const known = new Set(segments.map((s) => s.id));
      const fortune = new Map<string, string[]>();
      for (const row of res.crosswalks)
        if (row.scheme === "fortune") {
          const k = normalizeText(row.industry);
          fortune.set(k, [...(fortune.get(k) ?? []), ...row.segments.filter((id) => known.has(id))]);
        }
      for (const f of firms) {
        if (isLocalFirm(f)) continue;
        // Per segment, the product and name evidence candidate-fit.ts would find (text-evidence.ts).
        const hit = new Map<string, TextEvidenceDetail>();
        const at = (id: string) => {
          let d = hit.get(id);
          if (!d) {
            d = { p: [], n: [] };
            hit.set(id, d);
          }
          return d;
        };
        // Product names recur across firms (memoised); names and aliases are each one firm's own.
        f.products.forEach((p, k) => {
          for (const m of matcher.match(p.name)) at(m.segment).p.push([k, m.grade, m.fit, m.words]);
        });
        firmNames(f).forEach((t, k) => {
          for (const m of matcher.match(t, { memo: false })) at(m.segment);
          for (const seg of matcher.matchPhrases(t)) at(segments[seg]!.id).n.push(k);
        });
        if (f.industry !== undefined) for (const id of fortune.get(normalizeText(f.industry)) ?? []) at(id);
        for (const [id, d] of hit) yield [f.id, id, JSON.stringify(d)];
      }
    },
    codesFor(segments) {
      const ids = new Set(segments.map((s) => s.id));
      const codes = new Set(segments.flatMap((s) => s.codes));
      for (const row of res.crosswalks)
        if (row.scheme === "gbt4754" && row.segments.some((id) => ids.has(id))) codes.add(row.industry);
      return [...codes];
    },
    localSegments(segments) {
      // Relatedness (relatedness.ts) compares the city's local links in every segment the reference counts.
      const ref = res.reference;
      return ref ? segments.filter((s) => ref.regions.some((r) => s.id in r.counts)).map((s) => s.id) : [];
    },
  };
}
