// Screenshots of every page at 1440×900 for a person to look at: `npx tsx tests/web/support/screenshots.ts URL OUTDIR`
// against a running server with the test users (see server.ts). Not a test; a tool for review.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { launchBrowser } from "./browser.ts";
import { PASSWORD } from "./server.ts";

const [url = "http://127.0.0.1:3000", out = "out/screenshots"] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const browser = await launchBrowser();
const PAGES: Array<[string, string, string]> = [
  ["01-login", "", "#/login"],
  ["02-dashboard", "admin1", "#/dashboard"],
  ["03-chain-map-pv", "admin1", "#/map?chain=pv"],
  ["04-chain-map-all", "admin1", "#/map"],
  ["05-city-map", "admin1", "#/city"],
  ["06-fishbone-pv", "admin1", "#/fishbone?chain=pv"],
  ["07-report-pv", "lead1", "#/report?chain=pv"],
  ["08-targets-pv", "investor1", "#/targets?chain=pv"],
  ["09-edit", "editor1", "#/edit"],
  ["10-history", "editor1", "#/history"],
  ["11-map-card", "admin1", "#/map?chain=pv&q=晶科"],
  ["12-targets-whatif", "investor1", "#/targets?chain=pv"],
  ["13-dashboard-en", "admin1", "#/dashboard"],
  ["14-edit-investor", "investor1", "#/edit"],
  ["15-projects", "editor1", "#/projects"],
  ["16-progress", "editor1", "#/progress"],
  ["17-upload", "editor1", "#/upload"],
  ["18-review", "editor1", "#/review"],
];
const sessions = new Map<string, Awaited<ReturnType<import("playwright-core").BrowserContext["cookies"]>>>();
try {
  for (const [name, user, hash] of PAGES) {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    if (name.endsWith("-en")) await ctx.addInitScript(`localStorage.setItem("atlas-lang", "en")`);
    const page = await ctx.newPage();
    if (user) {
      // One sign-in per user (the server limits sign-in attempts per address).
      const saved = sessions.get(user);
      if (saved) await ctx.addCookies(saved);
      else {
        const r = await page.request.post(`${url}/api/auth/login`, {
          data: { username: user, password: PASSWORD },
        });
        if (r.status() !== 200) throw new Error(`sign in ${user}: ${r.status()} ${await r.text()}`);
        sessions.set(user, (await ctx.storageState()).cookies);
      }
    }
    await page.goto(`${url}/${hash}`);
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(name.includes("map") ? 2500 : 800);
    if (name === "06-fishbone-pv") await page.locator("#bones button").first().click();
    if (name === "06-fishbone-pv") await page.waitForTimeout(800);
    if (name === "11-map-card") {
      await page.locator("#search-results button").first().click();
      await page.locator("#highlight-ties").click();
      await page.waitForTimeout(1200);
    }
    if (name === "12-targets-whatif") {
      await page.locator("#targets-table tbody button.link").first().click();
      await page.locator("#whatif ul, #whatif p").first().waitFor();
      await page.waitForTimeout(800);
    }
    await page.screenshot({ path: join(out, `${name}.png`) });
    process.stdout.write(`${join(out, `${name}.png`)}\n`);
    await ctx.close();
  }
} finally {
  await browser.close();
}
