// Source quality: each rule finds what it is for (and only that), and stats counts it for the bureau.
import { describe, expect, it } from "vitest";
import { datasetStats } from "../../src/analysis/summary/dataset-stats.ts";
import type { InputIssue } from "../../src/errors.ts";
import { blockedBy, normaliseUrl, WARNING_RULES } from "../../src/model/index.ts";
import { parseBlockedHosts, readBlockedHosts, readSeed } from "../../src/seed/index.ts";
import { SHIPPED_SEED } from "../../src/store/index.ts";
import { DEMO_SEED, edit, readSeedDir, type SeedFiles, writeSeedDir } from "../helpers/seed-files.ts";

const SRC = "sources/pv.yaml";
const FIRM = "firms/pv.yaml";
const CHAIN = "chains/pv.yaml";
const TIE = "ties/pv.yaml";

/** A second source on another page, cited by the local firm, so the demo has two sources to play with. */
function demo(): SeedFiles {
  const f = readSeedDir(DEMO_SEED);
  edit(
    f,
    SRC,
    /\n$/,
    '\n  - { id: src-two, title: 第二条, url: "https://example.org/news/2", read: 2026-11-30, kind: press }\n',
  );
  edit(
    f,
    FIRM,
    "    sources: [src-news]\n  - id: glass-co",
    "    sources: [src-news, src-two]\n  - id: glass-co",
  );
  return f;
}

function check(f: SeedFiles, blocked: string[] = []) {
  const parsed = readSeed(writeSeedDir(f), { blockedHosts: new Set(blocked) });
  const all: InputIssue[] = [...parsed.issues, ...parsed.warnings];
  return { ...parsed, all, of: (rule: string) => all.filter((i) => i.rule === rule) };
}

