// The map's resources over REST: lists, reads with ETag, writes checked by the dataset rules, stale writes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RESOURCE_KINDS } from "../../src/server/resources/resource-kinds.ts";
import { json, startTestServer, type TestServer } from "./test-server.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

const firm = (extra: Record<string, unknown> = {}) => ({
  id: "api-test-firm",
  name: { zh: "接口测试企业", aliases: [] },
  location: { country: "CN", region: "haining" },
  segments: [
    { segment: "pv-glass", grade: "medium", basis: "inferred", confidence: 0.5, assumed: true, note: "test" },
  ],
  assumed: true,
  note: "a test firm made by the API test (temporary store only)",
  ...extra,
});

describe("lists and reads", () => {
  it("lists every kind, pages, and reads each kind's first entity with an ETag", async () => {
    for (const kind of RESOURCE_KINDS) {
      const page = await json(await t.call(`/api/${kind}?limit=2`));
      expect(page.limit, kind).toBe(2);
      expect(page.items.length, kind).toBeLessThanOrEqual(2);
      if (page.total === 0) continue;
      const e = page.items[0];
      const id = kind === "feeds" ? `${e.from}>${e.to}` : e.id;
      const r = await t.call(`/api/${kind}/${encodeURIComponent(id)}`, { as: "investor" });
      expect(r.status, `${kind}/${id}`).toBe(200);
      expect(r.headers.get("etag")).toMatch(/^"[\w-]+"$/);
      expect(await json(r)).toEqual(e);
    }
  });

  it("searches firms in Chinese, filters by chain and local, sorts and pages", async () => {
    const hits = await json(await t.call(`/api/firms?q=${encodeURIComponent("光伏玻璃")}&limit=100`));
    expect(hits.total).toBeGreaterThan(0);
    expect(
      hits.items.every(
        (f: { name: { zh: string }; products: Array<{ name: string }> }) =>
          JSON.stringify(f).includes("光伏") || JSON.stringify(f).includes("玻璃"),
      ),
    ).toBe(true);
    const segs = await json(await t.call("/api/segments?chain=pv&stage=upstream&limit=1000"));
    expect(segs.total).toBeGreaterThan(0);
    expect(
      segs.items.every((s: { chain: string; stage: string }) => s.chain === "pv" && s.stage === "upstream"),
    ).toBe(true);
    const local = await json(await t.call("/api/firms?local=true&chain=pv&sort=-id&limit=1000"));
    const ids = local.items.map((f: { id: string }) => f.id);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(local.items.every((f: { location: { region?: string } }) => f.location.region)).toBe(true);
    const p1 = await json(await t.call("/api/firms?limit=5&offset=0&sort=id"));
    const p2 = await json(await t.call("/api/firms?limit=5&offset=5&sort=id"));
    expect(p1.items.at(-1).id < p2.items[0].id).toBe(true);
  });

  it("answers 400 naming a bad query parameter, and 404 for a missing id", async () => {
    const bad = await t.call("/api/firms?limit=abc");
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.details[0].path).toBe("limit");
    const unknown = await t.call("/api/firms?colour=red");
    expect(unknown.status).toBe(400);
    expect((await json(unknown)).error.message).toContain("colour");
    const missing = await t.call("/api/firms/no-such-firm");
    expect(missing.status).toBe(404);
    expect((await json(missing)).error.code).toBe("not_found");
  });

  it("answers 400 for ids that are path tricks", async () => {
    for (const id of ["..%2F..%2Fetc%2Fpasswd", "..%5C..%5Cwin.ini", "PV", "a%00b", "a..b", "%252e%252e"]) {
      const r = await t.call(`/api/chains/${id}`);
      expect(r.status, id).toBe(400);
      expect((await json(r)).error.details[0].path).toBe("id");
    }
    // A client resolves /api/chains/%2E%2E to /api itself: no such route, nothing read from disk.
    const dots = await t.call("/api/chains/%2E%2E");
    expect(dots.status).toBe(404);
    expect((await json(dots)).error.code).toBe("not_found");
  });
});

