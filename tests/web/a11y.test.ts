// Accessibility of every page in a real browser: each form control has a label, text meets the WCAG AA
// contrast ratio against the background it is drawn on, and the app works from the keyboard alone
// (skip link, navigation, the chain map's search and card). Without chromium these tests fail — never skip.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

async function as(user: string, lang: "zh" | "en" = "zh"): Promise<Page> {
  return (await sessions.open(user, { lang })).page;
}

/** Waits until the page has rendered (no loading placeholder left in main). */
async function settled(page: Page): Promise<void> {
  await page.waitForSelector("main", { timeout: 30_000 });
  await expect.poll(() => page.locator("main .loading").count(), { timeout: 60_000 }).toBe(0);
  await page.waitForTimeout(300);
}

// Runs in the page: every visible control without an accessible name, and every visible text run whose
// contrast against its effective background is below AA (4.5:1, or 3:1 for large text).
const AUDIT = `(() => {
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none" && Number(s.opacity) > 0.1;
  };
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const over = (top, under) => ({
    r: top.r * top.a + under.r * (1 - top.a),
    g: top.g * top.a + under.g * (1 - top.a),
    b: top.b * top.a + under.b * (1 - top.a),
    a: 1,
  });
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) layers.push(c);
      if (c && c.a >= 1) break;
    }
    let bg = { r: 255, g: 255, b: 255, a: 1 };
    for (const c of layers.reverse()) bg = over(c, bg);
    return bg;
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const unlabelled = [];
  for (const el of document.querySelectorAll("input, select, textarea, button")) {
    if (el.type === "hidden" || !visible(el)) continue;
    const name = el.getAttribute("aria-label") || el.getAttribute("aria-labelledby") || el.title ||
      (el.labels && el.labels.length > 0) || (el.tagName === "BUTTON" && el.textContent.trim());
    if (!name) unlabelled.push(el.outerHTML.slice(0, 120));
  }
  const lowContrast = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || seen.has(el) || !n.textContent.trim() || !visible(el)) continue;
    if (el.closest("svg, canvas, [aria-hidden=true], .skip, option")) continue;
    if (el.closest("button:disabled, input:disabled, select:disabled")) continue;
    seen.add(el);
    const s = getComputedStyle(el);
    const fg = parse(s.color);
    if (!fg) continue;
    const bg = background(el);
    const r = ratio(over(fg, bg), bg);
    const size = parseFloat(s.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
    if (r < (large ? 3 : 4.5))
      lowContrast.push(r.toFixed(2) + " " + el.tagName.toLowerCase() + "." + el.className + ": " + n.textContent.trim().slice(0, 30));
  }
  return { unlabelled, lowContrast };
})()`;

/** A near-name list (two seed firms spelled another way) and a list with a bad row: results to audit. */
const NEAR_CSV = "企业名称,所属区县\n福莱特光伏有限公司,秀洲区\n嘉兴斯达半导体科技有限公司,南湖区\n";
const LIST_CSV = "企业名称,所属区县,主营产品\n福莱特光伏有限公司,秀洲区,光伏玻璃\n,南湖区,光伏玻璃\n";

/** Fills the page before the audit: the Import page after a preview, the Review page with items waiting. */
const SETUP: Record<string, (page: Page) => Promise<void>> = {
  "#/upload": async (page) => {
    await page.locator("#upload-file").setInputFiles({
      name: "list.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(LIST_CSV, "utf8"),
    });
    await page.locator("#upload-preview").click();
    await page.locator("#upload-problems").waitFor({ timeout: 60_000 });
  },
  "#/review": async (page) => {
    const csrf = (await page.context().cookies()).find((c) => c.name === "atlas_csrf")?.value ?? "";
    const r = await page.request.post(`${server.url}/api/ingest?as=local-firms`, {
      headers: { "X-CSRF-Token": csrf, "X-Filename": "near.csv", "Content-Type": "text/csv" },
      data: Buffer.from(NEAR_CSV, "utf8"),
    });
    expect(r.status()).toBe(200);
    await page.reload();
    await page.locator("article.review-item").first().waitFor({ timeout: 30_000 });
  },
};

