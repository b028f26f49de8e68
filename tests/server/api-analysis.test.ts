// Analysis and outputs over REST answer what the CLI's functions answer, with the same option checks.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findGaps, pickPortfolio, rankTargets } from "../../src/analysis/index.ts";
import { json, startTestServer, type TestServer } from "./test-server.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

describe("analysis", () => {
  it("gaps equal the CLI's findGaps, for an investor too", async () => {
    const r = await json(await t.call("/api/chains/pv/gaps", { as: "investor" }));
    const g = await t.server.state.graph();
    const want = findGaps(g, { chain: "pv" });
    expect(r.findings.map((f: { segment: { id: string }; kind: string }) => [f.segment.id, f.kind])).toEqual(
      want.findings.map((f) => [f.segment.id, f.kind]),
    );
    expect(r.figures.coverage).toBe(want.figures.coverage);
  });

  it("the gap summary holds each chain's gap figures, in chain order (the dashboard's one request)", async () => {
    const r = await json(await t.call("/api/gaps/summary", { as: "investor" }));
    const chains = (await json(await t.call("/api/chains?limit=1000"))).items as Array<{ id: string }>;
    expect(r.items.map((x: { chain: { id: string } }) => x.chain.id)).toEqual(chains.map((c) => c.id));
    for (const item of r.items) {
      const one = await json(await t.call(`/api/chains/${item.chain.id}/gaps`));
      expect(item).toEqual({ chain: one.chain, figures: one.figures });
    }
    expect(r.items.some((x: { figures: { coverage: number } }) => x.figures.coverage > 0)).toBe(true);
  });

  it("targets take the CLI's options from the query (top, country, weights) and answer {rows}", async () => {
    const r = await json(await t.call("/api/chains/pv/targets?top=5&country=CN&weights=gapFit=1,tier=0"));
    const want = rankTargets(await t.server.state.graph(), {
      chain: "pv",
      top: 5,
      country: ["CN"],
      weights: { gapFit: 1, tier: 0 },
    });
    expect(r.rows.map((x: { firm: { id: string } }) => x.firm.id)).toEqual(want.map((x) => x.firm.id));
    expect(r.rows.length).toBeLessThanOrEqual(5);
    expect(r.rows.every((x: { firm: { country: string } }) => x.firm.country === "CN")).toBe(true);
    expect(r.rows[0]).toHaveProperty("explanation.zh");
  });

  it("answers 400 naming the bad option, and 404 for a chain that does not exist", async () => {
    const bad = await t.call("/api/chains/pv/targets?top=0");
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.message).toContain("--top");
    const unknown = await t.call("/api/chains/pv/targets?colour=1");
    expect(unknown.status).toBe(400);
    const badWeights = await t.call("/api/chains/pv/targets?weights=tier=abc");
    expect((await json(badWeights)).error.message).toContain("weights");
    for (const path of [
      "gaps",
      "targets",
      "portfolio",
      "graph",
      "fishbone.svg",
      "report.html",
      "report/comments",
    ]) {
      const r = await t.call(`/api/chains/no-such-chain/${path}`);
      expect(r.status, path).toBe(404);
      expect((await json(r)).error.code).toBe("not_found");
    }
  });

  it("portfolio equals pickPortfolio; what-if and backtest answer their shapes", async () => {
    const p = await json(await t.call("/api/chains/pv/portfolio?k=3"));
    const want = pickPortfolio(await t.server.state.graph(), { chain: "pv", k: 3 });
    expect(p.picks.map((x: { firm: { id: string } }) => x.firm.id)).toEqual(want.picks.map((x) => x.firm.id));
    const w = await json(await t.call("/api/chains/pv/whatif?firm=tongwei&segment=pv-polysilicon"));
    expect(w).toMatchObject({ chain: "pv", segment: "pv-polysilicon", firm: { id: "tongwei" } });
    expect(w.after.coverage).toBeGreaterThanOrEqual(w.before.coverage);
    const noFirm = await t.call("/api/chains/pv/whatif?segment=pv-polysilicon");
    expect(noFirm.status).toBe(400);
    expect((await json(noFirm)).error.message).toContain("--firm");
    // An unknown id given as an option is "not found", as in the CLI (exit 3): 404 naming the option.
    const missingFirm = await t.call("/api/chains/pv/whatif?firm=no-such-firm&segment=pv-polysilicon");
    expect(missingFirm.status).toBe(404);
    expect((await json(missingFirm)).error.message).toContain("--firm");
    const b = await json(await t.call("/api/backtest?chain=pv", { as: "investor" }));
    expect(b.perChain).toHaveProperty("pv");
    expect(b.overall.mrr).toBeGreaterThan(0);
  });

  it("stats, chain summary, graph and regions summary", async () => {
    const stats = await json(await t.call("/api/stats"));
    expect(stats.chains).toBe(10);
    const chains = await (await t.call("/api/chains/summary")).json();
    expect((chains as Array<{ id: string }>).map((c) => c.id)).toContain("pv");
    const g = await json(await t.call("/api/chains/pv/graph"));
    expect(g.nodes.some((n: { kind: string }) => n.kind === "segment")).toBe(true);
    expect(g.nodes.every((n: { x: number; y: number }) => Number.isFinite(n.x) && Number.isFinite(n.y))).toBe(
      true,
    );
    const keys = new Set(g.nodes.map((n: { key: string }) => n.key));
    expect(
      g.edges.every((e: { source: string; target: string }) => keys.has(e.source) && keys.has(e.target)),
    ).toBe(true);
    const again = await json(await t.call("/api/chains/pv/graph"));
    expect(again).toEqual(g);
    const all = await json(await t.call("/api/graph"));
    expect(all.nodes.length).toBeGreaterThan(g.nodes.length);
    const regions = await (await t.call("/api/regions/summary")).json();
    const haining = (
      regions as Array<{ region: string; chains: Record<string, { localFirms: number }> }>
    ).find((r) => r.region === "haining")!;
    expect(Object.values(haining.chains).some((c) => c.localFirms > 0)).toBe(true);
  });
});