describe("writes", () => {
  let etag = "";

  it("creates an entity as editor, recorded in the history with who and why", async () => {
    const r = await t.call("/api/firms", {
      method: "POST",
      as: "editor",
      body: JSON.stringify({ ...firm(), _why: "test: a new firm" }),
    });
    expect(r.status).toBe(201);
    etag = r.headers.get("etag")!;
    expect(etag).toBeTruthy();
    expect((await json(await t.call("/api/firms/api-test-firm"))).name.zh).toBe("接口测试企业");
    const history = await json(await t.call("/api/history?limit=1", { as: "editor" }));
    expect(history.items[0]).toMatchObject({
      who: "ed",
      why: "test: a new firm",
      op: "api create firms",
      added: 1,
    });
    const items = await json(await t.call(`/api/history/${history.items[0].id}`, { as: "lead" }));
    expect(items.items).toEqual([{ kind: "firms", id: "api-test-firm", action: "added" }]);
    // The analysis sees the new local firm at once (the graph was rebuilt after the write).
    const gaps = await json(await t.call("/api/chains/pv/gaps"));
    const glass = gaps.findings.find((f: { segment: { id: string } }) => f.segment.id === "pv-glass");
    expect(JSON.stringify(glass)).toContain("api-test-firm");
  });

  it("refuses a write from a role that may not edit (403)", async () => {
    for (const as of ["investor", "lead"] as const) {
      const r = await t.call("/api/firms", {
        method: "POST",
        as,
        body: JSON.stringify(firm({ id: "x-firm" })),
      });
      expect(r.status, as).toBe(403);
    }
  });

  it("rejects a body with every problem named by its path (400), and applies nothing", async () => {
    const before = (await json(await t.call("/api/firms?limit=1"))).total;
    const r = await t.call("/api/firms", {
      method: "POST",
      body: JSON.stringify({ id: "Bad Id", name: { zh: "" }, location: { country: "china" }, colour: "red" }),
    });
    expect(r.status).toBe(400);
    const paths = (await json(r)).error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["id", "name.zh", "location.country", ""]));
    expect((await json(await t.call("/api/firms?limit=1"))).total).toBe(before);
  });

  it("rejects a write that breaks a dataset rule (a reference to nothing) with its path", async () => {
    const r = await t.call("/api/firms", {
      method: "POST",
      body: JSON.stringify(
        firm({
          id: "dangling-firm",
          segments: [
            {
              segment: "no-such-segment",
              grade: "weak",
              basis: "inferred",
              confidence: 0.2,
              assumed: true,
              note: "x",
            },
          ],
        }),
      ),
    });
    expect(r.status).toBe(400);
    const d = (await json(r)).error.details;
    expect(d[0].path).toBe("segments[0].segment");
    expect(d[0].message).toContain("no-such-segment");
  });

  it("answers 409 to creating an id that exists", async () => {
    const r = await t.call("/api/firms", { method: "POST", body: JSON.stringify(firm()) });
    expect(r.status).toBe(409);
    expect((await json(r)).error.current.id).toBe("api-test-firm");
  });

  it("updates with If-Match; a stale version answers 409 with who changed it and the current entity", async () => {
    const ok = await t.call("/api/firms/api-test-firm", {
      method: "PUT",
      as: "editor",
      headers: { "if-match": etag, "x-why": "rename" },
      body: JSON.stringify(firm({ name: { zh: "接口测试企业（改）", aliases: [] } })),
    });
    expect(ok.status).toBe(200);
    const newTag = ok.headers.get("etag")!;
    expect(newTag).not.toBe(etag);
    const stale = await t.call("/api/firms/api-test-firm", {
      method: "PUT",
      headers: { "if-match": etag },
      body: JSON.stringify(firm({ name: { zh: "覆盖", aliases: [] } })),
    });
    expect(stale.status).toBe(409);
    const e = (await json(stale)).error;
    expect(e.code).toBe("conflict");
    expect(e.changedBy.who).toBe("ed");
    expect(e.details[0].message).toMatch(/^changed by ed at \d{4}-/);
    expect(e.current.name.zh).toBe("接口测试企业（改）");
    expect((await json(await t.call("/api/firms/api-test-firm"))).name.zh).toBe("接口测试企业（改）");
    etag = newTag;
  });

  it("answers 400 to an update without If-Match or with a different id, and 404 to a missing id", async () => {
    const noMatch = await t.call("/api/firms/api-test-firm", { method: "PUT", body: JSON.stringify(firm()) });
    expect(noMatch.status).toBe(400);
    expect((await json(noMatch)).error.message).toMatch(/If-Match/);
    const otherId = await t.call("/api/firms/api-test-firm", {
      method: "PUT",
      headers: { "if-match": etag },
      body: JSON.stringify(firm({ id: "another" })),
    });
    expect(otherId.status).toBe(400);
    expect((await json(otherId)).error.details[0].path).toBe("id");
    const missing = await t.call("/api/firms/no-such-firm", {
      method: "PUT",
      headers: { "if-match": etag },
      body: JSON.stringify(firm({ id: "no-such-firm" })),
    });
    expect(missing.status).toBe(404);
  });

  it("refuses a delete that leaves dangling references, listing them (400)", async () => {
    const seg = await t.call("/api/segments/pv-glass");
    const r = await t.call("/api/segments/pv-glass", {
      method: "DELETE",
      headers: { "if-match": seg.headers.get("etag")! },
    });
    expect(r.status).toBe(400);
    const d = (await json(r)).error.details;
    expect(d.length).toBeGreaterThan(1);
    expect(d.some((x: { path: string }) => x.path.startsWith("firms/api-test-firm.segments"))).toBe(true);
  });

  it("deletes with If-Match (204); stale delete 409; then the id is gone (404)", async () => {
    expect(
      (await t.call("/api/firms/api-test-firm", { method: "DELETE", headers: { "if-match": '"stale"' } }))
        .status,
    ).toBe(409);
    expect(
      (
        await t.call("/api/firms/api-test-firm", {
          method: "DELETE",
          as: "investor",
          headers: { "if-match": etag },
        })
      ).status,
    ).toBe(403);
    expect(
      (await t.call("/api/firms/api-test-firm", { method: "DELETE", headers: { "if-match": etag } })).status,
    ).toBe(204);
    expect((await t.call("/api/firms/api-test-firm")).status).toBe(404);
    expect(
      (await t.call("/api/firms/api-test-firm", { method: "DELETE", headers: { "if-match": etag } })).status,
    ).toBe(404);
  });

  it("applies a write that brings in only warnings, and names them in X-Atlas-Warnings: a source before it is cited", async () => {
    const source = {
      id: "api-test-source",
      title: "接口测试来源",
      url: "https://example.org/api-test-source",
      kind: "press",
      published: "2026-12-01",
      read: "2026-12-07",
    };
    const r = await t.call("/api/sources", { method: "POST", body: JSON.stringify(source) });
    expect(r.status, await r.clone().text()).toBe(201);
    const warnings = JSON.parse(decodeURIComponent(r.headers.get("x-atlas-warnings")!));
    expect(warnings).toEqual([
      {
        path: "id",
        rule: "sources-cited",
        message: 'found source "api-test-source" that no fact cites; expected it cited, or removed',
      },
    ]);
    expect((await t.call("/api/sources/api-test-source")).status).toBe(200);
    // Cited by a new firm: the warning is gone, and that write brings in none.
    const cited = await t.call("/api/firms", {
      method: "POST",
      body: JSON.stringify(firm({ id: "api-test-firm-cited", sources: ["api-test-source"] })),
    });
    expect(cited.status, await cited.clone().text()).toBe(201);
    expect(cited.headers.get("x-atlas-warnings")).toBeNull();
    // A second source for the same page is a warning too (written another way: http, "www.", a trailing slash).
    const twin = await t.call("/api/sources", {
      method: "POST",
      body: JSON.stringify({
        ...source,
        id: "api-test-source-twin",
        url: "http://www.example.org/api-test-source/",
      }),
    });
    expect(twin.status).toBe(201);
    const rules = JSON.parse(decodeURIComponent(twin.headers.get("x-atlas-warnings")!)).map(
      (w: { rule: string }) => w.rule,
    );
    expect(rules.sort()).toEqual(["source-urls-unique", "sources-cited"]);
    // Deleting the firm leaves the source uncited: applied, with the warning on the source.
    const f = await t.call("/api/firms/api-test-firm-cited");
    const del = await t.call("/api/firms/api-test-firm-cited", {
      method: "DELETE",
      headers: { "if-match": f.headers.get("etag")! },
    });
    expect(del.status).toBe(204);
    expect(JSON.parse(decodeURIComponent(del.headers.get("x-atlas-warnings")!))[0]).toMatchObject({
      path: "sources/api-test-source.id",
      rule: "sources-cited",
    });
  });

  it("writes a feed addressed from>to", async () => {
    const feeds = await json(await t.call("/api/feeds?chain=pv&limit=1"));
    const f = feeds.items[0];
    const id = encodeURIComponent(`${f.from}>${f.to}`);
    const r = await t.call(`/api/feeds/${id}`);
    const put = await t.call(`/api/feeds/${id}`, {
      method: "PUT",
      headers: { "if-match": r.headers.get("etag")! },
      body: JSON.stringify({ ...f, note: "checked by the API test" }),
    });
    expect(put.status).toBe(200);
    expect((await json(put)).note).toBe("checked by the API test");
  });
});
