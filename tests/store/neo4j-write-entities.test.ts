// An edit through the Neo4j store writes only its entities: the nodes, relationships, history and every chain's
// subgraph end up exactly as a whole import of the edited dataset leaves them. Needs the test Neo4j; fails without.
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSynthetic } from "../../scripts/synthetic/generate.ts";
import { NO_RESOURCES } from "../../src/analysis/matching/matching-resources.ts";
import { subgraphKeys } from "../../src/analysis/matching/subgraph-keys.ts";
import { Chain, type Dataset, Firm, Segment, SupplyTie } from "../../src/model/index.ts";
import type { Neo4jStore } from "../../src/store/neo4j/index.ts";
import type { EntityChange } from "../../src/store/store.ts";
import { emptyTestNeo4j, lockTestNeo4j, testDriver } from "./neo4j-test-server.ts";

const meta = { who: "editor", why: "an edit" };
const keys = subgraphKeys(NO_RESOURCES);
let release: (() => void) | undefined;
let store: Neo4jStore;
let driver: Driver;
beforeAll(async () => {
  release = await lockTestNeo4j();
  store = await emptyTestNeo4j();
  driver = testDriver();
}, 900_000);
afterAll(async () => {
  await store?.dropAll();
  await store?.close();
  await driver?.close();
  release?.();
});

/** Every entity node and relationship with its properties (`seq` aside: an edit appends, an import renumbers). */
async function graphDump(): Promise<string[]> {
  const clean = (p: Record<string, unknown>) =>
    JSON.stringify(
      Object.entries(p)
        .filter(([k]) => k !== "seq")
        .sort(),
    );
  const nodes = await driver.executeQuery(
    "MATCH (n) WHERE NOT n:ChangeSet AND NOT n:ChangeItem AND NOT n:AtlasMeta RETURN labels(n) AS l, properties(n) AS p",
  );
  const rels = await driver.executeQuery(
    "MATCH (a)-[r]->(b) WHERE type(r) <> 'TEXT_EVIDENCE' RETURN type(r) AS t, labels(a) AS la, a.id AS a, labels(b) AS lb, b.id AS b, properties(r) AS p",
  );
  return [
    ...nodes.records.map((r) => `node ${[...(r.get("l") as string[])].sort()} ${clean(r.get("p"))}`),
    ...rels.records.map(
      (r) =>
        `rel ${r.get("t")} ${[...(r.get("la") as string[])].sort()}:${r.get("a")} → ${[...(r.get("lb") as string[])].sort()}:${r.get("b")} ${clean(r.get("p"))}`,
    ),
  ].sort();
}

async function subgraphs(ds: Dataset): Promise<Dataset[]> {
  const out: Dataset[] = [];
  for (const c of ds.chains) out.push(await store.loadChainSubgraph(c.id, keys));
  return out;
}

