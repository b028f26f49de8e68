// Projects in talks on the fishbone (a marker on the segment they fill) and in the gap report (under each gap,
// with the first-report holder and clock); lead, landed and dropped projects are not shown; none → unchanged.
// The projects below are test data (invented investors), not facts about any firm.
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { chainReport } from "../../src/analysis/report/chain-report.ts";
import { buildGraph } from "../../src/graph/index.ts";
import { Project, type ProjectInput, type ProjectStage } from "../../src/model/project.ts";
import { boxesIntersect } from "../../src/render/fishbone/fishbone-geometry.ts";
import { fishboneInputOf, regionNamesOf } from "../../src/render/fishbone/fishbone-input.ts";
import { layoutFishbone } from "../../src/render/fishbone/fishbone-layout.ts";
import { renderFishboneSvg } from "../../src/render/fishbone/fishbone-svg.ts";
import { projectsInTalks, TALK_STAGES } from "../../src/render/fishbone/projects-in-talks.ts";
import { chainReportProvenance } from "../../src/render/report/chain-report-html.ts";
import { renderGapReportDocx } from "../../src/render/report/gap-report-docx.ts";
import { renderGapReport } from "../../src/render/report/gap-report-html.ts";
import { plantedDataset } from "../fixtures/analysis/planted.ts";
import { collisions } from "./overlap.ts";
import { shippedSeed } from "./seed-chains.ts";

const DATE = "2026-11-30";

function project(
  id: string,
  stage: ProjectStage,
  segment: string,
  region: string,
  extra: Partial<ProjectInput> = {},
): Project {
  return Project.parse({
    id,
    investor: { name: `测试投资方-${id}` },
    gaps: [{ segment, aim: "fill" }],
    region,
    owner: region,
    amount: { millions: 1500, currency: "CNY" },
    stage,
    history: [{ stage, at: "2026-11-01", who: "test" }],
    assumed: true,
    ...extra,
  });
}

function planted(projects: Project[], lang: "zh" | "en" = "zh") {
  const ds = plantedDataset();
  const g = buildGraph(ds);
  const chain = ds.chains[0]!.id;
  const report = chainReport(g, { chain, k: 3 });
  const missing = report.gaps.findings.find((f) => f.kind === "missing")!;
  const input = fishboneInputOf(g, chain, {
    lang,
    date: DATE,
    gaps: report.gaps,
    targets: report.targetsByGap,
    ...(projects.length ? { projects } : {}),
  });
  const svg = renderFishboneSvg(input);
  const talks = projects.length ? projectsInTalks(projects, DATE, regionNamesOf(g)) : undefined;
  const base = {
    lang,
    city: ds.region.name,
    date: DATE,
    report,
    sources: chainReportProvenance(ds, chain, report).sources,
  };
  const html = renderGapReport({ ...base, fishboneSvg: svg, ...(talks ? { talks } : {}) });
  const region = ds.regions[0]!;
  return { ds, g, report, missing, input, svg, html, talks, base, region };
}

/** The labels drawn inside the card whose segment label is `name`. */
function cardLabels(input: ReturnType<typeof planted>["input"], name: string) {
  const layout = layoutFishbone(input);
  const seg = layout.labels.find((l) => l.role === "segment" && l.runs.map((r) => r.text).join("") === name)!;
  const card = layout.cards.find((c) => boxesIntersect(c, seg.box))!;
  return layout.labels.filter((l) => boxesIntersect(card, l.box));
}

/** The HTML of the gap's block in "targets per gap". */
function gapBlock(html: string, name: string): string {
  const blocks = html.split('<div class="gap-targets">').slice(1);
  return blocks.find((b) => b.slice(0, b.indexOf("</h3>")).includes(name)) ?? "";
}

