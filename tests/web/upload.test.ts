// The Import and Review pages in a real browser: an editor previews a list file (a dry run: counts, a bad row
// with its row number and reason, nothing changed), applies it (the firms are in the store, the change id moves),
// applies it again (nothing changes); a near-name list queues rows that the Review page's buttons decide.
// An investor sees neither entry and is refused. The nav with its twelve entries fits at 1024 px. Chromium required.
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORTUNE_2022_2024 } from "../ingest/ingest-helpers.ts";
import { launchBrowser } from "./support/browser.ts";
import { startServer, type TestServer } from "./support/server.ts";
import { WebSessions } from "./support/web-sessions.ts";

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

/** A page signed in as `user` (one sign-in per user: the server limits sign-in attempts per address). */
function signedIn(
  user: string,
  opts: { lang?: "zh" | "en"; width?: number } = {},
): Promise<{ page: Page; problems: string[] }> {
  return sessions.open(user, opts);
}

const changeId = async (page: Page): Promise<number> => {
  const r = await page.request.get(`${server.url}/api/health`);
  expect(r.status()).toBe(200);
  return ((await r.json()) as { changeId: number }).changeId;
};

const csrfOf = async (page: Page) =>
  (await page.context().cookies()).find((c) => c.name === "atlas_csrf")?.value ?? "";

/** The figure the counts strip shows for one kind (added, updated, …, skipped). */
const count = async (page: Page, kind: string) =>
  Number(await page.locator(`#upload-counts [data-count="${kind}"] .value`).textContent());

// Real rows of the shipped Fortune file: its header, the first four 2024 rows and the first 2023 row; then a
// row whose company name is blank (it must be reported by row number, column and reason, not dropped silently).
const lines = readFileSync(FORTUNE_2022_2024, "utf8").split("\n");
const rows2024 = lines
  .slice(1)
  .filter((l) => /,2024,/.test(l))
  .slice(0, 4);
const row2023 = lines.slice(1).find((l) => /,2023,/.test(l))!;
const blankName = `,${rows2024[0]!.split(",").slice(1).join(",")}`;
const LIST_CSV = `${[lines[0], ...rows2024, row2023, blankName].join("\n")}\n`;
const BAD_ROW = 1 + rows2024.length + 2; // header is row 1
const csvFile = (name: string, text: string) => ({
  name,
  mimeType: "text/csv",
  buffer: Buffer.from(text, "utf8"),
});

async function preview(page: Page): Promise<void> {
  await page.locator("#upload-preview").click();
  await expect
    .poll(() => page.locator("#upload-status").textContent(), { timeout: 60_000 })
    .toContain("预览结果");
}

