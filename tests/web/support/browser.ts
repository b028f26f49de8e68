// Launches Debian's chromium headless with WebGL through SwiftShader. No browser → the test fails (never skips).
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM = process.env.CHAIN_ATLAS_CHROMIUM ?? "/usr/bin/chromium";

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `browser tests need chromium at ${CHROMIUM} (Debian: apt-get install chromium), or set CHAIN_ATLAS_CHROMIUM`,
    );
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--use-angle=swiftshader",
      "--enable-unsafe-swiftshader",
      "--use-gl=angle",
      "--ignore-gpu-blocklist",
      "--font-render-hinting=none",
    ],
  });
}

/** Pixels of a PNG screenshot that differ from the background colour (decoded in the page's canvas). */
export const countInkScript = (b64: string, bg: [number, number, number]) => `(async () => {
  const img = new Image();
  img.src = "data:image/png;base64,${b64}";
  await img.decode();
  const c = document.createElement("canvas");
  c.width = img.width; c.height = img.height;
  const g = c.getContext("2d");
  g.drawImage(img, 0, 0);
  const d = g.getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4)
    if (Math.abs(d[i] - ${bg[0]}) + Math.abs(d[i + 1] - ${bg[1]}) + Math.abs(d[i + 2] - ${bg[2]}) > 30) n++;
  return { ink: n, total: c.width * c.height };
})()`;
