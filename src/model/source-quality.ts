// Source quality: the same page under two ids, sources nothing cites, hosts on the blocklist (pure helpers).
import type { Dataset } from "./dataset.ts";
import type { Firm } from "./firm.ts";

/**
 * The identity of a web page: no scheme, no "www.", no fragment, no trailing slash, host in lower case,
 * so http://www.x.cn/a/ and https://x.cn/a name one page. The query string is kept (it often names the article).
 */
export function normaliseUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url.trim().toLowerCase();
  }
  const host = hostOfUrl(url) ?? u.host.toLowerCase();
  const path = u.pathname.replace(/\/+$/, "");
  return `${host}${u.port ? `:${u.port}` : ""}${path}${u.search}`;
}

/** The host of an address in lower case and without a leading "www.", or undefined when it is not a URL. */
export function hostOfUrl(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, "");
  } catch {
    return undefined;
  }
}

/** The blocklist entry a host falls under (the host itself or a parent domain), if any. */
export function blockedBy(host: string, blocked: ReadonlySet<string>): string | undefined {
  const parts = host.split(".");
  for (let i = 0; i < parts.length - 1; i++) {
    const candidate = parts.slice(i).join(".");
    if (blocked.has(candidate)) return candidate;
  }
  return undefined;
}

/** For each source id, how many facts cite it (products included). */
export function citationCounts(ds: Dataset): Map<string, number> {
  const counts = new Map<string, number>(ds.sources.map((s) => [s.id, 0]));
  const cite = (ids: ReadonlyArray<string>) => {
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  };
  for (const r of ds.regions) cite(r.sources);
  for (const c of ds.clusters) cite(c.sources);
  for (const g of ds.groups) cite(g.sources);
  for (const o of ds.officials) cite(o.sources);
  for (const c of ds.chains) {
    cite(c.sources);
    for (const m of c.masters) cite(m.sources);
  }
  for (const s of ds.segments) cite(s.sources);
  for (const f of ds.feeds) cite(f.sources);
  for (const f of ds.firms) {
    cite(firmFactSources(f));
    for (const p of f.products) cite(p.sources);
  }
  for (const t of ds.ties) cite(t.sources);
  return counts;
}

/** The sources a firm's own facts cite (the firm, its tags, figures and segment links; not its products). */
export function firmFactSources(f: Firm): string[] {
  return [
    ...f.sources,
    ...f.tags.flatMap((t) => t.sources),
    ...f.segments.flatMap((l) => l.sources),
    ...(f.revenue?.sources ?? []),
    ...(f.employees?.sources ?? []),
  ];
}

/** Indexes of sources whose address repeats an earlier source's, each with the index of that first one. */
export function duplicateUrls(ds: Dataset): Array<{ index: number; first: number }> {
  const first = new Map<string, number>();
  const out: Array<{ index: number; first: number }> = [];
  ds.sources.forEach((s, i) => {
    if (s.url === undefined) return;
    const key = normaliseUrl(s.url);
    const prev = first.get(key);
    if (prev === undefined) first.set(key, i);
    else out.push({ index: i, first: prev });
  });
  return out;
}
