// An edit through the embedded store writes only its entities: the data, the history, the search and the
// chain-subgraph index end up exactly as if the whole edited dataset had been imported.
import { describe, expect, it } from "vitest";
import { generateSynthetic } from "../../scripts/synthetic/generate.ts";
import { NO_RESOURCES } from "../../src/analysis/matching/matching-resources.ts";
import { subgraphKeys } from "../../src/analysis/matching/subgraph-keys.ts";
import type { Dataset, Firm } from "../../src/model/index.ts";
import { staleParts } from "../../src/store/embedded-subgraph-index.ts";
import { EmbeddedStore } from "../../src/store/index.ts";

const meta = { who: "editor", why: "an edit" };
const keys = subgraphKeys(NO_RESOURCES);

/** Every chain's subgraph of `store` equals that of a fresh store holding `expected` whole. */
async function sameSubgraphs(store: EmbeddedStore, expected: Dataset): Promise<void> {
  const fresh = new EmbeddedStore(":memory:");
  await fresh.replaceDataset(expected, { who: "test", why: "reference" });
  // The structural index was kept current by the edit (not left stale to be rebuilt on read) …
  expect(staleParts(store.db, keys).structure).toBe(false);
  for (const sql of [
    "select segment, firm from sg_link order by 1, 2",
    "select code, firm from sg_code order by 1, 2",
    "select id, supplier, customer, segment from sg_tie order by 1",
  ])
    expect(store.db.prepare(sql).all(), sql).toEqual(fresh.db.prepare(sql).all());
  // … and every chain's subgraph is the one a whole import gives.
  for (const c of expected.chains)
    expect(await store.loadChainSubgraph(c.id, keys), c.id).toEqual(
      await fresh.loadChainSubgraph(c.id, keys),
    );
  await fresh.close();
}

describe("the embedded store's entity writes", () => {
  it("adds, changes and removes single entities as a whole import of the result would", async () => {
    const synthetic = generateSynthetic({ chains: 3, firms: 300, ties: 900 });
    // One tie without a segment of its own, from a supplier in one segment: it is filed by its supplier.
    const byId = new Map(synthetic.firms.map((f) => [f.id, f]));
    const unfiled = synthetic.ties.find((t) => byId.get(t.supplier)?.segments.length === 1)!;
    const { segment: _dropped, ...bare } = unfiled;
    const ds: Dataset = { ...synthetic, ties: synthetic.ties.map((t) => (t === unfiled ? bare : t)) };
    const store = new EmbeddedStore(":memory:");
    await store.replaceDataset(ds, { who: "test", why: "load" });
    // The index is built before the edits, so they must keep it current (not merely leave it to be rebuilt).
    await store.prepareChainSubgraphs(keys);

    // A firm moves to another segment: its links change, and so does the filing of ties it supplies
    // that carry no segment of their own.
    const supplied = ds.ties.find((t) => t.segment === undefined)!;
    const mover = ds.firms.find((f) => f.id === supplied.supplier)!;
    const other = ds.segments.find((s) => !mover.segments.some((l) => l.segment === s.id))!;
    const moved: Firm = { ...mover, segments: [{ ...mover.segments[0]!, segment: other.id }] };
    const added: Firm = {
      ...ds.firms[0]!,
      id: "edit-new-firm",
      name: { zh: "编辑新增企业", aliases: [] },
      segments: [{ ...ds.firms[0]!.segments[0]!, segment: other.id }],
    };
    const dropped = ds.ties[5]!;
    const s1 = await store.writeEntities(
      [
        { kind: "firms", id: moved.id, json: JSON.stringify(moved) },
        { kind: "firms", id: added.id, json: JSON.stringify(added) },
        { kind: "ties", id: dropped.id },
      ],
      meta,
      { op: "api edit" },
    );
    expect(s1).toMatchObject({ added: 1, changed: 1, removed: 1 });
    expect(s1.items).toEqual([
      { kind: "firms", id: moved.id, action: "changed" },
      { kind: "firms", id: added.id, action: "added" },
      { kind: "ties", id: dropped.id, action: "removed" },
    ]);
    const expected: Dataset = {
      ...ds,
      firms: [...ds.firms.map((f) => (f.id === moved.id ? moved : f)), added],
      ties: ds.ties.filter((t) => t.id !== dropped.id),
    };
    expect(await store.loadDataset()).toEqual(expected);
    expect((await store.history(1))[0]).toMatchObject({
      who: "editor",
      op: "api edit",
      added: 1,
      removed: 1,
    });
    expect(await store.changeItems(s1.changeId!)).toEqual(s1.items);
    expect((await store.findFirms("编辑新增企业")).map((h) => h.id)).toEqual([added.id]);
    await sameSubgraphs(store, expected);

    // Writing an entity as stored, or removing one that is not there, records nothing.
    const kept = await store.history();
    const none = await store.writeEntities(
      [
        { kind: "firms", id: added.id, json: JSON.stringify(added) },
        { kind: "ties", id: "no-such-tie" },
      ],
      meta,
    );
    expect(none.changeId).toBeUndefined();
    expect(await store.history()).toEqual(kept);

    // Removing the firm again takes it out of the search too.
    await store.writeEntities([{ kind: "firms", id: added.id }], meta);
    expect(await store.findFirms("编辑新增企业")).toEqual([]);
    const back = { ...expected, firms: expected.firms.filter((f) => f.id !== added.id) };
    expect(await store.loadDataset()).toEqual(back);
    await sameSubgraphs(store, back);
    await store.close();
  });
});
