// PDF at the edge: one A3 landscape page printed by headless Chromium from the SVG.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext } from "playwright-core";
import { NotFoundError } from "../../errors.ts";
import { printableSvg } from "./outline-text.ts";

/** Chromium from Debian's `chromium` package; CHAIN_ATLAS_CHROMIUM overrides (read when printing). */
export const chromiumPath = (): string => process.env.CHAIN_ATLAS_CHROMIUM || "/usr/bin/chromium";

const noChromium = (path: string, why: string) =>
  new NotFoundError(
    `no usable Chromium at ${path} (${why}); install it (Debian: apt-get install chromium) or set CHAIN_ATLAS_CHROMIUM to its path`,
  );

/** Offline and quiet: no sandbox (CI containers), no GPU, no background traffic, no updates, no sync. */
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A3 landscape, 10 mm margins: the drawing is scaled to fit the printable area whole. */
function pageHtml(svg: string, title: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title><style>
@page { size: A3 landscape; margin: 10mm; }
html, body { margin: 0; padding: 0; }
.page { width: 400mm; height: 276mm; display: flex; align-items: center; justify-content: center; overflow: hidden; }
.page > svg { max-width: 100%; max-height: 100%; width: 100%; height: 100%; }
</style></head><body><div class="page">${svg.replace(/^<\?xml[^>]*>\s*/, "")}</div></body></html>`;
}

/** Prints SVG text to a one-page A3 landscape PDF, its text as outlines (no Type 3 fonts). */
export async function svgToPdf(svg: string, executablePath = chromiumPath()): Promise<Buffer> {
  if (!existsSync(executablePath)) throw noChromium(executablePath, "no such file");
  const title = /<title>([^<]*)<\/title>/.exec(svg)?.[1] ?? "";
  return htmlToPdf(pageHtml(printableSvg(svg), title), { pageRanges: "1", executablePath });
}

/** TrueType CJK fonts Chromium embeds as real (CID TrueType) fonts; CHAIN_ATLAS_PRINT_FONT overrides. */
const PRINT_FONTS = [
  "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
  "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
];

/** The print font's file, or a NotFoundError saying how to install it. */
export function printFontFile(): string {
  const found = [process.env.CHAIN_ATLAS_PRINT_FONT ?? "", ...PRINT_FONTS].find((f) => f && existsSync(f));
  if (!found)
    throw new NotFoundError(
      `no TrueType CJK print font (${PRINT_FONTS[0]}); install it (Debian: apt-get install fonts-wqy-microhei) or set CHAIN_ATLAS_PRINT_FONT`,
    );
  return found;
}

/** Prints an HTML document to PDF; its CSS @page rule sets the paper. */
export async function htmlToPdf(
  html: string,
  opts: {
    pageRanges?: string;
    executablePath?: string;
    /** A footer on every page (Chromium's template: <span class="pageNumber"></span> etc.). */
    footer?: string;
    /** Require the TrueType print font (documents whose HTML text must embed as real fonts). */
    printFont?: boolean;
  } = {},
): Promise<Buffer> {
  const executablePath = opts.executablePath ?? chromiumPath();
  if (!existsSync(executablePath)) throw noChromium(executablePath, "no such file");
  if (opts.printFont) printFontFile();
  // Loaded here, not at start-up: only PDF output needs the browser driver.
  const { chromium } = await import("playwright-core");
  const userDataDir = mkdtempSync(join(tmpdir(), "chain-atlas-chromium-"));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: FLAGS,
      offline: true,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.setContent(html, { waitUntil: "load" });
    await page.evaluate("document.fonts.ready");
    return await page.pdf({
      preferCSSPageSize: true,
      printBackground: true,
      ...(opts.pageRanges ? { pageRanges: opts.pageRanges } : {}),
      ...(opts.footer
        ? { displayHeaderFooter: true, headerTemplate: "<span></span>", footerTemplate: opts.footer }
        : {}),
    });
  } catch (e) {
    const message = (e as Error).message ?? "";
    if (/executable doesn't exist|failed to launch|enoent|eacces|spawn/i.test(message))
      throw noChromium(executablePath, message.split("\n")[0]!.slice(0, 160));
    throw e;
  } finally {
    await context?.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}
