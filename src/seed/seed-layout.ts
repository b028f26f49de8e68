// Lays a dataset out as the files of a seed (pure): the canonical layout that `export` writes.
import { CORE_SCHEMA, dump } from "js-yaml";
import { type Dataset, isLocalFirm } from "../model/index.ts";

/**
 * Items per file of the long lists (firms, ties, sources): a province's lists are split into numbered parts
 * (`ties/ties-001.yaml` …), so no one file is large to edit, diff or parse (a YAML syntax tree is many times
 * the size of its text).
 */
export const ITEMS_PER_FILE = 5000;

/** Maps relative file paths to YAML text. */
export function seedLayout(ds: Dataset): Map<string, string> {
  return new Map(seedFiles(ds));
}

/** The files of seedLayout one at a time (writeSeed holds one file's text at once). */
export function* seedFiles(ds: Dataset): Generator<[path: string, text: string]> {
  const text = (doc: Record<string, unknown>) => {
    const body = Object.fromEntries(
      Object.entries(doc).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
    );
    // js-yaml's writer: four times faster than yaml's document builder (a province seed's 1,000,000 ties).
    return dump(body, { lineWidth: -1, noRefs: true, schema: CORE_SCHEMA, quotingType: '"' });
  };
  const files: Array<[string, () => string]> = [];
  const put = (path: string, doc: Record<string, unknown>) => files.push([path, () => text(doc)]);
  const putList = (base: string, key: string, items: ReadonlyArray<unknown>) => {
    if (items.length <= ITEMS_PER_FILE) return put(`${base}.yaml`, { [key]: items });
    for (let i = 0; i * ITEMS_PER_FILE < items.length; i++)
      put(`${base}-${String(i + 1).padStart(3, "0")}.yaml`, {
        [key]: items.slice(i * ITEMS_PER_FILE, (i + 1) * ITEMS_PER_FILE),
      });
  };
  put("region.yaml", { region: ds.region, regions: ds.regions, groups: ds.groups });
  put("clusters.yaml", { clusters: ds.clusters, officials: ds.officials });
  const chainOfSegment = new Map(ds.segments.map((s) => [s.id, s.chain]));
  for (const chain of ds.chains) {
    const segments = ds.segments.filter((s) => s.chain === chain.id).map(({ chain: _c, ...rest }) => rest);
    const feeds = ds.feeds.filter((f) => chainOfSegment.get(f.from) === chain.id);
    put(`chains/${chain.id}.yaml`, { chain, segments, feeds });
  }
  // Feeds from segments of no chain cannot occur in a valid dataset; keep them anyway so nothing is lost.
  const orphanFeeds = ds.feeds.filter((f) => !ds.chains.some((c) => c.id === chainOfSegment.get(f.from)));
  if (orphanFeeds.length) put("chains/_feeds.yaml", { feeds: orphanFeeds });
  putList("firms/local", "firms", ds.firms.filter(isLocalFirm));
  putList(
    "firms/candidates",
    "firms",
    ds.firms.filter((f) => !isLocalFirm(f)),
  );
  putList("ties/ties", "ties", ds.ties);
  putList("sources/sources", "sources", ds.sources);
  for (const [path, make] of files) yield [path, make()];
}
