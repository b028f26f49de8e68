// PNG at the edge: rasterises SVG text with resvg and the Noto Sans CJK fonts (the one place render reads fs).
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { NotFoundError } from "../../errors.ts";

/** Where Debian's fonts-noto-cjk puts the fonts; CHAIN_ATLAS_FONT_DIR overrides. */
const FONT_DIRS = [
  "/usr/share/fonts/opentype/noto",
  "/usr/share/fonts/noto-cjk",
  "/usr/share/fonts/google-noto-cjk",
];
const CJK_FONT = /^NotoSansCJK(?:sc)?-(?:Regular|Bold)\.(?:ttc|otf)$/i;

/** The Noto Sans CJK regular and bold font files, or a NotFoundError saying how to install them. */
export function cjkFontFiles(
  dirs: string[] = [process.env.CHAIN_ATLAS_FONT_DIR ?? "", ...FONT_DIRS],
): string[] {
  for (const dir of dirs.filter((d) => d && existsSync(d))) {
    const files = readdirSync(dir).filter((f) => CJK_FONT.test(f));
    if (files.length > 0) return files.sort().map((f) => join(dir, f));
  }
  throw new NotFoundError(
    `no Noto Sans CJK font in ${FONT_DIRS.join(", ")}; install it (Debian: apt-get install fonts-noto-cjk) or set CHAIN_ATLAS_FONT_DIR`,
  );
}

export interface PngOptions {
  /** Pixels per SVG unit; 2 prints sharply. */
  scale?: number;
  /** Font files to load; [] draws no text at all (used to prove the glyphs come from the font). */
  fontFiles?: string[];
}

/** Rasterises SVG text to PNG bytes. */
export function svgToPng(svg: string, opts: PngOptions = {}): Buffer {
  const fontFiles = opts.fontFiles ?? cjkFontFiles();
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: opts.scale ?? 2 },
    background: "#ffffff",
    font: {
      fontFiles,
      loadSystemFonts: false,
      defaultFontFamily: "Noto Sans CJK SC",
      sansSerifFamily: "Noto Sans CJK SC",
    },
  });
  return resvg.render().asPng();
}
