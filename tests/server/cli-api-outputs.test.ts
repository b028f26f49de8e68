// The CLI and the API offer one report, one fishbone and one portfolio: ranked with the same matching resources
// (the CLI's report once ranked without them, and listed other targets than `targets` and the web app did), drawn
// and cited alike. Both read the shipped seed; the API's report adds only the lead's comments and sign-off.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSeed } from "../../src/seed/index.ts";
import { SHIPPED_SEED } from "../../src/store/index.ts";
import { runCli } from "../helpers/run-cli.ts";
import { tempDir } from "../helpers/seed-files.ts";
import { json, startTestServer, type TestServer } from "./test-server.ts";

let t: TestServer;
const db = join(tempDir(), "atlas.db");
const DATE = "2026-12-01";

beforeAll(async () => {
  t = await startTestServer();
  expect(runCli(["--db", db, "import", SHIPPED_SEED]).code).toBe(0);
});
afterAll(async () => {
  await t.close();
});

/** The API's report without its closing section of comments and sign-off. */
const withoutNotes = (html: string) => html.replace(/<section class="report-notes"[\s\S]*?<\/section>/, "");

describe("the CLI and the API", () => {
  it("write the same gap report for every shipped chain (report --all), in both languages", {
    timeout: 240_000,
  }, async () => {
    const chains = loadSeed(SHIPPED_SEED).chains.map((c) => c.id);
    for (const lang of ["zh", "en"]) {
      const out = tempDir();
      const r = runCli(["--db", db, "report", "--all", "--out", out, "--date", DATE, "--lang", lang]);
      expect(r.code, r.stderr).toBe(0);
      expect(readdirSync(out).sort()).toEqual([...chains.map((c) => `${c}.html`), "index.html"].sort());
      for (const chain of chains) {
        const api = await t.call(`/api/chains/${chain}/report.html?date=${DATE}&lang=${lang}`);
        expect(api.status).toBe(200);
        const served = await api.text();
        expect(served).toContain('class="report-notes"');
        expect(readFileSync(join(out, `${chain}.html`), "utf8"), `${chain} ${lang}`).toBe(
          withoutNotes(served),
        );
      }
    }
  });

  it("draw the same fishbone, with and without gaps", { timeout: 120_000 }, async () => {
    for (const [chain, extra, query] of [
      ["pv", [], ""],
      ["ic", ["--lang", "en"], "&lang=en"],
      ["nev", ["--no-gaps"], "&gaps=false"],
    ] as const) {
      const out = join(tempDir(), `${chain}.svg`);
      const r = runCli(["--db", db, "fishbone", "--chain", chain, "--out", out, "--date", DATE, ...extra]);
      expect(r.code, r.stderr).toBe(0);
      const api = await t.call(`/api/chains/${chain}/fishbone.svg?date=${DATE}${query}`);
      expect(readFileSync(out, "utf8"), chain).toBe(await api.text());
    }
  });

  it("pick the same portfolio, and its picks are the ranking's (with the same resources as targets)", {
    timeout: 120_000,
  }, async () => {
    for (const [chain, k, tag] of [
      ["ic", "10", undefined],
      ["pv", "5", "fortune-global-500,listed"],
      ["battery", "3", undefined],
    ] as const) {
      const cli = runCli([
        "--db",
        db,
        "--json",
        "portfolio",
        "--chain",
        chain,
        "--k",
        k,
        ...(tag ? ["--tag", tag] : []),
      ]);
      expect(cli.code, cli.stderr).toBe(0);
      const api = await json(
        await t.call(`/api/chains/${chain}/portfolio?k=${k}${tag ? `&tag=${tag}` : ""}`),
      );
      const picks = JSON.parse(cli.stdout);
      expect(picks.picks.length).toBeGreaterThan(0);
      expect(picks).toEqual(api);
      // Every pick is a candidate `targets` scores alike: its score there is the portfolio's.
      const rows = JSON.parse(
        runCli([
          "--db",
          db,
          "--json",
          "targets",
          "--chain",
          chain,
          "--top",
          "500",
          ...(tag ? ["--tag", tag] : []),
        ]).stdout,
      ) as Array<{ firm: { id: string }; score: number }>;
      for (const p of picks.picks as Array<{ firm: { id: string }; score: number }>)
        expect(rows.find((r) => r.firm.id === p.firm.id)?.score, p.firm.id).toBe(p.score);
    }
  });
});
