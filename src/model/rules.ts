// Cross-entity invariants of a dataset, each a small named rule that returns findings.
import { STAGE_ORDER } from "./common.ts";
import { type Dataset, ENTITY_KINDS, type EntityKind } from "./dataset.ts";
import { blockedBy, citationCounts, duplicateUrls, firmFactSources, hostOfUrl } from "./source-quality.ts";

/** Where in a dataset a finding points: an entity by kind and index, and a path inside it. */
export interface Locator {
  kind: EntityKind | "region" | "feeds";
  index: number;
  sub: ReadonlyArray<string | number>;
}

export interface RuleFinding {
  rule: string;
  at: Locator;
  message: string;
  /** Another place the finding concerns (the first definition of a duplicate id). */
  related?: Locator;
  /** A warning is reported but does not make the dataset invalid; everything else is an error. */
  severity?: "warning";
}

export interface RuleOptions {
  /** GB/T 4754-2017 codes known to exist; when given, codes outside it are reported. */
  knownCodes?: ReadonlySet<string>;
  /** Ids of entities that exist in the input but failed their own checks: references to them are not reported again. */
  brokenIds?: ReadonlySet<string>;
  /** Hosts no source may point to (spam, adult, link farms), without "www."; a subdomain counts as its host. */
  blockedHosts?: ReadonlySet<string>;
}

type Rule = (ds: Dataset, opts: RuleOptions) => RuleFinding[];

const at = (kind: Locator["kind"], index: number, ...sub: (string | number)[]): Locator => ({
  kind,
  index,
  sub,
});
const quote = (v: unknown) => JSON.stringify(v);

/** Ids are unique within their kind. */
export const uniqueIds: Rule = (ds) => {
  const out: RuleFinding[] = [];
  for (const kind of ENTITY_KINDS) {
    const first = new Map<string, number>();
    ds[kind].forEach((e, i) => {
      const prev = first.get(e.id);
      if (prev === undefined) first.set(e.id, i);
      else
        out.push({
          rule: "unique-ids",
          at: at(kind, i, "id"),
          message: `found duplicate ${kind} id ${quote(e.id)}; expected each id once`,
          related: at(kind, prev, "id"),
        });
    });
  }
  const feeds = new Set<string>();
  ds.feeds.forEach((f, i) => {
    const key = feedKey(f);
    if (feeds.has(key))
      out.push({
        rule: "unique-ids",
        at: at("feeds", i),
        message: `found the feed ${quote(f.from)} → ${quote(f.to)} twice; expected each feed once`,
      });
    feeds.add(key);
  });
  return out;
};

/** The identity of a feed: its two ends. */
export const feedKey = (f: { from: string; to: string }) => `${f.from}>${f.to}`;

