// Landing: a project in production makes its investor a local firm in its segments, and the gap closes.
import { describe, expect, it } from "vitest";
import { findGaps } from "../../src/analysis/gaps/find-gaps.ts";
import { buildGraph } from "../../src/graph/index.ts";
import { isLocalFirm } from "../../src/model/index.ts";
import type { Project } from "../../src/model/project.ts";
import {
  applyLanding,
  firmIndex,
  landingChange,
  moveStage,
  registerProject,
} from "../../src/pipeline/index.ts";
import { loadSeed } from "../../src/seed/index.ts";
import { DEMO_SEED } from "../helpers/seed-files.ts";
import { config } from "./pipeline-fixtures.ts";

const ds = loadSeed(DEMO_SEED);
const by = (at: string) => ({ at, who: "tester" });

function toProduction(investor: Project["investor"], segment: string): Project {
  let p = registerProject(
    {
      id: "glass-plant",
      investor,
      gaps: [{ segment, aim: "fill" }],
      region: "demo-east",
      owner: "demo-east",
      amount: { millions: 800, currency: "CNY" },
      assumed: true,
    },
    [],
    firmIndex(ds.firms),
    by("2024-01-10"),
    config,
  );
  for (const [stage, at] of [
    ["contacted", "2024-01-20"],
    ["negotiating", "2024-02-01"],
    ["signed", "2024-03-01"],
    ["started", "2024-05-01"],
    ["production", "2025-04-30T18:00:00Z"],
  ] as const)
    p = moveStage(p, stage, by(at), config);
  return p;
}

const kindOf = (d: typeof ds, segment: string) =>
  findGaps(buildGraph(d), { chain: "pv" }).findings.find((f) => f.segment.id === segment)?.kind;

describe("landing at 投产", () => {
  it("adds a local plant of an outside investor in the project's county, and the missing link closes", () => {
    const p = toProduction({ firm: "glass-co", name: "外地玻璃股份有限公司" }, "pv-glass");
    const change = landingChange(p, ds, config);
    expect(change.kind).toBe("add-firm");
    expect(change.firm).toMatchObject({
      id: "glass-co-demo-east",
      parent: "glass-co",
      location: { country: "CN", region: "demo-east" },
      segments: [
        { segment: "pv-glass", grade: "strong", basis: "observed", since: "2025-05-01", assumed: true },
      ],
    });
    expect(isLocalFirm(change.firm)).toBe(true);
    expect(kindOf(ds, "pv-glass")).toBe("missing");
    const landed = applyLanding(ds, change);
    expect(kindOf(landed, "pv-glass")).not.toBe("missing");
    expect(landed.firms).toHaveLength(ds.firms.length + 1);
    expect(ds.firms.some((f) => f.id === "glass-co-demo-east")).toBe(false);
  });

  it("links a local investor to the project's new segment instead of adding a firm", () => {
    const p = toProduction({ firm: "sun-modules", name: "示例组件" }, "pv-glass");
    const change = landingChange(p, ds, config);
    expect(change).toMatchObject({
      kind: "link-firm",
      firm: { id: "sun-modules" },
      added: [{ segment: "pv-glass" }],
    });
    expect(applyLanding(ds, change).firms).toHaveLength(ds.firms.length);
  });

  it("refuses before production, unless asked as a what-if on a date", () => {
    const p = { ...toProduction({ firm: "glass-co", name: "x" }, "pv-glass") };
    const signed: Project = { ...p, stage: "signed", history: p.history.slice(0, 4) };
    expect(() => landingChange(signed, ds, config)).toThrow(/it lands at production \(投产\)/);
    expect(landingChange(signed, ds, config, "2026-01-01").firm.segments[0]?.since).toBe("2026-01-01");
  });

  it("refuses an unknown segment, naming the field", () => {
    const p = toProduction({ firm: "glass-co", name: "x" }, "pv-wafer");
    expect(() => landingChange(p, ds, config)).toThrow(/no segment "pv-wafer" in the map/);
  });
});
