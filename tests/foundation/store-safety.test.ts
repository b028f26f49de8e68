// The store is safe to point at the wrong file: a marker, refusal of foreign files, explicit migrations, no silent creation.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { StoreError } from "../../src/errors.ts";
import { loadSeed } from "../../src/seed/index.ts";
import { APPLICATION_ID, EmbeddedStore, openStore, SCHEMA_VERSION } from "../../src/store/index.ts";
import { runCli } from "../helpers/run-cli.ts";
import { DEMO_SEED, edit, readSeedDir, tempDir, writeSeedDir } from "../helpers/seed-files.ts";

/** Another program's SQLite file with one row of its own. */
function foreignDb(): string {
  const file = join(tempDir(), "other.db");
  const db = new Database(file);
  db.exec(
    "create table notes (id integer primary key, text text); insert into notes (text) values ('mine');",
  );
  db.close();
  return file;
}

describe("the store marker", () => {
  it("stamps a new store with chain-atlas's application id, user_version and meta schema_version", async () => {
    const file = join(tempDir(), "atlas.db");
    const store = new EmbeddedStore(file);
    expect(store.db.pragma("application_id", { simple: true })).toBe(APPLICATION_ID);
    expect(store.db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(store.db.prepare("select value from meta where key = 'schema_version'").pluck().get()).toBe(
      String(SCHEMA_VERSION),
    );
    await store.close();
  });

  it("refuses another program's SQLite file with a StoreError and leaves it byte-identical", () => {
    const file = foreignDb();
    const before = readFileSync(file);
    expect(() => new EmbeddedStore(file)).toThrow(StoreError);
    expect(() => new EmbeddedStore(file)).toThrow(/is not a chain-atlas store.*left untouched/);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it("refuses a file that is not SQLite at all, untouched", () => {
    const file = join(tempDir(), "notes.db");
    writeFileSync(file, "just some text, not a database\n".repeat(100));
    const before = readFileSync(file);
    expect(() => new EmbeddedStore(file)).toThrow(StoreError);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it("refuses a store of a newer schema version", async () => {
    const file = join(tempDir(), "atlas.db");
    const store = new EmbeddedStore(file);
    store.db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    await store.close();
    expect(() => new EmbeddedStore(file)).toThrow(/newer than this chain-atlas reads/);
  });

  it("migrates an unmarked store of the first releases, keeping its data", async () => {
    const file = join(tempDir(), "atlas.db");
    const store = new EmbeddedStore(file);
    await store.replaceDataset(loadSeed(DEMO_SEED), { who: "t", why: "old" });
    // What the first releases wrote: the same tables, no marker.
    store.db.pragma("application_id = 0");
    store.db.pragma("user_version = 0");
    store.db.prepare("delete from meta where key = 'schema_version'").run();
    // …and none of the tables later releases added (the chain-subgraph index).
    for (const t of ["sg_link", "sg_code", "sg_tie", "sg_text"]) store.db.exec(`drop table if exists ${t}`);
    await store.close();
    const reopened = new EmbeddedStore(file);
    expect(reopened.db.pragma("application_id", { simple: true })).toBe(APPLICATION_ID);
    expect(reopened.db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect((await reopened.loadDataset()).firms.length).toBe(loadSeed(DEMO_SEED).firms.length);
    await reopened.close();
  });

  it("opens a missing file only when asked to create it", async () => {
    const file = join(tempDir(), "typo", "atlas.db");
    await expect(openStore({ db: file })).rejects.toThrow(/no store at .*chain-atlas start/);
    expect(existsSync(file)).toBe(false);
    const store = await openStore({ db: file, create: true });
    expect(existsSync(file)).toBe(true);
    await store.close();
  });
});

describe("imports", () => {
  it("a no-op import records no change set", async () => {
    const store = new EmbeddedStore(join(tempDir(), "atlas.db"));
    const ds = loadSeed(DEMO_SEED);
    expect((await store.replaceDataset(ds, { who: "t", why: "first" })).changeId).toBe(1);
    const again = await store.replaceDataset(ds, { who: "t", why: "again" });
    expect(again.changeId).toBeUndefined();
    expect(await store.history()).toHaveLength(1);
    await store.close();
  });

  it("import --dry-run prints added / changed / removed per kind and writes nothing", () => {
    const db = join(tempDir(), "atlas.db");
    expect(runCli(["--db", db, "import", DEMO_SEED]).code).toBe(0);
    const files = readSeedDir(DEMO_SEED);
    edit(files, "chains/pv.yaml", "en: PV glass", "en: Solar glass");
    const dir = writeSeedDir(files);
    const before = readFileSync(db);
    const r = runCli(["--db", db, "import", dir, "--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("环节 segments: 0 added, 1 changed, 0 removed");
    expect(r.stdout).toContain("changed: pv-glass");
    const json = JSON.parse(runCli(["--db", db, "--json", "import", dir, "--dry-run"]).stdout);
    expect(json.changes.segments.changed).toEqual(["pv-glass"]);
    expect(readFileSync(db).equals(before)).toBe(true);
    expect(JSON.parse(runCli(["--db", db, "--json", "history"]).stdout)).toHaveLength(1);
  });
});

describe("a dry run against no store", () => {
  it("shows everything as added and creates nothing", () => {
    const db = join(tempDir(), "none", "atlas.db");
    const r = runCli(["--db", db, "import", DEMO_SEED, "--dry-run"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/企业 firms: 2 added, 0 changed, 0 removed/);
    expect(existsSync(db)).toBe(false);
  });
});

describe("the command line never creates a store by accident", () => {
  it("read-only commands on a mistyped --db fail with exit 4 and create nothing", () => {
    const db = join(tempDir(), "atals.db");
    for (const cmd of [["stats"], ["chains"], ["gaps", "--chain", "pv"], ["history"], ["find", "玻璃"]]) {
      const r = runCli(["--db", db, ...cmd]);
      expect(r.code, cmd.join(" ")).toBe(4);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/no store at .*atals\.db/);
    }
    expect(existsSync(db)).toBe(false);
  });

  it("start creates the store and says where", () => {
    const db = join(tempDir(), "new", "atlas.db");
    const r = runCli(["--db", db, "start"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`created the store ${db}`);
    expect(r.stderr).toMatch(/filled the store .* from the shipped seed/);
  });

  it("import into a foreign database exits 4 and leaves it byte-identical", () => {
    const file = foreignDb();
    const before = readFileSync(file);
    const r = runCli(["--db", file, "import", DEMO_SEED]);
    expect(r.code).toBe(4);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

describe("export", () => {
  it("refuses a non-empty folder, and --force replaces it whole (no stale files)", () => {
    const db = join(tempDir(), "atlas.db");
    runCli(["--db", db, "import", DEMO_SEED]);
    const dir = writeSeedDir(readSeedDir(DEMO_SEED));
    writeFileSync(join(dir, "stale.yaml"), "firms: []\n");
    const refused = runCli(["--db", db, "export", dir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/not empty.*--force/);
    expect(existsSync(join(dir, "stale.yaml"))).toBe(true);
    const forced = runCli(["--db", db, "export", dir, "--force"]);
    expect(forced.code).toBe(0);
    expect(existsSync(join(dir, "stale.yaml"))).toBe(false);
    expect(runCli(["validate", dir]).code).toBe(0);
  });

  it("onto a file is a one-line error", () => {
    const db = join(tempDir(), "atlas.db");
    runCli(["--db", db, "import", DEMO_SEED]);
    const file = join(tempDir(), "seed.yaml");
    writeFileSync(file, "x: 1\n");
    const r = runCli(["--db", db, "export", file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      `chain-atlas: export ${file}: is a file; expected a folder (missing or empty)`,
    );
  });
});
