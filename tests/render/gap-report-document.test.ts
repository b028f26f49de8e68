// The gap report as a formal document: notice and notes on page 1, page numbers, real fonts, aligned tables, cited policy.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { chainReport } from "../../src/analysis/report/chain-report.ts";
import { buildGraph } from "../../src/graph/index.ts";
import { fishboneInputOf } from "../../src/render/fishbone/fishbone-input.ts";
import { renderFishboneSvg } from "../../src/render/fishbone/fishbone-svg.ts";
import { coverLayout, renderGapReport } from "../../src/render/report/gap-report-html.ts";
import { reportProvenance } from "../../src/render/report/report-provenance.ts";
import { plantedDataset } from "../fixtures/analysis/planted.ts";
import { runCli } from "../helpers/run-cli.ts";
import { DEMO_SEED, edit, readSeedDir, tempDir, writeSeedDir } from "../helpers/seed-files.ts";

function planted(edit?: (ds: ReturnType<typeof plantedDataset>) => void) {
  const ds = plantedDataset();
  edit?.(ds);
  const g = buildGraph(ds);
  const report = chainReport(g, { chain: "demo", k: 3 });
  const svg = renderFishboneSvg(
    fishboneInputOf(g, "demo", { date: "2026-11-30", gaps: report.gaps, targets: report.targetsByGap }),
  );
  const shown = new Set(report.targets.map((t) => t.firm.id));
  const { sources, assumedFacts } = reportProvenance(ds, "demo", shown);
  const html = renderGapReport({
    lang: "zh",
    city: ds.region.name,
    date: "2026-11-30",
    report,
    fishboneSvg: svg,
    sources,
    assumedFacts,
  });
  return { ds, html, sources };
}

describe("the report's first page and tables", () => {
  it("carries the 内部资料 line and a 说明 of assumptions and data limits before the fishbone", () => {
    const { html } = planted();
    const fishbone = html.indexOf('<div class="fishbone">');
    expect(html.indexOf("内部资料　仅供参考")).toBeGreaterThan(0);
    expect(html.indexOf("内部资料　仅供参考")).toBeLessThan(fishbone);
    const notes = html.indexOf('<div class="notes"><b>说明</b>');
    expect(notes).toBeGreaterThan(0);
    expect(notes).toBeLessThan(fishbone);
    expect(html).toMatch(/本地配套率：(数据不足|\d+%)（据\d+条已观测供应关系/);
    // The fishbone carries its own title: no heading repeats it.
    expect(html).not.toContain("<h2>产业链鱼骨图</h2>");
  });

  it("names each chain master's designation level and issuer; an assumed one as such", () => {
    const county = planted((ds) => {
      ds.chains[0]!.masters[0] = { ...ds.chains[0]!.masters[0]!, level: "county", issuer: "桐乡经济开发区" };
    });
    expect(county.html).toMatch(/★本地组件一<small>（县级链主型企业（桐乡经济开发区））<\/small>/);
    const assumed = planted((ds) => {
      ds.chains[0]!.masters[0] = { ...ds.chains[0]!.masters[0]!, level: "assumed" };
    });
    expect(assumed.html).toContain("链主（演示假设，无公开认定）");
  });

  it("lays every target table out with one set of columns", () => {
    const { html } = planted();
    const tables = [...html.matchAll(/<table class="targets">(<colgroup>.*?<\/colgroup>)/g)].map((m) => m[1]);
    expect(tables.length).toBeGreaterThan(1);
    expect(new Set(tables).size).toBe(1);
    expect(html).toMatch(/th \{[^}]*white-space: nowrap/);
  });

  it("cites the policy its reminders come from, without inventing a document", () => {
    const { html } = planted();
    expect(html).toMatch(/<p class="basis">出处：嘉兴市招商引资“首报首谈”制度与“重大签约项目预报”制度/);
    expect(html).not.toMatch(/〔20\d\d〕\d+号/);
  });

  it("lists only the sources its facts cite, as links with readable titles", () => {
    const { ds, html, sources } = planted();
    const list = /<ol class="sources">([\s\S]*?)<\/ol>/.exec(html)![1]!;
    expect(list.match(/<li>/g)).toHaveLength(sources.length);
    expect(sources.length).toBeLessThanOrEqual(ds.sources.length);
    for (const s of sources.filter((x) => x.url)) expect(list).toContain(`<a href="${s.url}">`);
    expect(list).not.toMatch(/<a href="[^"]*">https?:/);
  });

  it("puts the title block beside a tall fishbone and above a wide one", () => {
    expect(coverLayout('<svg xmlns="x" width="1600" height="1500">')).toBe("side");
    expect(coverLayout('<svg xmlns="x" width="2400" height="1000">')).toBe("top");
  });
});

describe("the report as PDF", () => {
  let pdf = "";
  let longPdf = "";
  beforeAll(() => {
    const db = join(tempDir(), "atlas.db");
    expect(runCli(["--db", db, "import", DEMO_SEED]).code).toBe(0);
    pdf = join(tempDir(), "pv.pdf");
    const r = runCli(["--db", db, "report", "--chain", "pv", "--format", "pdf", "--out", pdf]);
    expect(r.code, r.stderr).toBe(0);
    // The same chain with a chain master whose name runs to 300 characters.
    const files = readSeedDir(DEMO_SEED);
    edit(files, "firms/pv.yaml", /zh: ([^,}\n]*组件[^,}\n]*)/, `zh: $1${"超长名称".repeat(75)}`);
    const longDb = join(tempDir(), "atlas.db");
    expect(runCli(["--db", longDb, "import", writeSeedDir(files)]).code).toBe(0);
    longPdf = join(tempDir(), "long.pdf");
    const l = runCli(["--db", longDb, "report", "--chain", "pv", "--format", "pdf", "--out", longPdf]);
    expect(l.code, l.stderr).toBe(0);
  });

  const pageText = (file: string, page: number) =>
    execFileSync("pdftotext", ["-f", String(page), "-l", String(page), file, "-"], {
      encoding: "utf8",
    }).replace(/\s+/g, "");
  const pages = (file: string) =>
    Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))![1]);

  it("embeds real fonts, no Type 3", () => {
    const fonts = execFileSync("pdffonts", [pdf], { encoding: "utf8" });
    expect(fonts).toMatch(/CID TrueType/);
    expect(fonts).not.toMatch(/Type 3/);
  });

  it("numbers every page and prints the notice in the footer", () => {
    const n = pages(pdf);
    expect(n).toBeGreaterThan(1);
    for (let p = 1; p <= n; p++) expect(pageText(pdf, p)).toContain(`第${p}页/共${n}页`);
    expect(pageText(pdf, 1)).toContain("内部资料仅供参考");
    expect(pageText(pdf, 1)).toContain("说明");
  });

  it("keeps the fishbone on page 1 however long a chain master's name is", () => {
    // Page 1 stays the A3 fishbone page; page 2 opens with the gap table, not with a pushed-over drawing.
    expect(execFileSync("pdfinfo", ["-f", "1", "-l", "2", longPdf], { encoding: "utf8" })).toMatch(
      /Page\s+1 size:\s+119\d(\.\d+)? x 84\d(\.\d+)? pts \(A3\)[\s\S]*Page\s+2 size:\s+59\d(\.\d+)? x 84\d(\.\d+)? pts \(A4\)/,
    );
    expect(pageText(longPdf, 2).replace(/^.*?缺口/, "缺口")).toMatch(/^缺口清单/);
    expect(pageText(longPdf, 1)).toContain("说明");
  });
});
