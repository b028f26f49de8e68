// The chain lead's gap report: every gap with why, its targets, the portfolio, sources; escaped; zh and en; PDF and --all.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { chainReport } from "../../src/analysis/report/chain-report.ts";
import { buildGraph } from "../../src/graph/index.ts";
import { fishboneInputOf } from "../../src/render/fishbone/fishbone-input.ts";
import { renderFishboneSvg } from "../../src/render/fishbone/fishbone-svg.ts";
import { chainReportProvenance } from "../../src/render/report/chain-report-html.ts";
import { renderGapReport } from "../../src/render/report/gap-report-html.ts";
import { plantedDataset } from "../fixtures/analysis/planted.ts";
import { runCli } from "../helpers/run-cli.ts";
import { DEMO_SEED, tempDir } from "../helpers/seed-files.ts";

function plantedReport(lang: "zh" | "en", rename?: (ds: ReturnType<typeof plantedDataset>) => void) {
  const ds = plantedDataset();
  rename?.(ds);
  const g = buildGraph(ds);
  const chain = ds.chains[0]!.id;
  const report = chainReport(g, { chain, k: 3 });
  const fishboneSvg = renderFishboneSvg(
    fishboneInputOf(g, chain, { lang, date: "2026-11-30", gaps: report.gaps, targets: report.targetsByGap }),
  );
  const html = renderGapReport({
    lang,
    city: ds.region.name,
    date: "2026-11-30",
    report,
    fishboneSvg,
    sources: chainReportProvenance(ds, chain, report).sources,
  });
  return { ds, report, html };
}

describe("the gap report", () => {
  it("lists every gap with its kind, severity and explanation, most severe first", () => {
    const { report, html } = plantedReport("zh");
    const gaps = report.gaps.findings
      .filter((f) => f.kind !== "covered")
      .sort((a, b) => b.severity - a.severity);
    expect(gaps.length).toBeGreaterThan(2);
    const table = html.slice(
      html.indexOf('<table class="gaps">'),
      html.indexOf("</table>", html.indexOf('<table class="gaps">')),
    );
    const positions = gaps.map((f) => table.indexOf(f.explanation.zh));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const covered = report.gaps.findings.find((f) => f.kind === "covered")!;
    expect(table).not.toContain(covered.explanation.zh);
  });

  it("shows each gap's top targets with their score terms, and the portfolio with marginal gains", () => {
    const { report, html } = plantedReport("zh");
    for (const [, targets] of report.targetsByGap)
      for (const t of targets) {
        expect(html).toContain(t.firm.name.zh);
        expect(html).toContain(t.explanation.zh);
      }
    expect(report.portfolio.picks).toHaveLength(3);
    for (const p of report.portfolio.picks)
      expect(html).toContain(`<td class="num">${p.marginalGain.toFixed(2)}</td>`);
    expect(html).toContain("首报首谈");
  });

  it("embeds the fishbone and is a self-contained document with no outside resources", () => {
    const { html } = plantedReport("zh");
    expect(html).toMatch(/<div class="fishbone"><svg[^>]*>/);
    expect(html).not.toMatch(/<(script|link|img)\b/);
    expect(html).not.toMatch(/src="http/);
    // Links (not resources) appear only in the list of sources.
    const outsideSources = html.replace(/<ol class="sources">[\s\S]*?<\/ol>/, "");
    expect(outsideSources).not.toMatch(/href="http/);
    const svg = html.slice(html.indexOf("<svg"), html.indexOf("</svg>") + 6);
    expect(XMLValidator.validate(svg)).toBe(true);
  });

  it("renders firm names as text, not markup", () => {
    const { html } = plantedReport("zh", (ds) => {
      for (const f of ds.firms) f.name.zh = `<script>alert(1)</script>&"${f.name.zh}`;
    });
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;");
  });

  it("speaks English with --lang en", () => {
    const { html } = plantedReport("en");
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Gaps by severity");
    expect(html).not.toContain("缺口清单");
  });
});

describe("chain-atlas report", () => {
  it("writes a PDF (A3 fishbone page, then A4) in which pdftotext finds the chain name and a target firm", () => {
    const db = join(tempDir(), "atlas.db");
    runCli(["--db", db, "import", DEMO_SEED]);
    const out = join(tempDir(), "pv.pdf");
    const r = runCli(["--db", db, "report", "--chain", "pv", "--format", "pdf", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(execFileSync("pdfinfo", ["-f", "1", "-l", "2", out], { encoding: "utf8" })).toMatch(
      /Page\s+1 size:\s+119\d(\.\d+)? x 84\d(\.\d+)? pts \(A3\)[\s\S]*Page\s+2 size:\s+59\d(\.\d+)? x 84\d(\.\d+)? pts \(A4\)/,
    );
    const text = execFileSync("pdftotext", [out, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
    expect(text).toContain("光伏新能源产业链");
    expect(text).toContain("外地玻璃股份有限公司");
  });

  it("with --all writes one report per chain and an index linking them", () => {
    const db = join(tempDir(), "atlas.db");
    runCli(["--db", db, "import", DEMO_SEED]);
    const dir = tempDir();
    const r = runCli(["--db", db, "report", "--all", "--out", dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(dir, "pv.html"))).toBe(true);
    expect(readFileSync(join(dir, "index.html"), "utf8")).toContain('<a href="pv.html">光伏新能源产业链</a>');
  });

  it("refuses --chain together with --all, and an unknown chain, with one-line reasons", () => {
    const db = join(tempDir(), "atlas.db");
    runCli(["--db", db, "import", DEMO_SEED]);
    const both = runCli(["--db", db, "report", "--chain", "pv", "--all", "--out", tempDir()]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/expected either --chain <id> or --all/);
    const unknown = runCli(["--db", db, "report", "--chain", "nope", "--out", join(tempDir(), "x.html")]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr.trim().split("\n")).toHaveLength(1);
    expect(unknown.stderr).toMatch(/nope/);
  });
});
