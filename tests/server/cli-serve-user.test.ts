// chain-atlas user add|list|remove|reset and chain-atlas serve (first start prints a one-time admin password).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, runCli } from "../helpers/run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "atlas-cli-server-"));
const db = join(dir, "atlas.db");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("chain-atlas user", () => {
  it("adds, lists, resets and removes users, with the CLI's exit codes", { timeout: 300_000 }, () => {
    expect(
      runCli(["--db", db, "user", "add", "wang", "--role", "editor", "--password", "wang-password"]).code,
    ).toBe(0);
    const lead = runCli(["--db", db, "--json", "user", "add", "li", "--role", "lead", "--chains", "pv,nev"]);
    expect(lead.code).toBe(0);
    const made = JSON.parse(lead.stdout) as { user: { chains: string[] }; password: string };
    expect(made.user.chains).toEqual(["pv", "nev"]);
    expect(made.password).toMatch(/^[A-Za-z0-9]{16}$/);
    const list = JSON.parse(runCli(["--db", db, "--json", "user", "list"]).stdout) as Array<{
      username: string;
      role: string;
    }>;
    expect(list.map((u) => [u.username, u.role])).toEqual([
      ["li", "lead"],
      ["wang", "editor"],
    ]);
    const dup = runCli([
      "--db",
      db,
      "user",
      "add",
      "wang",
      "--role",
      "editor",
      "--password",
      "wang-password",
    ]);
    expect(dup.code).toBe(1);
    expect(dup.stdout).toContain("username");
    const bad = runCli(["--db", db, "user", "add", "zhao", "--role", "boss", "--password", "x"]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("role");
    expect(bad.stdout).toContain("password");
    const reset = runCli(["--db", db, "user", "reset", "wang"]);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(/new password for wang: [A-Za-z0-9]{16}/);
    expect(runCli(["--db", db, "user", "remove", "li"]).code).toBe(0);
    expect(runCli(["--db", db, "user", "remove", "li"]).code).toBe(3);
  });
});

describe("chain-atlas serve", () => {
  it("with --store keeps users in --db, where serve --store signs them in (no Neo4j is asked)", {
    timeout: 120_000,
  }, () => {
    const accounts = join(dir, "accounts.db");
    // Nothing listens at this address: adding a user must not need the graph store.
    const where = ["--db", accounts, "--store", "bolt://127.0.0.1:9"];
    const added = runCli([
      ...where,
      "user",
      "add",
      "zhao",
      "--role",
      "editor",
      "--password",
      "zhao-password",
    ]);
    expect(added.code, added.stderr).toBe(0);
    const list = JSON.parse(runCli([...where, "--json", "user", "list"]).stdout) as Array<{
      username: string;
    }>;
    expect(list.map((u) => u.username)).toContain("zhao");
  });

  it("on first start with no users creates admin, prints the password once, and serves on the given port", {
    timeout: 240_000,
  }, async () => {
    const fresh = join(dir, "fresh.db");
    const child = spawn(process.execPath, [BIN, "serve", "--db", fresh, "--port", "0"], {
      env: { ...process.env, LOG_LEVEL: "silent" },
    });
    try {
      let out = "";
      const url = await new Promise<string>((ok, fail) => {
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          const m = /serving (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) ok(m[1]!);
        });
        child.once("exit", (c) => fail(new Error(`exited ${c}: ${out}`)));
      });
      const password = /one-time password (\S+)/.exec(out)?.[1];
      expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
      const r = await fetch(`${url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "admin", password }),
      });
      expect(r.status).toBe(200);
      expect((await fetch(`${url}/api/health`)).status).toBe(200);
    } finally {
      child.kill("SIGTERM");
    }
    // A second start finds the admin and prints no password.
    const again = spawn(process.execPath, [BIN, "--db", fresh, "serve", "--port", "0"], {
      env: { ...process.env, LOG_LEVEL: "silent" },
    });
    try {
      let out = "";
      await new Promise<void>((ok) => {
        again.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          if (out.includes("serving")) ok();
        });
      });
      expect(out).not.toContain("password");
    } finally {
      again.kill("SIGTERM");
    }
  });
});
