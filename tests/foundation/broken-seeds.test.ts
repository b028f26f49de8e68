// Every kind of broken seed is rejected with a message naming the file and the field, and the store stays as it was.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ValidationError } from "../../src/errors.ts";
import { loadSeed, readSeed } from "../../src/seed/index.ts";
import { EmbeddedStore } from "../../src/store/index.ts";
import {
  DEMO_SEED,
  edit,
  readSeedDir,
  type SeedFiles,
  tempDir,
  writeSeedDir,
} from "../helpers/seed-files.ts";

interface BrokenCase {
  name: string;
  mutate: (f: SeedFiles) => void;
  /** The file the message must name (relative to the seed), or undefined for seed-level problems. */
  file?: string;
  /** Text the field path or message must contain. */
  field: string;
  /** The line the message must point at, where it is known. */
  line?: number;
}

const FIRM = "firms/pv.yaml";
const CHAIN = "chains/pv.yaml";
const TIE = "ties/pv.yaml";
const SRC = "sources/pv.yaml";
const REGION = "region.yaml";

const CASES: BrokenCase[] = [
  { name: "no region.yaml", mutate: (f) => f.delete(REGION), field: "region" },
  {
    name: "malformed YAML (unclosed flow mapping)",
    mutate: (f) => edit(f, CHAIN, "stage: midstream,", "stage: { midstream,"),
    file: CHAIN,
    field: "malformed YAML",
  },
  {
    name: "malformed YAML (bad indentation)",
    mutate: (f) => edit(f, FIRM, "    products: [光伏组件]", "   products: [光伏组件]"),
    file: FIRM,
    field: "malformed YAML",
  },
  {
    name: "duplicate key in a mapping",
    mutate: (f) =>
      edit(f, FIRM, "    products: [光伏组件]", "    products: [光伏组件]\n    products: [组件]"),
    file: FIRM,
    field: "malformed YAML",
  },
  {
    name: "unknown segment in a firm link",
    mutate: (f) => edit(f, FIRM, "segment: pv-module", "segment: pv-modules"),
    file: FIRM,
    field: "firms[0].segments[0].segment",
    line: 7,
  },
  {
    name: "unknown supplier in a tie",
    mutate: (f) => edit(f, TIE, "supplier: glass-co", "supplier: glass-corp"),
    file: TIE,
    field: "ties[0].supplier",
  },
  {
    name: "unknown segment in a tie",
    mutate: (f) => edit(f, TIE, "segment: pv-glass", "segment: pv-glas"),
    file: TIE,
    field: "ties[0].segment",
  },
  {
    name: "unknown source",
    mutate: (f) => edit(f, TIE, "sources: [src-news]", "sources: [src-nope]"),
    file: TIE,
    field: "ties[0].sources[0]",
  },
  {
    name: "unknown chain-master firm",
    mutate: (f) => edit(f, CHAIN, "firm: sun-modules", "firm: moon-modules"),
    file: CHAIN,
    field: "chain.masters[0].firm",
  },
  {
    name: "unknown region of a firm",
    mutate: (f) => edit(f, FIRM, "region: demo-east", "region: demo-west"),
    file: FIRM,
    field: "firms[0].location.region",
  },
  {
    name: "unknown parent region",
    mutate: (f) => edit(f, REGION, "parent: demo-city", "parent: demo-country"),
    file: REGION,
    field: "regions[0].parent",
  },
  {
    name: "cycle in the segment tree",
    mutate: (f) => {
      edit(f, CHAIN, "stage: upstream,", "stage: upstream, parent: pv-glass2,");
      edit(
        f,
        CHAIN,
        "feeds:",
        "  - { id: pv-glass2, name: { zh: 玻璃二 }, stage: upstream, parent: pv-glass }\nfeeds:",
      );
    },
    file: CHAIN,
    field: "segments[0].parent",
  },
  {
    name: "segment is its own parent",
    mutate: (f) => edit(f, CHAIN, "stage: midstream,", "stage: midstream, parent: pv-module,"),
    file: CHAIN,
    field: "segments[1].parent",
  },
  {
    name: "segment parent in another chain",
    mutate: (f) =>
      f.set(
        "chains/other.yaml",
        "chain: { id: other, name: { zh: 其他链 } }\nsegments:\n  - { id: other-x, name: { zh: 其他 }, stage: midstream, parent: pv-module }\n",
      ),
    file: "chains/other.yaml",
    field: "segments[0].parent",
  },
  {
    name: "sub-segment in another stage than its parent",
    mutate: (f) =>
      edit(
        f,
        CHAIN,
        "feeds:",
        "  - { id: pv-frame, name: { zh: 边框 }, stage: upstream, parent: pv-module }\nfeeds:",
      ),
    file: CHAIN,
    field: "segments[2].stage",
  },
  {
    name: "FEEDS from downstream to upstream",
    mutate: (f) => edit(f, CHAIN, "{ from: pv-glass, to: pv-module }", "{ from: pv-module, to: pv-glass }"),
    file: CHAIN,
    field: "feeds[0]",
  },
  {
    name: "duplicate feed",
    mutate: (f) =>
      edit(
        f,
        CHAIN,
        "  - { from: pv-glass, to: pv-module }",
        "  - { from: pv-glass, to: pv-module }\n  - { from: pv-glass, to: pv-module }",
      ),
    file: CHAIN,
    field: "feeds[1]",
  },
  {
    name: "wrong stage enum",
    mutate: (f) => edit(f, CHAIN, "stage: upstream", "stage: up"),
    file: CHAIN,
    field: "segments[0].stage",
    line: 6,
  },
  {
    name: "wrong evidence grade enum",
    mutate: (f) => edit(f, FIRM, "grade: strong", "grade: certain"),
    file: FIRM,
    field: "firms[0].segments[0].grade",
  },
  {
    name: "wrong basis enum",
    mutate: (f) => edit(f, TIE, "basis: observed", "basis: rumoured"),
    file: TIE,
    field: "ties[0].basis",
  },
  {
    name: "wrong list name",
    mutate: (f) => edit(f, FIRM, "list: listed", "list: fortune-500"),
    file: FIRM,
    field: "firms[1].tags[0].list",
  },
  {
    name: "list tag without year or batch",
    mutate: (f) => edit(f, FIRM, 'list: listed, code: "000000.SZ"', "list: little-giant"),
    file: FIRM,
    field: "firms[1].tags[0].year",
  },
  {
    name: "duplicate firm id",
    mutate: (f) => edit(f, FIRM, "id: glass-co", "id: sun-modules"),
    file: FIRM,
    field: "firms[1].id",
  },
  {
    name: "duplicate segment id across files",
    mutate: (f) =>
      f.set(
        "chains/z-other.yaml",
        "chain: { id: other, name: { zh: 其他链 } }\nsegments:\n  - { id: pv-glass, name: { zh: 玻璃 }, stage: upstream }\n",
      ),
    file: "chains/z-other.yaml",
    field: "segments[0].id",
  },
  {
    name: "empty Chinese name",
    mutate: (f) => edit(f, FIRM, "zh: 示例组件有限公司", 'zh: ""'),
    file: FIRM,
    field: "firms[0].name.zh",
  },
  {
    name: "blank chain name",
    mutate: (f) => edit(f, CHAIN, "zh: 光伏新能源产业链", 'zh: "   "'),
    file: CHAIN,
    field: "chain.name.zh",
  },
  {
    name: "firm without a source",
    mutate: (f) => edit(f, FIRM, /\n {4}sources: \[src-news\]\n {2}- id: glass-co/, "\n  - id: glass-co"),
    file: FIRM,
    field: "firms[0].sources",
  },
  {
    name: "segment link without a source",
    mutate: (f) => edit(f, FIRM, "confidence: 0.9, sources: [src-news] }", "confidence: 0.9 }"),
    file: FIRM,
    field: "firms[0].segments[0].sources",
  },
  {
    name: "supply tie without a source",
    mutate: (f) => edit(f, TIE, "sources: [src-news]", "sources: []"),
    file: TIE,
    field: "ties[0].sources",
  },
  {
    name: "assumed fact without a note",
    mutate: (f) => edit(f, TIE, "sources: [src-news]", "assumed: true"),
    file: TIE,
    field: "ties[0].note",
  },
  {
    name: "file in GBK, not UTF-8",
    mutate: (f) =>
      f.set(FIRM, Buffer.from([0x66, 0x69, 0x72, 0x6d, 0x73, 0x3a, 0x0a, 0xb9, 0xe2, 0xb7, 0xfc])),
    file: FIRM,
    field: "not UTF-8",
  },
  {
    name: "file in UTF-16",
    mutate: (f) =>
      f.set(TIE, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("ties: []\n", "utf16le")])),
    file: TIE,
    field: "UTF-16",
  },
  {
    name: "industry code with a letter",
    mutate: (f) => edit(f, CHAIN, 'codes: ["3825"]', 'codes: ["38A5"]'),
    file: CHAIN,
    field: "segments[1].codes[0]",
  },
  {
    name: "industry code of no division",
    mutate: (f) => edit(f, CHAIN, 'codes: ["3825"]', 'codes: ["9900"]'),
    file: CHAIN,
    field: "segments[1].codes[0]",
  },
  {
    name: "confidence above 1",
    mutate: (f) => edit(f, TIE, "confidence: 0.9", "confidence: 1.5"),
    file: TIE,
    field: "ties[0].confidence",
  },
  {
    name: "confidence not a number",
    mutate: (f) => edit(f, TIE, "confidence: 0.9", "confidence: high"),
    file: TIE,
    field: "ties[0].confidence",
  },
  {
    name: "impossible date",
    mutate: (f) => edit(f, SRC, "published: 2024-05-01", "published: 2024-13-01"),
    file: SRC,
    field: "sources[0].published",
  },
  {
    name: "source address not a URL",
    mutate: (f) => edit(f, SRC, 'url: "https://example.org/news/1"', "url: example news"),
    file: SRC,
    field: "sources[0].url",
  },
  {
    name: "country not an ISO code",
    mutate: (f) => edit(f, FIRM, "country: CN, province: 安徽省", "country: China, province: 安徽省"),
    file: FIRM,
    field: "firms[1].location.country",
  },
  {
    name: "malformed credit code",
    mutate: (f) =>
      edit(
        f,
        FIRM,
        "name: { zh: 外地玻璃股份有限公司 }",
        "name: { zh: 外地玻璃股份有限公司 }\n    creditCode: 12345",
      ),
    file: FIRM,
    field: "firms[1].creditCode",
  },
  {
    name: "unknown key in a firm",
    mutate: (f) => edit(f, FIRM, "    products: [光伏组件]", "    prodcts: [光伏组件]"),
    file: FIRM,
    field: "firms[0]",
  },
  { name: "unknown top-level key", mutate: (f) => edit(f, TIE, "ties:", "tie:"), file: TIE, field: "tie" },
  {
    name: "segments outside a chain file",
    mutate: (f) =>
      f.set("firms/extra.yaml", "segments:\n  - { id: pv-extra, name: { zh: 额外 }, stage: upstream }\n"),
    file: "firms/extra.yaml",
    field: "segments",
  },
  {
    name: "a firm supplying itself",
    mutate: (f) => edit(f, TIE, "customer: sun-modules", "customer: glass-co"),
    file: TIE,
    field: "ties[0].customer",
  },
  {
    name: "a second region",
    mutate: (f) =>
      f.set(
        "zz/region.yaml",
        "region: { id: other-city, name: { zh: 他市 }, province: 浙江省, country: CN }\n",
      ),
    file: "zz/region.yaml",
    field: "region",
  },
  {
    name: "an empty file",
    mutate: (f) => f.set("firms/empty.yaml", ""),
    file: "firms/empty.yaml",
    field: "empty file",
  },
  {
    name: "a list instead of a mapping",
    mutate: (f) => f.set("firms/list.yaml", "- id: x\n"),
    file: "firms/list.yaml",
    field: "a list",
  },
  {
    name: "required field missing (tie product)",
    mutate: (f) => edit(f, TIE, "product: 光伏玻璃, ", ""),
    file: TIE,
    field: "ties[0].product",
  },
  {
    name: "id that is not a slug",
    mutate: (f) => edit(f, FIRM, "id: glass-co", "id: Glass Co"),
    file: FIRM,
    field: "firms[1].id",
  },
];