describe("the Import page", () => {
  it("previews a list (nothing changes), applies it, and a second import changes nothing", async () => {
    const { page, problems } = await signedIn("editor1");
    const firmsBefore = (
      (await (await page.request.get(`${server.url}/api/firms?limit=1`)).json()) as {
        total: number;
      }
    ).total;
    const before = await changeId(page);
    await page.goto(`${server.url}/#/upload`);
    await page.locator("#upload-form").waitFor();
    // The list options belong to lists only: hidden for a local firm list, shown for candidates.
    expect(await page.locator("#upload-list-fields").isVisible()).toBe(false);
    await page.locator("#upload-file").setInputFiles(csvFile("fortune-2024-sample.csv", LIST_CSV));
    await page.getByLabel("文件内容").selectOption("candidates");
    expect(await page.locator("#upload-list-fields").isVisible()).toBe(true);
    await page.getByLabel("榜单", { exact: true }).selectOption("fortune-global-500");
    await page.getByLabel("榜单年份").fill("2024");
    // Import is offered only after a preview of exactly these options.
    expect(await page.locator("#upload-apply").isDisabled()).toBe(true);
    await preview(page);

    // The preview: every 2024 row accounted for, the 2023 row counted apart, the blank name reported by row.
    const kinds = ["added", "updated", "merged", "queued", "unchanged"];
    const shown = Object.fromEntries(await Promise.all(kinds.map(async (k) => [k, await count(page, k)])));
    expect(kinds.reduce((n, k) => n + shown[k], 0)).toBe(rows2024.length);
    expect(shown.added).toBeGreaterThan(0);
    expect(await count(page, "skipped")).toBeGreaterThanOrEqual(1);
    expect(await page.locator("#upload-result").textContent()).toContain("另有 1 行属于其他年份");
    const problemsList = (await page.locator("#upload-problems li").allTextContents()).join("\n");
    expect(problemsList).toMatch(
      new RegExp(`fortune-2024-sample\\.csv · 第 ${BAD_ROW} 行 · Company：no firm name`),
    );
    expect(problemsList).toContain("整行未导入");
    const added = await page.locator('#upload-rows tr[data-kind="added"]').evaluateAll((trs) =>
      trs.map((tr) => ({
        row: Number(tr.children[0]!.textContent),
        name: tr.children[2]!.textContent ?? "",
        id: tr.children[3]!.textContent ?? "",
      })),
    );
    expect(added).toHaveLength(shown.added);
    const companies = rows2024.map((l) => l.split(",")[0]);
    for (const a of added) expect(a.name).toBe(companies[a.row - 2]);
    // A dry run changes nothing.
    expect(await changeId(page)).toBe(before);
    for (const a of added)
      expect((await page.request.get(`${server.url}/api/firms/${a.id}`)).status()).toBe(404);

    // Apply: one change, the firms readable through the API with the file's rank and country.
    expect(await page.locator("#upload-apply").isEnabled()).toBe(true);
    await page.locator("#upload-apply").click();
    await expect
      .poll(() => page.locator("#upload-status").textContent(), { timeout: 60_000 })
      .toMatch(/^已导入，记为变更 #\d+。$/);
    const applied = Number((await page.locator("#upload-status").textContent())!.match(/#(\d+)/)![1]);
    expect(applied).toBeGreaterThan(before);
    expect(await changeId(page)).toBe(applied);
    expect(await count(page, "added")).toBe(shown.added);
    for (const a of added) {
      const r = await page.request.get(`${server.url}/api/firms/${a.id}`);
      expect(r.status(), a.id).toBe(200);
      const firm = (await r.json()) as { name: { zh?: string; en?: string } };
      expect([firm.name.zh, firm.name.en]).toContain(a.name);
    }
    const search = await page.request.get(`${server.url}/api/firms?q=${encodeURIComponent(added[0]!.name)}`);
    expect(((await search.json()) as { items: Array<{ id: string }> }).items.map((f) => f.id)).toContain(
      added[0]!.id,
    );
    const firmsAfter = (
      (await (await page.request.get(`${server.url}/api/firms?limit=1`)).json()) as {
        total: number;
      }
    ).total;
    expect(firmsAfter).toBe(firmsBefore + added.length);
    // Import cannot be pressed twice on one preview.
    expect(await page.locator("#upload-apply").isDisabled()).toBe(true);

    // The same file again: the preview finds every row unchanged, and applying it changes nothing.
    await preview(page);
    expect(await count(page, "added")).toBe(0);
    expect(await count(page, "unchanged")).toBe(rows2024.length);
    await page.locator("#upload-apply").click();
    await expect
      .poll(() => page.locator("#upload-status").textContent(), { timeout: 60_000 })
      .toBe("没有需要修改的内容（与现有数据一致）。");
    expect(await changeId(page)).toBe(applied);
    expect(problems).toEqual([]);
  }, 180_000);

  it("a near-name list queues rows; the Review page merges one, keeps one separate, and the queue empties", async () => {
    const { page, problems } = await signedIn("editor1");
    const before = await changeId(page);
    await page.goto(`${server.url}/#/upload`);
    await page.locator("#upload-form").waitFor();
    // Two firms of the seed spelled the way a county's list might (as in tests/ingest/review-and-survey).
    await page
      .locator("#upload-file")
      .setInputFiles(
        csvFile(
          "near.csv",
          "企业名称,所属区县,主营产品\n福莱特光伏有限公司,秀洲区,光伏玻璃\n嘉兴斯达半导体科技有限公司,南湖区,IGBT模块\n",
        ),
      );
    await preview(page);
    expect(await count(page, "queued")).toBe(2);
    expect(await count(page, "added")).toBe(0);
    const near = await page.locator('#upload-rows tr[data-kind="queued"] td:nth-child(4)').allTextContents();
    expect(near.sort()).toEqual(["flat-glass", "starpower"]);
    await page.locator("#upload-apply").click();
    // Nothing certain to write: the page says so and points to the review queue (not "nothing to change").
    await expect
      .poll(() => page.locator("#upload-status").textContent(), { timeout: 60_000 })
      .toContain("已送待复核");
    expect(await changeId(page)).toBe(before);
    await page.locator("#upload-to-review").click();
    await expect.poll(() => page.evaluate("location.hash")).toBe("#/review");

    const cards = page.locator("article.review-item");
    await expect.poll(() => cards.count(), { timeout: 30_000 }).toBe(2);
    const glass = cards.filter({ hasText: "福莱特光伏有限公司" });
    expect(await glass.textContent()).toContain("flat-glass");
    expect(await glass.textContent()).toContain("来自 near.csv 第 2 行");
    // What the row itself said (its county and products), beside the suggested firm, for the person deciding.
    const row = await glass.locator(".grid2 > div:first-child dl").textContent();
    expect(row).toContain("秀洲区");
    expect(row).toContain("光伏玻璃");
    await glass.getByRole("button", { name: "合并（是同一家）" }).click();
    await expect
      .poll(() => page.locator("#review-message").textContent())
      .toBe("已将“福莱特光伏有限公司”合并到 flat-glass。");
    await expect.poll(() => cards.count()).toBe(1);
    const merged = await changeId(page);
    expect(merged).toBeGreaterThan(before);
    const star = cards.filter({ hasText: "嘉兴斯达半导体科技有限公司" });
    await star.getByLabel("说明（可选）").fill("测试：分开");
    await star.getByRole("button", { name: "分开（不是同一家）" }).click();
    await page.locator("#review-empty").waitFor();
    const message = (await page.locator("#review-message").textContent()) ?? "";
    const newFirm = message.match(/作为新企业 (\S+) 加入/)?.[1];
    expect(newFirm, message).toBeDefined();
    expect(newFirm).not.toBe("starpower");
    expect(await changeId(page)).toBeGreaterThan(merged);

    // The API agrees: nothing pending; both decided with their outcome; the new firm is in the store.
    const pending = (await (await page.request.get(`${server.url}/api/review`)).json()) as {
      items: unknown[];
    };
    expect(pending.items).toEqual([]);
    const all = (await (await page.request.get(`${server.url}/api/review?status=all`)).json()) as {
      items: Array<{ candidate: string; status: string; decidedBy?: string }>;
    };
    expect(all.items.map((i) => [i.candidate, i.status, i.decidedBy]).sort()).toEqual([
      ["flat-glass", "accepted", "editor1"],
      ["starpower", "rejected", "editor1"],
    ]);
    expect((await page.request.get(`${server.url}/api/firms/${newFirm}`)).status()).toBe(200);
    // The decided items are shown under 全部 with who decided.
    await page.getByLabel("显示").selectOption("all");
    await expect.poll(() => cards.count()).toBe(2);
    expect(await cards.first().textContent()).toContain("editor1");
    expect(problems).toEqual([]);
  }, 180_000);

  it("a file that cannot be read is named as the user named it, its problem listed once; nothing changes", async () => {
    const { page, problems } = await signedIn("editor1");
    const before = await changeId(page);
    await page.goto(`${server.url}/#/upload`);
    await page.locator("#upload-form").waitFor();
    await page.locator("#upload-file").setInputFiles({
      name: "broken.xlsx",
      mimeType: "application/octet-stream",
      buffer: Buffer.from("PK\u0003\u0004 not a workbook", "latin1"),
    });
    await page.locator("#upload-preview").click();
    const alert = page.locator("#upload-error");
    await expect.poll(() => alert.textContent(), { timeout: 60_000 }).toContain("无法导入 broken.xlsx");
    const text = (await alert.textContent()) ?? "";
    expect(text).toContain("数据未做任何修改");
    expect(text).not.toContain("atlas-upload"); // not the server's temporary copy
    expect(await alert.locator("li").count()).toBeGreaterThan(0);
    const first = (await alert.locator("li").first().textContent()) ?? "";
    expect(text.split(first).length - 1, "the problem is said once").toBe(1);
    expect(await page.locator("#upload-apply").isDisabled()).toBe(true);
    expect(await changeId(page)).toBe(before);
    expect(problems).toEqual([]);
  }, 60_000);

  it("an investor sees no Import or Review entry, is refused on both pages and by the API", async () => {
    const { page, problems } = await signedIn("investor1");
    await page.goto(`${server.url}/#/dashboard`);
    await page.locator('header nav a[data-route="dashboard"]').waitFor();
    expect(
      await page.locator('header nav a[data-route="upload"], header nav a[data-route="review"]').count(),
    ).toBe(0);
    await page.goto(`${server.url}/#/upload`);
    await page.locator("#upload-refused").waitFor();
    expect(await page.locator("#upload-file").count()).toBe(0);
    await page.goto(`${server.url}/#/review`);
    await page.locator("#review-refused").waitFor();
    const before = await changeId(page);
    const r = await page.request.post(`${server.url}/api/ingest?as=candidates&dryRun=false`, {
      headers: { "X-CSRF-Token": await csrfOf(page), "X-Filename": "list.csv", "Content-Type": "text/csv" },
      data: Buffer.from(LIST_CSV, "utf8"),
    });
    expect(r.status()).toBe(403);
    expect((await page.request.get(`${server.url}/api/review`)).status()).toBe(403);
    expect(await changeId(page)).toBe(before);
    expect(problems).toEqual([]);
  }, 60_000);

  it("the nav with every entry fits at 1024 px: no label wraps, nothing overflows the window", async () => {
    for (const lang of ["zh", "en"] as const) {
      const { page } = await signedIn("editor1", { lang, width: 1024 });
      await page.goto(`${server.url}/#/upload`);
      await page.locator("#upload-form").waitFor();
      const m = (await page.evaluate(`(() => {
        const top = document.querySelector("header.top");
        const nav = top.querySelector("nav");
        const links = [...nav.querySelectorAll("a")].map((a) => a.getBoundingClientRect());
        const line = parseFloat(getComputedStyle(nav.querySelector("a")).lineHeight);
        return {
          links: links.length,
          headerOverflow: top.scrollWidth - top.clientWidth,
          navOverflow: nav.scrollWidth - nav.clientWidth,
          tops: [...new Set(links.map((r) => Math.round(r.top)))].length,
          tallest: Math.max(...links.map((r) => r.height)),
          line,
          right: Math.max(...links.map((r) => r.right)),
        };
      })()`)) as {
        links: number;
        headerOverflow: number;
        navOverflow: number;
        tops: number;
        tallest: number;
        line: number;
        right: number;
      };
      expect(m.links, lang).toBe(12);
      expect(m.headerOverflow, lang).toBeLessThanOrEqual(0);
      expect(m.navOverflow, lang).toBeLessThanOrEqual(0);
      expect(m.tops, `${lang}: all entries on one row`).toBe(1);
      expect(m.tallest, `${lang}: no label wraps`).toBeLessThan(2 * m.line);
      expect(m.right, lang).toBeLessThanOrEqual(1024);
    }
  }, 60_000);
});