/** Every reference names an entity that exists. */
export const referencesExist: Rule = (ds, { brokenIds }) => {
  const ids = (xs: ReadonlyArray<{ id: string }>) => new Set(xs.map((x) => x.id));
  const sources = ids(ds.sources);
  const regions = ids(ds.regions).add(ds.region.id);
  const chains = ids(ds.chains);
  const segments = ids(ds.segments);
  const firms = ids(ds.firms);
  const out: RuleFinding[] = [];
  const check = (set: Set<string>, what: string, value: string | undefined, loc: Locator) => {
    if (value !== undefined && !set.has(value) && !brokenIds?.has(value))
      out.push({
        rule: "references-exist",
        at: loc,
        message: `found unknown ${what} id ${quote(value)}; expected the id of a ${what} defined in the seed`,
      });
  };
  const checkSources = (list: ReadonlyArray<string>, loc: Locator) =>
    list.forEach((s, j) => {
      check(sources, "source", s, { ...loc, sub: [...loc.sub, "sources", j] });
    });

  ds.regions.forEach((r, i) => {
    check(regions, "region", r.parent, at("regions", i, "parent"));
    checkSources(r.sources, at("regions", i));
  });
  ds.clusters.forEach((c, i) => {
    c.chains.forEach((ch, j) => {
      check(chains, "chain", ch, at("clusters", i, "chains", j));
    });
    checkSources(c.sources, at("clusters", i));
  });
  ds.groups.forEach((g, i) => {
    g.chains.forEach((ch, j) => {
      check(chains, "chain", ch, at("groups", i, "chains", j));
    });
    checkSources(g.sources, at("groups", i));
  });
  ds.officials.forEach((o, i) => {
    o.leads.forEach((ch, j) => {
      check(chains, "chain", ch, at("officials", i, "leads", j));
    });
    checkSources(o.sources, at("officials", i));
  });
  ds.chains.forEach((c, i) => {
    checkSources(c.sources, at("chains", i));
    c.masters.forEach((m, j) => {
      check(firms, "firm", m.firm, at("chains", i, "masters", j, "firm"));
      checkSources(m.sources, at("chains", i, "masters", j));
    });
  });
  ds.segments.forEach((s, i) => {
    check(segments, "segment", s.parent, at("segments", i, "parent"));
    checkSources(s.sources, at("segments", i));
  });
  ds.feeds.forEach((f, i) => {
    check(segments, "segment", f.from, at("feeds", i, "from"));
    check(segments, "segment", f.to, at("feeds", i, "to"));
    checkSources(f.sources, at("feeds", i));
  });
  ds.firms.forEach((f, i) => {
    check(firms, "firm", f.parent, at("firms", i, "parent"));
    check(regions, "region", f.location.region, at("firms", i, "location", "region"));
    checkSources(f.sources, at("firms", i));
    f.tags.forEach((t, j) => {
      checkSources(t.sources, at("firms", i, "tags", j));
    });
    if (f.revenue) checkSources(f.revenue.sources, at("firms", i, "revenue"));
    if (f.employees) checkSources(f.employees.sources, at("firms", i, "employees"));
    f.segments.forEach((l, j) => {
      check(segments, "segment", l.segment, at("firms", i, "segments", j, "segment"));
      checkSources(l.sources, at("firms", i, "segments", j));
    });
  });
  ds.ties.forEach((t, i) => {
    check(firms, "firm", t.supplier, at("ties", i, "supplier"));
    check(firms, "firm", t.customer, at("ties", i, "customer"));
    check(segments, "segment", t.segment, at("ties", i, "segment"));
    checkSources(t.sources, at("ties", i));
  });
  return out;
};

/** A sub-segment lies in its parent's chain and stage. */
export const segmentParentInSameChain: Rule = (ds) => {
  const byId = new Map(ds.segments.map((s) => [s.id, s]));
  const out: RuleFinding[] = [];
  ds.segments.forEach((s, i) => {
    const parent = s.parent === undefined ? undefined : byId.get(s.parent);
    if (!parent) return;
    if (parent.chain !== s.chain)
      out.push({
        rule: "segment-parent-in-same-chain",
        at: at("segments", i, "parent"),
        message: `found parent ${quote(parent.id)} in chain ${quote(parent.chain)}; expected a parent in the same chain ${quote(s.chain)}`,
      });
    else if (parent.stage !== s.stage)
      out.push({
        rule: "segment-parent-in-same-chain",
        at: at("segments", i, "stage"),
        message: `found stage ${quote(s.stage)} under parent ${quote(parent.id)} of stage ${quote(parent.stage)}; expected the parent's stage`,
      });
  });
  return out;
};

/** Follows parent links from each item and reports each item that reaches itself. */
function cycles<T extends { id: string }>(
  items: ReadonlyArray<T>,
  parentOf: (t: T) => string | undefined,
): number[] {
  const index = new Map(items.map((t, i) => [t.id, i]));
  const bad: number[] = [];
  items.forEach((start, i) => {
    const seen = new Set<string>([start.id]);
    let cur: T | undefined = start;
    while (cur) {
      const p = parentOf(cur);
      if (p === undefined) break;
      if (p === start.id) {
        bad.push(i);
        break;
      }
      if (seen.has(p)) break;
      seen.add(p);
      const j = index.get(p);
      cur = j === undefined ? undefined : items[j];
    }
  });
  return bad;
}

/** The segment tree and the region tree have no cycles. */
export const treesAcyclic: Rule = (ds) => [
  ...cycles(ds.segments, (s) => s.parent).map((i) => ({
    rule: "segment-tree-acyclic",
    at: at("segments", i, "parent"),
    message: `found a cycle: segment ${quote(ds.segments[i]!.id)} is its own ancestor; expected a tree`,
  })),
  ...cycles(ds.regions, (r) => r.parent).map((i) => ({
    rule: "region-tree-acyclic",
    at: at("regions", i, "parent"),
    message: `found a cycle: region ${quote(ds.regions[i]!.id)} is its own ancestor; expected a tree`,
  })),
];

