// Transfers after the exclusive month (both counties credited), allowed stage moves, and the signing pre-report check.
import { describe, expect, it } from "vitest";
import type { Project } from "../../src/model/project.ts";
import {
  checkPreReport,
  creditedCounties,
  moveStage,
  recordPreReport,
  transferProject,
} from "../../src/pipeline/index.ts";
import { by, config, draft, report } from "./pipeline-fixtures.ts";

const walk = (p: Project, steps: Array<[Project["stage"], string]>) =>
  steps.reduce((q, [stage, at]) => moveStage(q, stage, by(at), config), p);

describe("transfer after the exclusive month", () => {
  const held = report(draft(), "2024-01-15");

  it("is refused on the month's last day and allowed the day after", () => {
    expect(() => transferProject(held, "north", by("2024-02-15"), config)).toThrow(
      /west holds exclusive talks on project p-\d+ until 2024-02-15/,
    );
    const moved = transferProject(held, "north", by("2024-02-16"), config);
    expect(moved).toMatchObject({
      owner: "north",
      region: "north",
      transfers: [{ from: "west", to: "north" }],
    });
    expect(moved.firstReport?.county).toBe("west");
  });

  it("counts the Shanghai day: 15:59 UTC on Feb 15 is still Feb 15 there, 16:00 UTC is Feb 16", () => {
    expect(() => transferProject(held, "north", by("2024-02-15T15:59:00Z"), config)).toThrow(
      /until 2024-02-15/,
    );
    expect(transferProject(held, "north", by("2024-02-15T16:00:00Z"), config).owner).toBe("north");
  });

  it("credits both counties, once each", () => {
    const moved = transferProject(held, "north", by("2024-03-01"), config);
    expect(creditedCounties(moved)).toEqual(["west", "north"]);
    expect(creditedCounties(held)).toEqual(["west"]);
  });

  it("is refused to the owner itself and for a closed project", () => {
    expect(() => transferProject(held, "west", by("2024-03-01"), config)).toThrow(/already owned by west/);
    const dropped = moveStage(held, "dropped", by("2024-02-01"), config);
    expect(() => transferProject(dropped, "north", by("2024-03-01"), config)).toThrow(/is dropped/);
  });

  it("lets a project without a first report move at any time", () => {
    const small = report(draft({ amount: { millions: 300, currency: "CNY" } }), "2024-01-15");
    expect(transferProject(small, "north", by("2024-01-16"), config).owner).toBe("north");
  });
});

describe("stage moves", () => {
  const p = report(draft(), "2024-01-15");

  it("walks lead → contacted → visited → negotiating → signed → started → production, recording who and when", () => {
    const done = walk(p, [
      ["contacted", "2024-01-20"],
      ["visited", "2024-02-01"],
      ["negotiating", "2024-02-10"],
      ["signed", "2024-03-01"],
      ["started", "2024-06-01"],
      ["production", "2025-06-01"],
    ]);
    expect(done.stage).toBe("production");
    expect(done.history.map((h) => h.stage)).toEqual([
      "lead",
      "contacted",
      "visited",
      "negotiating",
      "signed",
      "started",
      "production",
    ]);
    expect(done.history.every((h) => h.who === "tester")).toBe(true);
  });

  it("refuses a skipped step and names the allowed ones", () => {
    expect(() => moveStage(p, "signed", by("2024-02-01"), config)).toThrow(
      /cannot move from lead \(线索\) to signed \(签约\); from lead it can go to contacted \(接洽\), dropped \(终止\)/,
    );
  });

  it("allows 终止 from any open stage, reopening a dropped one, and nothing after production", () => {
    const dropped = moveStage(p, "dropped", by("2024-01-16"), config);
    expect(moveStage(dropped, "lead", by("2024-05-01"), config).stage).toBe("lead");
    const prod = { ...p, stage: "production" as const };
    expect(() => moveStage(prod, "dropped", by("2024-05-01"), config)).toThrow(
      /nowhere \(it is in production\)/,
    );
  });

  it("refuses a move dated before the last change", () => {
    expect(() => moveStage(p, "contacted", by("2024-01-14"), config)).toThrow(
      /before the last recorded change/,
    );
  });
});

describe("signing pre-report (重大签约项目预报)", () => {
  const big = report(draft({ amount: { millions: 3000, currency: "CNY" } }), "2024-01-15");
  const toNegotiating = (q: Project) =>
    walk(q, [
      ["contacted", "2024-01-20"],
      ["negotiating", "2024-02-01"],
    ]);

  it("is on time a full week ahead, late the day after", () => {
    const onTime = moveStage(
      toNegotiating(recordPreReport(big, "2024-03-03")),
      "signed",
      by("2024-03-10"),
      config,
    );
    expect(onTime.signing).toEqual({
      on: "2024-03-10",
      preReport: "on-time",
      dueBy: "2024-03-03",
      cityCredit: true,
    });
    const late = moveStage(
      toNegotiating(recordPreReport(big, "2024-03-04")),
      "signed",
      by("2024-03-10"),
      config,
    );
    expect(late.signing).toMatchObject({ preReport: "late", cityCredit: false });
  });

  it("flags a signing without any pre-report and withholds city credit", () => {
    const signed = moveStage(toNegotiating(big), "signed", by("2024-03-10"), config);
    expect(signed.signing).toMatchObject({ preReport: "missing", dueBy: "2024-03-03", cityCredit: false });
  });

  it("requires none below the thresholds, unless the project is a landmark", () => {
    const small = { ...big, amount: { millions: 2999, currency: "CNY" as const } };
    expect(checkPreReport(small, "2024-03-10", config)).toEqual({
      on: "2024-03-10",
      preReport: "not-required",
      cityCredit: true,
    });
    expect(checkPreReport({ ...small, landmark: true }, "2024-03-10", config).preReport).toBe("missing");
  });

  it("mixes currencies: 100 M USD needs a pre-report, 2.9 bn yuan does not", () => {
    expect(
      checkPreReport({ amount: { millions: 100, currency: "USD" }, landmark: false }, "2024-03-10", config)
        .preReport,
    ).toBe("missing");
    expect(
      checkPreReport({ amount: { millions: 2900, currency: "CNY" }, landmark: false }, "2024-03-10", config)
        .preReport,
    ).toBe("not-required");
  });

  it("reads both days in Shanghai: a pre-report at 17:00 UTC on Mar 2 is Mar 3 there, still on time", () => {
    const c = checkPreReport(
      { ...big, preReportedAt: "2024-03-02T17:00:00Z" },
      "2024-03-10T09:00:00+08:00",
      config,
    );
    expect(c.preReport).toBe("on-time");
    const d = checkPreReport(
      { ...big, preReportedAt: "2024-03-03T16:00:00Z" },
      "2024-03-10T09:00:00+08:00",
      config,
    );
    expect(d.preReport).toBe("late");
  });

  it("takes the week from configuration", () => {
    const cfg = { ...config, preReportDays: 3 };
    expect(checkPreReport({ ...big, preReportedAt: "2024-03-07" }, "2024-03-10", cfg).preReport).toBe(
      "on-time",
    );
  });

  it("refuses a pre-report recorded after the signing", () => {
    const signed = moveStage(toNegotiating(big), "signed", by("2024-03-10"), config);
    expect(() => recordPreReport(signed, "2024-03-11")).toThrow(/too late to count/);
  });
});
