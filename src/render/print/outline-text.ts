// Printable SVG: text drawn as outlines (the Noto CJK glyphs the layout was measured with) over an invisible,
// searchable copy of the text in a TrueType font that Chromium embeds as a real font.
import { Resvg } from "@resvg/resvg-js";
import { cjkFontFiles } from "./png.ts";

/**
 * The same drawing with every <text> as vector paths. Chromium embeds CFF fonts (Noto Sans CJK) in a PDF
 * as Type 3 bitmaps-in-disguise; outlines print crisply at any scale and need no font in the PDF at all.
 */
export function outlineText(svg: string, fontFiles: string[] = cjkFontFiles()): string {
  const resvg = new Resvg(svg, {
    font: {
      fontFiles,
      loadSystemFonts: false,
      defaultFontFamily: "Noto Sans CJK SC",
      sansSerifFamily: "Noto Sans CJK SC",
    },
  });
  return resvg.toString();
}

/** The invisible text layer: the drawing's <text> elements, in the print font, never synthesised bold. */
const HIDDEN_TEXT = `<g fill-opacity="0" stroke="none" style="font-family:'WenQuanYi Micro Hei',sans-serif;font-synthesis:none">`;

/**
 * For PDF: the outlined drawing, plus its text again in invisible ink so pdftotext and search still find
 * every name; the PDF then holds no Type 3 font.
 */
export function printableSvg(svg: string, fontFiles?: string[]): string {
  const outlined = outlineText(svg, fontFiles);
  const texts = svg.match(/<text\b[\s\S]*?<\/text>/g) ?? [];
  return outlined.replace(/<\/svg>\s*$/, `${HIDDEN_TEXT}${texts.join("")}</g></svg>`);
}
