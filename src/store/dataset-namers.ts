// What names an entity, read off a dataset in hand: the meaning of Store.namedBy, sourcesAt and readPlaced, which a
// store answers from its indexes instead (the contract suite holds both to this).
import { type Dataset, type Firm, normaliseUrl, type SupplyTie } from "../model/index.ts";
import type { NamedTarget, Namers, Placed, StreamedKind } from "./store.ts";
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
