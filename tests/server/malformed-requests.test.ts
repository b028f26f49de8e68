// 500 malformed requests — bad JSON, wrong types, 10 MB bodies, unknown fields, path tricks, `../` in ids,
// header floods — answer 4xx in the one error shape, never 5xx, and the server stays up.
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./test-server.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

interface Outcome {
  what: string;
  status: number;
  body: string;
}

/** Sends raw bytes over a socket and reads the status line (for requests fetch refuses to make). */
function raw(bytes: string | Buffer): Promise<number> {
  const { hostname, port } = new URL(t.url);
  return new Promise((ok) => {
    const s = connect(Number(port), hostname);
    let got = "";
    s.setTimeout(10_000, () => s.destroy());
    s.on("data", (d) => {
      got += d.toString("latin1");
      const m = /^HTTP\/1\.1 (\d{3})/.exec(got);
      if (m) {
        ok(Number(m[1]));
        s.destroy();
      }
    });
    s.on("error", () => ok(/^HTTP\/1\.1 (\d{3})/.test(got) ? Number(got.slice(9, 12)) : 0));
    s.on("close", () => ok(/^HTTP\/1\.1 (\d{3})/.test(got) ? Number(got.slice(9, 12)) : 0));
    s.write(bytes);
  });
}

const firm = {
  id: "fuzz-firm",
  name: { zh: "模糊测试" },
  location: { country: "CN" },
  assumed: true,
  note: "x",
};

function cases(): Array<{ what: string; path: string; init: RequestInit & { as?: "admin" | "nobody" } }> {
  const out: Array<{ what: string; path: string; init: RequestInit & { as?: "admin" | "nobody" } }> = [];
  const post = (
    what: string,
    path: string,
    body: string | Buffer,
    headers: Record<string, string> = {},
    method = "POST",
  ) =>
    out.push({
      what,
      path,
      init: { method, body, headers: { "content-type": "application/json", ...headers } },
    });
  // Bad JSON (100).
  const badJson = [
    "{",
    "}",
    '{"a":}',
    "[1,2",
    "nul",
    "{'a':1}",
    "\u0000",
    '{"id":"x",}',
    '"unterminated',
    '{"a":1}{"b":2}',
  ];
  const writes = [
    "/api/firms",
    "/api/chains",
    "/api/auth/login",
    "/api/users",
    "/api/tokens",
    "/api/chains/pv/report/comments",
    "/api/segments",
    "/api/ties",
    "/api/sources",
    "/api/feeds",
  ];
  for (const p of writes) for (const b of badJson) post(`bad json ${b} → ${p}`, p, b);
  // Wrong types (100).
  const wrong: unknown[] = [
    { ...firm, name: 5 },
    { ...firm, id: 7 },
    { ...firm, location: "CN" },
    { ...firm, segments: "pv" },
    { ...firm, segments: [{ segment: "pv-glass", grade: "best", basis: "x", confidence: "high" }] },
    { ...firm, tags: [{ list: "nope" }] },
    [firm],
    "a firm",
    42,
    null,
  ];
  for (const p of writes) for (const b of wrong) post(`wrong types → ${p}`, p, JSON.stringify(b));
  // 10 MB bodies (10) and a 2 MB one.
  const big = JSON.stringify({ ...firm, note: "x".repeat(10 * 1024 * 1024) });
  for (const p of writes) post(`10 MB → ${p}`, p, big);
  // Unknown fields, prototype tricks (50).
  // (Written as JSON text: an object literal's __proto__ would set the prototype, not a field.)
  const extras = [
    '"colour":"red"',
    '"__proto__":{"role":"admin"}',
    '"constructor":{"prototype":{"x":1}}',
    '"_why":5',
    '"role":"admin","isAdmin":true',
  ];
  for (const p of writes)
    for (const e of extras) post(`unknown fields → ${p}`, p, `{${e},${JSON.stringify(firm).slice(1)}`);
  // Path tricks and ../ in ids (100).
  const ids = [
    "..%2F..%2Fetc%2Fpasswd",
    "..%2f",
    "%2e%2e%2f%2e%2e%2fpackage.json",
    "..\\..\\win.ini",
    "%00",
    "a%00b",
    "%C0%AE%C0%AE%2F",
    "x".repeat(5000),
    "%F0%9F%92%A9",
    "PV",
    "-pv",
    "pv-",
    "a..b",
    "%252e%252e%252f",
    "firm%2F..%2Fusers",
    "%E2%80%AEpv",
    "con",
    "aux.",
    "pv;rm -rf",
    "pv%0d%0aSet-Cookie:x=1",
  ];
  for (const kind of ["firms", "chains", "feeds", "users", "history"])
    for (const id of ids)
      out.push({ what: `path ${kind}/${id.slice(0, 40)}`, path: `/api/${kind}/${id}`, init: {} });
  // Query tricks (40).
  const queries = [
    "limit=-1",
    "limit=1e309",
    "limit=abc",
    "offset=-5",
    "sort=__proto__",
    "sort=;drop",
    "q=%FF%FE",
    "limit=1&limit=2",
    "tag[]=x",
    "local=maybe",
    "top=999999999999",
    "weights=__proto__=1",
    "country=ZZZ",
    "gap=..%2F",
    "k=0",
  ];
  for (const p of ["/api/firms", "/api/chains/pv/targets", "/api/chains/pv/portfolio", "/api/history"])
    for (const q of queries) out.push({ what: `query ${p}?${q}`, path: `${p}?${q}`, init: {} });
  // Header tricks through fetch (50): bogus auth, bogus cookies, huge If-Match, wrong content types.
  const headerSets: Array<Record<string, string>> = [
    { authorization: "Bearer " },
    { authorization: "Bearer x".repeat(100) },
    { authorization: "Basic YWRtaW46YWRtaW4=" },
    { cookie: `atlas_session=${"A".repeat(4000)}` },
    { cookie: "atlas_session=%ZZ; atlas_csrf=%" },
    { "if-match": '"'.repeat(2000) },
    { "content-type": "text/plain" },
    { "content-type": "application/json; charset=latin-9" },
    { "content-type": "multipart/form-data; boundary=x" },
    { "x-request-id": "../../etc" },
  ];
  for (const p of [
    "/api/firms",
    "/api/firms/tongwei",
    "/api/auth/login",
    "/api/tokens",
    "/api/chains/pv/report/signoff",
  ])
    for (const h of headerSets)
      out.push({
        what: `headers ${Object.keys(h)[0]} → ${p}`,
        path: p,
        init: {
          method: p.endsWith("tongwei") ? "PUT" : "POST",
          body: JSON.stringify(firm),
          headers: { "content-type": "application/json", ...h },
          as: "nobody",
        },
      });
  // Gzip claimed but not sent (10); PATCH where no route takes it (10).
  for (const p of writes) post(`bad encoding → ${p}`, p, "{}", { "content-encoding": "gzip" });
  for (const p of writes) post(`patch → ${p}`, p, JSON.stringify(firm), {}, "PATCH");
  return out;
}

