// The gap report as Word: headings, tables, the fishbone picture, comments and sign-off, names kept as text.
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { chainReport } from "../../src/analysis/report/chain-report.ts";
import { buildGraph } from "../../src/graph/index.ts";
import { fishboneInputOf } from "../../src/render/fishbone/fishbone-input.ts";
import { renderFishboneSvg } from "../../src/render/fishbone/fishbone-svg.ts";
import { svgToPng } from "../../src/render/print/png.ts";
import { chainReportProvenance } from "../../src/render/report/chain-report-html.ts";
import { renderGapReportDocx } from "../../src/render/report/gap-report-docx.ts";
import { plantedDataset } from "../fixtures/analysis/planted.ts";

const XSS = "<img src=x onerror=alert(1)>";

async function docx(lang: "zh" | "en", withPicture: boolean) {
  const ds = plantedDataset();
  const chain = ds.chains[0]!.id;
  const g0 = buildGraph(ds);
  const report0 = chainReport(g0, { chain, k: 3 });
  const target = report0.targets[0]!;
  const renamed = ds.firms.find((f) => f.id === target.firm.id)!;
  renamed.name = { ...renamed.name, zh: XSS, en: XSS };
  const g = buildGraph(ds);
  const report = chainReport(g, { chain, k: 3 });
  const svg = renderFishboneSvg(
    fishboneInputOf(g, chain, { lang, date: "2026-11-30", gaps: report.gaps, targets: report.targetsByGap }),
  );
  const png = withPicture ? svgToPng(svg, { scale: 1 }) : undefined;
  const bytes = await renderGapReportDocx({
    lang,
    city: ds.region.name,
    date: "2026-11-30",
    report,
    sources: chainReportProvenance(ds, chain, report).sources,
    fishbonePng: png && { data: png, width: png.readUInt32BE(16), height: png.readUInt32BE(20) },
    comments: [{ who: "lead-pv", at: "2026-11-30T08:00:00Z", text: "补链优先看多晶硅" }],
    signoff: { who: "lead-pv", at: "2026-11-30T09:00:00Z", note: "同意" },
  });
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file("word/document.xml")!.async("string");
  return { report, zip, xml };
}

describe("the gap report as Word", () => {
  it("is a valid docx with headings, tables and the fishbone as a PNG picture", async () => {
    const { zip, xml, report } = await docx("zh", true);
    expect(xml).toContain('w:pStyle w:val="Heading1"');
    expect((xml.match(/<w:tbl>/g) ?? []).length).toBeGreaterThan(3);
    const media = Object.keys(zip.files).filter((f) => f.startsWith("word/media/"));
    expect(media.length).toBe(1);
    const png = await zip.file(media[0]!)!.async("uint8array");
    expect([...png.slice(1, 4)].map((c) => String.fromCharCode(c)).join("")).toBe("PNG");
    for (const f of report.gaps.findings.filter((x) => x.kind !== "covered"))
      expect(xml).toContain(
        f.explanation.zh
          .replaceAll("&", "&amp;")
          .replaceAll("<", "&lt;")
          .replaceAll(">", "&gt;")
          .slice(0, 20),
      );
  });

  it("carries the lead's comments and sign-off", async () => {
    const { xml } = await docx("zh", false);
    expect(xml).toContain("链长意见");
    expect(xml).toContain("补链优先看多晶硅");
    expect(xml).toContain("签发人：lead-pv");
  });

  it("keeps a name with markup as text (escaped, never an element) and writes English on request", async () => {
    const { xml } = await docx("en", false);
    expect(xml).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(xml).not.toContain("<img");
    expect(xml).toContain("Sign-off");
    expect(xml).toContain("Signed off by: lead-pv".replace(": ", "："));
  });
});
