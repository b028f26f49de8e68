// Calendar days in Asia/Shanghai: the day a moment falls on, months that end early, day counts.
import { describe, expect, it } from "vitest";
import { addDays, addMonths, dayOf, daysBetween } from "../../src/pipeline/index.ts";

describe("calendar days", () => {
  it("reads a UTC evening as the next day in Shanghai (UTC+8)", () => {
    expect(dayOf("2024-01-31T16:00:00Z", "Asia/Shanghai")).toBe("2024-02-01");
    expect(dayOf("2024-01-31T15:59:59Z", "Asia/Shanghai")).toBe("2024-01-31");
    expect(dayOf("2024-02-01T00:30:00+08:00", "Asia/Shanghai")).toBe("2024-02-01");
    expect(dayOf("2024-02-01T00:30:00+08:00", "UTC")).toBe("2024-01-31");
  });

  it("keeps a bare date as that day", () => {
    expect(dayOf("2024-03-15", "Asia/Shanghai")).toBe("2024-03-15");
  });

  it("adds a month to the same day, or to the month's end when the day does not exist", () => {
    expect(addMonths("2024-01-15", 1)).toBe("2024-02-15");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2023-01-31", 1)).toBe("2023-02-28");
    expect(addMonths("2024-12-20", 1)).toBe("2025-01-20");
  });

  it("adds and counts days across months and years", () => {
    expect(addDays("2024-03-03", -7)).toBe("2024-02-25");
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
    expect(daysBetween("2024-02-15", "2024-03-01")).toBe(15);
    expect(daysBetween("2024-03-01", "2024-02-15")).toBe(-15);
  });
});
