// The web app in a real browser (Debian's chromium, WebGL through SwiftShader) against a real server on a
// free port with a temp db. Without chromium these tests fail — they never skip.
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countInkScript, launchBrowser } from "./support/browser.ts";
import { PASSWORD, startServer, type TestServer } from "./support/server.ts";
import { WebSessions } from "./support/web-sessions.ts";

const XSS = "<img src=x onerror=alert(1)>";
let server: TestServer;
let browser: Browser;
let sessions: WebSessions;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  sessions = new WebSessions(browser, server);
}, 180_000);

afterAll(async () => {
  await sessions?.close();
  await browser?.close();
  await server?.stop();
});

/** A page signed in through the API (cookies shared with the page); dialogs and page errors recorded. */
function as(user: string, lang: "zh" | "en" = "zh"): Promise<{ page: Page; problems: string[] }> {
  return sessions.open(user, { lang, acceptDownloads: true, keepChosenLang: true });
}

async function csrfFetch(
  page: Page,
  method: string,
  path: string,
  body: unknown,
): Promise<{ status: number; json: unknown }> {
  return page.evaluate(
    `(async () => {
      const m = document.cookie.match(/atlas_csrf=([^;]+)/);
      const r = await fetch(${JSON.stringify(path)}, { method: ${JSON.stringify(method)}, headers: { "Content-Type": "application/json", "X-CSRF-Token": m ? decodeURIComponent(m[1]) : "" }, body: ${JSON.stringify(JSON.stringify(body))} });
      return { status: r.status, json: await r.json().catch(() => null) };
    })()`,
  );
}

