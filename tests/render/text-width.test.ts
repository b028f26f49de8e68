// Text width: CJK full width, Latin from the font's own advances — and it agrees with what resvg draws.
import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { fitText, textWidth } from "../../src/render/fishbone/text-width.ts";
import { cjkFontFiles } from "../../src/render/print/png.ts";

/** The inked width of one line of text as resvg lays it out with the Noto Sans CJK fonts. */
function inkWidth(text: string, size: number, bold: boolean, fontFiles: string[]): number {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="100"><text x="10" y="60" font-size="${size}" font-family="Noto Sans CJK SC"${bold ? ' font-weight="bold"' : ""}>${text}</text></svg>`;
  const bbox = new Resvg(svg, {
    font: { fontFiles, loadSystemFonts: false, defaultFontFamily: "Noto Sans CJK SC" },
  }).getBBox();
  return bbox?.width ?? 0;
}

describe("text width", () => {
  it("sets CJK characters and full-width punctuation one em wide", () => {
    expect(textWidth("光伏新能源", 16)).toBe(80);
    expect(textWidth("、（）：", 10)).toBe(40);
  });

  it("measures Latin letters from the per-character table, bold wider than regular", () => {
    expect(textWidth("i", 100)).toBeCloseTo(27.5, 1);
    expect(textWidth("W", 100)).toBeCloseTo(87.8, 1);
    expect(textWidth("Module", 14, true)).toBeGreaterThan(textWidth("Module", 14));
  });

  it("cuts text to a width with an ellipsis, and leaves text that fits alone", () => {
    expect(fitText("光伏新能源", 100, 16)).toBe("光伏新能源");
    const cut = fitText("光伏新能源产业链鱼骨图", 80, 16);
    expect(cut.endsWith("…")).toBe(true);
    expect(textWidth(cut, 16)).toBeLessThanOrEqual(80);
  });

  it("agrees with the glyphs resvg draws in Noto Sans CJK (ink within the measured advance)", () => {
    const fonts = cjkFontFiles();
    for (const [text, bold] of [
      ["嘉兴市光伏新能源产业链", false],
      ["Canadian Solar (Jiaxing) 670W", false],
      ["★晶科能源、Flat Glass", true],
    ] as const) {
      const measured = textWidth(text, 20, bold);
      const ink = inkWidth(text, 20, bold, fonts);
      expect(ink).toBeLessThanOrEqual(measured + 1);
      expect(ink).toBeGreaterThan(measured * 0.9);
    }
  });
});