describe("projects in talks", () => {
  it("mark the missing segment a project in 在谈 fills, with a tooltip naming investor, county and stage", () => {
    const { missing, region } = planted([]);
    const p = project("t1", "negotiating", missing.segment.id, region.id);
    const { input, svg } = planted([p]);
    const talks = cardLabels(input, missing.segment.name.zh).filter((l) => l.role === "talks");
    expect(talks.map((l) => l.runs.map((r) => r.text).join(""))).toEqual(["在谈 1"]);
    expect(talks[0]!.tooltip).toContain(p.investor.name);
    expect(talks[0]!.tooltip).toContain(region.name.zh);
    expect(talks[0]!.tooltip).toContain("在谈");
    // Only that segment carries a marker, and the legend explains it.
    expect(svg.match(/class="talks"/g)).toHaveLength(1);
    expect(svg).toContain("在谈 N");
    expect(svg).toContain(`<title>在谈项目 1 个：\n${p.investor.name}`);
  });

  it("list the project under its gap in the report, and count the gaps with one on page 1", () => {
    const { missing, region, report } = planted([]);
    const p = project("t1", "negotiating", missing.segment.id, region.id, {
      amount: { millions: 120, currency: "USD" },
    });
    const { html } = planted([p]);
    const block = gapBlock(html, missing.segment.name.zh);
    expect(block).toContain("在谈项目");
    expect(block).toContain(p.investor.name);
    expect(block).toContain(region.name.zh);
    expect(block).toContain("1.2 亿美元");
    // Under no other gap (the embedded fishbone names it in its tooltips).
    const text = html.replace(/<svg[\s\S]*?<\/svg>/, "");
    expect(text.split(p.investor.name).length - 1).toBe(1);
    const gaps = report.gaps.findings.filter((f) => f.kind !== "covered").length;
    expect(html).toContain(`1 / ${gaps}<small>在谈项目 1 个</small>`);
  });

  it("show no lead, landed (投产) or dropped (终止) project: the output is that of no projects", () => {
    const { missing, region, svg, html } = planted([]);
    const hidden = (["lead", "started", "production", "dropped"] as const).map((s, i) =>
      project(`h${i}`, s, missing.segment.id, region.id),
    );
    for (const s of hidden) expect(TALK_STAGES).not.toContain(s.stage);
    const withHidden = planted(hidden);
    expect(withHidden.svg).toBe(svg);
    expect(withHidden.html).toBe(html);
    // Mixed in with one in talks, only that one is shown.
    const shown = project("s1", "visited", missing.segment.id, region.id);
    const mixed = planted([...hidden, shown]);
    expect(mixed.svg).toContain(shown.investor.name);
    for (const h of hidden) {
      expect(mixed.svg).not.toContain(h.investor.name);
      expect(mixed.html).not.toContain(h.investor.name);
    }
  });

  it("show the first-report holder and end date while the clock runs, and say when it ended", () => {
    const { missing, region } = planted([]);
    const until = "2026-12-20";
    const running = project("r1", "negotiating", missing.segment.id, region.id, {
      firstReport: { county: region.id, at: "2026-11-20", who: "test", exclusiveUntil: until },
    });
    const ended = project("r2", "contacted", missing.segment.id, region.id, {
      investor: { name: "测试投资方-已到期" },
      firstReport: { county: region.id, at: "2026-10-01", who: "test", exclusiveUntil: "2026-11-01" },
    });
    const { input, html } = planted([running, ended]);
    const left = Math.round((Date.parse(until) - Date.parse(DATE)) / 86_400_000);
    const block = gapBlock(html, missing.segment.name.zh);
    expect(block).toContain(`<td class="running">至 ${until}（剩 ${left} 天）</td>`);
    expect(block).toContain("2026-11-01 已到期");
    const row = block.split("<tr>").find((r) => r.includes(running.investor.name))!;
    // County, then the holder (the reporting county).
    expect(row.split(`<td>${region.name.zh}</td>`)).toHaveLength(3);
    const tip = cardLabels(input, missing.segment.name.zh).find((l) => l.role === "talks")!.tooltip!;
    expect(tip).toContain(`首报首谈：${region.name.zh}，独家洽谈至 ${until}（进行中）`);
    expect(tip).toContain("独家洽谈至 2026-11-01（已到期）");
    expect(tip.split("\n")[0]).toBe("在谈项目 2 个：");
  });

  it("write English on request", () => {
    const { missing, region } = planted([]);
    const p = project("e1", "signed", missing.segment.id, region.id, {
      firstReport: { county: region.id, at: "2026-11-20", who: "test", exclusiveUntil: "2026-12-20" },
    });
    const { svg, html } = planted([p], "en");
    expect(svg).toContain(">in talks 1<");
    expect(svg).toContain("signed · CNY 1,500 M · first report:");
    expect(html).toContain("<h4>Projects in talks</h4>");
    const left = Math.round((Date.parse("2026-12-20") - Date.parse(DATE)) / 86_400_000);
    expect(html).toContain(`until 2026-12-20 (${left} days left)`);
  });

  it("appear in the Word report under the gap and in the page-1 summary", async () => {
    const { missing, region, base, report } = planted([]);
    const p = project("w1", "negotiating", missing.segment.id, region.id);
    const { talks } = planted([p]);
    const xmlOf = async (extra: object) => {
      const bytes = await renderGapReportDocx({ ...base, ...extra });
      return (await JSZip.loadAsync(bytes)).file("word/document.xml")!.async("string");
    };
    const text = (await xmlOf({ talks })).replace(/<[^>]+>/g, "");
    const gaps = report.gaps.findings.filter((f) => f.kind !== "covered").length;
    expect(text).toContain(`有在谈项目的缺口：${gaps} 个缺口中 1 个有在谈项目（共 1 个项目）`);
    const after = text.slice(text.indexOf(`${missing.segment.name.zh}（`));
    expect(after.indexOf(p.investor.name)).toBeGreaterThan(after.indexOf("在谈项目"));
    expect(await xmlOf({})).toBe(await xmlOf({ talks: new Map() }));
  });

  it("keep the shipped pv fishbone free of overlaps with markers on many segments, zh and en", () => {
    const ds = shippedSeed();
    const g = buildGraph(ds);
    const report = chainReport(g, { chain: "pv" });
    const segs = report.gaps.findings.map((f) => f.segment.id);
    const region = ds.regions.find((r) => r.kind === "county")!.id;
    const projects = segs.flatMap((s, i) =>
      Array.from({ length: (i % 3) + 1 }, (_, k) => project(`pv-${i}-${k}`, TALK_STAGES[k]!, s, region)),
    );
    for (const lang of ["zh", "en"] as const) {
      const input = fishboneInputOf(g, "pv", {
        lang,
        date: DATE,
        gaps: report.gaps,
        targets: report.targetsByGap,
        projects,
      });
      const layout = layoutFishbone(input);
      expect(collisions(layout)).toEqual([]);
      expect(layout.labels.filter((l) => l.role === "talks")).toHaveLength(segs.length);
    }
  });
});
