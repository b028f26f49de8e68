// Pages and sheets shaped like the bureau's: GBK list page with a nested table, scripted page, profile, merged-header xlsx.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ingestFile } from "../../src/ingest/ingest-file.ts";
import type { Firm } from "../../src/model/index.ts";
import { EmbeddedStore } from "../../src/store/index.ts";
import { writeFixtures } from "../fixtures/ingest/make-fixtures.ts";
import { runCli } from "../helpers/run-cli.ts";
import { seededStore, tempDir } from "./ingest-helpers.ts";

let files: Awaited<ReturnType<typeof writeFixtures>>;
beforeAll(async () => {
  files = await writeFixtures(tempDir("ingest-fixtures-"));
});

const byName = (firms: Firm[], zh: string) => firms.find((f) => f.name.zh === zh);

describe("a GBK-encoded government list page with its table nested in a layout table", () => {
  it("reads the inner table in GBK, tags the firms and merges the one the seed has", async () => {
    const { store } = await seededStore();
    const r = await ingestFile(store, files.gbkList, {
      as: "local-firms",
      list: "little-giant",
      batch: "5",
      who: "t",
    });
    expect(r.encoding).toBe("gb18030");
    expect(r.added.map((a) => a.name).sort()).toEqual([
      "嘉兴示例精密机械有限公司",
      "浙江样例新材料股份有限公司",
    ]);
    expect(r.updated.map((u) => u.id)).toEqual(["flat-glass"]);
    // The blank row is reported; the merged title row above the header is not data.
    expect(r.skipped).toEqual([expect.objectContaining({ row: 6, dropped: true })]);
    const ds = await store.loadDataset();
    const f = byName(ds.firms, "嘉兴示例精密机械有限公司")!;
    expect(f).toMatchObject({
      creditCode: "91330400MA2B3C4D5E",
      location: { country: "CN", region: "nanhu" },
    });
    expect(f.products.map((p) => p.name)).toEqual(["精密轴承", "齿轮"]);
    expect(f.tags).toEqual([{ list: "little-giant", batch: "5", sources: [r.source] }]);
    expect(ds.firms.find((x) => x.id === "flat-glass")!.tags.some((t) => t.list === "little-giant")).toBe(
      true,
    );
    expect(ds.sources.find((s) => s.id === r.source)).toMatchObject({
      kind: "government",
      read: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
    });
    await store.close();
  });
});

describe("a page full of scripts and styles", () => {
  it("takes the table's text only: no script or style text leaks into names or products", async () => {
    const { store } = await seededStore();
    const r = await ingestFile(store, files.scripted, { as: "local-firms", who: "t" });
    expect(r.added.map((a) => a.name)).toEqual(["嘉兴示例电子有限公司", "嘉兴样例智能装备有限公司"]);
    const ds = await store.loadDataset();
    const text = JSON.stringify(ds.firms.filter((f) => r.added.some((a) => a.id === f.id)));
    for (const leak of ["脚本", "样式", "console", "track", "不要我", "{}"]) expect(text).not.toContain(leak);
    expect(byName(ds.firms, "嘉兴示例电子有限公司")!.products.map((p) => p.name)).toEqual(["连接器"]);
    await store.close();
  });
});

describe("a saved firm profile page", () => {
  it("becomes one firm with its code, district, industry, products and address", async () => {
    const { store } = await seededStore();
    const r = await ingestFile(store, files.profile, { as: "firm-page", who: "t" });
    expect(r.added).toHaveLength(1);
    const ds = await store.loadDataset();
    const f = ds.firms.find((x) => x.id === r.added[0]!.id)!;
    expect(f).toMatchObject({
      name: { zh: "嘉兴示例光电科技有限公司" },
      creditCode: "91330402MA2CDEF01X",
      industry: "光伏设备及元器件制造",
      location: { region: "nanhu", address: "浙江省嘉兴市南湖区示例路1号" },
    });
    expect(f.products.map((p) => p.name)).toEqual(["光伏接线盒", "连接器"]);
    expect(JSON.stringify(f)).not.toContain("脚本");
    await store.close();
  });
});

