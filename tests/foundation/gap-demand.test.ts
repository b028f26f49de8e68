// Demand and landing in the gap analysis: need never passes through an empty segment, and a landed plant makes one segment.
import { describe, expect, it } from "vitest";
import { findGaps } from "../../src/analysis/gaps/find-gaps.ts";
import { whatIf } from "../../src/analysis/gaps/what-if.ts";
import { buildGraph } from "../../src/graph/index.ts";
import { Dataset } from "../../src/model/index.ts";
import { PLANTED_INPUT } from "../fixtures/analysis/planted.ts";

type FirmIn = (typeof PLANTED_INPUT.firms)[number];
const link = (segment: string) => ({
  segment,
  grade: "strong",
  basis: "observed",
  confidence: 0.9,
  sources: ["src-demo"],
});

/** The planted chain with no local cell maker (m empty) and e3 a candidate for cells (m) and power plants (p). */
function emptiedCells() {
  const firms = PLANTED_INPUT.firms
    .filter((f: FirmIn) => f.id !== "l6")
    .map((f: FirmIn) =>
      f.id === "l3"
        ? { ...f, segments: [link("d")] }
        : f.id === "e3"
          ? { ...f, segments: [link("m"), link("p")] }
          : f,
    );
  const ties = PLANTED_INPUT.ties.filter((t: { segment?: string }) => t.segment !== "m");
  return buildGraph(Dataset.parse({ ...PLANTED_INPUT, firms, ties }));
}

describe("local demand", () => {
  it("does not pass through a segment with no local firm (module makers do not buy wafers)", () => {
    const gaps = findGaps(emptiedCells(), { chain: "demo" });
    const wafers = gaps.findings.find((f) => f.segment.id === "a")!;
    const cells = gaps.findings.find((f) => f.segment.id === "m")!;
    expect(cells.kind).toBe("missing");
    expect(wafers.demandFirms).toEqual([]);
  });

  it("a firm landing in cells makes cells local, not the other segments it is a candidate for", () => {
    const r = whatIf(emptiedCells(), { firm: "e3", segment: "m" });
    const cells = r.changes.find((c) => c.segment.id === "m");
    expect(cells?.kindBefore).toBe("missing");
    expect(cells?.kindAfter).not.toBe("missing");
    expect(r.changes.find((c) => c.segment.id === "p")?.kindAfter ?? "missing").toBe("missing");
    // Wafers now have one local customer: the landed cell maker.
    const wafers = r.changes.find((c) => c.segment.id === "a");
    expect(wafers?.severityAfter).toBeGreaterThan(wafers?.severityBefore ?? Number.POSITIVE_INFINITY);
  });
});
