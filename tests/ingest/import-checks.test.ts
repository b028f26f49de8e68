// What an import is checked for: what it brings in, not what the store held before it.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ingestFile } from "../../src/ingest/ingest-file.ts";
import { checkDataset } from "../../src/model/index.ts";
import { seededStore } from "./ingest-helpers.ts";

describe("an import's checks", () => {
  it("apply a list to a store that holds a warning already (a source an editor added, cited by nothing yet)", async () => {
    const { dir, store } = await seededStore();
    const page = {
      id: "src-editor-page",
      title: "一页尚未引用的资料",
      url: "https://example.org/not-cited-yet",
      kind: "press",
      published: "2026-01-05",
      read: "2026-12-07",
    };
    await store.writeEntities!([{ kind: "sources", id: page.id, json: JSON.stringify(page) }], {
      who: "ed",
      why: "a page to cite later",
    });
    const held = checkDataset(await store.loadDataset());
    expect(held.map((f) => [f.rule, f.severity])).toEqual([["sources-cited", "warning"]]);
    const f = join(dir, "list.csv");
    writeFileSync(f, "企业名称,所属区县,主营产品\n嘉兴示例检查企业有限公司,南湖区,玻纤纱\n");
    const r = await ingestFile(store, f, { as: "local-firms", who: "t" });
    expect(r.added.map((a) => a.name)).toEqual(["嘉兴示例检查企业有限公司"]);
    expect(r.changeId).toEqual(expect.any(Number));
    // The warning was the store's, not the import's.
    expect(r.warnings).toEqual([]);
    expect((await store.loadDataset()).firms.some((x) => x.name.zh === "嘉兴示例检查企业有限公司")).toBe(
      true,
    );
    await store.close();
  });
});