/** Within a chain, FEEDS runs from upstream to downstream, never back. */
export const feedsFlowDownstream: Rule = (ds) => {
  const byId = new Map(ds.segments.map((s) => [s.id, s]));
  const out: RuleFinding[] = [];
  ds.feeds.forEach((f, i) => {
    const from = byId.get(f.from);
    const to = byId.get(f.to);
    if (!from || !to) return;
    if (f.from === f.to)
      out.push({
        rule: "feeds-flow-downstream",
        at: at("feeds", i, "to"),
        message: `found ${quote(f.from)} feeding itself; expected two different segments`,
      });
    // Stages are relative to a chain: across chains (PV power → electrolysers) any direction is a real flow.
    else if (from.chain === to.chain && STAGE_ORDER[from.stage] > STAGE_ORDER[to.stage])
      out.push({
        rule: "feeds-flow-downstream",
        at: at("feeds", i),
        message: `found ${quote(f.from)} (${from.stage}) feeding ${quote(f.to)} (${to.stage}); expected FEEDS to run from upstream to downstream`,
      });
  });
  return out;
};

/** A firm does not supply itself. */
export const tieNotSelf: Rule = (ds) =>
  ds.ties.flatMap((t, i) =>
    t.supplier === t.customer
      ? [
          {
            rule: "tie-not-self",
            at: at("ties", i, "customer"),
            message: `found firm ${quote(t.customer)} supplying itself; expected two different firms`,
          },
        ]
      : [],
  );

/** Every fact carries a source, or says it is an assumption and what was assumed. */
export const factsHaveSources: Rule = (ds) => {
  const out: RuleFinding[] = [];
  const need = (
    fact: { sources: string[]; assumed?: boolean | undefined; note?: string | undefined },
    loc: Locator,
    what: string,
  ) => {
    if (fact.assumed === true && fact.note === undefined)
      out.push({
        rule: "facts-have-sources",
        at: { ...loc, sub: [...loc.sub, "note"] },
        message: `found ${what} marked assumed without a note; expected a note saying what was assumed`,
      });
    else if (fact.sources.length === 0 && fact.assumed !== true)
      out.push({
        rule: "facts-have-sources",
        at: { ...loc, sub: [...loc.sub, "sources"] },
        message: `found ${what} without a source; expected sources: [id, …] or assumed: true with a note`,
      });
  };
  ds.firms.forEach((f, i) => {
    need(f, at("firms", i), `firm ${quote(f.id)}`);
    f.tags.forEach((t, j) => {
      need(t, at("firms", i, "tags", j), `list tag ${quote(t.list)} of ${quote(f.id)}`);
    });
    if (f.revenue) need(f.revenue, at("firms", i, "revenue"), `revenue of ${quote(f.id)}`);
    if (f.employees) need(f.employees, at("firms", i, "employees"), `head count of ${quote(f.id)}`);
    f.segments.forEach((l, j) => {
      need(l, at("firms", i, "segments", j), `segment link ${quote(f.id)} → ${quote(l.segment)}`);
    });
  });
  ds.ties.forEach((t, i) => {
    need(t, at("ties", i), `supply tie ${quote(t.id)}`);
  });
  ds.chains.forEach((c, i) => {
    c.masters.forEach((m, j) => {
      need(m, at("chains", i, "masters", j), `chain master ${quote(m.firm)} of ${quote(c.id)}`);
    });
  });
  ds.officials.forEach((o, i) => {
    need(o, at("officials", i), `official ${quote(o.id)}`);
  });
  ds.clusters.forEach((c, i) => {
    need(c, at("clusters", i), `cluster ${quote(c.id)}`);
  });
  return out;
};

/** Industry codes exist in the standard, when the list of codes is supplied. */
export const industryCodesKnown: Rule = (ds, { knownCodes }) => {
  if (!knownCodes) return [];
  const out: RuleFinding[] = [];
  const check = (codes: ReadonlyArray<string>, kind: "segments" | "firms", i: number) =>
    codes.forEach((c, j) => {
      if (!knownCodes.has(c))
        out.push({
          rule: "industry-codes-known",
          at: at(kind, i, "codes", j),
          message: `found code ${quote(c)}, which GB/T 4754-2017 does not define; expected a class code from the standard`,
        });
    });
  ds.segments.forEach((s, i) => {
    check(s.codes, "segments", i);
  });
  ds.firms.forEach((f, i) => {
    check(f.codes, "firms", i);
  });
  return out;
};

/** A keyword found in the names or keywords of segments in this many chains says which industry, not which link. */
export const TOO_GENERAL_CHAINS = 4;

