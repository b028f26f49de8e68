// Progress against the goals for a seeded set of test projects, compared with a table worked out by hand.
import { describe, expect, it } from "vitest";
import { goalProgress } from "../../src/pipeline/index.ts";
import { config } from "./pipeline-fixtures.ts";
import { seededProjects } from "./seeded-projects.ts";

const seeded = seededProjects(config);
const table = (county?: string, year = 2024) =>
  goalProgress(seeded.projects, seeded.index, seeded.goals, { year, county }, config);
const m = (entries: Record<number, number>) => Array.from({ length: 12 }, (_, i) => entries[i + 1] ?? 0);

describe("progress against the goals (seeded test projects)", () => {
  it("records each signing's pre-report outcome as the rules decide", () => {
    const by = Object.fromEntries(seeded.projects.map((p) => [p.id, p.signing]));
    expect(by.a2).toMatchObject({ on: "2024-03-28", preReport: "on-time", dueBy: "2024-03-21" });
    expect(by.a4).toMatchObject({ preReport: "missing", cityCredit: false });
    expect(by.a5?.on).toBe("2025-01-01");
    expect(by.a6).toMatchObject({ on: "2024-10-01", preReport: "on-time" });
    expect(by.a7?.preReport).toBe("not-required");
  });

  it("matches the hand-computed city table for 2024", () => {
    // By hand: G500 = a1 (Mar), a7 (Nov); > 100 M USD = a1 (a4 flagged, a5 is 2025 and 90 M);
    // domestic ≥ 5 bn = a2 (Mar), a3 (Jul), a6 (Oct, 5 bn exactly); ≥ 10 bn = a3; a8 dropped;
    // FDI = a9 15 (Feb) + a1 40 (May) + a4 30 (Aug) + a1 20 (Nov) = 105.
    const t = table();
    expect(t.rows).toEqual([
      { measure: "fortuneGlobal500", goal: 4, actual: 2, share: 0.5, monthly: m({ 3: 1, 11: 1 }) },
      { measure: "foreignOver100MUsd", goal: 4, actual: 1, share: 0.25, monthly: m({ 3: 1 }) },
      { measure: "domesticOver5Bn", goal: 4, actual: 3, share: 0.75, monthly: m({ 3: 1, 7: 1, 10: 1 }) },
      { measure: "domesticOver10Bn", goal: 2, actual: 1, share: 0.5, monthly: m({ 7: 1 }) },
      {
        measure: "fdiUsdMillions",
        goal: 200,
        actual: 105,
        share: 0.525,
        monthly: m({ 2: 15, 5: 40, 8: 30, 11: 20 }),
      },
    ]);
    expect(t.flagged).toEqual(["a4"]);
    expect(t.counted.map((c) => c.id)).toEqual(["a1", "a2", "a3", "a6", "a7"]);
  });

  it("credits a transferred project to both counties (a3: west reported, north signed)", () => {
    const west = table("west");
    const north = table("north");
    const actual = (t: typeof west) => Object.fromEntries(t.rows.map((r) => [r.measure, r.actual]));
    expect(actual(west)).toEqual({
      fortuneGlobal500: 1,
      foreignOver100MUsd: 1,
      domesticOver5Bn: 2,
      domesticOver10Bn: 1,
      fdiUsdMillions: 75,
    });
    expect(actual(north)).toEqual({
      fortuneGlobal500: 0,
      foreignOver100MUsd: 0,
      domesticOver5Bn: 2,
      domesticOver10Bn: 1,
      fdiUsdMillions: 0,
    });
    expect(west.rows[0]).toMatchObject({ goal: 2, share: 0.5 });
    expect(north.rows[0]?.goal).toBeUndefined();
  });

  it("counts a flagged signing for no one, while its FDI still counts for its county", () => {
    const east = table("east");
    expect(east.flagged).toEqual(["a4"]);
    expect(east.rows.find((r) => r.measure === "foreignOver100MUsd")?.actual).toBe(0);
    expect(east.rows.find((r) => r.measure === "fdiUsdMillions")?.monthly).toEqual(m({ 8: 30 }));
  });

  it("puts the New-Year's-Eve signing (Shanghai time) in January 2025", () => {
    const t = table(undefined, 2025);
    expect(t.counted).toEqual([{ id: "a5", signedOn: "2025-01-01", measures: [] }]);
  });
});