describe("the web app", () => {
  it("signs in through the form as each role and shows the navigation that role may use", async () => {
    for (const [user, role, edits] of [
      ["admin1", "管理员", true],
      ["editor1", "编辑", true],
      ["lead1", "链长", false],
      ["investor1", "招商人员", false],
    ] as const) {
      const { page } = await as("");
      await page.goto(`${server.url}/#/dashboard`);
      await page.getByLabel("用户名").fill(user);
      await page.getByLabel("密码").fill(PASSWORD);
      await page.getByRole("button", { name: "登录" }).click();
      await expect.poll(() => page.locator("[data-testid=user]").textContent()).toContain(role);
      await page.locator(".figures .figure").first().waitFor();
      expect(await page.locator("nav a[data-route=edit]").count(), `${user} sees 数据维护`).toBe(
        edits ? 1 : 0,
      );
      expect(await page.locator("nav a[data-route=targets]").count()).toBe(1);
    }
    const { page } = await as("");
    await page.goto(`${server.url}/#/dashboard`);
    await page.getByLabel("用户名").fill("admin1");
    await page.getByLabel("密码").fill("wrong-password");
    await page.getByRole("button", { name: "登录" }).click();
    await expect.poll(() => page.locator("#login-error").textContent()).toContain("不正确");
  });

  it("draws the chain map (the canvas is not blank) and opens a firm's card with its sources", async () => {
    const { page, problems } = await as("investor1");
    await page.goto(`${server.url}/#/map?chain=pv`);
    await mapDrawn(page);
    await page.waitForTimeout(500);
    const png = await page.locator("#map-canvas").screenshot();
    const { ink, total } = (await page.evaluate(countInkScript(png.toString("base64"), [255, 255, 255]))) as {
      ink: number;
      total: number;
    };
    expect(ink / total, `non-background share of the map (${ink} of ${total} px)`).toBeGreaterThan(0.005);
    await page.getByLabel("搜索企业（中文名/别名）").fill("晶科");
    await page.getByRole("button", { name: "查找" }).click();
    await page.locator("#search-results button").first().click();
    await expect.poll(() => page.locator("#node-card h3").first().textContent()).toBe("来源");
    expect(await page.locator("#node-card ol.sources li").count()).toBeGreaterThan(0);
    await page.locator("#highlight-ties").click();
    expect(problems).toEqual([]);
  });

  it("opens a fishbone, clicks a bone for its finding, and opens the gap report", async () => {
    const { page, problems } = await as("investor1");
    await page.goto(`${server.url}/#/fishbone?chain=pv`);
    await page.locator("#fishbone svg").waitFor();
    expect(await page.locator("#fishbone svg text").count()).toBeGreaterThan(20);
    await page
      .locator("#fishbone svg text", { hasText: /^多晶硅$/ })
      .first()
      .click();
    await expect.poll(() => page.locator("#bone-detail h2").textContent()).toContain("多晶硅");
    expect(await page.locator("#bone-detail .why").textContent()).toContain("本地无企业");
    await page.goto(`${server.url}/#/report?chain=pv`);
    const frame = page.frameLocator("#report-frame");
    await expect.poll(() => frame.locator("h1").textContent(), { timeout: 30_000 }).toContain("光伏");
    expect(await frame.locator("table.gaps tr").count()).toBeGreaterThan(3);
    expect(problems).toEqual([]);
  });

  it("filters targets, exports an XLSX and reads the same rows back", async () => {
    const { page } = await as("investor1");
    await page.goto(`${server.url}/#/targets?chain=pv`);
    await page.locator("#targets-table tbody tr").first().waitFor();
    const all = Number(await page.locator("#row-count").getAttribute("data-count"));
    await page.getByLabel("国别", { exact: true }).fill("CN");
    await page.getByLabel("最低得分").fill("0.35");
    const before = await page.locator("#targets-table").elementHandle();
    await page.getByRole("button", { name: "筛选" }).click();
    // The filtered page replaces the table: wait until the old one is gone.
    await before!.waitForElementState("hidden");
    await expect.poll(() => page.evaluate("location.hash")).toContain("minScore=0.35");
    await page.locator("#targets-table tbody tr").first().waitFor();
    const n = Number(await page.locator("#row-count").getAttribute("data-count"));
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(all);
    const scores = await page.locator("#targets-table tbody tr td.num b").allTextContents();
    expect(scores.every((s) => Number(s) >= 0.35)).toBe(true);
    const names = await page.locator("#targets-table tbody td.firm").allTextContents();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("#export-xlsx").click(),
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await streamToBuffer(await download.createReadStream())) as never);
    const sheet = wb.worksheets[0]!;
    const text = (r: number) => (sheet.getRow(r).values as unknown[]).map((v) => String(v ?? "")).join("|");
    const body = Array.from({ length: sheet.rowCount - 1 }, (_, i) => text(i + 2)).filter((t) =>
      t.replaceAll("|", ""),
    );
    expect(body.length).toBe(n);
    for (const name of names) expect(body.some((row) => row.includes(name))).toBe(true);
  });

  it("as editor adds a supply tie through the form and the gap finding changes", async () => {
    const { page } = await as("editor1");
    await page.goto(`${server.url}/#/fishbone?chain=pv`);
    await page.locator("#bones button[data-segment=pv-glass]").click();
    await expect.poll(() => page.locator("#bone-detail h2").textContent()).toContain("单一来源");
    await page.goto(`${server.url}/#/edit?chain=pv`);
    const form = page.locator("#tie-form");
    await form.getByLabel("供应商编号").fill("xinyi-solar");
    await form.getByLabel("客户编号").fill("jinkosolar-haining");
    await form.getByLabel("产品").fill("光伏玻璃（测试）");
    await form.getByLabel("环节").selectOption("pv-glass");
    await form.getByLabel("修改原因").fill("browser test");
    // No source: the server's message appears beside the field.
    await form.getByRole("button", { name: "保存" }).click();
    await expect.poll(() => form.locator("[data-error-for=sources]").textContent()).not.toBe("");
    const sourceId = await page.locator("#source-ids option").first().getAttribute("value");
    await form.getByLabel("来源编号").fill(sourceId!);
    await form.getByRole("button", { name: "保存" }).click();
    await expect.poll(() => form.locator("p[role=status]").textContent()).toBe("已保存");
    await page.goto(`${server.url}/#/fishbone?chain=pv`);
    await page.locator("#bones button[data-segment=pv-glass]").click();
    await expect.poll(() => page.locator("#bone-detail h2").textContent()).not.toContain("单一来源");
    await page.goto(`${server.url}/#/history`);
    await expect.poll(() => page.locator("#history-table").textContent()).toContain("browser test");
  });

  it("as editor adds a source, is told nothing cites it yet, and cites it from the firm form", async () => {
    const { page } = await as("editor1");
    await page.goto(`${server.url}/#/edit`);
    const form = page.locator("#source-form");
    await form.getByLabel("来源编号（英文小写与连字符）").fill("src-browser-test-page");
    await form.getByLabel("标题").fill("浏览器测试来源");
    await form.getByLabel("网址").fill("https://example.org/browser-test-page");
    await form.getByLabel("发布方").selectOption("press");
    await form.getByLabel("修改原因").fill("browser test source");
    await form.getByRole("button", { name: "保存" }).click();
    await expect.poll(() => form.locator("p[role=status]").textContent()).toContain("已保存；请留意：");
    expect(await form.locator("p[role=status]").textContent()).toContain("no fact cites");
    // The pick list has it at once: the firm form cites it, and that write brings in no warning.
    expect(await page.locator('#source-ids option[value="src-browser-test-page"]').count()).toBe(1);
    const firm = page.locator("#firm-form");
    await firm.getByLabel("企业编号（英文小写与连字符）").fill("xinyi-solar");
    await firm.getByRole("button", { name: "载入已有企业" }).click();
    await expect.poll(() => firm.getByLabel("中文名").inputValue()).not.toBe("");
    await firm.getByLabel("来源编号").fill("src-browser-test-page");
    await firm.getByLabel("修改原因").fill("browser test: cite the new source");
    await firm.getByRole("button", { name: "保存" }).click();
    await expect.poll(() => firm.locator("p[role=status]").textContent()).toBe("已保存");
  });

  it("a stale edit says who changed the record meanwhile", async () => {
    const { page } = await as("editor1");
    await page.goto(`${server.url}/#/edit`);
    const form = page.locator("#firm-form");
    await form.getByLabel("企业编号（英文小写与连字符）").fill("xinyi-solar");
    await form.getByRole("button", { name: "载入已有企业" }).click();
    await expect.poll(() => form.getByLabel("中文名").inputValue()).not.toBe("");
    const other = await as("admin1");
    await other.page.goto(`${server.url}/#/history`);
    const changed = await other.page.evaluate(`(async () => {
      const r = await fetch("/api/firms/xinyi-solar");
      const firm = await r.json();
      firm.name.aliases = [...(firm.name.aliases || []), "信义光能（测试别名）"];
      const m = document.cookie.match(/atlas_csrf=([^;]+)/);
      const put = await fetch("/api/firms/xinyi-solar", { method: "PUT", headers: { "Content-Type": "application/json", "If-Match": r.headers.get("ETag"), "X-CSRF-Token": decodeURIComponent(m[1]), "X-Why": "test" }, body: JSON.stringify(firm) });
      return put.status;
    })()`);
    expect(changed).toBe(200);
    await form.getByLabel("修改原因").fill("stale edit");
    await form.getByRole("button", { name: "保存" }).click();
    await expect.poll(() => form.locator(".form-error").textContent()).toContain("已被 admin1");
  });

  it("as investor is refused an edit, in the form and by the API", async () => {
    const { page } = await as("investor1");
    await page.goto(`${server.url}/#/edit`);
    await page.locator(".notice").waitFor();
    expect(await page.locator("nav a[data-route=edit]").count()).toBe(0);
    const form = page.locator("#tie-form");
    await form.getByLabel("供应商编号").fill("xinyi-solar");
    await form.getByLabel("客户编号").fill("astronergy");
    await form.getByLabel("产品").fill("光伏玻璃");
    await form.getByLabel("来源编号").fill("src-fortune-g500-2022-2024");
    await form.getByLabel("修改原因").fill("should be refused");
    await form.getByRole("button", { name: "保存" }).click();
    await expect.poll(() => form.locator(".form-error").textContent()).toContain("没有修改权限");
    const r = await csrfFetch(page, "POST", "/api/ties", {
      id: "x-to-y",
      supplier: "xinyi-solar",
      customer: "astronergy",
      product: "g",
      basis: "observed",
      confidence: 0.5,
      sources: [],
    });
    expect(r.status).toBe(403);
  });

  it("a lead comments and signs off; the report, page and Word file show it", async () => {
    const { page } = await as("lead1");
    await page.goto(`${server.url}/#/report?chain=pv`);
    await page.getByLabel("意见内容").fill("建议优先对接多晶硅龙头");
    await page.getByRole("button", { name: "添加意见" }).click();
    await expect.poll(() => page.locator("#comments").textContent()).toContain("建议优先对接多晶硅龙头");
    await page.getByLabel("签发说明（可选）").fill("同意报送");
    await page.locator("#signoff-button").click();
    await expect.poll(() => page.locator("#signoff").textContent()).toContain("已签发：lead1");
    const frame = page.frameLocator("#report-frame");
    await expect
      .poll(() => frame.locator("#report-notes").textContent(), { timeout: 30_000 })
      .toContain("lead1");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("#download-docx").click(),
    ]);
    const zip = await JSZip.loadAsync(await streamToBuffer(await download.createReadStream()));
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toContain("建议优先对接多晶硅龙头");
    expect(xml).toContain("签发人：lead1");
    expect(Object.keys(zip.files).some((f) => f.startsWith("word/media/"))).toBe(true);
    // A lead of another chain may not sign this one off: the form is not offered.
    await page.goto(`${server.url}/#/report?chain=nev`);
    await page.locator("#signoff").waitFor();
    expect(await page.locator("#signoff-button").count()).toBe(0);
  });

  it("switches to English and keeps the choice", async () => {
    const { page } = await as("admin1");
    await page.goto(`${server.url}/#/dashboard`);
    await page.locator("#lang-switch").click();
    await expect.poll(() => page.locator("nav a[data-route=dashboard]").textContent()).toBe("Dashboard");
    await page.reload();
    await expect.poll(() => page.locator("nav a[data-route=targets]").textContent()).toBe("Targets");
    expect(await page.evaluate("document.documentElement.lang")).toBe("en");
  });

  it("renders a name with markup as text on every page", async () => {
    const { page, problems } = await as("editor1");
    await page.goto(`${server.url}/#/dashboard`);
    const firm = {
      id: "xss-test-firm",
      name: { zh: XSS, en: XSS, aliases: [XSS] },
      location: { country: "DE" },
      tags: [],
      products: [{ name: XSS, sources: ["src-fortune-g500-2022-2024"] }],
      segments: [
        {
          segment: "pv-polysilicon",
          grade: "strong",
          basis: "observed",
          confidence: 0.99,
          sources: ["src-fortune-g500-2022-2024"],
        },
      ],
      sources: ["src-fortune-g500-2022-2024"],
      _why: XSS,
    };
    const r = await csrfFetch(page, "POST", "/api/firms", firm);
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    const visits: Array<[string, string]> = [
      ["#/targets?chain=pv&gap=pv-polysilicon", "#targets-table"],
      ["#/history", "#history-table"],
      ["#/dashboard", ".changes"],
    ];
    for (const [hash, sel] of visits) {
      await page.goto(`${server.url}/${hash}`);
      await expect.poll(() => page.locator(sel).textContent(), { timeout: 30_000 }).toContain(XSS);
    }
    await page.goto(`${server.url}/#/map?chain=pv`);
    await mapDrawn(page);
    await page.getByLabel("搜索企业（中文名/别名）").fill("<img");
    await page.getByRole("button", { name: "查找" }).click();
    await expect.poll(() => page.locator("#search-results").textContent()).toContain(XSS);
    await page.locator("#search-results button").first().click();
    await expect.poll(() => page.locator("#node-card h2").textContent()).toBe(XSS);
    await page.goto(`${server.url}/#/fishbone?chain=pv`);
    await page.locator("#bones button[data-segment=pv-polysilicon]").click();
    await expect.poll(() => page.locator("#bone-detail").textContent()).toContain(XSS);
    await page.goto(`${server.url}/#/report?chain=pv`);
    await expect
      .poll(() => page.frameLocator("#report-frame").locator("body").textContent(), { timeout: 30_000 })
      .toContain(XSS);
    expect(await page.locator("img[src=x]").count()).toBe(0);
    expect(await page.frameLocator("#report-frame").locator("img[src=x]").count()).toBe(0);
    expect(problems).toEqual([]);
  });
});

/** Waits for the chain map's first frame (a function, not a string: the app's CSP forbids eval). */
async function mapDrawn(page: Page): Promise<void> {
  await page.waitForFunction(
    () => ((globalThis as { __atlasMap?: { frames: number } }).__atlasMap?.frames ?? 0) > 0,
    null,
    { timeout: 60_000 },
  );
}

async function streamToBuffer(s: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}