const PAGES: Array<[string, string]> = [
  ["", "#/login"],
  ["admin1", "#/dashboard"],
  ["admin1", "#/map?chain=pv"],
  ["admin1", "#/city"],
  ["admin1", "#/fishbone?chain=pv"],
  ["lead1", "#/report?chain=pv"],
  ["investor1", "#/targets?chain=pv"],
  ["editor1", "#/edit"],
  ["editor1", "#/history"],
  ["editor1", "#/upload"],
  ["editor1", "#/review"],
];

describe("accessibility", () => {
  for (const lang of ["zh", "en"] as const)
    it(`every page (${lang}): controls are labelled and text meets AA contrast`, async () => {
      const found: string[] = [];
      for (const [user, hash] of PAGES) {
        const page = await as(user, lang);
        await page.goto(`${server.url}/${hash}`);
        await settled(page);
        await SETUP[hash]?.(page);
        const { unlabelled, lowContrast } = (await page.evaluate(AUDIT)) as {
          unlabelled: string[];
          lowContrast: string[];
        };
        for (const u of unlabelled) found.push(`${hash} unlabelled: ${u}`);
        for (const c of lowContrast) found.push(`${hash} contrast ${c}`);
        await page.close();
      }
      expect(found).toEqual([]);
    }, 240_000);

  it("the audit catches what it is meant to catch (a planted unlabelled input and grey-on-grey text)", async () => {
    const page = await as("admin1");
    await page.goto(`${server.url}/#/dashboard`);
    await settled(page);
    await page.evaluate(`(() => {
      const i = document.createElement("input"); document.querySelector("main").append(i);
      const p = document.createElement("p"); p.textContent = "低对比度"; p.style.color = "#bbb"; p.style.background = "#ccc";
      document.querySelector("main").append(p);
    })()`);
    const { unlabelled, lowContrast } = (await page.evaluate(AUDIT)) as {
      unlabelled: string[];
      lowContrast: string[];
    };
    expect(unlabelled).toHaveLength(1);
    expect(lowContrast.some((c) => c.includes("低对比度"))).toBe(true);
  }, 120_000);

  it("works from the keyboard: skip link, navigation, and the map's search to a firm's card", async () => {
    const page = await as("investor1");
    await page.goto(`${server.url}/#/dashboard`);
    await settled(page);
    // The first Tab lands on the skip link; Enter moves focus into main.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(`document.activeElement.className`)).toContain("skip");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(`document.activeElement.closest("main") !== null`)).toBe(true);
    // …and stays on the page it was on (the link's "#main" is not taken for a route).
    expect(await page.evaluate(`location.hash`)).toBe("#/dashboard");
    // Tab through the header until the chain-map link has focus, with a visible focus ring.
    await page.goto(`${server.url}/#/dashboard`);
    await settled(page);
    let onMap = false;
    for (let i = 0; i < 30 && !onMap; i++) {
      await page.keyboard.press("Tab");
      onMap = (await page.evaluate(`document.activeElement.getAttribute("data-route")`)) === "map";
    }
    expect(onMap, "the chain-map link is reachable with Tab").toBe(true);
    const ring = (await page.evaluate(
      `(() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + " " + s.outlineWidth; })()`,
    )) as string;
    expect(ring).not.toMatch(/^none/);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(`location.hash`)).toMatch(/^#\/map/);
    await settled(page);
    // The map's search box, typed into and submitted with Enter; results reached with Tab; Enter opens a card.
    await page.getByLabel("搜索企业（中文名/别名）").focus();
    await page.keyboard.type("晶科");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#search-results button", { timeout: 30_000 });
    let onResult = false;
    for (let i = 0; i < 10 && !onResult; i++) {
      await page.keyboard.press("Tab");
      onResult = (await page.evaluate(
        `document.activeElement.closest("#search-results") !== null`,
      )) as boolean;
    }
    expect(onResult, "a search result is reachable with Tab").toBe(true);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#node-card h2").first().textContent()).toContain("晶科");
  }, 180_000);
});
