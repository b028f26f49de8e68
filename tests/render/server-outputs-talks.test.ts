// The server's fishbone and report show a project in talks as soon as it is registered (the cached fishbone is
// not served stale), and stop showing it once dropped. The project is test data.
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../server/test-server.ts";

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
}, 120_000);
afterAll(async () => {
  await s?.close();
});

const text = async (path: string) => {
  const r = await s.call(path);
  expect(r.status).toBe(200);
  return r.text();
};

describe("server outputs with projects in talks", () => {
  it("mark the fishbone and list the project in the report, then drop it", async () => {
    const date = "2026-11-30";
    const fishbone = `/api/chains/pv/fishbone.svg?date=${date}`;
    const before = await text(fishbone);
    expect(before).not.toContain('class="talks"');
    const r = await s.call("/api/projects", {
      method: "POST",
      as: "editor",
      body: JSON.stringify({
        id: "talks-srv",
        investor: { name: "测试投资方-服务端" },
        gaps: [{ segment: "pv-encapsulant", aim: "fill" }],
        region: "haining",
        amount: { millions: 1500, currency: "CNY" },
        stage: "negotiating",
        at: "2026-11-20",
        assumed: true,
      }),
    });
    expect(r.status, await r.clone().text()).toBe(201);
    const until = ((await r.json()) as { project: { firstReport: { exclusiveUntil: string } } }).project
      .firstReport.exclusiveUntil;
    const svg = await text(fishbone);
    expect(svg).toContain(">在谈 1<");
    expect(svg).toContain(
      `测试投资方-服务端 · 海宁市 · 在谈 · 15 亿元 · 首报首谈：海宁市，独家洽谈至 ${until}`,
    );
    const html = (await text(`/api/chains/pv/report.html?date=${date}`)).replace(/<svg[\s\S]*?<\/svg>/, "");
    expect(html).toContain("<h4>在谈项目</h4>");
    expect(html).toContain("测试投资方-服务端");
    const docx = await s.call(`/api/chains/pv/report.docx?date=${date}`);
    expect(docx.status).toBe(200);
    const zip = await JSZip.loadAsync(Buffer.from(await docx.arrayBuffer()));
    const xml = (await zip.file("word/document.xml")!.async("string")).replace(/<[^>]+>/g, "");
    expect(xml).toContain("在谈项目");
    expect(xml).toContain("测试投资方-服务端");

    const d = await s.call("/api/projects/talks-srv/stage", {
      method: "POST",
      as: "editor",
      body: JSON.stringify({ stage: "dropped" }),
    });
    expect(d.status, await d.clone().text()).toBe(200);
    expect(await text(fishbone)).toBe(before);
  }, 240_000);
});
