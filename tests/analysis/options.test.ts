import { describe, expect, it } from "vitest";
import { backtest } from "../../src/analysis/evaluation/backtest.ts";
import { findGaps } from "../../src/analysis/gaps/find-gaps.ts";
import { whatIf } from "../../src/analysis/gaps/what-if.ts";
import { pickPortfolio } from "../../src/analysis/targets/portfolio.ts";
import { rankTargets } from "../../src/analysis/targets/rank-targets.ts";
import { NotFoundError, OptionError } from "../../src/errors.ts";
import { plantedDataset, plantedGraph } from "../fixtures/analysis/planted.ts";

const rejects = (f: () => unknown, message: RegExp, kind: typeof OptionError = OptionError) => {
  expect(f).toThrow(kind);
  expect(f).toThrow(message);
};

describe("bad options are rejected with a clear message", () => {
  const g = plantedGraph();
  it("an unknown chain names the known ones", () => {
    rejects(
      () => findGaps(g, { chain: "nope" }),
      /--chain: unknown chain "nope"; expected one of: demo/,
      NotFoundError,
    );
    rejects(() => rankTargets(g, { chain: "nope" }), /unknown chain "nope"/, NotFoundError);
  });
  it("a negative or fractional k or top", () => {
    rejects(() => pickPortfolio(g, { chain: "demo", k: -3 }), /--k: expected a whole number ≥ 1 \(got -3\)/);
    rejects(() => pickPortfolio(g, { chain: "demo", k: "2.5" }), /--k/);
    rejects(() => rankTargets(g, { chain: "demo", top: "0" }), /--top/);
  });
  it("an unknown list tag or a malformed country", () => {
    rejects(
      () => rankTargets(g, { chain: "demo", tag: "fortune-500" }),
      /--tag: .*expected one of .*fortune-global-500.*\(got "fortune-500"\)/,
    );
    rejects(() => rankTargets(g, { chain: "demo", country: "China" }), /--country/);
  });
  it("weights that do not parse, are negative, unknown or all zero", () => {
    rejects(
      () => rankTargets(g, { chain: "demo", weights: "tier=abc" }),
      /--weights tier: expected a number/,
    );
    rejects(
      () => rankTargets(g, { chain: "demo", weights: "tier=-1" }),
      /--weights tier: expected a weight ≥ 0/,
    );
    rejects(
      () => rankTargets(g, { chain: "demo", weights: "speed=1" }),
      /--weights: found unknown key "speed"/,
    );
    rejects(
      () => rankTargets(g, { chain: "demo", weights: "gapFit=0,tier=0,masterTies=0,relatedness=0" }),
      /at least one positive weight/,
    );
  });
  it("a segment outside the chain, an unknown firm or region", () => {
    rejects(
      () => rankTargets(g, { chain: "demo", gap: "zz" }),
      /--segment: unknown segment "zz" in chain "demo"/,
      NotFoundError,
    );
    rejects(
      () => whatIf(g, { firm: "nobody", segment: "b" }),
      /--firm: unknown firm "nobody"/,
      NotFoundError,
    );
    rejects(
      () => whatIf(g, { firm: "e1", segment: "b", region: "mars" }),
      /--region: unknown region "mars"/,
      NotFoundError,
    );
  });
  it("unknown option names (the same schema will serve the web API)", () => {
    rejects(() => rankTargets(g, { chain: "demo", colour: "red" } as never), /unknown option --colour/);
    rejects(() => backtest(plantedDataset(), { randomRuns: 0 }), /--randomRuns/);
  });
});
