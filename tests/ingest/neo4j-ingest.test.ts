// Imports on Neo4j (npm run neo4j:start): every kind of file, the review queue and its decisions answer as on the
// embedded store and leave the same dataset, without reading the province whole; the CLI's --store imports too.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestFile } from "../../src/ingest/ingest-file.ts";
import { decideReview } from "../../src/ingest/review-decision.ts";
import { loadSeed } from "../../src/seed/index.ts";
import { SHIPPED_SEED, type Store } from "../../src/store/index.ts";
import { writeFixtures } from "../fixtures/ingest/make-fixtures.ts";
import { runCli } from "../helpers/run-cli.ts";
import {
  connectTestNeo4j,
  emptyTestNeo4j,
  lockTestNeo4j,
  NEO4J_TEST_ENV,
  NEO4J_TEST_URL,
} from "../store/neo4j-test-server.ts";
import { FORTUNE_2022_2024, seededStore, tempDir } from "./ingest-helpers.ts";

let release: (() => void) | undefined;
beforeAll(async () => {
  release = await lockTestNeo4j();
}, 900_000);
afterAll(() => release?.());

/** `store` counting its whole reads (loadDataset of every kind): an import on Neo4j must make none. */
function counting(store: Store): { store: Store; whole: () => number } {
  let whole = 0;
  const wrapped = new Proxy(store, {
    get(target, key, receiver) {
      if (key === "loadDataset")
        return (opts?: { omit?: ReadonlyArray<string> }) => {
          if (!opts?.omit?.includes("firms")) whole++;
          return target.loadDataset(opts as never);
        };
      const v = Reflect.get(target, key, receiver);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
  return { store: wrapped, whole: () => whole };
}

/** The review queue without the times its questions were asked and decided. */ const items = async (
  s: Store,
) => (await s.reviewItems()).map(({ at: _a, decidedAt: _d, ...i }) => i);

describe("imports on Neo4j", () => {
  it("answer and write as on the embedded store, file after file, with the review queue and its decisions", async () => {
    const dir = tempDir("neo4j-ingest-");
    const files = await writeFixtures(dir);
    const survey = join(dir, "survey.csv");
    writeFileSync(
      survey,
      "供应商名称,采购方,采购产品,采购占比,所属区县\n嘉兴示例化纤设备有限公司,桐昆集团股份有限公司,卷绕头,30%,桐乡市\n嘉兴示例辅料有限公司,不存在的链主公司,油剂,,南湖区\n",
    );
    const near = join(dir, "near.csv");
    writeFileSync(
      near,
      "企业名称,所属区县,主营产品\n福莱特光伏有限公司,秀洲区,光伏玻璃\n嘉兴斯达半导体科技有限公司,南湖区,IGBT模块\n",
    );
    const { store: embedded } = await seededStore();
    const neo = await emptyTestNeo4j();
    await neo.replaceDataset(loadSeed(SHIPPED_SEED), { who: "test", why: "seed" });
    expect(await neo.loadDataset()).toEqual(await embedded.loadDataset());
    const { store: n4, whole } = counting(neo);
    try {
      const steps: Array<[string, Record<string, unknown>]> = [
        [files.gbkList, { as: "local-firms", list: "little-giant", batch: "5" }],
        [files.localXlsx, { as: "local-firms", year: 2023, dryRun: true }],
        [files.localXlsx, { as: "local-firms", year: 2023 }],
        [files.localXlsx, { as: "local-firms", year: 2023 }],
        [files.profile, { as: "firm-page" }],
        [files.scripted, { as: "local-firms" }],
        [files.utf16Csv, { as: "local-firms" }],
        [survey, { as: "supply-survey" }],
        [survey, { as: "supply-survey" }],
        [near, { as: "local-firms" }],
        [FORTUNE_2022_2024, { as: "candidates", list: "fortune-global-500", year: 2024 }],
      ];
      let changed = 0;
      let queued = 0;
      for (const [file, opts] of steps) {
        const o = { who: "t", why: "test", ...opts };
        const want = await ingestFile(embedded, file, o);
        const got = await ingestFile(n4, file, o);
        expect(got, `${file} ${JSON.stringify(opts)}`).toEqual(want);
        expect(await neo.loadDataset(), file).toEqual(await embedded.loadDataset());
        if (want.changeId !== undefined) changed++;
        queued += want.queued.length;
      }
      expect(changed).toBeGreaterThanOrEqual(6);
      expect(queued).toBeGreaterThan(10);
      expect(await items(neo)).toEqual(await items(embedded));
      // Decisions: accept the first question, reject the rest of the first ten.
      const pending = (await embedded.reviewItems("pending")).slice(0, 10);
      expect(pending.length).toBeGreaterThan(2);
      for (const [i, item] of pending.entries()) {
        const decision = i === 0 ? "accept" : "reject";
        const want = await decideReview(embedded, item.id, decision, { who: "ed" });
        const got = await decideReview(n4, item.id, decision, { who: "ed" });
        expect(got, `review ${item.id}`).toEqual(want);
      }
      await expect(decideReview(n4, pending[0]!.id, "reject", { who: "ed" })).rejects.toThrow(
        /already accepted/,
      );
      expect(await neo.loadDataset()).toEqual(await embedded.loadDataset());
      expect(await items(neo)).toEqual(await items(embedded));
      // The same history after the seed (each store's seed was written by another hand).
      const changes = async (st: Store) =>
        (await st.history())
          .slice(0, -1)
          .map((h) => [h.id, h.op, h.who, h.why, h.added, h.changed, h.removed]);
      expect(await changes(neo)).toEqual(await changes(embedded));
      expect((await changes(neo)).length).toBeGreaterThanOrEqual(changed);
      // Not one whole read of the store on the way.
      expect(whole()).toBe(0);

      // An import that cannot apply (a --source the store has not) changes nothing on either.
      const before = await neo.history();
      await expect(ingestFile(n4, near, { as: "local-firms", source: "no-such-source" })).rejects.toThrow(
        /no such source/,
      );
      expect(await neo.history()).toEqual(before);
    } finally {
      await embedded.close();
      await neo.close();
    }
  }, 600_000);

  it("through the CLI's --store: an import, its review list and a decision", async () => {
    const neo = await emptyTestNeo4j();
    await neo.replaceDataset(loadSeed(SHIPPED_SEED), { who: "test", why: "seed" });
    await neo.close();
    const dir = tempDir("neo4j-ingest-cli-");
    const near = join(dir, "near.csv");
    writeFileSync(
      near,
      "企业名称,所属区县,主营产品\n福莱特光伏有限公司,秀洲区,光伏玻璃\n嘉兴示例全新企业有限公司,南湖区,玻纤纱\n",
    );
    const cli = (...args: string[]) => runCli(["--store", NEO4J_TEST_URL, "--json", ...args], NEO4J_TEST_ENV);
    const r = cli("ingest", near, "--as", "local-firms", "--who", "cli");
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout);
    expect(out.added.map((a: { name: string }) => a.name)).toEqual(["嘉兴示例全新企业有限公司"]);
    expect(out.queued).toEqual([
      expect.objectContaining({ candidate: { id: "flat-glass", name: expect.any(String) }, review: 1 }),
    ]);
    expect(out.changeId).toEqual(expect.any(Number));
    const list = JSON.parse(cli("review", "list").stdout);
    expect(list).toEqual([expect.objectContaining({ id: 1, candidate: "flat-glass", status: "pending" })]);
    const decided = JSON.parse(cli("review", "accept", "1", "--who", "cli").stdout);
    expect(decided).toMatchObject({ decision: "accepted", firm: "flat-glass", changeId: expect.any(Number) });
    const check = await connectTestNeo4j();
    try {
      const glass = (await check.readPlaced!("firms", ["flat-glass"]))[0]!.entity as {
        name: { aliases: string[] };
      };
      expect(glass.name.aliases).toContain("福莱特光伏有限公司");
      expect(await check.reviewItems("pending")).toEqual([]);
    } finally {
      await check.close();
    }
  }, 300_000);
});
