// Headlines that hold up in a meeting: a share only with its basis, parents not greener than their children.
import { describe, expect, it } from "vitest";
import { findGaps } from "../../src/analysis/gaps/find-gaps.ts";
import { localSupplyHeadline, MIN_TIES_FOR_SHARE } from "../../src/analysis/summary/chain-summary.ts";
import { buildGraph } from "../../src/graph/index.ts";
import { Dataset } from "../../src/model/index.ts";
import { loadSeed } from "../../src/seed/index.ts";
import { SHIPPED_SEED } from "../../src/store/index.ts";
import { PLANTED_INPUT } from "../fixtures/analysis/planted.ts";
import { runCli } from "../helpers/run-cli.ts";
import { DEMO_SEED, tempDir } from "../helpers/seed-files.ts";

const figures = (ties: number, local: number, segmentsWithTies: number, missing = 0) => ({
  figures: {
    localSupplyShare: local / ties,
    observedTies: ties,
    localTies: local,
    segmentsWithTies,
    gapsByKind: { missing, weak: 0, external: 0, "single-source": 0, covered: 0 },
  },
  findings: Array(20).fill({}),
});

describe("the 本地配套率 headline", () => {
  it("says 'insufficient data' from a couple of ties, with the basis", () => {
    const h = localSupplyHeadline(figures(2, 2, 2, 11));
    expect(h.share).toBeUndefined();
    expect(h.confidence).toBe("insufficient");
    expect(h.text.zh).toMatch(/^数据不足（据2条已观测供应关系，涉及2\/20个环节/);
    expect(h.text.en).toMatch(/^insufficient data \(from 2 observed supply ties/);
  });

  it("states a share with its basis, interval and confidence when there are enough ties", () => {
    const h = localSupplyHeadline(figures(40, 30, 12, 3));
    expect(h.share).toBeCloseTo(0.75);
    expect(h.interval![0]).toBeLessThan(0.75);
    expect(h.interval![1]).toBeGreaterThan(0.75);
    expect(h.confidence).not.toBe("insufficient");
    expect(h.text.zh).toMatch(
      /^75%（据40条已观测供应关系，涉及12\/20个环节，95%区间\d+%–\d+%，可信度[低中高]；另有3个缺链环节的采购未计入）$/,
    );
  });

  it("needs more than the minimum number of ties", () => {
    expect(localSupplyHeadline(figures(MIN_TIES_FOR_SHARE - 1, 5, 5)).share).toBeUndefined();
    expect(localSupplyHeadline(figures(MIN_TIES_FOR_SHARE, 5, 5)).share).toBeCloseTo(0.5);
  });

  it("gaps prints it, never a bare 100% from two ties", () => {
    const db = `${tempDir()}/atlas.db`;
    runCli(["--db", db, "import", DEMO_SEED]);
    const r = runCli(["--db", db, "gaps", "--chain", "pv"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(/本地配套率 数据不足（据\d+条已观测供应关系/);
  });
});

describe("a parent segment", () => {
  it("shows the worst kind of its sub-segments, and whether they are mixed", () => {
    // d gets two sub-segments: one with a local firm (covered), one with none (missing).
    const input = {
      ...PLANTED_INPUT,
      segments: [
        ...PLANTED_INPUT.segments,
        {
          id: "d1",
          chain: "demo",
          parent: "d",
          name: { zh: "组件边框" },
          stage: "downstream",
          keywords: [],
          codes: [],
        },
        {
          id: "d2",
          chain: "demo",
          parent: "d",
          name: { zh: "接线盒" },
          stage: "downstream",
          keywords: [],
          codes: [],
        },
      ],
      firms: PLANTED_INPUT.firms.map((f) =>
        f.id === "l2"
          ? {
              ...f,
              segments: [
                ...f.segments,
                { segment: "d1", grade: "strong", basis: "observed", confidence: 0.9, sources: ["src-demo"] },
              ],
            }
          : f,
      ),
    };
    const gaps = findGaps(buildGraph(Dataset.parse(input)), { chain: "demo" });
    const d = gaps.findings.find((f) => f.segment.id === "d")!;
    expect(d.kind).toBe("covered");
    expect(d.children).toMatchObject({ worst: "missing", mixed: true });
    expect(d.children!.counts.missing).toBe(1);
    expect(gaps.findings.find((f) => f.segment.id === "a")!.children).toBeUndefined();
  });

  it("in the shipped seed, no parent is drawn covered while a sub-segment is a gap", () => {
    const ds = loadSeed(SHIPPED_SEED);
    const g = buildGraph(ds);
    for (const chain of ds.chains.map((c) => c.id)) {
      for (const f of findGaps(g, { chain }).findings)
        if (f.children && f.children.counts.missing > 0) expect(f.children.worst).toBe("missing");
    }
  });
});
