// 首报首谈: the first county to report a large project holds it; a second report is refused, naming holder and end.
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/errors.ts";
import { PipelineConfig } from "../../src/model/pipeline-config.ts";
import { firstReportClock, meetsThreshold, parsePipelineConfig } from "../../src/pipeline/index.ts";
import { config, draft, report } from "./pipeline-fixtures.ts";

function refusal(f: () => unknown): ValidationError {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error("expected the report to be refused");
}

describe("first report (首报首谈)", () => {
  it("gives the reporting county one month of exclusive talks, to the same day next month", () => {
    const p = report(draft(), "2024-01-15T10:00:00+08:00");
    expect(p.firstReport).toMatchObject({ county: "west", exclusiveUntil: "2024-02-15" });
  });

  it("ends a report made on the 31st at the end of a short month", () => {
    expect(report(draft(), "2024-01-31").firstReport?.exclusiveUntil).toBe("2024-02-29");
  });

  it("counts the month from the Shanghai day: 16:30 UTC on Jan 31 is Feb 1 in Shanghai", () => {
    const p = report(draft(), "2024-01-31T16:30:00Z");
    expect(p.firstReport?.exclusiveUntil).toBe("2024-03-01");
  });

  it("holds nothing for a project below both thresholds", () => {
    const p = report(draft({ amount: { millions: 999, currency: "CNY" } }), "2024-01-15");
    expect(p.firstReport).toBeUndefined();
    const q = report(draft({ amount: { millions: 1000, currency: "CNY" } }), "2024-01-15");
    expect(q.firstReport?.county).toBe("west");
  });

  it("refuses a second report of the same firm by another county, naming the holder and the end date", () => {
    const first = report(draft(), "2024-01-15");
    const e = refusal(() => report(draft({ owner: "north", region: "north" }), "2024-02-01", [first]));
    expect(e.issues[0]).toMatchObject({ path: "investor", rule: "first-report-held" });
    expect(e.message).toContain("west holds exclusive talks until 2024-02-15");
    expect(e.message).toContain(first.id);
  });

  it("finds the same investor under another spelling (no firm id, different legal form and region prefix)", () => {
    const first = report(draft(), "2024-01-15");
    const e = refusal(() =>
      report(
        draft({ investor: { name: "安徽示例玻璃有限公司" }, owner: "north", region: "north" }),
        "2024-01-20",
        [first],
      ),
    );
    expect(e.message).toMatch(/first reported by west on 2024-01-15/);
    // The English alias of a known firm folds alike too.
    const g500 = report(
      draft({
        investor: { firm: "beispiel-antriebe", name: "Beispiel Antriebe AG" },
        amount: { millions: 150, currency: "USD" },
      }),
      "2024-01-15",
    );
    expect(() =>
      report(
        draft({
          investor: { name: "BEISPIEL DRIVES GmbH" },
          amount: { millions: 150, currency: "USD" },
          owner: "north",
          region: "north",
        }),
        "2024-01-16",
        [g500],
      ),
    ).toThrow(/holds exclusive talks until 2024-02-15/);
  });

  it("still refuses after the month, and says to ask for a transfer", () => {
    const first = report(draft(), "2024-01-15");
    expect(() => report(draft({ owner: "north", region: "north" }), "2024-02-16", [first])).toThrow(
      /until 2024-02-15 \(首报首谈\); they ended, so ask for a transfer from west/,
    );
  });

  it("lets another county report an investor whose held project was dropped", () => {
    const first = { ...report(draft(), "2024-01-15"), stage: "dropped" as const };
    expect(
      report(draft({ owner: "north", region: "north" }), "2024-01-20", [first]).firstReport?.county,
    ).toBe("north");
  });

  it("lets the investor be reported again with a new project once the held one is signed", () => {
    const signed = { ...report(draft(), "2024-01-15"), stage: "signed" as const };
    expect(
      report(draft({ owner: "north", region: "north" }), "2024-01-20", [signed]).firstReport?.county,
    ).toBe("north");
  });

  it("lets a different investor through", () => {
    const first = report(draft(), "2024-01-15");
    const other = report(draft({ investor: { name: "另一家示例材料公司" } }), "2024-01-16", [first]);
    expect(other.firstReport?.county).toBe("west");
  });

  it("shows the clock: exclusive on the last day, over the day after", () => {
    const p = report(draft(), "2024-01-15");
    expect(firstReportClock(p, "2024-02-14", config)).toMatchObject({ exclusive: true, daysLeft: 1 });
    expect(firstReportClock(p, "2024-02-15", config)).toMatchObject({ exclusive: true, daysLeft: 0 });
    expect(firstReportClock(p, "2024-02-16", config)).toMatchObject({ exclusive: false, daysLeft: -1 });
    // 2024-02-15T16:00Z is already Feb 16 in Shanghai.
    expect(firstReportClock(p, "2024-02-15T16:00:00Z", config)?.exclusive).toBe(false);
  });

  it("refuses adding a project at signing or later, and a duplicate id", () => {
    expect(() => report(draft({ stage: "signed" }), "2024-01-15")).toThrow(/move it to signed/);
    const p = report(draft({ id: "same" }), "2024-01-15");
    expect(() => report(draft({ id: "same", investor: { name: "别家" } }), "2024-01-15", [p])).toThrow(
      /exists already/,
    );
  });

  it("names every bad field of a report", () => {
    const e = refusal(() =>
      report(draft({ amount: { millions: -1, currency: "EUR" as "CNY" } }), "2024-13-01"),
    );
    const paths = e.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["amount.millions", "amount.currency", "history[0].at"]));
  });
});

