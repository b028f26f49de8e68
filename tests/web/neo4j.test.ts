// The web app served from Neo4j (`serve --store bolt://…`, the test server of `npm run neo4j:start`) in a real
// browser: the whole chain map draws the chains' segments and chain masters (a province's firms are never laid out
// whole) and says so; a chain's map draws all its firms, as on the embedded store. Fails, never skips, without
// Neo4j or chromium.
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSeed } from "../../src/seed/index.ts";
import { SHIPPED_SEED } from "../../src/store/index.ts";
import { emptyTestNeo4j, lockTestNeo4j, NEO4J_TEST_ENV, NEO4J_TEST_URL } from "../store/neo4j-test-server.ts";
import { countInkScript, launchBrowser } from "./support/browser.ts";
import { startServer, type TestServer } from "./support/server.ts";
import { WebSessions } from "./support/web-sessions.ts";

let release: () => void;
let server: TestServer;
let browser: Browser;
let sessions: WebSessions;

beforeAll(async () => {
  release = await lockTestNeo4j();
  await (await emptyTestNeo4j()).close();
  [server, browser] = await Promise.all([
    startServer({ store: NEO4J_TEST_URL, env: NEO4J_TEST_ENV }),
    launchBrowser(),
  ]);
  sessions = new WebSessions(browser, server);
}, 600_000);

afterAll(async () => {
  await sessions?.close();
  await browser?.close();
  await server?.stop();
  release?.();
});

async function mapDrawn(page: Page): Promise<{ nodes: number }> {
  await page.waitForFunction(
    () => ((globalThis as { __atlasMap?: { frames: number } }).__atlasMap?.frames ?? 0) > 0,
    null,
    { timeout: 120_000 },
  );
  return page.evaluate(() => ({
    nodes: (globalThis as unknown as { __atlasMap: { nodes: number } }).__atlasMap.nodes,
  }));
}

async function inkShare(page: Page): Promise<number> {
  const png = await page.locator("#map-canvas").screenshot();
  const { ink, total } = (await page.evaluate(countInkScript(png.toString("base64"), [255, 255, 255]))) as {
    ink: number;
    total: number;
  };
  return ink / total;
}

describe("the web app on Neo4j", () => {
  it("draws the whole map as segments and chain masters, with a note, and a chain's map with its firms", {
    timeout: 300_000,
  }, async () => {
    const ds = loadSeed(SHIPPED_SEED);
    const masters = new Set(ds.chains.flatMap((c) => c.masters.map((m) => m.firm)));
    const { page, problems } = await sessions.open("investor1");
    await page.goto(`${server.url}/#/map`);
    const whole = await mapDrawn(page);
    expect(whole.nodes).toBe(ds.segments.length + masters.size);
    expect(await page.locator("#map-scope").textContent()).toContain("只画出各链的环节与链主");
    expect(await inkShare(page)).toBeGreaterThan(0.003);
    // For a person to look at: the whole map as a province's user sees it.
    await page.screenshot({ path: join(tmpdir(), "chain-atlas-neo4j-map-all.png") });

    await page.goto(`${server.url}/#/map?chain=pv`);
    await page.reload();
    const pv = await mapDrawn(page);
    const pvSegments = new Set(ds.segments.filter((s) => s.chain === "pv").map((s) => s.id));
    const pvFirms = ds.firms.filter((f) => f.segments.some((l) => pvSegments.has(l.segment)));
    expect(pv.nodes).toBeGreaterThanOrEqual(pvSegments.size + pvFirms.length);
    expect(await page.locator("#map-scope").count()).toBe(0);
    expect(await inkShare(page)).toBeGreaterThan(0.005);
    expect(problems).toEqual([]);
  });
});
