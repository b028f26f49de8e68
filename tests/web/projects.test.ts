// The pipeline in a real browser: a target row registered as a project, moved stage by stage to 投产 with the
// buttons, and its gap closes (the gaps API and the fishbone no longer call the segment missing). Chromium required.
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

function signedIn(user: string, lang: "zh" | "en" = "zh"): Promise<{ page: Page; problems: string[] }> {
  return sessions.open(user, { lang });
}

async function gapKind(page: Page, segment: string): Promise<string> {
  const r = await page.request.get(`${server.url}/api/chains/pv/gaps`);
  expect(r.status()).toBe(200);
  const body = (await r.json()) as { findings: Array<{ segment: { id: string }; kind: string }> };
  return body.findings.find((f) => f.segment.id === segment)?.kind ?? "absent";
}

describe("projects in the web app", () => {
  it("takes a target from the list to 投产 through the UI and sees its gap close", async () => {
    const { page, problems } = await signedIn("investor1");
    await page.goto(`${server.url}/#/targets?chain=pv`);
    const row = page.locator('#targets-table tr[data-firm="jinkosolar"]');
    await row.waitFor();
    await row.locator("button.register-project").click();

    // The form is pre-filled from the row: the firm and the missing segment it fills; the team's county.
    await page.locator("#project-form").waitFor();
    const segment = await page.getByLabel("环节").inputValue();
    expect(segment).not.toBe("");
    expect(await gapKind(page, segment)).toBe("missing");
    expect(await page.getByLabel("投资方企业编号（可选）").inputValue()).toBe("jinkosolar");
    expect(await page.getByLabel("区县").inputValue()).toBe("haining");
    const id = await page.getByLabel("项目编号（英文小写与连字符）").inputValue();
    expect(id).toMatch(/^jinkosolar-/);
    await page.getByLabel("总投资（百万）").fill("1500");
    await page.locator("#register-project").click();

    const projectRow = page.locator(`#projects-table tr[data-project="${id}"]`);
    await projectRow.waitFor();
    expect(await projectRow.getAttribute("data-stage")).toBe("lead");
    // 15 亿元 ≥ 10 亿元: haining holds a month of exclusive talks, shown with its clock.
    expect(await projectRow.locator("td.holder").textContent()).toBe("海宁市");
    expect(await projectRow.locator("td.clock").textContent()).toMatch(/^至 \d{4}-\d{2}-\d{2}（剩 \d+ 天）/);

    for (const [stage, label] of [
      ["contacted", "接洽"],
      ["negotiating", "在谈"],
      ["signed", "签约"],
      ["started", "开工"],
    ] as const) {
      await page.locator(`#projects-table tr[data-project="${id}"] button[data-move="${stage}"]`).click();
      await page.locator(`#projects-table tr[data-project="${id}"][data-stage="${stage}"]`).waitFor();
      expect(await page.locator(`#projects-table tr[data-project="${id}"] td.stage`).textContent()).toBe(
        label,
      );
      expect(await gapKind(page, segment)).toBe("missing");
    }
    await page.getByRole("button", { name: "推进到投产" }).click();
    await page.locator(`#projects-table tr[data-project="${id}"][data-stage="production"]`).waitFor();
    expect(await page.locator("#project-status").textContent()).toContain("投产");
    expect(await page.locator(`#projects-table tr[data-project="${id}"] button[data-move]`).count()).toBe(0);

    // The gap closes: the gaps API and the fishbone page no longer call the segment missing.
    expect(await gapKind(page, segment)).not.toBe("missing");
    await page.goto(`${server.url}/#/fishbone?chain=pv`);
    const bone = page.locator(`#bones button[data-segment="${segment}"] .badge`);
    await bone.waitFor();
    expect(await bone.getAttribute("class")).not.toContain("k-missing");
    expect(await page.locator("#bones .badge.k-missing").count()).toBeGreaterThan(0);
    const history = await page.request.get(`${server.url}/api/history?limit=1`);
    expect(history.status()).toBe(403); // investors do not read the change history
    expect(problems).toEqual([]);
  }, 120_000);

  it("shows the progress table and an English projects page", async () => {
    const { page, problems } = await signedIn("editor1", "en");
    await page.goto(`${server.url}/#/progress?year=2025`);
    await page.locator("#progress-table tbody tr").first().waitFor();
    expect(await page.locator("#progress-table tbody tr").count()).toBe(5);
    expect(await page.locator("#progress-table thead").textContent()).toContain("Measure");
    // A report entered with a past date (editors may): its exclusive month is over, so the page offers a transfer.
    const csrf = (await page.context().cookies()).find((c) => c.name === "atlas_csrf")?.value ?? "";
    const add = await page.request.post(`${server.url}/api/projects`, {
      headers: { "X-CSRF-Token": csrf },
      data: {
        id: "old-report",
        investor: { name: "测试投资方（测试数据）" },
        gaps: [{ segment: "pv-frame", aim: "fill" }],
        region: "haiyan",
        amount: { millions: 200, currency: "USD" },
        at: "2024-01-31",
        assumed: true,
      },
    });
    expect(add.status()).toBe(201);
    await page.goto(`${server.url}/#/projects`);
    await page.locator("#projects-table").waitFor();
    expect(await page.locator("#projects-table thead").textContent()).toContain("Exclusive talks");
    expect(await page.locator("#projects-table tbody tr[data-project]").count()).toBe(2);
    const old = page.locator('#projects-table tr[data-project="old-report"]');
    expect(await old.locator("td.clock").textContent()).toContain("ended 2024-02-29");
    await old.locator("button[data-action=prereport]").click();
    await page.locator('#projects-table tr[data-project="old-report"] .muted').waitFor();
    expect(await page.locator('#projects-table tr[data-project="old-report"]').textContent()).toContain(
      "pre-reported",
    );
    await page
      .locator('#projects-table tr[data-project="old-report"] select.transfer-to')
      .selectOption("pinghu");
    await page.locator('#projects-table tr[data-project="old-report"] button[data-action=transfer]').click();
    await page
      .locator('#projects-table tr[data-project="old-report"] td:nth-child(6)', { hasText: "Pinghu" })
      .waitFor();
    // Only the project whose month is over offers a transfer (the landed one is closed).
    expect(
      await page
        .locator(
          '#projects-table tr[data-project]:not([data-project="old-report"]) button[data-action=transfer]',
        )
        .count(),
    ).toBe(0);
    expect(
      await page.locator('#projects-table tr[data-project="old-report"] td:nth-child(6)').textContent(),
    ).toBe("Pinghu");
    expect(problems).toEqual([]);
  }, 60_000);
});
