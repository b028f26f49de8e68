// What names an entity, read off a dataset in hand: the meaning of Store.namedBy, sourcesAt, readPlaced,
// matchCandidates and firmIdsLike, which a store answers from its indexes instead (the contract suite holds both
// to this).
import { bigrams, CLOSE_AT, firmMatchNames, nameCloseness, normaliseName } from "../model/firm-name.ts";
import { type Dataset, type Firm, normaliseUrl, type SupplyTie } from "../model/index.ts";
import type { MatchAsk, NamedTarget, Namers, Placed, StreamedKind } from "./store.ts";
import { citedSourceIds } from "./subgraph-reach.ts";

/** Whether a firm names the target. */
export function firmNames(f: Firm, t: NamedTarget): boolean {
  switch (t.kind) {
    case "sources":
      return citedSourceIds([f]).has(t.id);
    case "firms":
      return f.parent === t.id;
    case "segments":
      return f.segments.some((l) => l.segment === t.id);
    case "regions":
      return f.location.region === t.id;
  }
}

/** Whether a supply tie names the target. */
export function tieNames(x: SupplyTie, t: NamedTarget): boolean {
  switch (t.kind) {
    case "sources":
      return x.sources.includes(t.id);
    case "firms":
      return x.supplier === t.id || x.customer === t.id;
    case "segments":
      return x.segment === t.id;
    case "regions":
      return false;
  }
}

const placedWhere = <T>(list: ReadonlyArray<T>, keep: (e: T) => boolean, limit: number): Placed[] => {
  const out: Placed[] = [];
  for (let seq = 0; seq < list.length && out.length < limit; seq++)
    if (keep(list[seq]!)) out.push({ seq, entity: list[seq] });
  return out;
};

/** Store.namedBy on a dataset. */
export function namersIn(ds: Dataset, target: NamedTarget, limit: number): Namers {
  return {
    firms: placedWhere(ds.firms, (f) => firmNames(f, target), limit),
    ties: placedWhere(ds.ties, (x) => tieNames(x, target), limit),
  };
}

/** Store.sourcesAt on a dataset. */
export function sourcesAtIn(ds: Dataset, url: string): Placed[] {
  const key = normaliseUrl(url);
  return placedWhere(ds.sources, (s) => s.url !== undefined && normaliseUrl(s.url) === key, Infinity);
}

/** Store.readPlaced on a dataset. */
export function placedIn(ds: Dataset, kind: StreamedKind, ids: ReadonlyArray<string>): Placed[] {
  const want = new Set(ids);
  return placedWhere(ds[kind] as ReadonlyArray<{ id: string }>, (e) => want.has(e.id), Infinity);
}

/** An ask folded once: the names as given and folded, the folded ones long enough to be close to another. */
export interface FoldedAsk {
  codes: ReadonlySet<string>;
  exact: ReadonlySet<string>;
  keys: ReadonlySet<string>;
  /** Folded names of two characters or more (a one-character name is close to nothing). */
  close: ReadonlyArray<string>;
}

export function foldAsk(ask: MatchAsk): FoldedAsk {
  const keys = new Set(ask.names.map(normaliseName).filter((k) => k !== ""));
  return {
    codes: new Set(ask.creditCodes),
    exact: new Set(ask.names.map((n) => n.trim())),
    keys,
    close: [...keys].filter((k) => [...k].length >= 2),
  };
}

/**
 * Whether an import's entity resolution (ingest/resolve) could match a name or code of the ask to this firm: the
 * same credit code, a name equal as given or folded, or a folded name at least CLOSE_AT close to one of the ask's.
 * `near` lists, per folded name of the firm, the ask's names to compare it with (all of them when absent).
 */
export function firmMatches(f: Firm, ask: FoldedAsk, near?: (key: string) => Iterable<string>): boolean {
  if (f.creditCode !== undefined && ask.codes.has(f.creditCode)) return true;
  const { exact, keys } = firmMatchNames(f);
  if (exact.some((n) => ask.exact.has(n)) || keys.some((k) => ask.keys.has(k))) return true;
  for (const key of keys)
    for (const q of near ? near(key) : ask.close) if (nameCloseness(q, key) >= CLOSE_AT) return true;
  return false;
}

/** Store.matchCandidates on a dataset: the firms an import's rows could be matched to, in list order. */
export function matchCandidatesIn(ds: Dataset, ask: MatchAsk): Placed[] {
  const folded = foldAsk(ask);
  // Two close names share a bigram (a name contained in the other shares all of its own): compare only those.
  const byGram = new Map<string, string[]>();
  for (const q of folded.close)
    for (const g of bigrams(q)) {
      const l = byGram.get(g);
      if (l) l.push(q);
      else byGram.set(g, [q]);
    }
  const near = (key: string) => new Set([...bigrams(key)].flatMap((g) => byGram.get(g) ?? []));
  return placedWhere(ds.firms, (f) => firmMatches(f, folded, near), Infinity);
}

/** Whether an id is a base or a base with a numeric suffix ("acme", "acme-2"): the ids a new firm's id avoids. */
export const idLike = (id: string, base: string) =>
  id === base || (id.startsWith(`${base}-`) && /^\d+$/.test(id.slice(base.length + 1)));

/** Store.firmIdsLike on a dataset: the firm ids equal to a base or a base with a numeric suffix, in list order. */
export function firmIdsLikeIn(ds: Dataset, bases: ReadonlyArray<string>): string[] {
  const want = new Set(bases);
  return ds.firms.map((f) => f.id).filter((id) => want.has(id) || want.has(id.replace(/-\d+$/, "")));
}
