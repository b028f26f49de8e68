// Sign-in, sessions, CSRF, tokens, users, rate limit, and that every route refuses callers it must refuse.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_ROUTES } from "../../src/server/routes/index.ts";
import { json, PASSWORD, startTestServer, type TestServer } from "./test-server.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

/** A concrete URL for a route path: parameters filled with ids that exist. */
const concrete = (path: string) =>
  path
    .replace(":chain", "pv")
    .replace(":username", "ed")
    .replace(":id", path.startsWith("/api/history") || path.startsWith("/api/tokens") ? "1" : "pv");

async function login(username: string, password: string) {
  const r = await fetch(`${t.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  const cookies = r.headers.getSetCookie();
  const cookie = cookies.map((c) => c.split(";")[0]).join("; ");
  const csrf = /atlas_csrf=([^;]+)/.exec(cookies.join(";"))?.[1] ?? "";
  return { r, cookies, cookie, csrf };
}

describe("sign-in", () => {
  it("creates admin with a one-time password on first start, and it signs in", async () => {
    expect(t.adminPassword).toMatch(/^[A-Za-z0-9]{16}$/);
    const { r, cookies } = await login("admin", t.adminPassword);
    expect(r.status).toBe(200);
    expect((await json(r)).user).toEqual({ username: "admin", role: "admin" });
    const session = cookies.find((c) => c.startsWith("atlas_session="))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    expect(cookies.find((c) => c.startsWith("atlas_csrf="))).not.toMatch(/HttpOnly/i);
  });

  it("refuses a wrong password and an unknown user with 401", async () => {
    for (const [u, p] of [
      ["admin", "wrong-password"],
      ["nobody", PASSWORD],
    ] as const) {
      const { r } = await login(u, p);
      expect(r.status).toBe(401);
      expect((await json(r)).error.code).toBe("unauthenticated");
    }
  });

  it("answers 400 naming the field for a login body without a password", async () => {
    const r = await fetch(`${t.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin" }),
    });
    expect(r.status).toBe(400);
    expect((await json(r)).error.details[0].path).toBe("password");
  });

  it("a session reads with its cookie, writes only with the CSRF header, and ends on logout", async () => {
    const { cookie, csrf } = await login("lea", PASSWORD);
    const me = await fetch(`${t.url}/api/auth/me`, { headers: { cookie } });
    expect((await json(me)).user).toEqual({ username: "lea", role: "lead", chains: ["pv"] });
    const post = (headers: Record<string, string>) =>
      fetch(`${t.url}/api/chains/pv/report/comments`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json", ...headers },
        body: JSON.stringify({ text: "看过了" }),
      });
    const noCsrf = await post({});
    expect(noCsrf.status).toBe(403);
    expect((await json(noCsrf)).error.message).toMatch(/CSRF/);
    expect((await post({ "x-csrf-token": "forged" })).status).toBe(403);
    expect((await post({ "x-csrf-token": csrf })).status).toBe(201);
    const out = await fetch(`${t.url}/api/auth/logout`, {
      method: "POST",
      headers: { cookie, "x-csrf-token": csrf },
    });
    expect(out.status).toBe(204);
    expect((await fetch(`${t.url}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
  });

  it("rate-limits sign-in attempts with 429 in the one error shape", async () => {
    const limited = await startTestServer({ loginLimit: { max: 3, windowMs: 60_000 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await fetch(`${limited.url}/api/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ username: "admin", password: "wrong-password" }),
        });
        statuses.push(r.status);
        if (r.status === 429) expect((await json(r)).error.code).toBe("rate_limited");
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe("API tokens", () => {
  it("creates a token shown once, lists it without the secret, and revokes it", async () => {
    const r = await t.call("/api/tokens", {
      method: "POST",
      body: JSON.stringify({ name: "nightly export" }),
      as: "investor",
    });
    expect(r.status).toBe(201);
    const { token, info } = await json(r);
    expect(token).toMatch(/^cat_/);
    const list = await json(await t.call("/api/tokens", { as: "investor" }));
    expect(list.items.map((x: { name: string }) => x.name)).toContain("nightly export");
    expect(JSON.stringify(list)).not.toContain(token);
    const me = await fetch(`${t.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect((await json(me)).user.username).toBe("ivy");
    // Another user cannot revoke it (404), its owner can (204); then it no longer signs in.
    expect((await t.call(`/api/tokens/${info.id}`, { method: "DELETE", as: "editor" })).status).toBe(404);
    expect((await t.call(`/api/tokens/${info.id}`, { method: "DELETE", as: "investor" })).status).toBe(204);
    expect(
      (await fetch(`${t.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(401);
  });

  it("answers 400 for a token without a name and for a bad token id", async () => {
    const r = await t.call("/api/tokens", { method: "POST", body: JSON.stringify({}) });
    expect(r.status).toBe(400);
    expect((await json(r)).error.details[0].path).toBe("name");
    expect((await t.call("/api/tokens/abc", { method: "DELETE" })).status).toBe(400);
  });
});

describe("users (admin only)", () => {
  it("adds, lists, changes and removes a user", async () => {
    const add = await t.call("/api/users", {
      method: "POST",
      body: JSON.stringify({ username: "nev", password: PASSWORD, role: "lead", chains: ["nev"] }),
    });
    expect(add.status).toBe(201);
    const list = await json(await t.call("/api/users"));
    expect(list.items.map((u: { username: string }) => u.username)).toEqual([
      "admin",
      "ed",
      "ivy",
      "lea",
      "nev",
    ]);
    const patch = await t.call("/api/users/nev", {
      method: "PATCH",
      body: JSON.stringify({ role: "investor", county: "haining" }),
    });
    expect((await json(patch)).user).toMatchObject({ username: "nev", role: "investor", county: "haining" });
    expect((await t.call("/api/users/nev", { method: "DELETE" })).status).toBe(204);
    expect((await t.call("/api/users/nev", { method: "DELETE" })).status).toBe(404);
    expect((await t.call("/api/users/nev", { method: "PATCH", body: "{}" })).status).toBe(404);
  });

  it("answers 400 naming each bad field, and refuses a duplicate", async () => {
    const r = await t.call("/api/users", {
      method: "POST",
      body: JSON.stringify({ username: "Bad Name", password: "short", role: "boss" }),
    });
    expect(r.status).toBe(400);
    expect((await json(r)).error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      "password",
      "role",
      "username",
    ]);
    const dup = await t.call("/api/users", {
      method: "POST",
      body: JSON.stringify({ username: "ed", password: PASSWORD, role: "editor" }),
    });
    expect(dup.status).toBe(400);
    expect((await t.call("/api/users/admin", { method: "DELETE" })).status).toBe(400);
  });
});

describe("every route", () => {
  it("answers 401 without a session or token (except the public ones)", async () => {
    const checked: string[] = [];
    for (const spec of ALL_ROUTES) {
      if (spec.roles === "public") continue;
      const r = await t.call(concrete(spec.path), {
        method: spec.method.toUpperCase(),
        as: "nobody",
        ...(spec.method === "get" || spec.method === "delete" ? {} : { body: "{}" }),
      });
      expect(r.status, `${spec.method} ${spec.path}`).toBe(401);
      expect((await json(r)).error.code).toBe("unauthenticated");
      checked.push(spec.path);
    }
    expect(checked.length).toBeGreaterThan(60);
  });

  it("answers 403 to a role it does not allow", async () => {
    let checked = 0;
    for (const spec of ALL_ROUTES) {
      if (spec.roles === "public" || spec.roles === "any") continue;
      const as = spec.roles.includes("investor") ? undefined : "investor";
      if (!as) continue;
      const r = await t.call(concrete(spec.path), {
        method: spec.method.toUpperCase(),
        as,
        ...(spec.method === "get" || spec.method === "delete" ? {} : { body: "{}" }),
      });
      expect(r.status, `${spec.method} ${spec.path}`).toBe(403);
      expect((await json(r)).error.code).toBe("forbidden");
      checked++;
    }
    expect(checked).toBeGreaterThan(30);
  });

  it("answers 404 in the one error shape for an unknown API path", async () => {
    const r = await t.call("/api/no-such-thing");
    expect(r.status).toBe(404);
    expect((await json(r)).error.code).toBe("not_found");
  });
});

describe("the web app", () => {
  it("serves web/dist at /, index.html for client routes, and keeps /api answers JSON", async () => {
    const web = mkdtempSync(join(tmpdir(), "atlas-web-"));
    writeFileSync(join(web, "index.html"), "<!doctype html><title>chain-atlas web</title>");
    writeFileSync(join(web, "app.js"), "console.log(1)");
    const w = await startTestServer({ webDist: web });
    try {
      expect(await (await fetch(`${w.url}/`)).text()).toContain("chain-atlas web");
      const js = await fetch(`${w.url}/app.js`);
      expect(js.headers.get("content-type")).toMatch(/javascript/);
      expect(await (await fetch(`${w.url}/chains/pv/fishbone`)).text()).toContain("chain-atlas web");
      const api = await fetch(`${w.url}/api/nothing-here`);
      expect(api.status).toBe(404);
      expect((await json(api)).error.code).toBe("not_found");
    } finally {
      await w.close();
      rmSync(web, { recursive: true, force: true });
    }
  });
});

describe("misc", () => {
  it("health answers without sign-in, with a request id and security headers", async () => {
    const r = await fetch(`${t.url}/api/health`);
    expect(await json(r)).toMatchObject({ ok: true, store: "embedded" });
    expect(r.headers.get("x-request-id")).toBeTruthy();
    expect(r.headers.get("x-content-type-options")).toBe("nosniff");
    expect(r.headers.get("content-security-policy")).toContain("default-src 'self'");
  });

  it("serves OpenAPI 3.1 covering every route, and a readable docs page", async () => {
    const doc = await json(await fetch(`${t.url}/api/openapi.json`));
    expect(doc.openapi).toBe("3.1.0");
    for (const spec of ALL_ROUTES) {
      const p = spec.path.replace(/:([A-Za-z_]+)/g, "{$1}");
      expect(doc.paths[p]?.[spec.method], `${spec.method} ${p}`).toBeDefined();
    }
    expect(doc.components.schemas.Firm.properties.name).toBeDefined();
    const page = await (await fetch(`${t.url}/api/docs`)).text();
    expect(page).toContain("/api/chains/{chain}/targets");
  });
});
