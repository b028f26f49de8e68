// The one contract every Store passes: storeContract(name, factory) runs the same assertions on each implementation.
import { describe, expect, it } from "vitest";
import { generateSynthetic } from "../../scripts/synthetic/generate.ts";
import { ConflictError } from "../../src/errors.ts";
import { citationCounts, type Dataset } from "../../src/model/index.ts";
import { loadSeed } from "../../src/seed/index.ts";
import {
  firmIdsLikeIn,
  matchCandidatesIn,
  namersIn,
  placedIn,
  sourcesAtIn,
} from "../../src/store/dataset-namers.ts";
import { SHIPPED_SEED, type Store } from "../../src/store/index.ts";
import type { MatchAsk, NamedTarget } from "../../src/store/store.ts";
import { DEMO_SEED } from "../helpers/seed-files.ts";
import { pipelineContract } from "./pipeline-contract.ts";

export interface StoreFactory {
  /** A new, empty store. */
  fresh(): Promise<Store>;
  /** A second handle on the same store (another connection or file handle), as a second writer would hold. */
  reopen(store: Store): Promise<Store>;
}

const meta = (why: string) => ({ who: "test", why });

/** Opens a fresh store, runs `body`, closes every handle it opened. */
async function withStore(make: StoreFactory, body: (s: Store) => Promise<void>): Promise<void> {
  const store = await make.fresh();
  try {
    await body(store);
  } finally {
    await store.close();
  }
}

