// PNG and PDF at the edge: the PNG really draws CJK glyphs; the PDF is one A3 page whose text can be found.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/index.ts";
import { fishboneInputOf } from "../../src/render/fishbone/fishbone-input.ts";
import { renderFishboneSvg } from "../../src/render/fishbone/fishbone-svg.ts";
import { svgToPdf } from "../../src/render/print/pdf.ts";
import { cjkFontFiles, svgToPng } from "../../src/render/print/png.ts";
import { smallChain } from "./fishbone-fixtures.ts";
import { shippedSeed } from "./seed-chains.ts";

/** Share of pixels that are not (near) white. */
function inkShare(png: Buffer): number {
  const { data, width, height } = decodePng(png);
  let ink = 0;
  for (let i = 0; i < width * height; i++)
    if (data[i * 4]! < 200 || data[i * 4 + 1]! < 200 || data[i * 4 + 2]! < 200) ink++;
  return ink / (width * height);
}

/** RGBA pixels of a PNG, through resvg (it reads PNG via an <image> element). */
function decodePng(png: Buffer): { data: Uint8Array; width: number; height: number } {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}"><image width="${width}" height="${height}" xlink:href="data:image/png;base64,${png.toString("base64")}"/></svg>`;
  const r = new Resvg(svg, { font: { loadSystemFonts: false } }).render();
  return { data: r.pixels, width: r.width, height: r.height };
}

const label = (text: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="80"><rect width="400" height="80" fill="#fff"/><text x="10" y="55" font-size="40" font-family="Noto Sans CJK SC">${text}</text></svg>`;

describe("the fishbone PNG", () => {
  it("is a real, non-blank picture of the drawing", () => {
    const png = svgToPng(renderFishboneSvg(smallChain()), { scale: 1 });
    expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
    const share = inkShare(png);
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.9);
  });

  it("draws Chinese glyphs from the CJK font (with the font the pixels differ from without it)", () => {
    const withFont = decodePng(svgToPng(label("光伏新能源产业链"), { scale: 1, fontFiles: cjkFontFiles() }));
    const withoutFont = decodePng(svgToPng(label("光伏新能源产业链"), { scale: 1, fontFiles: [] }));
    const differing = withFont.data.filter((v, i) => v !== withoutFont.data[i]).length;
    expect(differing).toBeGreaterThan(1000);
    // Different characters make different pixels: the glyphs are really the font's.
    const other = decodePng(svgToPng(label("氢能产业链鱼骨图"), { scale: 1, fontFiles: cjkFontFiles() }));
    expect(other.data.filter((v, i) => v !== withFont.data[i]).length).toBeGreaterThan(1000);
  });
});

describe("the fishbone PDF", () => {
  it("is one A3 landscape page in which pdftotext finds the chain name and a firm name", {
    timeout: 90_000,
  }, async () => {
    const ds = shippedSeed();
    const g = buildGraph(ds);
    const input = fishboneInputOf(g, "pv", { date: "2026-12-01", city: ds.region.name });
    const firm = input.segments.flatMap((s) => s.firms)[0]!.name.zh;
    const dir = mkdtempSync(join(tmpdir(), "fishbone-pdf-"));
    const file = join(dir, "pv.pdf");
    writeFileSync(file, await svgToPdf(renderFishboneSvg(input)));
    const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
    expect(info).toMatch(/Pages:\s+1\b/);
    expect(info).toMatch(/Page size:\s+119\d\.\d+ x 84\d\.\d+ pts \(A3\)/);
    expect(info).toContain("嘉兴市光伏新能源产业链鱼骨图");
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    expect(text).toContain("光伏新能源产业链");
    expect(text).toContain(firm);
    // Drawn as outlines over a searchable layer in a real (TrueType) font: no Type 3.
    expect(execFileSync("pdffonts", [file], { encoding: "utf8" })).not.toMatch(/Type 3/);
  });
});