describe("an Excel local-firm list with a merged two-row header, blank rows and one firm spelled two ways", () => {
  it("maps the merged header, reads units and formula values, merges the spellings and reports the rest", async () => {
    const { store } = await seededStore();
    const opts = { as: "local-firms", year: 2023, who: "t", why: "county list" };
    const before = (await store.history()).length;
    const dry = await ingestFile(store, files.localXlsx, { ...opts, dryRun: true });
    expect((await store.history()).length).toBe(before);
    const r = await ingestFile(store, files.localXlsx, opts);
    expect({ ...dry, dryRun: true, changeId: undefined }).toEqual({
      ...r,
      dryRun: true,
      changeId: undefined,
    });
    expect(r.added.map((a) => a.name)).toEqual(["嘉兴示例新材料有限公司", "嘉兴样例纺织有限公司"]);
    expect(r.merged.map((m) => [m.row, m.name, m.id])).toEqual([
      [6, "嘉兴市示例新材料股份有限公司", r.added[0]!.id],
      [12, "嘉兴樣例紡織有限公司", r.added[1]!.id],
    ]);
    expect(r.updated.map((u) => u.id)).toEqual(["flat-glass"]);
    expect(r.skipped).toEqual([
      expect.objectContaining({ row: 4, column: "统一社会信用代码", dropped: false }),
      expect.objectContaining({ row: 11, column: "所属区县", dropped: true }),
    ]);
    const ds = await store.loadDataset();
    const glass = ds.firms.find((f) => f.id === r.added[0]!.id)!;
    expect(glass.revenue).toMatchObject({ amountMillions: 125, currency: "CNY", year: 2023 });
    expect(glass.employees?.count).toBe(320); // full-width digits
    expect(glass.name.aliases).toContain("嘉兴市示例新材料股份有限公司");
    expect(glass.products.map((p) => p.name)).toEqual(["玻璃纤维制品", "玻纤纱"]);
    const textile = ds.firms.find((f) => f.id === r.added[1]!.id)!;
    expect(textile.revenue?.amountMillions).toBe(88); // the formula's cached value, 8800 万元
    expect(textile.employees?.count).toBe(1024);
    expect(textile.location.region).toBe("tongxiang");
    const history = await store.history();
    expect(history[0]).toMatchObject({ who: "t", why: expect.stringContaining("county list") });

    const again = await ingestFile(store, files.localXlsx, opts);
    expect([again.added, again.updated, again.merged]).toEqual([[], [], []]);
    expect(again.changeId).toBeUndefined();
    expect((await store.history()).length).toBe(history.length);
    await store.close();
  });
});

describe("encodings of CSV files", () => {
  it("says which it used: UTF-16 with a BOM, UTF-8 with a BOM", async () => {
    const { store } = await seededStore();
    const a = await ingestFile(store, files.utf16Csv, { as: "local-firms", dryRun: true });
    const b = await ingestFile(store, files.bomCsv, { as: "local-firms", dryRun: true });
    expect([a.encoding, b.encoding]).toEqual(["utf-16le", "utf-8-bom"]);
    expect(a.added.map((x) => x.name)).toEqual(["嘉兴示例包装有限公司"]);
    expect(b.added.map((x) => x.name)).toEqual(["嘉兴示例包装有限公司"]);
    await store.close();
  });
});

describe("chain-atlas ingest --dry-run --json", () => {
  it("prints the plan as {encoding, added, updated, merged, queued, unchanged, skipped} and changes nothing", async () => {
    const { db, store } = await seededStore();
    const before = (await store.history()).length;
    await store.close();
    const r = runCli([
      "--db",
      db,
      "--json",
      "ingest",
      files.localXlsx,
      "--as",
      "local-firms",
      "--year",
      "2023",
      "--dry-run",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    for (const k of ["added", "updated", "merged", "queued", "unchanged", "skipped"])
      expect(Array.isArray(out[k]), k).toBe(true);
    expect(out.encoding).toBe("utf-8");
    expect(out.added.map((a: { name: string }) => a.name)).toEqual([
      "嘉兴示例新材料有限公司",
      "嘉兴样例纺织有限公司",
    ]);
    expect(out.skipped[0]).toEqual({
      row: 4,
      column: "统一社会信用代码",
      reason: expect.stringContaining("credit code"),
      dropped: false,
    });
    const after = new EmbeddedStore(db);
    expect((await after.history()).length).toBe(before);
    await after.close();
  }, 60_000);
});

describe("--map", () => {
  it("reads a column under a header no alias knows, by header text or column number", async () => {
    const { store, dir } = await seededStore();
    const f = join(dir, "odd-headers.csv");
    writeFileSync(f, "单位,地区,做什么\n嘉兴示例模具有限公司,嘉善县,注塑模具\n");
    const r = await ingestFile(store, f, {
      as: "local-firms",
      map: ["单位=name", "地区=region", "3=products"],
      who: "t",
    });
    expect(r.added.map((a) => a.name)).toEqual(["嘉兴示例模具有限公司"]);
    const firm = (await store.loadDataset()).firms.find((x) => x.id === r.added[0]!.id)!;
    expect([firm.location.region, firm.products.map((p) => p.name)]).toEqual(["jiashan", ["注塑模具"]]);
    await expect(ingestFile(store, f, { as: "local-firms", map: ["单位=nonsense"] })).rejects.toThrow(
      /--map 单位=nonsense: expected column=field/,
    );
    await store.close();
  });
});

describe("a data table with a small table nested in one of its cells", () => {
  it("still reads the outer table's rows, the nested table's text staying in its cell", async () => {
    const { store, dir } = await seededStore();
    const f = join(dir, "nested-cell.html");
    writeFileSync(
      f,
      `<html><body><table><tr><th>企业名称</th><th>所属区县</th><th>主营产品</th></tr>
      <tr><td>嘉兴示例阀门有限公司</td><td>海盐县</td><td><table><tr><td>球阀</td></tr><tr><td>闸阀</td></tr></table></td></tr>
      <tr><td>嘉兴样例泵业有限公司</td><td>海盐县</td><td>离心泵</td></tr></table></body></html>`,
    );
    const r = await ingestFile(store, f, { as: "local-firms", dryRun: true });
    expect(r.added.map((a) => a.name)).toEqual(["嘉兴示例阀门有限公司", "嘉兴样例泵业有限公司"]);
    await store.close();
  });
});