/**
 * "keyword too general": a segment keyword that occurs (as a word or inside a longer term, width and case
 * folded) in the names or keywords of segments of TOO_GENERAL_CHAINS or more chains — e.g. a bare 连接器 on PV
 * junction boxes that also names automotive and telecom connectors. Narrow it (光伏连接器) or drop it.
 */
export const keywordNotTooGeneral: Rule = (ds) => {
  const fold = (t: string) => t.normalize("NFKC").toLowerCase().trim();
  // Each chain's terms joined by NUL (in no folded term, and a non-word character for the Latin test): one
  // search per chain instead of per segment and term, with the same answer.
  const joined = new Map<string, string[]>();
  for (const s of ds.segments) {
    const list = joined.get(s.chain) ?? [];
    joined.set(s.chain, list);
    list.push(...[s.name.zh, ...s.keywords].map(fold));
  }
  const chainTerms = [...joined].map(([chain, list]) => [chain, list.join("\u0000")] as const);
  const out: RuleFinding[] = [];
  ds.segments.forEach((s, i) => {
    s.keywords.forEach((k, j) => {
      const kw = fold(k);
      if ([...kw].length < 2) return;
      // A Latin keyword counts only as a whole word (PA is not in PACK); a Chinese one inside longer terms too.
      const latin = /^[a-z0-9]+$/.test(kw) ? new RegExp(`(^|[^a-z0-9])${kw}([^a-z0-9]|$)`) : undefined;
      const chains = new Set<string>();
      for (const [chain, text] of chainTerms)
        if (latin ? latin.test(text) : text.includes(kw)) chains.add(chain);
      if (chains.size >= TOO_GENERAL_CHAINS)
        out.push({
          rule: "keyword-too-general",
          at: at("segments", i, "keywords", j),
          message: `found keyword ${quote(k)}, which also names segments of ${chains.size} chains (${[...chains].sort().join(", ")}); expected a keyword specific to this segment (narrow it, e.g. with the chain's product word)`,
        });
    });
  });
  return out;
};

/**
 * Rules whose findings are warnings (the shipped seed has none): a user's own seed or list may lack source
 * kinds or product sources at first; an uncited source is allowed while an editor works.
 */
export const WARNING_RULES: ReadonlySet<string> = new Set<string>([
  "source-has-kind",
  "source-urls-unique",
  "sources-cited",
  "source-host-allowed",
  "products-have-sources",
]);

/** Every source says who published it: government, company, filing, press, or a repost. */
export const sourcesHaveKind: Rule = (ds) =>
  ds.sources.flatMap((s, i) =>
    s.kind === undefined
      ? [
          {
            rule: "source-has-kind",
            at: at("sources", i, "kind"),
            message: `found source ${quote(s.id)} without a kind; expected kind: government, company, filing, press or repost`,
          },
        ]
      : [],
  );

/** One page, one source: addresses are compared without scheme, "www.", fragment and trailing slash. */
export const sourceUrlsUnique: Rule = (ds) =>
  duplicateUrls(ds).map(({ index, first }) => ({
    rule: "source-urls-unique",
    at: at("sources", index, "url"),
    message: `found source ${quote(ds.sources[index]!.id)} with the address of source ${quote(ds.sources[first]!.id)}; expected each page once (cite ${quote(ds.sources[first]!.id)} instead)`,
    related: at("sources", first, "url"),
  }));

/** Every source is cited by at least one fact. */
export const sourcesCited: Rule = (ds) => {
  const counts = citationCounts(ds);
  return ds.sources.flatMap((s, i) =>
    (counts.get(s.id) ?? 0) === 0
      ? [
          {
            rule: "sources-cited",
            at: at("sources", i, "id"),
            message: `found source ${quote(s.id)} that no fact cites; expected it cited, or removed`,
          },
        ]
      : [],
  );
};

/** No source points to a host on the blocklist. */
export const sourceHostsAllowed: Rule = (ds, { blockedHosts }) => {
  if (!blockedHosts || blockedHosts.size === 0) return [];
  return ds.sources.flatMap((s, i) => {
    const host = s.url === undefined ? undefined : hostOfUrl(s.url);
    const entry = host === undefined ? undefined : blockedBy(host, blockedHosts);
    return entry === undefined
      ? []
      : [
          {
            rule: "source-host-allowed",
            at: at("sources", i, "url"),
            message: `found source ${quote(s.id)} on the blocked host ${quote(entry)}; expected the original (government, company, filing or press) instead`,
          },
        ];
  });
};

