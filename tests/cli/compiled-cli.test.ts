// The compiled CLI (npm run build → dist/cli) answers exactly as the TypeScript sources do, and the bin prefers it.
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.ts";
import { DEMO_SEED, tempDir } from "../helpers/seed-files.ts";

const root = join(import.meta.dirname, "..", "..");
const built = join(root, "dist", "cli", "main.js");

describe("the compiled CLI", () => {
  it("exists after npm run build and is newer than the sources (npm test builds first)", () => {
    expect(existsSync(built), "dist/cli/main.js is missing: run `npm run build`").toBe(true);
    expect(statSync(built).mtimeMs).toBeGreaterThan(statSync(join(root, "src", "cli", "main.ts")).mtimeMs);
  });

  it("prints what the sources print, for data and for errors", () => {
    const db = join(tempDir(), "atlas.db");
    expect(runCli(["--db", db, "import", DEMO_SEED]).code).toBe(0);
    for (const args of [
      ["--db", db, "--json", "stats"],
      ["--db", db, "--json", "gaps", "--chain", "pv"],
      ["--db", db, "gaps", "--chain", "nosuch"],
      ["--version"],
      // The top-level help comes from dist/cli/help.txt (written by the build) without loading the commands.
      ["--help"],
      ["--lang", "en", "-h"],
    ]) {
      const compiled = runCli(args);
      const source = runCli(args, { CHAIN_ATLAS_FROM_SOURCE: "1" });
      expect(compiled.code, args.join(" ")).toBe(source.code);
      expect(compiled.stdout).toBe(source.stdout);
      expect(compiled.stderr).toBe(source.stderr);
    }
  });

  it("keeps the top-level help beside the build, and a command's own help still loads that command", () => {
    expect(existsSync(join(root, "dist", "cli", "help.txt"))).toBe(true);
    const gaps = runCli(["gaps", "--help"]);
    expect(gaps.code).toBe(0);
    expect(gaps.stdout).toMatch(/--chain/);
  });

  it("finds the shipped seed from dist/ as from src/", () => {
    const db = join(tempDir(), "atlas.db");
    const r = runCli(["--db", db, "start"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/graph-seeds\/jiaxing/);
  });
});
