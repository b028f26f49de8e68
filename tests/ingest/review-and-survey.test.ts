// The review queue through the CLI (list, accept, reject), and a chain master's supplier survey becoming ties.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ingestFile } from "../../src/ingest/ingest-file.ts";
import { runCli } from "../helpers/run-cli.ts";
import { seededStore } from "./ingest-helpers.ts";

describe("chain-atlas review: uncertain matches wait for a person", () => {
  it("queues a near name once, lists it, and applies accept and reject as recorded changes", async () => {
    const { dir, db, store } = await seededStore();
    const f = join(dir, "near.csv");
    writeFileSync(
      f,
      "企业名称,所属区县,主营产品\n福莱特光伏有限公司,秀洲区,光伏玻璃\n嘉兴斯达半导体科技有限公司,南湖区,IGBT模块\n",
    );
    const opts = { as: "local-firms", who: "tester" };
    const first = await ingestFile(store, f, opts);
    expect(first.queued.map((q) => q.candidate.id).sort()).toEqual(["flat-glass", "starpower"]);
    expect(first.added).toEqual([]);
    expect(first.changeId).toBeUndefined(); // nothing certain to apply: the store is untouched
    const again = await ingestFile(store, f, opts);
    expect(again.queued.map((q) => q.review)).toEqual(first.queued.map((q) => q.review));
    await store.close();

    const cli = (...args: string[]) => runCli(["--db", db, "--json", ...args]);
    const pending = JSON.parse(cli("review", "list").stdout);
    expect(pending).toHaveLength(2);
    const glass = pending.find((p: { candidate: string }) => p.candidate === "flat-glass");
    const star = pending.find((p: { candidate: string }) => p.candidate === "starpower");
    expect(glass).toMatchObject({ file: "near.csv", row: 2, name: "福莱特光伏有限公司", status: "pending" });
    const accepted = JSON.parse(cli("review", "accept", String(glass.id), "--who", "tester").stdout);
    expect(accepted).toMatchObject({
      decision: "accepted",
      firm: "flat-glass",
      changeId: expect.any(Number),
    });
    const rejected = JSON.parse(cli("review", "reject", String(star.id)).stdout);
    expect(rejected.firm).not.toBe("starpower");
    const wrong = runCli(["--db", db, "review", "accept", String(glass.id)]);
    expect([wrong.code, wrong.stderr]).toEqual([2, expect.stringContaining("already accepted")]);

    const { store: reopened } = await seededStore(dir);
    expect(await reopened.reviewItems("pending")).toEqual([]);
    expect((await reopened.findFirms("福莱特光伏")).map((h) => h.id)).toEqual(["flat-glass"]);
    const history = await reopened.history();
    expect(history[0]!.why).toContain("is not starpower");
    expect(history[1]).toMatchObject({ who: "tester", why: expect.stringContaining("is flat-glass") });
    // Decided: importing the file again matches both rows exactly and changes nothing.
    const third = await ingestFile(reopened, f, opts);
    expect([third.queued, third.added, third.changeId]).toEqual([[], [], undefined]);
    expect(third.unchanged).toHaveLength(2);
    await reopened.close();
  }, 90_000);
});

describe("a chain master's supplier survey", () => {
  it("adds the suppliers and their ties to a customer the store has; an unknown customer drops its row", async () => {
    const { dir, store } = await seededStore();
    const f = join(dir, "survey.csv");
    writeFileSync(
      f,
      "供应商名称,采购方,采购产品,采购占比,所属区县\n嘉兴示例化纤设备有限公司,桐昆集团股份有限公司,卷绕头,30%,桐乡市\n嘉兴示例辅料有限公司,不存在的链主公司,油剂,,南湖区\n",
    );
    const r = await ingestFile(store, f, { as: "supply-survey", who: "t" });
    expect(r.added.map((a) => a.name)).toEqual(["嘉兴示例化纤设备有限公司"]);
    expect(r.skipped).toEqual([expect.objectContaining({ row: 3, column: "采购方", dropped: true })]);
    const ds = await store.loadDataset();
    const tie = ds.ties.find((t) => t.supplier === r.added[0]!.id)!;
    expect(tie).toMatchObject({
      customer: "tongkun",
      product: "卷绕头",
      share: 0.3,
      basis: "observed",
      sources: [r.source],
    });
    const again = await ingestFile(store, f, { as: "supply-survey", who: "t" });
    expect(again.changeId).toBeUndefined();
    await store.close();
  });
});