export function storeContract(name: string, make: StoreFactory): void {
  describe(`the ${name} store (contract)`, () => {
    it("is empty until a dataset is written, and says how to fill it", () =>
      withStore(make, async (s) => {
        expect(await s.isEmpty()).toBe(true);
        await expect(s.loadDataset()).rejects.toThrow(/import a seed first/);
        expect(await s.history()).toEqual([]);
      }));

    it("gives back exactly the dataset it was given, in order", () =>
      withStore(make, async (s) => {
        const ds = loadSeed(DEMO_SEED);
        await s.replaceDataset(ds, meta("load"));
        expect(await s.isEmpty()).toBe(false);
        expect(await s.loadDataset()).toEqual(ds);
      }));

    it("streams its firms, ties and sources in dataset order, a page at a time, each as loadDataset reads it, and reads one by id", () =>
      withStore(make, async (s) => {
        // More rows than one page of either store (5,000 here, 2,000 embedded).
        const ds = generateSynthetic({ chains: 3, firms: 6_000, ties: 7_000 });
        await s.replaceDataset(ds, meta("load"));
        expect(s.streamEntities).toBeDefined();
        const back = await s.loadDataset();
        for (const kind of ["firms", "ties", "sources"] as const) {
          const got: unknown[] = [];
          for await (const e of s.streamEntities!(kind)) got.push(e);
          expect(got.length, kind).toBe(back[kind].length);
          expect(got, kind).toEqual(back[kind]);
        }
        // A page in list order, and the list's length: at the start, across the stores' stream pages, past the end.
        expect(s.pageEntities).toBeDefined();
        for (const kind of ["firms", "ties", "sources"] as const)
          for (const [offset, limit] of [
            [0, 50],
            [1_990, 30],
            [Math.max(0, back[kind].length - 3), 10],
            [back[kind].length + 5, 10],
          ] as const)
            expect(await s.pageEntities!(kind, offset, limit), `${kind} ${offset}`).toEqual({
              items: back[kind].slice(offset, offset + limit),
              total: back[kind].length,
            });
        // One entity by id: the same as in the dataset; none for an id of another kind or of nothing.
        expect(s.readEntity).toBeDefined();
        const seed = loadSeed(DEMO_SEED);
        for (const kind of ["firms", "ties"] as const)
          for (const e of [back[kind][0]!, back[kind][back[kind].length - 1]!])
            expect(await s.readEntity!(kind, e.id), kind).toEqual(e);
        expect(seed.sources.length).toBeGreaterThan(0);
        await s.replaceDataset(seed, meta("demo"));
        for (const kind of ["firms", "ties", "sources"] as const)
          for (const e of [seed[kind][0]!, seed[kind][seed[kind].length - 1]!])
            expect(await s.readEntity!(kind, e.id), kind).toEqual(e);
        expect(await s.readEntity!("ties", back.firms[0]!.id)).toBeUndefined();
        expect(await s.readEntity!("firms", "no-such-firm")).toBeUndefined();
      }));

    it("tells who names a firm, source, segment or region, the sources at an address, and entities by id with their places, as the dataset does", () =>
      withStore(make, async (s) => {
        const ds = loadSeed(SHIPPED_SEED);
        await s.replaceDataset(ds, meta("load"));
        expect(s.namedBy && s.sourcesAt && s.readPlaced).toBeDefined();
        const cites = citationCounts(ds);
        const targets: NamedTarget[] = [
          // The most cited sources (lists, yearbooks) and some cited once; firms that are parents, masters, tie ends.
          ...[...ds.sources]
            .sort((a, b) => (cites.get(b.id) ?? 0) - (cites.get(a.id) ?? 0))
            .filter((_, i) => i < 4 || i % 60 === 0)
            .map((x) => ({ kind: "sources" as const, id: x.id })),
          ...ds.firms.filter((_, i) => i % 40 === 0).map((x) => ({ kind: "firms" as const, id: x.id })),
          ...ds.firms
            .flatMap((f) => (f.parent ? [{ kind: "firms" as const, id: f.parent }] : []))
            .slice(0, 3),
          ...ds.ties.slice(0, 3).map((t) => ({ kind: "firms" as const, id: t.supplier })),
          ...ds.segments.filter((_, i) => i % 15 === 0).map((x) => ({ kind: "segments" as const, id: x.id })),
          ...ds.regions.map((x) => ({ kind: "regions" as const, id: x.id })),
          { kind: "firms", id: "no-such-firm" },
        ];
        let named = 0;
        for (const t of targets)
          for (const limit of [2, 1000]) {
            const want = namersIn(ds, t, limit);
            named += want.firms.length + want.ties.length;
            expect(await s.namedBy!(t, limit), `${t.kind} ${t.id} ${limit}`).toEqual(want);
          }
        expect(named).toBeGreaterThan(100);
        for (const src of ds.sources.filter((x, i) => x.url !== undefined && i % 25 === 0)) {
          // The same page written another way (scheme, "www.", trailing slash) is the same page.
          const www = src.url!.replace(/^https?:\/\/(www\.)?/, "http://www.");
          const other = /[?#]/.test(www) ? www : www.replace(/\/?$/, "/");
          expect(await s.sourcesAt!(other), src.url).toEqual(sourcesAtIn(ds, src.url!));
          expect((await s.sourcesAt!(other))!.length).toBeGreaterThan(0);
        }
        expect(await s.sourcesAt!("https://example.org/no-such-page")).toEqual([]);
        for (const kind of ["firms", "ties", "sources"] as const) {
          const ids = [ds[kind][5]!.id, ds[kind][0]!.id, "no-such-id", ds[kind].at(-1)!.id];
          expect(await s.readPlaced!(kind, ids), kind).toEqual(placedIn(ds, kind, ids));
        }
      }));

    it("replaces the whole dataset on a second write: nothing of the first is left", () =>
      withStore(make, async (s) => {
        await s.replaceDataset(loadSeed(DEMO_SEED), meta("demo"));
        const synthetic = generateSynthetic({ chains: 2, firms: 300, ties: 300 });
        await s.replaceDataset(synthetic, meta("synthetic"));
        const back = await s.loadDataset();
        expect(back.firms.map((f) => f.id)).toEqual(synthetic.firms.map((f) => f.id));
        expect(back.ties.map((t) => t.id)).toEqual(synthetic.ties.map((t) => t.id));
        expect(back.feeds).toEqual(synthetic.feeds);
        expect(back.region).toEqual(synthetic.region);
      }));

    it("records who, when and why for every write, with the entities it touched", () =>
      withStore(make, async (s) => {
        const ds = loadSeed(DEMO_SEED);
        const first = await s.replaceDataset(ds, { who: "alice", why: "initial load" });
        const entities = ds.sources.length + ds.regions.length + ds.chains.length + ds.segments.length;
        expect(first.added).toBe(1 + entities + ds.feeds.length + ds.firms.length + ds.ties.length);
        const renamed = structuredClone(ds);
        renamed.firms[0]!.name.en = "Sun Modules Group";
        renamed.ties = [];
        const second = await s.replaceDataset(renamed, { who: "bob", why: "fix a name" });
        expect(second).toMatchObject({ added: 0, changed: 1, removed: 1 });
        const history = await s.history();
        expect(history.map((h) => [h.who, h.why, h.op, h.added, h.changed, h.removed])).toEqual([
          ["bob", "fix a name", "import", 0, 1, 1],
          ["alice", "initial load", "import", first.added, 0, 0],
        ]);
        expect(history[0]!.id).toBeGreaterThan(history[1]!.id);
        expect(Date.parse(history[0]!.at)).toBeGreaterThan(Date.now() - 60_000);
        expect(await s.history(1)).toHaveLength(1);
        expect(await s.changeItems(history[0]!.id)).toEqual([
          { kind: "firms", id: "sun-modules", action: "changed" },
          { kind: "ties", id: "glass-co-to-sun", action: "removed" },
        ]);
        expect((await s.changeItems(history[1]!.id))[0]).toEqual({
          kind: "region",
          id: ds.region.id,
          action: "added",
        });
        // Who last changed one entity: the newest change naming it; none for an entity no change names.
        expect(await s.lastChangeOf!("firms", "sun-modules")).toEqual({
          who: "bob",
          at: history[0]!.at,
          why: "fix a name",
        });
        expect(await s.lastChangeOf!("firms", ds.firms[1]!.id)).toMatchObject({ who: "alice" });
        expect(await s.lastChangeOf!("ties", "no-such-tie")).toBeUndefined();
      }));

    it("previews a replace as the change items the replace then records, and writes nothing", () =>
      withStore(make, async (s) => {
        const ds = loadSeed(DEMO_SEED);
        const onEmpty = await s.previewReplace(ds);
        expect(onEmpty[0]).toEqual({ kind: "region", id: ds.region.id, action: "added" });
        expect(await s.isEmpty()).toBe(true);
        await s.replaceDataset(ds, meta("load"));
        const [load] = await s.history();
        expect(await s.changeItems(load!.id)).toEqual(onEmpty);
        const next = structuredClone(ds);
        next.firms[0]!.name.en = "Sun Modules Group";
        next.ties = next.ties.slice(1);
        next.sources.push({ ...next.sources[0]!, id: "added-source" });
        const preview = await s.previewReplace(next);
        expect(preview.map((i) => i.action).sort()).toEqual(["added", "changed", "removed"]);
        expect(await s.loadDataset()).toEqual(ds);
        expect(await s.history()).toHaveLength(1);
        await s.replaceDataset(next, meta("edit"));
        const [edit] = await s.history();
        expect(await s.changeItems(edit!.id)).toEqual(preview);
        // Previewing what the store holds changes nothing.
        expect(await s.previewReplace(next)).toEqual([]);
      }));

    it("leaves the store unchanged when a write fails midway, and a later write still works", () =>
      withStore(make, async (s) => {
        await s.replaceDataset(loadSeed(DEMO_SEED), meta("baseline"));
        const before = await s.loadDataset();
        const big = generateSynthetic({ chains: 2, firms: 5000, ties: 5000 });
        let reported = 0;
        await expect(
          s.replaceDataset(big, meta("fails midway"), {
            onProgress: (n) => {
              reported = n;
              if (n >= 2000) throw new Error("disk full (simulated)");
            },
          }),
        ).rejects.toThrow(/rolled back.*disk full/);
        expect(reported).toBeGreaterThanOrEqual(2000);
        expect(await s.loadDataset()).toEqual(before);
        expect(await s.history()).toHaveLength(1);
        expect(await s.findFirms("SYNTHETIC")).toEqual([]);
        await s.replaceDataset(big, meta("now whole"));
        expect((await s.loadDataset()).firms).toHaveLength(5000);
        expect(await s.history()).toHaveLength(2);
      }));

    it("rejects a write with two entities of one id, and keeps what it had", () =>
      withStore(make, async (s) => {
        const ds = loadSeed(DEMO_SEED);
        await s.replaceDataset(ds, meta("baseline"));
        const twice = structuredClone(ds);
        twice.firms.push(structuredClone(twice.firms[0]!));
        await expect(s.replaceDataset(twice, meta("duplicate firm"))).rejects.toThrow(
          /sun-modules|glass-co|UNIQUE|already exists/i,
        );
        const tieTwice = structuredClone(ds);
        tieTwice.ties.push(structuredClone(tieTwice.ties[0]!));
        await expect(s.replaceDataset(tieTwice, meta("duplicate tie"))).rejects.toThrow(
          /glass-co-to-sun|UNIQUE/,
        );
        expect(await s.loadDataset()).toEqual(ds);
        expect(await s.history()).toHaveLength(1);
      }));

    it("finds firms by Chinese product and name, for long and two-character queries, never by injection", () =>
      withStore(make, async (s) => {
        await s.replaceDataset(loadSeed(DEMO_SEED), meta("load"));
        expect((await s.findFirms("光伏玻璃")).map((h) => h.id)).toEqual(["glass-co"]);
        expect((await s.findFirms("光伏")).map((h) => h.id).sort()).toEqual(["glass-co", "sun-modules"]);
        expect((await s.findFirms(" 组件有限 ")).map((h) => [h.id, h.local])).toEqual([
          ["sun-modules", true],
        ]);
        expect((await s.findFirms("光伏", 1)).length).toBe(1);
        expect(await s.findFirms("风电叶片")).toEqual([]);
        expect(await s.findFirms("   ")).toEqual([]);
        expect(await s.findFirms('"; drop table entity; --')).toEqual([]);
        expect(await s.findFirms("') DETACH DELETE n //")).toEqual([]);
        expect((await s.loadDataset()).firms.length).toBeGreaterThan(0);
      }));

    it("finds the same firms in a synthetic city as a plain substring scan would, in dataset order", () =>
      withStore(make, async (s) => {
        const ds = generateSynthetic({ chains: 3, firms: 800, ties: 200 });
        await s.replaceDataset(ds, meta("synthetic"));
        const scan = (q: string) =>
          ds.firms
            .filter((f) =>
              [f.name.zh, f.name.en ?? "", ...f.name.aliases, ...f.products.map((p) => p.name)]
                .join(" | ")
                .toLowerCase()
                .includes(q.toLowerCase()),
            )
            .map((f) => f.id);
        let many = 0;
        for (const q of queriesOf(ds)) {
          const hits = (await s.findFirms(q, 10_000)).map((h) => h.id);
          expect(hits, `query ${q}`).toEqual(scan(q));
          // A limit keeps the first hits in dataset order (both stores answer `find` alike).
          expect((await s.findFirms(q, 3)).map((h) => h.id)).toEqual(scan(q).slice(0, 3));
          if (hits.length > 3) many++;
        }
        expect(many).toBeGreaterThan(0);
      }));

    it("finds the firms an import's rows could be (same code, same name as given or folded, a close name) as the dataset does", () =>
      withStore(make, async (s) => {
        const seed = loadSeed(SHIPPED_SEED);
        // The shipped city and, beside it, synthetic firms whose names differ by a digit (close to many others).
        const syn = generateSynthetic({ chains: 2, firms: 3_000, ties: 100, seed: 3 });
        const ds: Dataset = {
          ...seed,
          firms: [
            ...seed.firms,
            ...syn.firms.map((f) => ({ ...f, location: { ...f.location, region: undefined } })),
          ],
        };
        await s.replaceDataset(ds, meta("load"));
        expect(s.matchCandidates && s.firmIdsLike).toBeDefined();
        const asks: MatchAsk[] = [];
        for (const f of seed.firms.filter((_, i) => i % 9 === 0)) {
          const zh = [...f.name.zh];
          asks.push({
            names: [
              f.name.zh,
              `${f.name.zh}有限公司`,
              `浙江${f.name.zh}`,
              zh.slice(0, Math.ceil(zh.length / 2)).join(""),
              zh.slice(1).join(""),
              [...zh.slice(0, -1), "某"].join(""),
              `${f.name.zh}科技发展`,
              ...(f.name.en
                ? [f.name.en, f.name.en.toUpperCase(), `${f.name.en} Co., Ltd.`, f.name.en.slice(0, -2)]
                : []),
              ...f.name.aliases,
            ],
            creditCodes: f.creditCode ? [f.creditCode] : [],
          });
        }
        asks.push({
          names: ["SYNTHETIC 企业123", "SYNTHETIC firm 2999", "企业77", "ＳＹＮＴＨＥＴＩＣ 企業1"],
          creditCodes: [],
        });
        asks.push({ names: ["完全无关的名字", "Zzyzx Quux", "某"], creditCodes: ["91330400MA2XXXXXXX"] });
        // One ask of many rows at once, as an import asks.
        asks.push({ names: asks.flatMap((a) => a.names), creditCodes: asks.flatMap((a) => a.creditCodes) });
        let found = 0;
        for (const ask of asks) {
          const want = matchCandidatesIn(ds, ask);
          found += want.length;
          expect(await s.matchCandidates!(ask), ask.names.slice(0, 3).join(" / ")).toEqual(want);
        }
        expect(found).toBeGreaterThan(200);
        expect(await s.matchCandidates!({ names: ["完全无关的名字"], creditCodes: [] })).toEqual([]);
        // Ids a new firm must avoid: the base and the base with a number; not another id that begins alike.
        const ids = ds.firms.map((f) => f.id);
        const bases = [
          ...ids.slice(0, 30),
          ...ids.slice(-5),
          "syn-f",
          "syn-f0",
          ...ids.slice(0, 10).map((id) => id.replace(/-[^-]*$/, "")),
          "no-such-base",
        ];
        const like = firmIdsLikeIn(ds, bases);
        expect(like.length).toBeGreaterThan(30);
        expect(await s.firmIdsLike!(bases)).toEqual(like);
      }));

    it("asks and decides review questions inside a write: each key once, a decision on a decided item refuses the write", () =>
      withStore(make, async (s) => {
        if (!s.writeEntities) throw new Error(`the ${name} store has no writeEntities`);
        const ds = generateSynthetic({ chains: 2, firms: 50, ties: 20 });
        await s.replaceDataset(ds, meta("load"));
        const item = (key: string, row: number) => ({
          file: "list.csv",
          row,
          name: `name ${key}`,
          candidate: ds.firms[row]!.id,
          score: 0.8,
          reason: "similar name",
          key,
          payload: { draft: { name: { zh: key } } },
        });
        expect(await s.reviewItems()).toEqual([]);
        await s.writeEntities([], meta("asks"), {
          review: { enqueue: [item("a", 1), item("b", 2), item("a", 3)] },
        });
        await s.writeEntities([], meta("asks again"), { review: { enqueue: [item("b", 2), item("c", 4)] } });
        const all = await s.reviewItems();
        expect(all.map((i) => [i.id, i.name, i.row, i.status])).toEqual([
          [1, "name a", 1, "pending"],
          [2, "name b", 2, "pending"],
          [3, "name c", 4, "pending"],
        ]);
        expect(all[0]!.payload).toEqual({ draft: { name: { zh: "a" } } });
        expect(await s.reviewItem(2)).toEqual(all[1]);
        expect(await s.reviewItem(99)).toBeUndefined();
        // A decision with an edit: both apply.
        const edited = { ...ds.firms[2]!, note: "decided" };
        const done = await s.writeEntities(
          [{ kind: "firms", id: edited.id, json: JSON.stringify(edited) }],
          meta("decide"),
          { review: { decide: { id: 2, status: "accepted", who: "ed", result: edited.id } } },
        );
        expect(done.changeId).toBeDefined();
        const two = (await s.reviewItem(2))!;
        expect([two.status, two.decidedBy, two.result]).toEqual(["accepted", "ed", edited.id]);
        expect(await s.reviewItems("pending")).toHaveLength(2);
        // Deciding it again refuses the whole write: the edit is not applied either.
        const again = { ...ds.firms[3]!, note: "must not land" };
        const history = await s.history();
        await expect(
          s.writeEntities([{ kind: "firms", id: again.id, json: JSON.stringify(again) }], meta("twice"), {
            review: { decide: { id: 2, status: "rejected", who: "ed", result: "x" } },
          }),
        ).rejects.toThrow(/not pending/);
        expect(await s.history()).toEqual(history);
        expect((await s.loadDataset()).firms[3]).toEqual(ds.firms[3]);
        expect((await s.reviewItem(2))!.status).toBe("accepted");
      }));

    it("writes nothing when an entity write's precondition refuses, and keeps the history", () =>
      withStore(make, async (s) => {
        if (!s.writeEntities) throw new Error(`the ${name} store has no writeEntities`);
        const ds = generateSynthetic({ chains: 2, firms: 100, ties: 200 });
        await s.replaceDataset(ds, meta("load"));
        const before = await s.history();
        const changed = { ...ds.firms[0]!, note: "changed" };
        await expect(
          s.writeEntities([{ kind: "firms", id: changed.id, json: JSON.stringify(changed) }], meta("edit"), {
            precondition: (snap) => {
              expect(snap.json("firms", changed.id)).toBe(JSON.stringify(ds.firms[0]));
              throw new ConflictError("stale");
            },
          }),
        ).rejects.toThrow(ConflictError);
        expect(await s.loadDataset()).toEqual(ds);
        expect(await s.history()).toEqual(before);
      }));

    it("lets two writers write at once: each write applies whole, both are in the history", async () => {
      const a = await make.fresh();
      const b = await make.reopen(a);
      try {
        const one = generateSynthetic({ chains: 2, firms: 1500, ties: 1500, seed: 1 });
        const demo = loadSeed(DEMO_SEED);
        const [x, y] = await Promise.all([
          a.replaceDataset(one, meta("writer one")),
          b.replaceDataset(demo, meta("writer two")),
        ]);
        expect(x.changeId).not.toBe(y.changeId);
        const final = await a.loadDataset();
        expect(final).toEqual(final.firms.length === one.firms.length ? one : demo);
        const history = await b.history();
        expect(history.map((h) => h.why).sort()).toEqual(["writer one", "writer two"]);
        // The later writer diffed against the earlier one's committed data, not against an empty store.
        const later = history[0]!;
        expect(later.removed).toBeGreaterThan(0);
      } finally {
        await b.close();
        await a.close();
      }
    });
  });
  pipelineContract(name, make);
}

/** Queries drawn from the data: a two-character and a longer piece of a firm's name and of a product. */
function queriesOf(ds: Dataset): string[] {
  const qs = new Set<string>();
  for (const f of ds.firms.slice(0, 40)) {
    qs.add([...f.name.zh].slice(1, 3).join(""));
    qs.add([...f.name.zh].slice(0, 4).join(""));
    const p = f.products[0]?.name;
    if (p) qs.add(p);
  }
  return [...qs].filter((q) => q.trim() !== "");
}
