// The projects API: registering under 首报首谈, stage moves with the signed-in user, landing at 投产, transfers,
// progress, and the API's error shape for bad input, wrong role, no session, missing and duplicate reports.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, startTestServer, type TestServer } from "./test-server.ts";

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
}, 120_000);
afterAll(async () => {
  await s?.close();
});

const post = (
  path: string,
  body: unknown,
  as: "admin" | "editor" | "lead" | "investor" | "nobody" = "admin",
) => s.call(path, { method: "POST", body: JSON.stringify(body), as });

/** A project of JinkoSolar (a firm of the shipped seed) filling pv-wafer, marked as test data. */
const jinko = (id: string, name: string, county = "haining", millions = 1500) => ({
  id,
  investor: { name },
  gaps: [{ segment: "pv-wafer", aim: "fill" }],
  region: county,
  amount: { millions, currency: "CNY" },
  assumed: true,
});

describe("the projects API", () => {
  it("registers a large project with its holder and a month of exclusive talks; the report is read back", async () => {
    const r = await post("/api/projects", jinko("jinko-wafer", "晶科能源股份有限公司"), "investor");
    expect(r.status).toBe(201);
    const b = await json(r);
    expect(b.project.investor.firm).toBe("jinkosolar");
    expect(b.project.owner).toBe("haining");
    expect(b.project.history[0]).toMatchObject({ stage: "lead", who: "ivy" });
    expect(b.clock.holder).toBe("haining");
    expect(b.clock.exclusive).toBe(true);
    // One month on: 28–31 days after the report, in the next calendar month.
    const days = (Date.parse(b.clock.exclusiveUntil) - Date.parse(b.clock.reportedOn)) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(28);
    expect(days).toBeLessThanOrEqual(31);
    expect(b.clock.daysLeft).toBeGreaterThanOrEqual(27);

    const one = await json(await s.call("/api/projects/jinko-wafer", { as: "lead" }));
    expect(one.project.id).toBe("jinko-wafer");
    expect(one.changes.map((c: { op: string }) => c.op)).toEqual(["add"]);
    const list = await json(await s.call("/api/projects?chain=pv&county=haining&stage=lead"));
    expect(list.items.map((x: { project: { id: string } }) => x.project.id)).toEqual(["jinko-wafer"]);
    const none = await json(await s.call("/api/projects?stage=signed"));
    expect(none.total).toBe(0);
  });

  it("refuses a second report of the same investor under another spelling with 409 naming holder and end date", async () => {
    const first = await json(await s.call("/api/projects/jinko-wafer"));
    const r = await post("/api/projects", jinko("jinko-again", "Jinko Solar", "nanhu", 2000), "editor");
    expect(r.status).toBe(409);
    const b = await json(r);
    expect(b.error.code).toBe("conflict");
    expect(b.error.message).toContain("haining");
    expect(b.error.message).toContain(first.clock.exclusiveUntil);
    expect(b.error.current).toMatchObject({
      project: "jinko-wafer",
      holder: "haining",
      exclusiveUntil: first.clock.exclusiveUntil,
    });
    expect((await s.call("/api/projects/jinko-again")).status).toBe(404);
    // A duplicate id is a conflict too.
    const dup = await post("/api/projects", { ...jinko("jinko-wafer", "另一家公司", "nanhu", 10) }, "editor");
    expect(dup.status).toBe(409);
  });

  it("answers 400 naming the field, 401 without a session, 403 for a wrong role or county, 404 for a missing project", async () => {
    const bad = await post("/api/projects", {
      ...jinko("bad-one", "某公司"),
      amount: { millions: -5, currency: "EUR" },
    });
    expect(bad.status).toBe(400);
    const paths = (await json(bad)).error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["amount.millions", "amount.currency"]));
    const unknown = await post("/api/projects", {
      ...jinko("bad-two", "某公司", "nanhu", 5),
      gaps: [{ segment: "no-such-seg", aim: "fill" }],
    });
    expect(unknown.status).toBe(400);
    expect((await json(unknown)).error.details[0].path).toBe("gaps[0].segment");
    const badStage = await post("/api/projects/jinko-wafer/stage", { stage: "flying" });
    expect(badStage.status).toBe(400);
    expect((await json(badStage)).error.details[0].path).toBe("stage");

    expect((await s.call("/api/projects", { as: "nobody" })).status).toBe(401);
    expect((await post("/api/projects", jinko("x1", "某公司"), "nobody")).status).toBe(401);
    const lead = await post("/api/projects", jinko("x2", "某公司"), "lead");
    expect(lead.status).toBe(403);
    expect((await json(lead)).error.code).toBe("forbidden");
    // The investor team of haining may not report for another county, nor backdate.
    expect((await post("/api/projects", jinko("x3", "某公司", "nanhu", 5), "investor")).status).toBe(403);
    expect(
      (await post("/api/projects/jinko-wafer/stage", { stage: "contacted", at: "2020-01-01" }, "investor"))
        .status,
    ).toBe(403);

    expect((await s.call("/api/projects/no-such-project")).status).toBe(404);
    expect((await post("/api/projects/no-such-project/stage", { stage: "contacted" })).status).toBe(404);
  });

  it("moves through the stages as the signed-in user; at 投产 the investor becomes local and pv-wafer is no longer missing", async () => {
    const kind = async () =>
      (await json(await s.call("/api/chains/pv/gaps"))).findings.find(
        (f: { segment: { id: string } }) => f.segment.id === "pv-wafer",
      ).kind;
    expect(await kind()).toBe("missing");
    const skip = await post("/api/projects/jinko-wafer/stage", { stage: "signed" }, "investor");
    expect(skip.status).toBe(400);
    expect((await json(skip)).error.message).toContain("contacted");
    for (const stage of ["contacted", "negotiating", "signed", "started"]) {
      const r = await post("/api/projects/jinko-wafer/stage", { stage, note: `to ${stage}` }, "investor");
      expect(r.status, stage).toBe(200);
      expect((await json(r)).landed).toBeNull();
    }
    expect(await kind()).toBe("missing");
    const r = await post("/api/projects/jinko-wafer/stage", { stage: "production" }, "editor");
    expect(r.status).toBe(200);
    const b = await json(r);
    expect(b.project.history.at(-1)).toMatchObject({ stage: "production", who: "ed" });
    expect(b.landed).toMatchObject({ kind: "add-firm", segments: ["pv-wafer"] });
    expect(await kind()).not.toBe("missing");
    const firm = await json(await s.call(`/api/firms/${b.landed.firm}`));
    expect(firm).toMatchObject({ parent: "jinkosolar", location: { region: "haining" } });
    const hist = await json(await s.call("/api/history?limit=1"));
    expect(hist.items[0]).toMatchObject({ who: "ed", op: "landing" });
  });

  it("transfers only after the exclusive month, and both counties are credited", async () => {
    const add = await post("/api/projects", {
      ...jinko("big-glass", "外地测试玻璃公司", "haiyan", 1200),
      at: "2024-01-31",
    });
    expect(add.status).toBe(201);
    expect((await json(add)).clock.exclusiveUntil).toBe("2024-02-29");
    const early = await post("/api/projects/big-glass/transfer", { to: "pinghu", at: "2024-02-29" });
    expect(early.status).toBe(400);
    expect((await json(early)).error.details[0].path).toBe("at");
    const later = await post("/api/projects/big-glass/transfer", { to: "pinghu", at: "2024-03-01" });
    expect(later.status).toBe(200);
    expect((await json(later)).credited).toEqual(["haiyan", "pinghu"]);
    const unknown = await post("/api/projects/big-glass/transfer", { to: "atlantis" });
    expect(unknown.status).toBe(400);
  });

  it("flags a signing without the required pre-report and counts only credited signings in progress", async () => {
    const mk = async (id: string, millions: number, prereport: string | undefined) => {
      expect(
        (
          await post("/api/projects", {
            ...jinko(id, `测试投资方${id}`, "jiashan", millions),
            at: "2025-02-01",
          })
        ).status,
      ).toBe(201);
      if (prereport)
        expect((await post(`/api/projects/${id}/prereport`, { at: prereport })).status).toBe(200);
      for (const stage of ["contacted", "negotiating", "signed"])
        expect((await post(`/api/projects/${id}/stage`, { stage, at: "2025-03-10" })).status).toBe(200);
    };
    await mk("p-ontime", 6000, "2025-03-03");
    await mk("p-late", 6000, "2025-03-04");
    const p = await json(await s.call("/api/progress?year=2025&county=jiashan"));
    expect(p.flagged).toEqual(["p-late"]);
    expect(p.counted.map((c: { id: string }) => c.id)).toEqual(["p-ontime"]);
    const row = p.rows.find((r: { measure: string }) => r.measure === "domesticOver5Bn");
    expect(row.actual).toBe(1);
    expect(row.monthly[2]).toBe(1);
    // The Excel export holds the same figures as the JSON table.
    const x = await s.call("/api/progress.xlsx?year=2025&county=jiashan");
    expect(x.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await x.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe("指标");
    const rowsRead = sheet.getSheetValues().slice(2) as unknown[][];
    const five = rowsRead.find((r) => r?.[1] === "内资超50亿元项目")!;
    expect(five[3]).toBe(row.actual);
    expect(five.slice(5, 17)).toEqual(row.monthly);
    const bad = await s.call("/api/progress?year=abc");
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.details[0].path).toBe("year");
  });

  it("shows a chain lead only the projects of the chains he or she leads", async () => {
    const r = await post("/api/projects", {
      ...jinko("foil-plant", "测试铝箔公司", "tongxiang", 300),
      gaps: [{ segment: "bat-aluminium-foil", aim: "fill" }],
    });
    expect(r.status).toBe(201);
    const all = await json(await s.call("/api/projects", { as: "editor" }));
    const led = await json(await s.call("/api/projects", { as: "lead" }));
    const ids = (b: Record<string, unknown>) =>
      (b.items as Array<{ project: { id: string } }>).map((x) => x.project.id);
    expect(ids(all)).toContain("foil-plant");
    expect(ids(led)).not.toContain("foil-plant");
    expect(ids(led)).toContain("jinko-wafer");
    expect((await s.call("/api/projects/foil-plant", { as: "lead" })).status).toBe(403);
    expect(ids(await json(await s.call("/api/projects?chain=battery")))).toEqual(["foil-plant"]);
  });

  it("documents the routes in OpenAPI", async () => {
    const doc = await json(await s.call("/api/openapi.json"));
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/projects", "/api/projects/{id}/stage", "/api/progress"]),
    );
  });
});
