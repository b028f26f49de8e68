// Files an import must refuse with a clear reason, changing nothing: empty, wrong kind, binary, truncated, too large.

import { once } from "node:events";
import { createWriteStream, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { EmbeddedStore } from "../../src/store/index.ts";
import { writeFixtures } from "../fixtures/ingest/make-fixtures.ts";
import { runCli } from "../helpers/run-cli.ts";
import { seededStore } from "./ingest-helpers.ts";

let dir: string;
let db: string;
let files: Awaited<ReturnType<typeof writeFixtures>>;
beforeAll(async () => {
  ({ dir, db } = await seededStore());
  files = await writeFixtures(dir);
});

/** Change sets recorded so far, read straight from the store file. */
async function historyLength(): Promise<number> {
  const store = new EmbeddedStore(db);
  const n = (await store.history(1000)).length;
  await store.close();
  return n;
}

async function refuses(args: string[], message: RegExp) {
  const before = await historyLength();
  const r = runCli(["--db", db, "ingest", ...args]);
  expect(r.code, r.stderr).toBe(1);
  expect(r.stdout + r.stderr).toMatch(message);
  expect(await historyLength()).toBe(before);
  return r;
}

describe("bad files give a clear error and change nothing", () => {
  it("an empty file", async () => {
    const f = join(dir, "empty.csv");
    writeFileSync(f, "");
    await refuses([f, "--as", "local-firms"], /empty\.csv.*the file is empty/);
  });

  it("a file of the wrong kind: a CSV as a firm page, a table without a firm column", async () => {
    await refuses([files.bomCsv, "--as", "firm-page"], /firm-page reads a saved web page; this file is csv/);
    const f = join(dir, "weather.csv");
    writeFileSync(f, "date,temperature,rain\n2024-01-01,3,0\n");
    await refuses([f, "--as", "candidates"], /no column names the firm.*"date".*--map/);
  });

  it("a binary file", async () => {
    const f = join(dir, "photo.csv");
    writeFileSync(f, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    await refuses([f, "--as", "local-firms"], /binary, not a table/);
  });

  it("a truncated xlsx", async () => {
    const f = join(dir, "truncated.xlsx");
    const whole = readFileSync(files.localXlsx);
    writeFileSync(f, whole.subarray(0, Math.floor(whole.length / 2)));
    await refuses([f, "--as", "local-firms"], /truncated\.xlsx.*cannot read the workbook.*truncated/);
  });

  it("a 50 MB CSV streams with a progress bar and bounded memory, then is refused whole", async () => {
    const f = join(dir, "big.csv");
    const out = createWriteStream(f);
    out.write("企业名称,所属区县,主营产品,营业收入（万元）\n");
    let bytes = 0;
    for (let i = 0; bytes < 50 * 1024 * 1024; i++) {
      const line = `嘉兴示例第${i}号制造有限公司,南湖区,"零件${i % 97}、部件${i % 13}",${(i % 5000) + 0.5}\n`;
      bytes += Buffer.byteLength(line);
      if (!out.write(line)) await once(out, "drain");
    }
    out.end();
    await once(out, "finish");
    // Peak RSS of the CLI process, printed by a preload on exit (kB).
    const preload = join(dir, "rss.mjs");
    writeFileSync(
      preload,
      [
        "process.on('exit', () =>",
        "process.stderr.write('peak-rss-kb=' + process.resourceUsage().maxRSS + '\\n'));",
      ].join(" "),
    );
    const before = await historyLength();
    const t0 = performance.now();
    const r = runCli(["--db", db, "ingest", f, "--as", "local-firms", "--year", "2024"], {
      NODE_OPTIONS: `--import=${preload}`,
    });
    const seconds = (performance.now() - t0) / 1000;
    const rssMb = Number(/peak-rss-kb=(\d+)/.exec(r.stderr)?.[1]) / 1024;
    console.log(`50 MB csv: ${seconds.toFixed(1)} s, peak RSS ${rssMb.toFixed(0)} MB`);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(
      /big\.csv: the file has about [\d,]+ lines, more than the 50,000 data rows one import takes/,
    );
    expect(r.stderr).toMatch(/\[#{30}\] 100% 50\.0\/50\.0 MB/);
    expect(r.stderr.match(/ingest .*big\.csv: \[/g)?.length).toBeGreaterThanOrEqual(5);
    expect(rssMb).toBeGreaterThan(0);
    // The CLI alone (seed loaded) takes about 210 MB; the 50,000 rows kept at most add about 100 MB.
    expect(rssMb).toBeLessThan(512);
    expect(await historyLength()).toBe(before);
  }, 120_000);
});
