import { describe, expect, it } from "vitest";
import { KeywordMatcher } from "../../src/analysis/matching/word-match.ts";

describe("KeywordMatcher", () => {
  const m = new KeywordMatcher();
  m.add("硅片", 1);
  m.add("电池", 2);
  m.add("玻", 3);
  m.add("光伏玻璃", 4);
  m.add("PERC", 5);
  m.add("EMS", 6);

  it("finds keywords on word boundaries", () => {
    expect(m.match("单晶硅片")).toEqual([1]);
    expect(m.match("N型PERC电池片").sort()).toEqual([2, 5]);
    expect(m.match("超白光伏玻璃")).toEqual([4]);
  });

  it("does not match inside a word", () => {
    expect(m.match("玻璃")).toEqual([]);
    expect(m.match("SUPERCELL")).toEqual([]);
  });

  it("does not find a Latin acronym inside a longer Latin word, even beside Chinese", () => {
    expect(m.match("MEMS麦克风")).toEqual([]);
    expect(m.match("储能EMS系统")).toEqual([6]);
  });
});
