// A real chain-atlas server for the browser tests: a temp db, users made with the CLI, a free port.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const BIN = join(ROOT, "bin", "chain-atlas.js");
const run = promisify(execFile);

export const PASSWORD = "Test-passw0rd!";
export const USERS = [
  { name: "admin1", role: "admin", extra: [] as string[] },
  { name: "editor1", role: "editor", extra: [] },
  { name: "lead1", role: "lead", extra: ["--chains", "pv"] },
  { name: "investor1", role: "investor", extra: ["--county", "haining"] },
] as const;

export interface TestServer {
  url: string;
  db: string;
  dir: string;
  stop: () => Promise<void>;
  cli: (...args: string[]) => Promise<string>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, log: () => string, ms = 90_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`chain-atlas serve exited (${child.exitCode}):\n${log()}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`chain-atlas serve did not answer ${url}/api/health in ${ms} ms:\n${log()}`);
}

/**
 * Starts `chain-atlas serve` on a temp db, or with `store` (a Neo4j address; its credentials in `env`) on that store,
 * the temp db then holding the accounts only. The store is filled from the shipped seed by `start`.
 */
export async function startServer(
  opts: { store?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), "atlas-web-"));
  const db = join(dir, "atlas.db");
  const where = ["--db", db, ...(opts.store ? ["--store", opts.store] : [])];
  const env = { ...process.env, ...opts.env };
  const cli = async (...args: string[]) =>
    (await run("node", [BIN, ...where, ...args], { cwd: ROOT, env })).stdout;
  await cli("start");
  for (const u of USERS)
    await cli("user", "add", u.name, "--role", u.role, "--password", PASSWORD, ...u.extra);
  const port = await freePort();
  let out = "";
  const child = spawn("node", [BIN, ...where, "serve", "--port", String(port), "--host", "127.0.0.1"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (out += d));
  child.stderr?.on("data", (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(url, child, () => out);
  return {
    url,
    db,
    dir,
    cli,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 200));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
