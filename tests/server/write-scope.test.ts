// One write is checked on the edited entity's neighbourhood (queries/write-scope.ts) instead of the whole dataset:
// for every edit tried here, the findings it brings in must be exactly those the whole dataset's rules bring in.
import { describe, expect, it } from "vitest";
import { generateSynthetic } from "../../scripts/synthetic/generate.ts";
import {
  citationCounts,
  type Dataset,
  type Firm,
  type Source,
  type SupplyTie,
} from "../../src/model/index.ts";
import { datasetReader, type EntityEdit, neighbourhood } from "../../src/queries/write-scope.ts";
import { loadSeed } from "../../src/seed/index.ts";
import { entityId, type ResourceKind } from "../../src/server/resources/resource-kinds.ts";
import { newFindings } from "../../src/server/resources/write-entity.ts";
import { SHIPPED_SEED } from "../../src/store/index.ts";

function applied(ds: Dataset, e: EntityEdit): Dataset {
  const kind = e.kind as ResourceKind;
  const list = [...(ds[kind] as unknown[])];
  const i = list.findIndex((x) => entityId(kind, x) === e.id);
  if (i < 0) list.push(e.after);
  else list.splice(i, 1, ...(e.after === undefined ? [] : [e.after]));
  return { ...ds, [kind]: list };
}

const sorted = (xs: ReadonlyArray<unknown>) => xs.map((x) => JSON.stringify(x)).sort();

/** Edits of every kind that break (or keep) each rule: deletes of named entities, updates, creates. */
function editsOf(ds: Dataset): EntityEdit[] {
  const out: EntityEdit[] = [];
  const cites = citationCounts(ds);
  const every = <T>(xs: ReadonlyArray<T>, n: number) =>
    xs.filter((_, i) => i % Math.max(1, Math.floor(xs.length / n)) === 0);
  const del = (kind: EntityEdit["kind"], e: unknown) =>
    out.push({ kind, id: entityId(kind as ResourceKind, e), before: e });
  const upd = (kind: EntityEdit["kind"], e: unknown, after: unknown) =>
    out.push({ kind, id: entityId(kind as ResourceKind, e), before: e, after });
  const add = (kind: EntityEdit["kind"], after: unknown) =>
    out.push({ kind, id: entityId(kind as ResourceKind, after), after });

  // Deletes: firms (parents, tie ends, masters), ties, sources cited a few times, segments, regions, chains.
  const parents = new Set(ds.firms.flatMap((f) => (f.parent ? [f.parent] : [])));
  const masters = new Set(ds.chains.flatMap((c) => c.masters.map((m) => m.firm)));
  for (const f of [
    ...every(ds.firms, 12),
    ...ds.firms.filter((f) => parents.has(f.id)).slice(0, 3),
    ...ds.firms.filter((f) => masters.has(f.id)).slice(0, 3),
  ])
    del("firms", f);
  for (const t of every(ds.ties, 8)) del("ties", t);
  for (const s of every(
    ds.sources.filter((s) => (cites.get(s.id) ?? 0) <= 40),
    12,
  ))
    del("sources", s);
  for (const s of every(ds.segments, 6)) del("segments", s);
  for (const r of every(ds.regions, 4)) del("regions", r);
  for (const c of every(ds.chains, 3)) del("chains", c);
  for (const f of every(ds.feeds, 3)) del("feeds", f);

  // Updates of firms: a parent that is or is not a firm, no sources at all, a product citing a page the firm does
  // not cite, facts dropped (sources left uncited), a link to no segment.
  const firms = every(ds.firms, 10);
  for (const [i, f] of firms.entries()) {
    const other = ds.firms[(ds.firms.indexOf(f) + 7) % ds.firms.length]!;
    upd("firms", f, { ...f, parent: i % 2 ? other.id : "no-such-firm" });
    upd("firms", f, { ...f, sources: [], tags: [], segments: [] });
    const stranger = ds.sources.find((s) => !f.sources.includes(s.id)) ?? { id: "no-such-source" };
    upd("firms", f, { ...f, products: [...f.products, { name: "测试产品", sources: [stranger.id] }] });
    upd("firms", f, {
      ...f,
      segments: [
        ...f.segments,
        {
          segment: i % 2 ? "no-such-segment" : ds.segments[i]!.id,
          grade: "weak",
          basis: "inferred",
          confidence: 0.2,
          sources: f.sources.slice(0, 1),
        },
      ],
    } as Firm);
  }
  // Ties: to itself, onto pages that cannot show supply, to a firm that is not there, dropped sources.
  for (const t of every(ds.ties, 8)) {
    upd("ties", t, { ...t, customer: t.supplier });
    upd("ties", t, { ...t, customer: "no-such-firm" });
    upd("ties", t, { ...t, sources: [] });
    const weak = ds.sources.find((s) => s.supplyEvidence === false);
    if (weak) upd("ties", t, { ...t, sources: [weak.id], basis: "observed", confidence: 0.9 } as SupplyTie);
  }
  // Sources: another page's address, no kind, pages that cannot show supply.
  const withUrl = ds.sources.filter((s) => s.url !== undefined);
  for (const [i, s] of every(ds.sources, 10).entries()) {
    const twin = withUrl[(i * 5 + 3) % withUrl.length]!;
    upd("sources", s, { ...s, url: twin.url!.replace(/^https:/, "http:") });
    upd("sources", s, { ...s, kind: undefined } as Source);
    upd("sources", s, { ...s, supplyEvidence: !(s.supplyEvidence ?? true) } as Source);
  }
  // Skeleton kinds: a general keyword, an upstream stage fed from downstream, a master who is no firm.
  for (const s of every(ds.segments, 5)) {
    upd("segments", s, { ...s, keywords: [...s.keywords, "材料"] });
    upd("segments", s, { ...s, stage: s.stage === "upstream" ? "downstream" : "upstream" });
  }
  for (const c of every(ds.chains, 3)) {
    upd("chains", c, { ...c, masters: [...c.masters, { firm: "no-such-firm", level: "city", sources: [] }] });
    upd("chains", c, { ...c, sources: [] });
  }
  // Creates: a firm in a segment and a region, a tie between two firms, sources (uncited; a known page).
  const f0 = ds.firms[0]!;
  add("firms", { ...f0, id: "scope-test-firm", parent: f0.id });
  add("firms", { ...f0, id: "scope-test-firm-2", location: { ...f0.location, region: "no-such-region" } });
  const t0 = ds.ties[0]!;
  add("ties", { ...t0, id: "scope-test-tie" });
  add("ties", { ...t0, id: "scope-test-tie-2", supplier: "no-such-firm" });
  add("sources", { ...ds.sources[0]!, id: "scope-test-source" });
  add("sources", { ...ds.sources[0]!, id: "scope-test-source-2", url: "https://example.org/scope-test" });
  const feed = ds.feeds[0]!;
  add("feeds", { ...feed, from: feed.to, to: feed.from });
  return out;
}

