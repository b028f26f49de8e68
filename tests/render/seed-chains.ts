// The shipped seed for render tests; `tolerant` keeps whatever validates while others are still writing it.
import { join } from "node:path";
import { parse } from "yaml";
import {
  Chain,
  CityRegion,
  type Dataset,
  Firm,
  Region,
  SegmentEntry,
  Source,
} from "../../src/model/index.ts";
import { loadSeed, readSeedFiles } from "../../src/seed/index.ts";

export const SHIPPED_SEED = join(import.meta.dirname, "..", "..", "graph-seeds", "jiaxing");

/**
 * The shipped seed, validated. With `tolerant` (FISHBONE_TOLERANT_SEED=1, for work in progress only) a
 * seed that fails validation is read entity by entity, keeping the valid ones and their known references.
 */
export function shippedSeed(tolerant = process.env.FISHBONE_TOLERANT_SEED === "1"): Dataset {
  try {
    return loadSeed(SHIPPED_SEED);
  } catch (e) {
    if (!tolerant) throw e;
  }
  const ds: Dataset = {
    region: undefined as unknown as Dataset["region"],
    regions: [],
    clusters: [],
    groups: [],
    officials: [],
    sources: [],
    chains: [],
    segments: [],
    feeds: [],
    firms: [],
    ties: [],
  };
  const keep = <T>(
    schema: { safeParse: (v: unknown) => { success: boolean; data?: T } },
    v: unknown,
    into: T[],
  ) => {
    const r = schema.safeParse(v);
    if (r.success) into.push(r.data as T);
  };
  for (const f of readSeedFiles(SHIPPED_SEED)) {
    let doc: Record<string, unknown>;
    try {
      doc = parse(Buffer.from(f.bytes).toString("utf8")) ?? {};
    } catch {
      continue;
    }
    const region = CityRegion.safeParse(doc.region);
    if (region.success) ds.region = region.data;
    for (const r of (doc.regions as unknown[]) ?? []) keep(Region, r, ds.regions);
    for (const s of (doc.sources as unknown[]) ?? []) keep(Source, s, ds.sources);
    for (const fm of (doc.firms as unknown[]) ?? []) keep(Firm, fm, ds.firms);
    const chain = Chain.safeParse(doc.chain);
    if (!chain.success) continue;
    ds.chains.push(chain.data);
    for (const s of (doc.segments as unknown[]) ?? []) {
      const seg = SegmentEntry.safeParse(s);
      if (seg.success) ds.segments.push({ ...seg.data, chain: chain.data.id });
    }
  }
  const segments = new Set(ds.segments.map((s) => s.id));
  const regions = new Set(ds.regions.map((r) => r.id));
  const firmIds = new Set<string>();
  ds.firms = ds.firms.filter((f) => !firmIds.has(f.id) && firmIds.add(f.id));
  for (const f of ds.firms) {
    f.segments = f.segments.filter((l) => segments.has(l.segment));
    if (f.location.region && !regions.has(f.location.region)) f.location.region = ds.region.id;
  }
  for (const c of ds.chains) c.masters = c.masters.filter((m) => firmIds.has(m.firm));
  for (const s of ds.segments) if (s.parent && !segments.has(s.parent)) s.parent = undefined;
  return ds;
}