describe("broken seeds", () => {
  let store: EmbeddedStore;
  let before: string;
  beforeAll(async () => {
    store = new EmbeddedStore(`${tempDir()}/atlas.db`);
    await store.replaceDataset(loadSeed(DEMO_SEED), { who: "test", why: "baseline" });
    before = JSON.stringify(await store.loadDataset());
  });
  afterAll(() => store.close());

  it("start from a demo seed that is valid", () => {
    expect(readSeed(DEMO_SEED).issues).toEqual([]);
  });

  it("cover at least 30 distinct cases", () => {
    expect(new Set(CASES.map((c) => c.name)).size).toBeGreaterThanOrEqual(30);
  });

  it.each(CASES)("reject: $name", async (c) => {
    const files = readSeedDir(DEMO_SEED);
    c.mutate(files);
    const dir = writeSeedDir(files);
    const { dataset, issues } = readSeed(dir);
    expect(dataset).toBeUndefined();
    expect(issues.length).toBeGreaterThan(0);
    const hit = issues.find(
      (i) =>
        (c.file === undefined || i.file === `${dir}/${c.file}`) && `${i.path} ${i.message}`.includes(c.field),
    );
    expect(
      hit,
      `no issue names ${c.file}/${c.field}; got:\n${issues.map((i) => `${i.file}:${i.line} ${i.path}: ${i.message}`).join("\n")}`,
    ).toBeDefined();
    if (c.line !== undefined) expect(hit?.line).toBe(c.line);
    expect(hit?.message).toMatch(/expected/);

    // An import of the broken seed throws before writing, and the store is exactly as it was.
    await expect(async () =>
      store.replaceDataset(loadSeed(dir), { who: "test", why: "broken" }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(JSON.stringify(await store.loadDataset())).toBe(before);
    expect((await store.history()).length).toBe(1);
  });

  it("report every problem of a run, not just the first", () => {
    const files = readSeedDir(DEMO_SEED);
    edit(files, TIE, "basis: observed", "basis: rumoured");
    edit(files, FIRM, "segment: pv-module", "segment: pv-modules");
    edit(files, CHAIN, "stage: upstream", "stage: up");
    const { issues } = readSeed(writeSeedDir(files));
    expect(issues.map((i) => i.path).sort()).toEqual([
      "firms[0].segments[0].segment",
      "segments[0].stage",
      "ties[0].basis",
    ]);
  });

  it("do not report references to an entity that is itself broken", () => {
    const files = readSeedDir(DEMO_SEED);
    edit(
      files,
      FIRM,
      "grade: strong, basis: observed, confidence: 0.9, sources: [src-news] }\n    sources: [src-news]\n  - id: glass-co",
      "grade: strong, basis: observed, confidence: 0.9, sources: [src-news] }\n    sources: [src-news]\n  - id: glass-co\n    employees: many",
    );
    const { issues } = readSeed(writeSeedDir(files));
    expect(issues.map((i) => i.path)).toEqual(["firms[1].employees"]);
  });
});

describe("feeds across chains", () => {
  it("may run from one chain's downstream to another chain's upstream (PV power → electrolysers)", () => {
    const files = readSeedDir(DEMO_SEED);
    files.set(
      "chains/h2.yaml",
      "chain: { id: h2, name: { zh: 氢能产业链 } }\nsegments:\n  - { id: h2-electrolyser, name: { zh: 电解槽 }, stage: upstream }\n  - { id: pv-power, name: { zh: 光伏发电 }, stage: downstream }\nfeeds:\n  - { from: pv-module, to: h2-electrolyser }\n",
    );
    expect(readSeed(writeSeedDir(files)).issues).toEqual([]);
  });
});
