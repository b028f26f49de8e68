// Lays a dataset out as the files of a seed (pure): the canonical layout that `export` writes.
import { stringify } from "yaml";
import { type Dataset, isLocalFirm } from "../model/index.ts";

/** Maps relative file paths to YAML text. */
export function seedLayout(ds: Dataset): Map<string, string> {
  const files = new Map<string, string>();
  const put = (path: string, doc: Record<string, unknown>) => {
    const body = Object.fromEntries(
      Object.entries(doc).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
    );
    files.set(path, stringify(body, { lineWidth: 0, aliasDuplicateObjects: false }));
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
  put("firms/local.yaml", { firms: ds.firms.filter(isLocalFirm) });
  put("firms/candidates.yaml", { firms: ds.firms.filter((f) => !isLocalFirm(f)) });
  put("ties/ties.yaml", { ties: ds.ties });
  put("sources/sources.yaml", { sources: ds.sources });
  return files;
}