async function holdsOn(ds: Dataset): Promise<{ edits: number; withFindings: number }> {
  let withFindings = 0;
  const edits = editsOf(ds);
  for (const e of edits) {
    const whole = newFindings(ds, applied(ds, e), e.kind as ResourceKind, e.id);
    const scope = (await neighbourhood(datasetReader(ds), e))!;
    const got = newFindings(scope.before, scope.after, e.kind as ResourceKind, e.id);
    const what = `${e.kind} ${e.id} ${e.before ? (e.after ? "update" : "delete") : "create"}`;
    expect(sorted(got.errors), what).toEqual(sorted(whole.errors));
    expect(sorted(got.warnings), what).toEqual(sorted(whole.warnings));
    if (whole.errors.length + whole.warnings.length > 0) withFindings++;
    // Far smaller than the dataset: the point of the neighbourhood.
    expect(scope.after.firms.length, what).toBeLessThan(Math.max(60, ds.firms.length / 4));
  }
  return { edits: edits.length, withFindings };
}

describe("a write's check on the edited entity's neighbourhood", () => {
  it("finds exactly what the whole shipped seed's rules find, for every kind of edit", async () => {
    const ds = loadSeed(SHIPPED_SEED);
    const r = await holdsOn(ds);
    expect(r.edits).toBeGreaterThan(150);
    // Most edits here break a rule: the comparison is not between two empty lists.
    expect(r.withFindings).toBeGreaterThan(r.edits / 2);
  });

  it("and of a SYNTHETIC city", async () => {
    const ds = generateSynthetic({ chains: 4, firms: 3_000, ties: 3_000 });
    const r = await holdsOn(ds);
    expect(r.withFindings).toBeGreaterThan(r.edits / 3);
  });

  it("names a deleted source's citers up to the limit, and refuses the delete", async () => {
    const ds = loadSeed(SHIPPED_SEED);
    const cites = citationCounts(ds);
    const busiest = [...ds.sources].sort((a, b) => (cites.get(b.id) ?? 0) - (cites.get(a.id) ?? 0))[0]!;
    const e: EntityEdit = { kind: "sources", id: busiest.id, before: busiest };
    const scope = (await neighbourhood(datasetReader(ds), e))!;
    const got = newFindings(scope.before, scope.after, "sources", busiest.id);
    const whole = newFindings(ds, applied(ds, e), "sources", busiest.id);
    expect(got.errors.length).toBeGreaterThan(0);
    for (const x of sorted(got.errors)) expect(sorted(whole.errors)).toContain(x);
  });
});
