// Times the web chain map in headless chromium on a SYNTHETIC graph of 20,000 nodes: time to first render
// of the map and the frame after a pan. The graph and its layout are generated here and served with the
// built app (web/dist) by a tiny server that answers the few API calls the map makes, so the figure is the
// browser's alone (the real server computes and caches the layout once; its time is not measured here).
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join } from "node:path";
import { launchBrowser } from "../tests/web/support/browser.ts";

const TARGET_FIRST_MS = 3000;
const TARGET_PAN_MS = 100;
const TARGET_SETTLE_MS = 1500;
const NODES = 20_000;
const SEGMENTS = 200;
const DIST = join(import.meta.dirname, "..", "web", "dist");
const KINDS = ["missing", "weak", "external", "single-source", "covered"];
const COLORS = ["#c0392b", "#c77c02", "#7b4fa0", "#a0522d", "#3b7d4f"];

/** A deterministic synthetic graph with a precomputed layout (segments on a spiral, firms around them). */
function syntheticGraph() {
  let seed = 42;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const nodes: unknown[] = [];
  const edges: unknown[] = [];
  for (let s = 0; s < SEGMENTS; s++) {
    const a = s * 0.5;
    const r = 40 + s * 4;
    const k = Math.floor(rnd() * 5);
    nodes.push({
      key: `seg-${s}`,
      kind: "segment",
      label: `合成环节 ${s}`,
      x: r * Math.cos(a),
      y: r * Math.sin(a),
      size: 8,
      color: COLORS[k],
      status: KINDS[k],
      stage: ["upstream", "midstream", "downstream"][s % 3],
    });
    if (s > 0) edges.push({ key: `feed-${s}`, source: `seg-${s - 1}`, target: `seg-${s}`, kind: "FEEDS" });
  }
  for (let f = 0; f < NODES - SEGMENTS; f++) {
    const s = f % SEGMENTS;
    const a = s * 0.5;
    const r = 40 + s * 4;
    const local = rnd() < 0.3;
    nodes.push({
      key: `firm-${f}`,
      kind: "firm",
      label: `合成企业 ${f}`,
      x: r * Math.cos(a) + (rnd() - 0.5) * 30,
      y: r * Math.sin(a) + (rnd() - 0.5) * 30,
      size: 2 + rnd() * 3,
      color: local ? "#1f5fa8" : "#8a949e",
      local,
      region: local ? `county-${f % 7}` : undefined,
      tags: [],
    });
    edges.push({ key: `in-${f}`, source: `firm-${f}`, target: `seg-${s}`, kind: "IN_SEGMENT" });
    if (f > 0 && rnd() < 0.5)
      edges.push({
        key: `sup-${f}`,
        source: `firm-${Math.floor(rnd() * f)}`,
        target: `firm-${f}`,
        kind: "SUPPLIES",
      });
  }
  return { nodes, edges };
}

const graph = JSON.stringify(syntheticGraph());
const TYPES: Record<string, string> = {
  ".js": "text/javascript",
  ".css": "text/css",
  ".html": "text/html",
  ".map": "application/json",
};
const api: Record<string, string> = {
  "/api/auth/me": JSON.stringify({ user: { username: "bench", role: "investor" } }),
  "/api/chains/summary": JSON.stringify([
    {
      id: "synthetic",
      name: { zh: "合成产业链", en: "Synthetic" },
      stages: {},
      segments: SEGMENTS,
      localFirms: 0,
      candidateFirms: 0,
      supplyTies: 0,
      leads: [],
      masters: [],
    },
  ]),
  "/api/graph": graph,
};
const server = createServer((req, res) => {
  const path = (req.url ?? "/").split("?")[0]!;
  if (api[path]) {
    res.writeHead(200, { "Content-Type": "application/json" });
    return res.end(api[path]);
  }
  if (path.startsWith("/api/")) {
    res.writeHead(404, { "Content-Type": "application/json" });
    return res.end(JSON.stringify({ error: { code: "not_found", message: path } }));
  }
  const file = join(DIST, path === "/" ? "index.html" : path);
  try {
    const body = readFileSync(file);
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
});
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const t0 = Date.now();
  await page.goto(`${url}/#/map`);
  await page.waitForFunction("window.__atlasMap && window.__atlasMap.frames > 0", null, { timeout: 120_000 });
  const first = Date.now() - t0;
  const inPage = await page.evaluate("window.__atlasMap.firstFrameMs");
  // A pan as a user makes it: press, drag, release; timed in the page from the press to the first frame
  // drawn after the drag moved the camera (sigma hides edges while the camera moves on big graphs).
  const box = (await page.locator("#map-canvas").boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const pans: number[] = [];
  const settles: number[] = [];
  for (let i = 0; i < 7; i++) {
    await page.evaluate(`(() => {
      const m = window.__atlasMap.renderer, cam = m.getCamera(), x0 = cam.x;
      window.__pan = new Promise((resolve) => {
        const t0 = { t: 0 };
        m.getMouseCaptor().once("mousedown", () => (t0.t = performance.now()));
        const onFrame = () => {
          if (cam.x !== x0) { m.off("afterRender", onFrame); resolve(performance.now() - t0.t); }
        };
        m.on("afterRender", onFrame);
      });
    })()`);
    const dx = i % 2 ? 150 : -150;
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + dx, cy + 40, { steps: 2 });
    pans.push(Number(await page.evaluate("window.__pan")));
    await page.mouse.up();
    await page.waitForTimeout(400);
    // The full frame drawn once the camera rests (edges included): sigma's synchronous refresh.
    settles.push(
      Number(
        await page.evaluate(
          `(() => { const t0 = performance.now(); window.__atlasMap.renderer.refresh(); return performance.now() - t0; })()`,
        ),
      ),
    );
  }
  pans.sort((a, b) => a - b);
  const pan = pans[Math.floor(pans.length / 2)]!;
  settles.sort((a, b) => a - b);
  const settle = settles[Math.floor(settles.length / 2)]!;
  process.stdout.write(
    `web chain map, SYNTHETIC ${NODES} nodes: first render ${first} ms from navigation (${Number(inPage).toFixed(0)} ms after the graph request) (target ≤ ${TARGET_FIRST_MS} ms)\n` +
      `web chain map, SYNTHETIC ${NODES} nodes: pan to next frame median ${pan.toFixed(0)} ms of ${pans.length} (target ≤ ${TARGET_PAN_MS} ms)\n` +
      `web chain map, SYNTHETIC ${NODES} nodes: full frame with edges after release median ${settle.toFixed(0)} ms (target ≤ ${TARGET_SETTLE_MS} ms; software WebGL)\n`,
  );
  await page.screenshot({ path: "/tmp/bench-map.png" }).catch(() => undefined);
  process.exitCode = first <= TARGET_FIRST_MS && pan <= TARGET_PAN_MS ? 0 : 1;
} finally {
  await browser.close();
  server.close();
}
