// What both stores' chain subgraphs share: the segments a chain reaches, the segment a tie is filed under, cited sources.
import type { Feed, Firm, Segment, SupplyTie } from "../model/index.ts";

/** Kinds read whole: few rows, and every analysis reads all of them (the matcher spans every segment). */
export const SKELETON_KINDS = [
  "regions",
  "chains",
  "segments",
  "feeds",
  "clusters",
  "groups",
  "officials",
] as const;

/** The chain's segments, their FEEDS neighbours either way, and the sub-segments of those neighbours. */
export function reachOf(
  all: ReadonlyArray<Segment>,
  feeds: ReadonlyArray<Feed>,
  mine: ReadonlyArray<Segment>,
): Set<string> {
  const out = new Set(mine.map((s) => s.id));
  const queue: string[] = [];
  for (const f of feeds) {
    if (out.has(f.from)) queue.push(f.to);
    if (out.has(f.to)) queue.push(f.from);
  }
  const children = new Map<string, string[]>();
  for (const s of all) if (s.parent) children.set(s.parent, [...(children.get(s.parent) ?? []), s.id]);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    if (out.has(id)) continue;
    out.add(id);
    queue.push(...(children.get(id) ?? []));
  }
  return out;
}

/** The tie's segment as the analysis files it: as stated, else the supplier's only curated segment. */
export function tieSegment(tie: SupplyTie, supplier: Firm | undefined): string | null {
  if (tie.segment !== undefined) return tie.segment;
  return supplier?.segments.length === 1 ? supplier.segments[0]!.segment : null;
}

/** Every source id these values cite, at any depth (facts, products, segment links, list tags). */
export function citedSourceIds(values: ReadonlyArray<unknown>): Set<string> {
  const ids = new Set<string>();
  // for…in over plain parsed JSON (no inherited keys), no entry arrays: this walks every loaded firm and tie.
  const walk = (v: unknown): void => {
    if (typeof v !== "object" || v === null) return;
    if (Array.isArray(v)) for (const x of v) walk(x);
    else
      for (const k in v) {
        const x = (v as Record<string, unknown>)[k];
        if (k === "sources" && Array.isArray(x)) for (const id of x) ids.add(String(id));
        else walk(x);
      }
  };
  for (const v of values) walk(v);
  return ids;
}