describe("source-quality rules", () => {
  it("reports a source without a kind, and not one with a kind", () => {
    const r = check(demo());
    const found = r.of("source-has-kind");
    expect(found.map((i) => i.path)).toEqual(["sources[0].kind"]);
    expect(found[0]!.file).toMatch(/sources\/pv\.yaml$/);
    expect(found[0]!.message).toContain('"src-news"');
  });

  it("reports the same page under two ids, ignoring scheme, www. and a trailing slash", () => {
    const f = demo();
    edit(f, SRC, '"https://example.org/news/2"', '"http://www.example.org/news/1/"');
    const found = check(f).of("source-urls-unique");
    expect(found).toHaveLength(1);
    expect(found[0]!.path).toBe("sources[1].url");
    expect(found[0]!.message).toContain('cite "src-news" instead');
    expect(check(demo()).of("source-urls-unique")).toEqual([]);
  });

  it("normalises addresses but keeps the query that names an article", () => {
    expect(normaliseUrl("HTTPS://WWW.Example.org/a/b/#top")).toBe("example.org/a/b");
    expect(normaliseUrl("http://example.org/show.php?id=1")).not.toBe(
      normaliseUrl("http://example.org/show.php?id=2"),
    );
  });

  it("reports a source no fact cites; a product citing it counts as a citation", () => {
    const f = demo();
    edit(f, FIRM, "sources: [src-news, src-two]", "sources: [src-news]");
    const found = check(f).of("sources-cited");
    expect(found.map((i) => i.message)).toEqual([expect.stringContaining('"src-two" that no fact cites')]);
    edit(f, FIRM, "products: [光伏组件]", "products: [{ name: 光伏组件, sources: [src-two] }]");
    expect(check(f).of("sources-cited")).toEqual([]);
  });

  it("reports a source on a blocked host or its subdomain, from the blocklist file beside the seed", () => {
    const f = demo();
    edit(f, SRC, '"https://example.org/news/2"', '"http://m.spam-farm.cn/2"');
    const found = check(f, ["spam-farm.cn"]).of("source-host-allowed");
    expect(found.map((i) => i.path)).toEqual(["sources[1].url"]);
    expect(check(f, ["other.cn"]).of("source-host-allowed")).toEqual([]);
    // Without an explicit list, readSeed reads blocked-hosts.txt from the seed directory (or its parent).
    f.set("blocked-hosts.txt", "# test\nwww.spam-farm.cn  # the www. is ignored\n");
    const parsed = readSeed(writeSeedDir(f));
    expect([...parsed.issues, ...parsed.warnings].some((i) => i.rule === "source-host-allowed")).toBe(true);
    expect(blockedBy("a.b.spam-farm.cn", parseBlockedHosts("spam-farm.cn"))).toBe("spam-farm.cn");
    expect(blockedBy("notspam-farm.cn", parseBlockedHosts("spam-farm.cn"))).toBeUndefined();
  });

  it("the shipped blocklist holds hosts and no blank or comment lines", () => {
    const hosts = readBlockedHosts(SHIPPED_SEED);
    expect(hosts.size).toBeGreaterThan(5);
    for (const h of hosts) expect(h).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
  });

  it("reports a product without a source, one citing a source the firm does not cite, and accepts inferred", () => {
    const f = demo();
    edit(
      f,
      FIRM,
      "products: [光伏玻璃, 浮法玻璃]",
      "products: [{ name: 光伏玻璃, sources: [src-news] }, 浮法玻璃]",
    );
    edit(f, FIRM, "products: [光伏组件]", "products: [{ name: 光伏组件, sources: [src-two] }]");
    expect(
      check(f)
        .of("products-have-sources")
        .map((i) => i.path),
    ).toEqual(["firms[1].products[1]"]);
    edit(f, FIRM, "浮法玻璃]", "{ name: 浮法玻璃, inferred: true, note: read off the profile }]");
    edit(f, FIRM, "sources: [src-news, src-two]", "sources: [src-news]");
    edit(f, SRC, "kind: press }", "kind: press }\n  - { id: src-three, title: 三, read: 2026-11-30 }");
    edit(f, FIRM, "sources: [src-two] }", "sources: [src-two] }, { name: 背板, sources: [src-nope] }");
    const r = check(f);
    expect(r.of("products-have-sources").map((i) => i.path)).toEqual(["firms[0].products[0].sources"]);
    expect(r.of("references-exist").map((i) => i.path)).toEqual(["firms[0].products[1].sources[0]"]);
    expect(r.issues.some((i) => i.rule === "references-exist")).toBe(true);
  });

  it("asks every chain master for its level; county and zone need the issuer; assumed needs assumed and a note", () => {
    const f = demo();
    const masters = (m: string) => {
      const g = new Map(f);
      edit(g, CHAIN, "masters: [{ firm: sun-modules, level: city, sources: [src-news] }]", `masters: [${m}]`);
      return check(g)
        .of("masters-have-level")
        .map((i) => i.path);
    };
    expect(masters("{ firm: sun-modules, note: 无级别, sources: [src-news] }")).toEqual([
      "chain.masters[0].level",
    ]);
    expect(
      masters("{ firm: sun-modules, level: city, issuer: 示例市人民政府, sources: [src-news] }"),
    ).toEqual([]);
    expect(masters("{ firm: sun-modules, level: county, sources: [src-news] }")).toEqual([
      "chain.masters[0].issuer",
    ]);
    expect(masters("{ firm: sun-modules, level: zone, issuer: 示例开发区, sources: [src-news] }")).toEqual(
      [],
    );
    expect(masters("{ firm: sun-modules, level: assumed, sources: [src-news] }")).toEqual([
      "chain.masters[0].assumed",
    ]);
    expect(masters("{ firm: sun-modules, level: city, assumed: true, note: 无来源 }")).toEqual([
      "chain.masters[0].level",
    ]);
    expect(masters("{ firm: sun-modules, level: assumed, assumed: true, note: 无来源 }")).toEqual([]);
  });

  it("asks a tie resting only on pages that cannot show supply to be inferred with confidence ≤ 0.5", () => {
    const f = demo();
    edit(
      f,
      SRC,
      "read: 2026-11-30 }\n  - { id: src-two",
      "read: 2026-11-30, supplyEvidence: false }\n  - { id: src-two",
    );
    const found = check(f).of("weak-ties-inferred");
    expect(found.map((i) => i.path)).toEqual(["ties[0].basis"]);
    edit(f, TIE, "basis: observed, confidence: 0.9", "basis: inferred, confidence: 0.7");
    expect(
      check(f)
        .of("weak-ties-inferred")
        .map((i) => i.path),
    ).toEqual(["ties[0].confidence"]);
    edit(f, TIE, "confidence: 0.7", "confidence: 0.4");
    expect(check(f).of("weak-ties-inferred")).toEqual([]);
    // A second source that can show supply lifts the tie.
    edit(
      f,
      TIE,
      "basis: inferred, confidence: 0.4, sources: [src-news]",
      "basis: observed, confidence: 0.9, sources: [src-news, src-two]",
    );
    expect(check(f).of("weak-ties-inferred")).toEqual([]);
  });

  it("keeps warnings out of the issues: a seed with only warnings still loads", () => {
    expect(WARNING_RULES.has("masters-have-level")).toBe(false);
    const r = check(demo());
    expect(r.warnings.length).toBeGreaterThan(0);
    for (const w of r.warnings) expect(WARNING_RULES.has(w.rule), w.rule).toBe(true);
    for (const i of r.issues) expect(WARNING_RULES.has(i.rule), i.rule).toBe(false);
    expect(r.dataset === undefined).toBe(r.issues.length > 0);
  });
});

describe("stats: sourceQuality, assumedByReason, mastersByLevel", () => {
  it("counts kinds, duplicates, uncited and blocked sources, and masters by level", () => {
    const f = demo();
    edit(f, SRC, '"https://example.org/news/2"', '"http://m.spam-farm.cn/2"');
    edit(
      f,
      SRC,
      "kind: press }",
      'kind: press }\n  - { id: src-copy, title: 复制, url: "https://www.example.org/news/1/", read: 2026-11-30, kind: repost }',
    );
    edit(
      f,
      CHAIN,
      "{ firm: sun-modules, level: city, sources: [src-news] }",
      "{ firm: sun-modules, level: assumed, assumed: true, note: 无来源 }",
    );
    edit(
      f,
      FIRM,
      "products: [光伏玻璃, 浮法玻璃]",
      "products: [光伏玻璃, { name: 浮法玻璃, inferred: true }]",
    );
    const { dataset } = check(f);
    expect(dataset).toBeDefined();
    const s = datasetStats(dataset!, { blockedHosts: new Set(["spam-farm.cn"]) });
    expect(s.sourceQuality).toEqual({
      byKind: { government: 0, company: 0, filing: 0, press: 1, repost: 1, unknown: 1 },
      duplicateUrls: 1,
      uncited: 1,
      blockedHosts: 1,
      repostShare: 0.333,
    });
    expect(s.mastersByLevel).toEqual({ city: 0, county: 0, zone: 0, assumed: 1, unset: 0 });
    expect(s.assumedByReason).toEqual({ "chain-master": 1 });
    expect(s.inferredProducts).toBe(1);
    expect(datasetStats(dataset!).sourceQuality.blockedHosts).toBe(0);
  });
});
