// A table of bad invocations: each exits with the README's code and says why in one line (no stack, no usage dump).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.ts";
import { DEMO_SEED, readSeedDir, tempDir, writeSeedDir } from "../helpers/seed-files.ts";

const dir = tempDir();
const db = join(dir, "atlas.db");
const aFile = join(dir, "a-file.txt");
const aFolder = join(dir, "a-folder");

/** A seed whose firms file is an alias bomb (each level repeats the last nine times). */
function aliasBomb(): string {
  const files = readSeedDir(DEMO_SEED);
  const levels = ["a: &a [x, x, x, x, x, x, x, x, x]"];
  for (let i = 1; i < 7; i++) {
    const prev = String.fromCharCode(96 + i);
    levels.push(
      `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${prev}`).join(", ")}]`,
    );
  }
  files.set("firms/bomb.yaml", `# a bomb\nfirms: []\nnotes:\n${levels.map((l) => `  ${l}`).join("\n")}\n`);
  return writeSeedDir(files);
}

function malformed(): string {
  const files = readSeedDir(DEMO_SEED);
  files.set("firms/broken.yaml", "firms:\n  - id: x\n    name: { zh: 甲, en: [A\n");
  return writeSeedDir(files);
}

function foreignDb(): string {
  const file = join(dir, "other.db");
  const other = new Database(file);
  other.exec("create table t (x); insert into t values (1);");
  other.close();
  return file;
}

interface Case {
  name: string;
  args: () => string[];
  env?: Record<string, string>;
  code: number;
  message: RegExp;
}

const CASES: Case[] = [
  {
    name: "--csv into a missing folder",
    args: () => ["--db", db, "targets", "--chain", "pv", "--csv", join(dir, "missing", "x", "t.csv")],
    code: 2,
    message: /missing\/x\/t\.csv: no such file or folder/,
  },
  {
    name: "fishbone --out onto a directory",
    args: () => ["--db", db, "fishbone", "--chain", "pv", "--out", aFolder],
    code: 2,
    message: /--out .*a-folder: is a directory; expected a file name/,
  },
  {
    name: "report --out onto a directory",
    args: () => ["--db", db, "report", "--chain", "pv", "--out", aFolder],
    code: 2,
    message: /--out .*a-folder: is a directory/,
  },
  {
    name: "report --all --out onto a file",
    args: () => ["--db", db, "report", "--all", "--out", aFile],
    code: 2,
    message: /--out .*a-file\.txt: is a file; expected a folder/,
  },
  {
    name: "a YAML alias bomb",
    args: () => ["validate", aliasBomb()],
    code: 1,
    message: /1 problem found/,
  },
  {
    name: "malformed YAML",
    args: () => ["validate", malformed()],
    code: 1,
    message: /problems? found/,
  },
  {
    name: "a missing Chromium",
    args: () => ["--db", db, "fishbone", "--chain", "pv", "--format", "pdf", "--out", join(dir, "pv.pdf")],
    env: { CHAIN_ATLAS_CHROMIUM: "/nonexistent/chromium" },
    code: 3,
    message: /no usable Chromium at \/nonexistent\/chromium.*CHAIN_ATLAS_CHROMIUM/,
  },
  {
    name: "a foreign database",
    args: () => ["--db", foreignDb(), "stats"],
    code: 4,
    message: /is not a chain-atlas store.*left untouched/,
  },
  {
    name: "a store that does not exist",
    args: () => ["--db", join(dir, "nope.db"), "stats"],
    code: 4,
    message: /no store at .*nope\.db/,
  },
  {
    name: "an unknown chain",
    args: () => ["--db", db, "gaps", "--chain", "nosuch"],
    code: 3,
    message: /--chain: unknown chain "nosuch"; expected one of: pv/,
  },
  {
    name: "an unknown segment",
    args: () => ["--db", db, "targets", "--chain", "pv", "--gap", "nosuch"],
    code: 3,
    message: /unknown segment "nosuch"/,
  },
  {
    name: "an unknown firm",
    args: () => ["--db", db, "whatif", "--firm", "nobody", "--segment", "pv-glass"],
    code: 3,
    message: /--firm: unknown firm "nobody"/,
  },
  {
    name: "history --change 999",
    args: () => ["--db", db, "history", "--change", "999"],
    code: 3,
    message: /--change 999: no such change; expected 1 … 1/,
  },
  {
    name: "backtest --chain nosuch",
    args: () => ["--db", db, "backtest", "--chain", "nosuch"],
    code: 3,
    message: /unknown chain "nosuch"/,
  },
  {
    name: "report of an unknown chain",
    args: () => ["--db", db, "report", "--chain", "nosuch", "--out", join(dir, "r.html")],
    code: 3,
    message: /unknown chain "nosuch"/,
  },
  {
    name: "a bad option value",
    args: () => ["--db", db, "portfolio", "--chain", "pv", "--k", "0"],
    code: 2,
    message: /--k: expected a whole number ≥ 1/,
  },
];

describe("every failure is one line with the README's exit code", () => {
  beforeAll(() => {
    expect(runCli(["--db", db, "import", DEMO_SEED]).code).toBe(0);
    writeFileSync(aFile, "x\n");
    mkdirSync(aFolder);
  });

  it.each(CASES)("$name → exit $code", (c) => {
    const r = runCli(c.args(), c.env);
    expect(r.code, r.stderr).toBe(c.code);
    const lines = r.stderr.trim().split("\n");
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^chain-atlas: /);
    expect(lines[0]).toMatch(c.message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("an alias bomb and malformed YAML name file and line", () => {
    const bomb = runCli(["validate", aliasBomb()]);
    expect(bomb.stdout).toMatch(/firms\/bomb\.yaml:5: found YAML aliases that expand too far/);
    const bad = runCli(["validate", malformed()]);
    expect(bad.stdout).toMatch(/firms\/broken\.yaml:\d+: malformed YAML: /);
  });

  it("commander's errors are one line and a hint, never the whole usage", () => {
    for (const args of [
      ["--db", db, "gaps", "--chain", "pv", "--colour", "red"],
      ["--db", db, "gaps"],
      ["nosuchcommand"],
    ]) {
      const r = runCli(args);
      expect(r.code, args.join(" ")).toBe(2);
      const lines = r.stderr.trim().split("\n");
      expect(lines, r.stderr).toHaveLength(2);
      expect(lines[0]).toMatch(/^chain-atlas: /);
      expect(lines[1]).toMatch(/^run `chain-atlas (gaps )?--help` for usage$/);
      expect(r.stderr).not.toMatch(/Usage:/);
    }
  });

  it("--version prints the package version", () => {
    const r = runCli(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