describe("malformed requests", () => {
  it("answers 500 malformed requests without one 5xx, and stays up", async () => {
    const list = cases();
    const outcomes: Outcome[] = [];
    for (const c of list) {
      const r = await t
        .call(c.path, c.init)
        .catch((e: Error) => ({ status: 0, text: async () => e.message }));
      outcomes.push({ what: c.what, status: r.status, body: await r.text() });
    }
    // Header floods over a raw socket: 2000 headers, a 100 KB header, a bad request line, a lying length.
    const floods = [
      `GET /api/health HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 2000 }, (_, i) => `X-H${i}: ${i}`).join("\r\n")}\r\n\r\n`,
      `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(100_000)}\r\n\r\n`,
      "GARBAGE / HTTP/1.1\r\n\r\n",
      "GET /api/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
      `POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
      "GET /api/health HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
      `GET ${"/a".repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
      "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Bad\u0000: y\r\n\r\n",
      `GET /api/firms HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 300 }, (_, i) => `Cookie: c${i}=${"z".repeat(40)}`).join("\r\n")}\r\n\r\n`,
      'PUT /api/firms/tongwei HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":',
    ];
    for (const f of floods) outcomes.push({ what: `raw ${f.slice(0, 30)}`, status: await raw(f), body: "" });
    expect(outcomes.length).toBeGreaterThanOrEqual(500);
    const fivexx = outcomes.filter((o) => o.status >= 500);
    expect(fivexx, JSON.stringify(fivexx.slice(0, 5))).toEqual([]);
    // Every fetch answer is a 4xx in the one error shape, or a harmless read (a search for U+FFFD finds
    // nothing; sorting by an unknown field keeps the order); the raw ones may be cut by the HTTP parser.
    const harmless = outcomes.slice(0, list.length).filter((o) => o.status < 400);
    expect(
      harmless.every((o) => o.what.startsWith("query ") && o.status === 200),
      JSON.stringify(harmless.map((o) => o.what)),
    ).toBe(true);
    expect(harmless.length).toBeLessThan(10);
    for (const o of outcomes.slice(0, list.length).filter((x) => x.status >= 400)) {
      expect(o.status, o.what).toBeLessThan(500);
      const body = JSON.parse(o.body) as { error: { code: string; message: string; details: unknown[] } };
      expect(typeof body.error.code, o.what).toBe("string");
      expect(Array.isArray(body.error.details), o.what).toBe(true);
    }
    expect(outcomes.filter((o) => o.what.startsWith("10 MB")).every((o) => o.status === 413)).toBe(true);
    const health = await fetch(`${t.url}/api/health`);
    expect(health.status).toBe(200);
    // Nothing malformed was written.
    expect((await t.call("/api/firms/fuzz-firm")).status).toBe(404);
  });
});