/** Every product of a firm names a source the firm cites and that exists, or says it is inferred. */
export const productsHaveSources: Rule = (ds, { brokenIds }) => {
  const known = new Set(ds.sources.map((s) => s.id));
  const out: RuleFinding[] = [];
  ds.firms.forEach((f, i) => {
    const cited = new Set(firmFactSources(f));
    f.products.forEach((p, j) => {
      const what = `product ${quote(p.name)} of ${quote(f.id)}`;
      p.sources.forEach((s, k) => {
        if (!known.has(s) && !brokenIds?.has(s))
          out.push({
            rule: "references-exist",
            at: at("firms", i, "products", j, "sources", k),
            message: `found unknown source id ${quote(s)}; expected the id of a source defined in the seed`,
          });
      });
      if (p.inferred === true || !p.sources.every((s) => known.has(s))) return;
      if (p.sources.length === 0)
        out.push({
          rule: "products-have-sources",
          at: at("firms", i, "products", j),
          message: `found ${what} without a source; expected {name, sources: [id]} naming a source that mentions it, or inferred: true`,
        });
      else if (!p.sources.some((s) => cited.has(s)))
        out.push({
          rule: "products-have-sources",
          at: at("firms", i, "products", j, "sources"),
          message: `found ${what} citing ${p.sources.map(quote).join(", ")}, which the firm itself does not cite; expected one of the firm's sources`,
        });
    });
  });
  return out;
};

/** A chain master says the level of the body that named it; `assumed` exactly when no source names it. */
export const mastersHaveLevel: Rule = (ds) => {
  const out: RuleFinding[] = [];
  ds.chains.forEach((c, i) => {
    c.masters.forEach((m, j) => {
      const what = `chain master ${quote(m.firm)} of ${quote(c.id)}`;
      const push = (sub: string, message: string) =>
        out.push({ rule: "masters-have-level", at: at("chains", i, "masters", j, sub), message });
      if (m.level === undefined)
        push("level", `found ${what} without a level; expected level: city, county, zone or assumed`);
      else if (m.level === "assumed" && (m.assumed !== true || m.note === undefined))
        push(
          "assumed",
          `found ${what} at level assumed; expected assumed: true and a note saying what was assumed`,
        );
      else if (m.level !== "assumed" && m.assumed === true)
        push("level", `found ${what} marked assumed at level ${quote(m.level)}; expected level: assumed`);
      else if ((m.level === "county" || m.level === "zone") && m.issuer === undefined)
        push(
          "issuer",
          `found ${what} at level ${quote(m.level)} without an issuer; expected the body that named it`,
        );
    });
  });
  return out;
};

/** A supply tie resting only on pages that cannot show supply (supplyEvidence: false) is inferred, confidence ≤ 0.5. */
export const weakTiesInferred: Rule = (ds) => {
  const weak = new Set(ds.sources.filter((s) => s.supplyEvidence === false).map((s) => s.id));
  return ds.ties.flatMap((t, i) =>
    t.sources.length > 0 &&
    t.sources.every((s) => weak.has(s)) &&
    (t.basis !== "inferred" || t.confidence > 0.5)
      ? [
          {
            rule: "weak-ties-inferred",
            at: at("ties", i, t.basis !== "inferred" ? "basis" : "confidence"),
            message: `found supply tie ${quote(t.id)} (${t.basis}, confidence ${t.confidence}) resting only on sources that cannot show supply; expected basis: inferred and confidence ≤ 0.5`,
          },
        ]
      : [],
  );
};

export const DATASET_RULES: ReadonlyArray<Rule> = [
  uniqueIds,
  referencesExist,
  segmentParentInSameChain,
  treesAcyclic,
  feedsFlowDownstream,
  tieNotSelf,
  factsHaveSources,
  industryCodesKnown,
  keywordNotTooGeneral,
  sourcesHaveKind,
  sourceUrlsUnique,
  sourcesCited,
  sourceHostsAllowed,
  productsHaveSources,
  mastersHaveLevel,
  weakTiesInferred,
];

/** Runs every rule over a dataset and returns all findings (those of WARNING_RULES marked as warnings). */
export function checkDataset(ds: Dataset, opts: RuleOptions = {}): RuleFinding[] {
  return DATASET_RULES.flatMap((rule) => rule(ds, opts)).map((f) =>
    WARNING_RULES.has(f.rule) ? { ...f, severity: "warning" as const } : f,
  );
}
