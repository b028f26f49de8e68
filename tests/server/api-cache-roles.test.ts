// The answer cache (bounded, single-flight, invalidated by writes), investor county binding, token last use,
// and the backtest's two modes over the API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBacktest } from "../../src/analysis/index.ts";
import { readMatchingResources, readProductsEn } from "../../src/seed/index.ts";
import { AnswerCache } from "../../src/server/answer-cache.ts";
import { JsonText } from "../../src/server/json-text.ts";
import { json, PASSWORD, startTestServer, type TestServer } from "./test-server.ts";

describe("AnswerCache", () => {
  it("evicts the least recently used answer when over its entry cap", async () => {
    const c = new AnswerCache({ maxEntries: 2 });
    let made = 0;
    const make = (v: string) => () => {
      made++;
      return v;
    };
    await c.get("a", make("A"));
    await c.get("b", make("B"));
    await c.get("a", make("A")); // a is now the most recent
    await c.get("c", make("C")); // evicts b
    expect(made).toBe(3);
    expect(await c.get("a", make("A2"))).toBe("A");
    expect(await c.get("b", make("B2"))).toBe("B2");
    expect(c.stats.evictions).toBeGreaterThanOrEqual(2);
    expect(c.stats.entries).toBe(2);
  });

  it("keeps its bytes under the cap and does not keep an answer bigger than the cap", async () => {
    const c = new AnswerCache({ maxEntries: 100, maxBytes: 250 });
    for (let i = 0; i < 10; i++) await c.get(`k${i}`, () => new JsonText("x".repeat(100)));
    expect(c.stats.bytes).toBeLessThanOrEqual(250);
    expect(c.stats.entries).toBe(2);
    await c.get("huge", () => new JsonText("y".repeat(1000)));
    expect(c.stats.bytes).toBeLessThanOrEqual(250);
    let again = 0;
    await c.get("huge", () => {
      again++;
      return new JsonText("y");
    });
    expect(again).toBe(1);
  });

  it("shares one computation among concurrent identical misses, and does not keep failures", async () => {
    const c = new AnswerCache();
    let runs = 0;
    const slow = async () => {
      runs++;
      await new Promise((ok) => setTimeout(ok, 20));
      return { n: runs };
    };
    const answers = await Promise.all(Array.from({ length: 25 }, () => c.get("same", slow)));
    expect(runs).toBe(1);
    expect(new Set(answers).size).toBe(1);
    expect(c.stats.shared).toBe(24);
    await expect(c.get("bad", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await c.get("bad", () => "fine")).toBe("fine");
  });

  it("does not keep an answer whose computation began before a clear", async () => {
    const c = new AnswerCache();
    let release!: () => void;
    const started = c.get("k", () => new Promise<string>((ok) => (release = () => ok("old"))));
    c.clear();
    release();
    expect(await started).toBe("old");
    expect(await c.get("k", () => "new")).toBe("new");
  });
});

describe("over the API", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.close();
  });

  it("serves targets from the cache and a write makes the next GET reflect it", async () => {
    const state = t.server.state;
    const first = await json(await t.call("/api/chains/pv/targets?top=5"));
    const hits = state.answers.stats.hits;
    const again = await json(await t.call("/api/chains/pv/targets?top=5"));
    expect(again).toEqual(first);
    expect(state.answers.stats.hits).toBeGreaterThan(hits);
    // The default made explicit (top=20) is the same normalised options: one answer.
    const d1 = await json(await t.call("/api/chains/pv/targets"));
    const h2 = state.answers.stats.hits;
    await t.call("/api/chains/pv/targets?top=20");
    expect(state.answers.stats.hits).toBeGreaterThan(h2);
    expect(d1.rows.length).toBeGreaterThan(0);

    const id = first.rows[0].firm.id as string;
    const read = await t.call(`/api/firms/${id}`);
    const etag = read.headers.get("etag")!;
    const firm = await json(read);
    const renamed = `${firm.name.zh}（缓存测试）`;
    const put = await t.call(`/api/firms/${id}`, {
      method: "PUT",
      as: "editor",
      headers: { "if-match": etag, "x-why": "cache test" },
      body: JSON.stringify({ ...firm, name: { ...firm.name, zh: renamed } }),
    });
    expect(put.status).toBe(200);
    const after = await json(await t.call("/api/chains/pv/targets?top=5"));
    const row = after.rows.find((r: { firm: { id: string } }) => r.firm.id === id);
    expect(JSON.stringify(row)).toContain(renamed);
    expect(JSON.stringify(first)).not.toContain(renamed);
  });

  it("binds an investor to a county: created, shown in /api/auth/me, changed and cleared by an admin", async () => {
    const made = await t.call("/api/users", {
      method: "POST",
      body: JSON.stringify({ username: "inv2", password: PASSWORD, role: "investor", county: "tongxiang" }),
    });
    expect(made.status).toBe(201);
    expect((await json(made)).user.county).toBe("tongxiang");
    const me = await json(await t.call("/api/auth/me", { as: "investor" }));
    expect(JSON.stringify(me)).toContain("haining");
    const changed = await json(
      await t.call("/api/users/inv2", { method: "PATCH", body: JSON.stringify({ county: "jiashan" }) }),
    );
    expect(changed.user.county).toBe("jiashan");
    const cleared = await json(
      await t.call("/api/users/inv2", { method: "PATCH", body: JSON.stringify({ county: null }) }),
    );
    expect(cleared.user.county).toBeUndefined();
    const bad = await t.call("/api/users/inv2", {
      method: "PATCH",
      body: JSON.stringify({ county: "../x" }),
    });
    expect(bad.status).toBe(400);
    // The bound investor still reads gaps and targets and exports, and may not write the map.
    expect((await t.call("/api/chains/pv/gaps", { as: "investor" })).status).toBe(200);
    expect((await t.call("/api/chains/pv/targets.csv", { as: "investor" })).status).toBe(200);
    const write = await t.call("/api/firms", { method: "POST", as: "investor", body: "{}" });
    expect(write.status).toBe(403);
  });

  it("records a token's last use, written at most once a minute, and lists it", async () => {
    const { tokens } = t.server.state.accounts;
    const created = tokens.create("ed", "last-used");
    expect(created.info.lastUsedAt).toBeNull();
    const r = await fetch(`${t.url}/api/tokens`, { headers: { authorization: `Bearer ${created.token}` } });
    const listed = (await json(r)).items.find((x: { id: number }) => x.id === created.info.id);
    expect(Date.parse(listed.lastUsedAt)).toBeGreaterThan(Date.now() - 60_000);
    const at = (id: number) => tokens.list().find((x) => x.id === id)!.lastUsedAt;
    const t0 = new Date(Date.parse(listed.lastUsedAt) + 1000);
    tokens.find(created.token, t0);
    expect(at(created.info.id)).toBe(listed.lastUsedAt);
    const later = new Date(Date.parse(listed.lastUsedAt) + 61_000);
    tokens.find(created.token, later);
    expect(at(created.info.id)).toBe(later.toISOString());
  });

  it("runs the backtest in segment and list mode, as the CLI's runBacktest, and names a bad mode", async () => {
    const seg = await json(await t.call("/api/backtest?chain=pv", { as: "investor" }));
    expect(seg.mode).toBe("segment");
    expect(seg.perChain).toHaveProperty("pv");
    const list = await json(await t.call("/api/backtest?chain=pv&mode=list", { as: "investor" }));
    expect(list.mode).toBe("list");
    const want = runBacktest(
      await t.server.state.dataset(),
      { chain: "pv", mode: "list" },
      readMatchingResources(),
      readProductsEn(),
    );
    expect(list.overall).toEqual(JSON.parse(JSON.stringify(want.overall)));
    expect(list.byChain).toHaveProperty("pv");
    const bad = await t.call("/api/backtest?mode=lists");
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.message).toContain("--mode");
  });
});