describe("thresholds and currencies", () => {
  it("compares each amount with its own currency's figure by default", () => {
    expect(meetsThreshold({ millions: 100, currency: "USD" }, config.firstReport, config)).toBe(true);
    expect(meetsThreshold({ millions: 99.9, currency: "USD" }, config.firstReport, config)).toBe(false);
    // 800 M yuan is about 113 M USD, but a yuan project is held to the yuan figure.
    expect(meetsThreshold({ millions: 800, currency: "CNY" }, config.firstReport, config)).toBe(false);
  });

  it("converts at the configured rate when told to, letting either figure decide", () => {
    const converted = PipelineConfig.parse({ compare: "converted", usdToCny: 8 });
    expect(meetsThreshold({ millions: 800, currency: "CNY" }, converted.firstReport, converted)).toBe(true);
    expect(meetsThreshold({ millions: 799, currency: "CNY" }, converted.firstReport, converted)).toBe(false);
    // With a 400 M USD figure, 130 M USD (1.04 bn yuan) meets neither; 375 M USD (3 bn yuan) meets the yuan one.
    const strict = PipelineConfig.parse({
      compare: "converted",
      usdToCny: 8,
      preReport: { usdMillions: 400 },
    });
    expect(meetsThreshold({ millions: 130, currency: "USD" }, strict.preReport, strict)).toBe(false);
    expect(meetsThreshold({ millions: 375, currency: "USD" }, strict.preReport, strict)).toBe(true);
    expect(meetsThreshold({ millions: 374, currency: "USD" }, strict.preReport, strict)).toBe(false);
  });

  it("reads thresholds and durations from configuration", () => {
    const cfg = PipelineConfig.parse({ firstReport: { cnyMillions: 500 }, exclusiveMonths: 2 });
    const p = report(draft({ amount: { millions: 600, currency: "CNY" } }), "2024-01-15", [], cfg);
    expect(p.firstReport?.exclusiveUntil).toBe("2024-03-15");
    expect(cfg.firstReport.usdMillions).toBe(100);
  });

  it("names a bad configuration field and keeps the defaults for the rest", () => {
    const e = refusal(() =>
      parsePipelineConfig({ exclusiveMonths: 0, preReport: { usdMillions: -5 } }, "pipeline.yaml"),
    );
    expect(e.message).toMatch(/^pipeline\.yaml has 2 problems/);
    expect(e.issues.map((i) => `${i.path}: ${i.message}`).sort()).toEqual([
      "exclusiveMonths: expected a number ≥ 1",
      "preReport.usdMillions: expected a number > 0",
    ]);
    expect(parsePipelineConfig({ usdToCny: 7.25 })).toMatchObject({
      usdToCny: 7.25,
      preReportDays: 7,
      timeZone: "Asia/Shanghai",
    });
  });
});