describe("outputs", () => {
  it("exports targets as CSV and XLSX downloads", async () => {
    const csv = await t.call("/api/chains/pv/targets.csv?top=3", { as: "investor" });
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    expect(csv.headers.get("content-disposition")).toContain("targets-pv.csv");
    const text = await csv.text();
    expect(text.split("\n").filter(Boolean).length).toBe(4);
    const xlsx = await t.call("/api/chains/pv/targets.xlsx?top=3");
    const bytes = Buffer.from(await xlsx.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe("PK");
  });

  it("draws the fishbone as SVG, PNG and PDF", async () => {
    const svg = await (await t.call("/api/chains/pv/fishbone.svg?lang=en&date=2026-01-01")).text();
    expect(svg).toContain("<svg");
    expect(svg).toContain("2026-01-01");
    const png = Buffer.from(await (await t.call("/api/chains/pv/fishbone.png")).arrayBuffer());
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    const pdf = await t.call("/api/chains/pv/fishbone.pdf");
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    const bad = await t.call("/api/chains/pv/fishbone.svg?lang=fr");
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.details[0].path).toBe("lang");
  });
});

describe("report comments and sign-off", () => {
  it("the chain's lead and an admin comment and sign off; others may not; the report shows them", async () => {
    const post = (as: "lead" | "admin" | "investor" | "editor", path: string, body: unknown, chain = "pv") =>
      t.call(`/api/chains/${chain}/report/${path}`, { method: "POST", as, body: JSON.stringify(body) });
    expect((await post("lead", "comments", { text: "多晶硅环节需要重点招引" })).status).toBe(201);
    expect((await post("admin", "comments", { text: "同意" })).status).toBe(201);
    expect((await post("lead", "comments", { text: "not my chain" }, "nev")).status).toBe(403);
    expect((await post("investor", "comments", { text: "x" })).status).toBe(403);
    expect((await post("editor", "signoff", {})).status).toBe(403);
    const empty = await post("lead", "comments", { text: "  " });
    expect(empty.status).toBe(400);
    expect((await json(empty)).error.details[0].path).toBe("text");
    expect((await post("lead", "signoff", { note: "已审阅" })).status).toBe(201);
    const notes = await json(await t.call("/api/chains/pv/report/comments", { as: "investor" }));
    expect(notes.items.map((c: { who: string; text: string }) => [c.who, c.text])).toEqual([
      ["lea", "多晶硅环节需要重点招引"],
      ["admin", "同意"],
    ]);
    expect(notes.signoff).toMatchObject({ who: "lea", note: "已审阅" });
    const html = await (await t.call("/api/chains/pv/report.html")).text();
    expect(html).toContain("多晶硅环节需要重点招引");
    expect(html).toContain("已签批");
    const en = await (await t.call("/api/chains/pv/report.html?lang=en")).text();
    expect(en).toContain("Signed off");
  });

  it("prints the report as a PDF that carries the comments", async () => {
    const r = await t.call("/api/chains/pv/report.pdf");
    expect(r.status).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), "atlas-report-"));
    const file = join(dir, "r.pdf");
    writeFileSync(file, Buffer.from(await r.arrayBuffer()));
    const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" });
    expect(text).toContain("同意");
  });
});