describe("the Neo4j store's entity writes", () => {
  it("adds, changes and removes single entities as a whole import of the result would", {
    timeout: 300_000,
  }, async () => {
    const synthetic = generateSynthetic({ chains: 3, firms: 300, ties: 900 });
    // One tie without a segment of its own, from a supplier in one segment: it is filed by its supplier.
    const byId = new Map(synthetic.firms.map((f) => [f.id, f]));
    const unfiled = synthetic.ties.find((t) => byId.get(t.supplier)?.segments.length === 1)!;
    const { segment: _dropped, ...bare } = unfiled;
    const ds: Dataset = { ...synthetic, ties: synthetic.ties.map((t) => (t === unfiled ? bare : t)) };
    await store.replaceDataset(ds, { who: "test", why: "load" });
    await store.prepareChainSubgraphs(keys);

    // A firm moves to another segment (its links, and the filing of the tie it supplies without a segment,
    // change); a firm is added with a new industry code; a tie is removed, one changed, one added; a segment's
    // keywords and a chain's name change. Each is parsed, as the API parses a body before it writes it.
    const mover = byId.get(unfiled.supplier)!;
    const other = ds.segments.find((s) => !mover.segments.some((l) => l.segment === s.id))!;
    const moved = Firm.parse({ ...mover, segments: [{ ...mover.segments[0]!, segment: other.id }] });
    const added = Firm.parse({
      ...ds.firms[0]!,
      id: "edit-new-firm",
      name: { zh: "编辑新增企业", aliases: [] },
      codes: ["3999"],
      segments: [{ ...ds.firms[0]!.segments[0]!, segment: other.id }],
    });
    const dropped = ds.ties[5]!;
    const changedTie = SupplyTie.parse({ ...ds.ties[6]!, share: 0.25 });
    const newTie = SupplyTie.parse({ ...ds.ties[7]!, id: "edit-new-tie", supplier: added.id });
    const segment = Segment.parse({
      ...ds.segments[0]!,
      keywords: [...ds.segments[0]!.keywords, "编辑关键词"],
    });
    const chain = Chain.parse({ ...ds.chains[0]!, name: { ...ds.chains[0]!.name, zh: "编辑后的链" } });
    const changes: EntityChange[] = [
      { kind: "firms", id: moved.id, json: JSON.stringify(moved) },
      { kind: "firms", id: added.id, json: JSON.stringify(added) },
      { kind: "ties", id: dropped.id },
      { kind: "ties", id: changedTie.id, json: JSON.stringify(changedTie) },
      { kind: "ties", id: newTie.id, json: JSON.stringify(newTie) },
      { kind: "segments", id: segment.id, json: JSON.stringify(segment) },
      { kind: "chains", id: chain.id, json: JSON.stringify(chain) },
    ];
    const s1 = await store.writeEntities(changes, meta, { op: "api edit" });
    expect(s1).toMatchObject({ added: 2, changed: 4, removed: 1 });
    expect(await store.changeItems(s1.changeId!)).toEqual(s1.items);
    expect((await store.history(1))[0]).toMatchObject({
      who: "editor",
      op: "api edit",
      added: 2,
      removed: 1,
    });
    const expected: Dataset = {
      ...ds,
      chains: ds.chains.map((c) => (c.id === chain.id ? chain : c)),
      segments: ds.segments.map((s) => (s.id === segment.id ? segment : s)),
      firms: [...ds.firms.map((f) => (f.id === moved.id ? moved : f)), added],
      ties: [
        ...ds.ties.filter((t) => t.id !== dropped.id).map((t) => (t.id === changedTie.id ? changedTie : t)),
        newTie,
      ],
    };
    expect(await store.loadDataset()).toEqual(expected);
    expect((await store.findFirms("编辑新增企业")).map((h) => h.id)).toEqual([added.id]);
    const edited = { graph: await graphDump(), subgraphs: await subgraphs(expected) };

    // Writing an entity as stored, or removing one that is not there, records nothing.
    const none = await store.writeEntities(
      [
        { kind: "firms", id: added.id, json: JSON.stringify(added) },
        { kind: "ties", id: "no-such-tie" },
      ],
      meta,
    );
    expect(none.changeId).toBeUndefined();

    // The same dataset imported whole into an empty store: the same graph, the same subgraphs.
    await store.dropAll();
    await store.replaceDataset(expected, { who: "test", why: "reference" });
    expect(edited.graph).toEqual(await graphDump());
    expect(edited.subgraphs).toEqual(await subgraphs(expected));

    // Removing the new tie and firm takes the firm out of the search, and its unused code out of the graph.
    await store.writeEntities(
      [
        { kind: "ties", id: newTie.id },
        { kind: "firms", id: added.id },
      ],
      meta,
    );
    expect(await store.findFirms("编辑新增企业")).toEqual([]);
    const back = {
      ...expected,
      firms: expected.firms.filter((f) => f.id !== added.id),
      ties: expected.ties.filter((t) => t.id !== newTie.id),
    };
    expect(await store.loadDataset()).toEqual(back);
    const removed = await graphDump();
    await store.dropAll();
    await store.replaceDataset(back, { who: "test", why: "reference" });
    expect(removed).toEqual(await graphDump());
  });
});
