// A server on its own temporary store (filled from the shipped seed) on a loopback port, with one user
// and one API token per role.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningServer, serve } from "../../src/server/serve.ts";
import type { Role } from "../../src/store/accounts/index.ts";

export const PASSWORD = "correct-horse-9";

export interface TestServer {
  url: string;
  server: RunningServer;
  /** A bearer token per role (admin, editor, lead of pv, investor). */
  token: Record<Role, string>;
  adminPassword: string;
  /** fetch with a role's token (or none). */
  call(path: string, init?: RequestInit & { as?: Role | "nobody" }): Promise<Response>;
  close(): Promise<void>;
}

export async function startTestServer(
  opts: { loginLimit?: { max: number; windowMs: number }; webDist?: string } = {},
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), "atlas-server-"));
  const lines: string[] = [];
  const server = await serve({
    db: join(dir, "atlas.db"),
    port: 0,
    host: "127.0.0.1",
    logLevel: "silent",
    loginLimit: opts.loginLimit ?? { max: 1000, windowMs: 60_000 },
    webDist: opts.webDist ?? join(dir, "no-web"),
    announce: (l) => lines.push(l),
  });
  const adminPassword = /password (\S+)/.exec(lines.join("\n"))?.[1] ?? "";
  const { users, tokens } = server.state.accounts;
  await users.add({ username: "ed", password: PASSWORD, role: "editor" });
  await users.add({ username: "lea", password: PASSWORD, role: "lead", chains: ["pv"] });
  await users.add({ username: "ivy", password: PASSWORD, role: "investor", county: "haining" });
  const token = {
    admin: tokens.create("admin", "test").token,
    editor: tokens.create("ed", "test").token,
    lead: tokens.create("lea", "test").token,
    investor: tokens.create("ivy", "test").token,
  };
  const call = (path: string, init: RequestInit & { as?: Role | "nobody" } = {}) => {
    const { as = "admin", ...rest } = init;
    const headers = new Headers(rest.headers);
    if (as !== "nobody") headers.set("authorization", `Bearer ${token[as]}`);
    if (typeof rest.body === "string" && !headers.has("content-type"))
      headers.set("content-type", "application/json");
    return fetch(server.url + path, { ...rest, headers });
  };
  return {
    url: server.url,
    server,
    token,
    adminPassword,
    call,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Answers are read loosely in assertions (deep paths into the JSON), hence `any`.
// biome-ignore lint/suspicious/noExplicitAny: test helper reading arbitrary JSON answers
export const json = async (r: Response) => (await r.json()) as Record<string, any>;
