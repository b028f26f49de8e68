// The progress bar: counts, rate and time left, in place on a terminal, a line per tenth in a log.
import { describe, expect, it } from "vitest";
import { clock, progressBar, progressLine } from "../../src/cli/progress-bar.ts";

function sink(isTTY: boolean) {
  const out = { isTTY, text: "", write: (s: string) => (out.text += s) };
  return out;
}

describe("progressLine", () => {
  it("shows share, counts, rate and the time left", () => {
    const line = progressLine("import: write", 250_000, 1_000_000, 10_000, "rows");
    expect(line).toContain("25%");
    expect(line).toContain("250,000/1,000,000 rows");
    expect(line).toContain("25,000 rows/s");
    expect(line).toContain("ETA 30 s");
    expect(line).toMatch(/\[#{6}-{18}\]/);
  });
  it("shows the time taken once done", () => {
    expect(progressLine("x", 10, 10, 75_000, "files")).toMatch(/100% {2}10\/10 files .* 1:15$/);
  });
  it("formats clocks", () => {
    expect(clock(5.4)).toBe("5 s");
    expect(clock(125)).toBe("2:05");
    expect(clock(Number.NaN)).toBe("?");
  });
});

describe("progressBar", () => {
  it("in a log writes a line per tenth, and the last line at done", () => {
    const out = sink(false);
    let t = 0;
    const bar = progressBar("read", { unit: "files", quietFor: 0, out, now: () => t });
    for (let i = 1; i <= 100; i++) {
      t += 10;
      bar.update(i, 100);
    }
    bar.done();
    const lines = out.text.trim().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(10);
    expect(lines.length).toBeLessThanOrEqual(12);
    expect(lines.at(-1)).toMatch(/100% {2}100\/100 files/);
  });
  it("stays quiet for work shorter than quietFor", () => {
    const out = sink(true);
    let t = 0;
    const bar = progressBar("read", { unit: "files", quietFor: 1000, out, now: () => t });
    for (let i = 1; i <= 10; i++) {
      t += 50;
      bar.update(i, 10);
    }
    bar.done();
    expect(out.text).toBe("");
  });
  it("on a terminal redraws in place and ends the line", () => {
    const out = sink(true);
    let t = 0;
    const bar = progressBar("write", { unit: "rows", quietFor: 0, out, now: () => t });
    bar.update(1, 4);
    t += 500;
    bar.update(2, 4);
    bar.done();
    expect(out.text.startsWith("\rwrite [")).toBe(true);
    expect(out.text.endsWith("\n")).toBe(true);
    expect(out.text.split("\n")).toHaveLength(2);
  });
});
