// Chinese by default, English on request — wherever --lang stands on the line.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.ts";
import { DEMO_SEED, tempDir } from "../helpers/seed-files.ts";

const dir = tempDir();
const db = join(dir, "atlas.db");

describe("--lang", () => {
  beforeAll(() => {
    expect(runCli(["--db", db, "import", DEMO_SEED]).code).toBe(0);
  });

  it("stats speaks Chinese by default and English with --lang en", () => {
    const zh = runCli(["--db", db, "stats"]);
    expect(zh.stdout).toMatch(/^类别\s+数量/);
    expect(zh.stdout).toMatch(/本地企业\s+1/);
    const en = runCli(["--db", db, "--lang", "en", "stats"]);
    expect(en.stdout).toMatch(/^kind\s+count/);
    expect(en.stdout).toMatch(/local firms\s+1/);
  });

  it("history prints Beijing time", () => {
    const r = runCli(["--db", db, "history"]);
    expect(r.stdout).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(UTC\+8\)/);
    const [iso] = JSON.parse(runCli(["--db", db, "--json", "history"]).stdout).map(
      (c: { at: string }) => c.at,
    );
    const beijing = new Date(new Date(iso).getTime() + 8 * 3600_000)
      .toISOString()
      .slice(0, 16)
      .replace("T", " ");
    expect(r.stdout).toContain(beijing);
  });

  it("report and fishbone take --lang after the command as before it", () => {
    for (const args of [
      ["report", "--chain", "pv", "--lang", "en"],
      ["--lang", "en", "report", "--chain", "pv"],
    ]) {
      const out = join(tempDir(), "r.html");
      expect(runCli(["--db", db, ...args, "--out", out]).code).toBe(0);
      expect(readFileSync(out, "utf8")).toContain('<html lang="en">');
    }
    const svg = join(tempDir(), "f.svg");
    expect(runCli(["--db", db, "fishbone", "--chain", "pv", "--lang", "en", "--out", svg]).code).toBe(0);
    expect(readFileSync(svg, "utf8")).toContain('xml:lang="en"');
  });

  it("names segments, not ids, in gaps and portfolio", () => {
    const gaps = runCli(["--db", db, "gaps", "--chain", "pv"]);
    expect(gaps.stdout).toContain("光伏玻璃");
    expect(gaps.stdout).not.toMatch(/\bpv-glass\b/);
  });

  it("targets, chains and find print their headers and names in the chosen language", () => {
    const zh = runCli(["--db", db, "targets", "--chain", "pv", "--top", "3"]);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(/^#\s+企业\s+国家\s+目的/);
    expect(zh.stdout).not.toMatch(/\bfirm\b/);
    const en = runCli(["--db", db, "--lang", "en", "targets", "--chain", "pv", "--top", "3"]);
    expect(en.stdout).toMatch(/^#\s+firm\s+country\s+aim/);
    expect(en.stdout).not.toMatch(/[目得缺说]/);
    const chainsEn = runCli(["--db", db, "--lang", "en", "chains"]);
    expect(chainsEn.stdout).toMatch(/^id\s+chain\s+up\/mid\/downstream/);
    expect(chainsEn.stdout).not.toContain("链长");
    const findEn = runCli(["--db", db, "--lang", "en", "find", "光伏"]);
    expect(findEn.stdout).toMatch(/^id\s+name\s+local\s+products/);
  });
});
