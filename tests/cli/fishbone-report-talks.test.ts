// `chain-atlas fishbone` and `chain-atlas report` show the store's projects in talks (added with `project add`);
// a dropped project changes nothing. The investors are test data.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.ts";
import { DEMO_SEED, tempDir } from "../helpers/seed-files.ts";

const dir = tempDir();
const db = join(dir, "atlas.db");
const DATE = "2026-11-30";
const cli = (...args: string[]) => {
  const r = runCli(["--db", db, ...args]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
};
const fishbone = (name: string) => {
  cli("fishbone", "--chain", "pv", "--date", DATE, "--out", join(dir, name));
  return readFileSync(join(dir, name), "utf8");
};
const report = (name: string) => {
  cli("report", "--chain", "pv", "--date", DATE, "--out", join(dir, name));
  return readFileSync(join(dir, name), "utf8");
};

describe("projects in talks from the CLI", () => {
  let missing: { id: string; name: string };
  beforeAll(() => {
    cli("import", DEMO_SEED);
    const gaps = JSON.parse(cli("--json", "gaps", "--chain", "pv"));
    const findings: Array<{ kind: string; segment: { id: string; name: { zh: string } } }> =
      gaps.findings ?? gaps;
    const f = findings.find((x) => x.kind === "missing")!;
    missing = { id: f.segment.id, name: f.segment.name.zh };
  }, 120_000);

  it("draw a dropped project nowhere, then a project in 在谈 on its missing segment with holder and end date", () => {
    const before = fishbone("before.svg");
    const reportBefore = report("before.html");
    const add = (id: string, investor: string, stage: string, at: string) =>
      cli(
        "project",
        "add",
        "--id",
        id,
        "--investor",
        investor,
        "--county",
        "demo-east",
        "--amount",
        "1500",
        "--currency",
        "CNY",
        "--gap",
        `${missing.id}:fill`,
        "--stage",
        stage,
        "--at",
        at,
        "--who",
        "test",
      );
    add("drop-1", "测试投资方-终止", "visited", "2026-10-01");
    cli("project", "stage", "drop-1", "dropped", "--at", "2026-10-15", "--who", "test");
    expect(fishbone("dropped.svg")).toBe(before);
    expect(report("dropped.html")).toBe(reportBefore);

    const out = add("talk-1", "测试投资方-在谈", "negotiating", "2026-11-20");
    const until = /until (\d{4}-\d\d-\d\d)/.exec(out)?.[1];
    expect(until).toBeDefined();
    const svg = fishbone("talks.svg");
    expect(svg).not.toBe(before);
    expect(svg).toContain(">在谈 1<");
    expect(svg).toContain(
      `测试投资方-在谈 · 东区 · 在谈 · 15 亿元 · 首报首谈：东区，独家洽谈至 ${until}（进行中）`,
    );
    expect(svg).not.toContain("测试投资方-终止");

    const html = report("talks.html").replace(/<svg[\s\S]*?<\/svg>/, "");
    const block = html
      .split('<div class="gap-targets">')
      .slice(1)
      .find((b) => b.slice(0, b.indexOf("</h3>")).includes(missing.name))!;
    expect(block).toContain("<h4>在谈项目</h4>");
    expect(block).toContain("测试投资方-在谈");
    expect(block).toContain(`至 ${until}（剩`);
    expect(html).not.toContain("测试投资方-终止");
  }, 240_000);
});
