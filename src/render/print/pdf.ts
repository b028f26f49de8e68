// PDF at the edge: one A3 landscape page printed by headless Chromium from the SVG.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { NotFoundError } from "../../errors.ts";

/** Chromium from Debian's `chromium` package; CHAIN_ATLAS_CHROMIUM overrides. */
export const CHROMIUM = process.env.CHAIN_ATLAS_CHROMIUM ?? "/usr/bin/chromium";

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
function pageHtml(svg: string): string {
  const title = /<title>([^<]*)<\/title>/.exec(svg)?.[1] ?? "";
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title><style>
@page { size: A3 landscape; margin: 10mm; }
html, body { margin: 0; padding: 0; }
.page { width: 400mm; height: 276mm; display: flex; align-items: center; justify-content: center; overflow: hidden; }
.page > svg { max-width: 100%; max-height: 100%; width: 100%; height: 100%; }
</style></head><body><div class="page">${svg.replace(/^<\?xml[^>]*>\s*/, "")}</div></body></html>`;
}

/** Prints SVG text to a one-page A3 landscape PDF. */
export async function svgToPdf(svg: string, executablePath = CHROMIUM): Promise<Buffer> {
  return htmlToPdf(pageHtml(svg), { pageRanges: "1", executablePath });
}

/** Prints an HTML document to PDF; its CSS @page rule sets the paper. */
export async function htmlToPdf(
  html: string,
  opts: { pageRanges?: string; executablePath?: string } = {},
): Promise<Buffer> {
  const executablePath = opts.executablePath ?? CHROMIUM;
  const userDataDir = mkdtempSync(join(tmpdir(), "chain-atlas-chromium-"));
  let context: Awaited<ReturnType<typeof chromium.launchPersistentContext>> | undefined;
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
    });
  } catch (e) {
    if ((e as Error).message?.includes("Executable doesn't exist"))
      throw new NotFoundError(
        `no Chromium at ${executablePath}; install it (Debian: apt-get install chromium) or set CHAIN_ATLAS_CHROMIUM`,
      );
    throw e;
  } finally {
    await context?.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}
