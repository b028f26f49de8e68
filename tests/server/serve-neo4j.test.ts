// `serve` on the Neo4j store (npm run neo4j:start): the same answers as the server on the embedded store, and an
// editor's write lands in Neo4j whole (read back through a fresh connection) and changes the gap finding.
// Fails, never skips, when the test Neo4j is not running.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isLocalFirm } from "../../src/model/index.ts";
import { Project } from "../../src/model/project.ts";
import { loadSeed } from "../../src/seed/index.ts";
import { type RunningServer, serve } from "../../src/server/serve.ts";
import { EmbeddedStore, SHIPPED_SEED } from "../../src/store/index.ts";
import { runCli } from "../helpers/run-cli.ts";
import {
  connectTestNeo4j,
  emptyTestNeo4j,
  lockTestNeo4j,
  NEO4J_TEST_ENV,
  NEO4J_TEST_URL,
  NEO4J_TEST_URL_WITH_CREDENTIALS,
} from "../store/neo4j-test-server.ts";
import { json, PASSWORD, startTestServer, type TestServer } from "./test-server.ts";

let release: (() => void) | undefined;
let embedded: TestServer;
let served: RunningServer;
let dir: string;
let editor: string;

const call = (path: string, init: RequestInit = {}) => {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${editor}`);
  if (typeof init.body === "string") headers.set("content-type", "application/json");
  return fetch(served.url + path, { ...init, headers });
};

/** A server on the test Neo4j with its accounts in `accounts` under the test's folder. */
const serveNeo4j = (accounts: string) =>
  serve({
    db: join(dir, accounts),
    // The credentials in the address (neo4j://user:password@host:port), as a user may give them.
    store: NEO4J_TEST_URL_WITH_CREDENTIALS,
    port: 0,
    logLevel: "silent",
    loginLimit: { max: 1000, windowMs: 60_000 },
    webDist: join(dir, "no-web"),
    announce: () => undefined,
  });

beforeAll(async () => {
  release = await lockTestNeo4j();
  (await emptyTestNeo4j()).close();
  embedded = await startTestServer();
  dir = mkdtempSync(join(tmpdir(), "atlas-serve-neo4j-"));
  served = await serveNeo4j("accounts.db");
  await served.state.accounts.users.add({ username: "ed", password: PASSWORD, role: "editor" });
  editor = served.state.accounts.tokens.create("ed", "test").token;
}, 900_000);

afterAll(async () => {
  await served?.close();
  await embedded?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  release?.();
});

describe("serve --store neo4j://…", () => {
  it("fills an empty Neo4j from the shipped seed and answers as the embedded server: chains, and each chain's gaps, targets, exports, portfolio, what-if, fishbone and report", {
    timeout: 300_000,
  }, async () => {
    const health = await json(await call("/api/health"));
    expect(health.store).toBe("neo4j");
    const chains = await (await call("/api/chains?limit=1000")).text();
    expect(chains).toBe(await (await embedded.call("/api/chains?limit=1000")).text());
    const ids = (JSON.parse(chains).items as Array<{ id: string }>).map((c) => c.id);
    expect(ids.length).toBe(loadSeed(SHIPPED_SEED).chains.length);
    // The chains' summary and the counts, streamed from Neo4j: the same as from the embedded store's whole graph.
    for (const what of ["/api/chains/summary", "/api/stats", "/api/gaps/summary", "/api/regions/summary"]) {
      const a = await call(what);
      expect(a.status, what).toBe(200);
      expect(await a.text(), what).toBe(await (await embedded.call(what)).text());
    }
    // Each chain's answers come from its subgraph on Neo4j (as the CLI reads it), from the whole graph on the
    // embedded store: the same bytes, for the options and exports a user asks for.
    expect(served.state.readsByChain).toBe(true);
    const ds = loadSeed(SHIPPED_SEED);
    const outside = ds.firms.find((f) => !isLocalFirm(f) && f.segments.length > 0)!.id;
    for (const id of ids)
      for (const what of [
        "gaps",
        "gaps?externalBelow=0.5",
        "targets?top=50",
        "targets?top=10&tag=fortune-global-500,china-500",
        "targets?top=5&country=CN&aim=fill",
        "targets.csv?top=30",
        "portfolio?k=5",
        "fishbone.svg?date=2026-12-01",
        "fishbone.svg?date=2026-12-01&lang=en&gaps=false",
        "report.html?date=2026-12-01",
        "graph",
        `whatif?firm=${outside}&segment=${ds.segments.find((s) => s.chain === id)!.id}`,
      ]) {
        const [a, b] = [
          await call(`/api/chains/${id}/${what}`),
          await embedded.call(`/api/chains/${id}/${what}`),
        ];
        expect(a.status, `${id} ${what}`).toBe(200);
        expect(await a.text(), `${id} ${what}`).toBe(await b.text());
      }
    // Unknown chains, segments and firms: the same status and message.
    for (const what of [
      "no-such-chain/gaps",
      "no-such-chain/targets",
      `${ids[0]}/whatif?firm=no-such-firm&segment=${ds.segments.find((s) => s.chain === ids[0])!.id}`,
      `${ids[0]}/whatif?firm=${outside}&segment=no-such-segment`,
      `${ids[0]}/targets?top=-1`,
    ]) {
      const [a, b] = [await call(`/api/chains/${what}`), await embedded.call(`/api/chains/${what}`)];
      expect(a.status, what).toBeGreaterThanOrEqual(400);
      expect([a.status, (await json(a)).error], what).toEqual([b.status, (await json(b)).error]);
    }
    // The map's lists and entities: the long ones streamed from Neo4j a page held at a time, the others from its
    // skeleton; the same pages, entities and versions (ETag) as the embedded server's, and the same 404s.
    const tie = ds.ties[ds.ties.length - 1]!.id;
    for (const what of [
      "firms?limit=20",
      // Unfiltered, in list order: one page the store reads by its order (the edit page's pick lists).
      "firms?limit=1000",
      "firms?limit=30&offset=440",
      "ties?limit=25&offset=100",
      "sources?limit=1000",
      "firms?chain=pv&sort=-name.zh&limit=7&offset=3",
      "firms?local=false&tag=fortune-global-500&sort=location.country",
      "firms?q=光伏&limit=10",
      "firms?region=haining&local=true&limit=100",
      "ties?chain=pv&limit=30&offset=10",
      "sources?sort=-published&limit=5",
      "segments?chain=pv&limit=500",
      "regions?limit=200",
      "chains?limit=1000&sort=-id",
      "feeds?chain=ic",
      `firms/${outside}`,
      `ties/${tie}`,
      `sources/${ds.sources[3]!.id}`,
      `segments/${ds.segments[5]!.id}`,
      "firms/no-such-firm",
      "ties/no-such-tie",
      "segments/no-such-segment",
    ]) {
      const [a, b] = [await call(`/api/${what}`), await embedded.call(`/api/${what}`)];
      expect(a.status, what).toBe(b.status);
      expect(a.headers.get("etag"), what).toBe(b.headers.get("etag"));
      expect(await a.text(), what).toBe(await b.text());
    }
  });

  it("answers the chains' summary, the gap summary and one chain's gaps, targets, portfolio, what-if, fishbone and report without reading the whole dataset", {
    timeout: 300_000,
  }, async () => {
    const fresh = await serveNeo4j("accounts-2.db");
    try {
      await fresh.state.accounts.users.add({ username: "ro", password: PASSWORD, role: "investor" });
      const token = fresh.state.accounts.tokens.create("ro", "test").token;
      const ds = loadSeed(SHIPPED_SEED);
      const chain = ds.chains[0]!.id;
      const seg = ds.segments.find((s) => s.chain === chain)!.id;
      const firm = ds.firms.find((f) => !isLocalFirm(f))!.id;
      // The web app's first call after signing in: the chains, streamed.
      const summary = await fetch(`${fresh.url}/api/chains/summary`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(summary.status).toBe(200);
      // The dashboard's: every chain's gap figures, read chain by chain.
      const gapSummary = await fetch(`${fresh.url}/api/gaps/summary`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(gapSummary.status).toBe(200);
      expect(((await gapSummary.json()) as { items: unknown[] }).items).toHaveLength(ds.chains.length);
      expect(fresh.state.wholeReads).toBe(0);
      // The map's lists and one entity of each long list: streamed, read by id, or from the skeleton.
      for (const what of [
        "firms?limit=50&sort=name.zh",
        "ties?chain=pv",
        "sources?limit=10",
        "segments?chain=pv&limit=500",
        "regions?limit=200",
        "chains/pv/graph",
        "chains/pv/report/comments",
        "projects",
        "progress?year=2026",
        `firms/${firm}`,
        `ties/${ds.ties[0]!.id}`,
        `sources/${ds.sources[0]!.id}`,
        `chains/${chain}`,
      ]) {
        const r = await fetch(`${fresh.url}/api/${what}`, { headers: { authorization: `Bearer ${token}` } });
        expect(r.status, what).toBe(200);
        expect(fresh.state.wholeReads, what).toBe(0);
      }
      for (const what of [
        "gaps",
        "targets?top=20",
        "targets.xlsx",
        "portfolio",
        "fishbone.svg",
        "report.html",
        "report.docx",
        `whatif?firm=${firm}&segment=${seg}`,
      ]) {
        const r = await fetch(`${fresh.url}/api/chains/${chain}/${what}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(r.status, what).toBe(200);
        expect(fresh.state.wholeReads, what).toBe(0);
      }
      // The city map's regions: firms streamed past once, the gaps chain by chain.
      const regions = await fetch(`${fresh.url}/api/regions/summary`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(regions.status).toBe(200);
      expect(fresh.state.wholeReads).toBe(0);
      // The whole map: every chain's segments, coloured by their gaps, and the chain masters; no firm list read.
      const all = await fetch(`${fresh.url}/api/graph`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(all.status).toBe(200);
      expect(fresh.state.wholeReads).toBe(0);
      type Node = { key: string; kind: string; status?: string };
      const map = (await all.json()) as { nodes: Node[]; edges: Array<{ kind: string }>; scope?: string };
      expect(map.scope).toBe("segments-and-masters");
      const masters = new Set(ds.chains.flatMap((c) => c.masters.map((m) => `firm:${m.firm}`)));
      expect(masters.size).toBeGreaterThan(0);
      expect(new Set(map.nodes.filter((n) => n.kind === "firm").map((n) => n.key))).toEqual(masters);
      expect(map.nodes.filter((n) => n.kind === "segment")).toHaveLength(ds.segments.length);
      expect(map.edges.some((e) => e.kind === "FEEDS")).toBe(true);
      // Each segment's colour is its gap on the embedded server's whole map.
      const whole = (await json(await embedded.call("/api/graph"))) as { nodes: Node[] };
      const statusOf = (nodes: Node[]) =>
        Object.fromEntries(nodes.filter((n) => n.kind === "segment").map((n) => [n.key, n.status]));
      expect(statusOf(map.nodes)).toEqual(statusOf(whole.nodes));
    } finally {
      await fresh.close();
    }
  });

  it("writes an editor's supply tie into Neo4j, and the gap finding of its segment changes", {
    timeout: 300_000,
  }, async () => {
    const ds = loadSeed(SHIPPED_SEED);
    const chain = ds.chains[0]!.id;
    const segment = ds.segments.find((s) => s.chain === chain)!.id;
    const customer = ds.firms.find((f) => isLocalFirm(f))!;
    const supplier = ds.firms.find((f) => f.id !== customer.id)!;
    const finding = async () =>
      (await json(await call(`/api/chains/${chain}/gaps`))).findings.find(
        (f: { segment: { id: string } }) => f.segment.id === segment,
      );
    const before = await finding();
    expect(before).toBeDefined();
    const tie = {
      id: "serve-neo4j-test-tie",
      supplier: supplier.id,
      customer: customer.id,
      product: "test product",
      segment,
      basis: "inferred",
      confidence: 0.3,
      assumed: true,
      note: "a test tie made by the serve-neo4j test (throwaway Neo4j only)",
    };
    const r = await call("/api/ties", {
      method: "POST",
      body: JSON.stringify({ ...tie, _why: "test: a tie" }),
    });
    expect(r.status, await r.clone().text()).toBe(201);
    const etag = r.headers.get("etag")!;

    // In Neo4j, as a fresh connection reads it, with who, why and the API's operation in its history.
    const fresh = await connectTestNeo4j();
    try {
      const stored = (await fresh.loadDataset()).ties.find((t) => t.id === tie.id);
      expect(stored).toMatchObject({ supplier: supplier.id, customer: customer.id, segment });
      expect((await fresh.history(1))[0]).toMatchObject({
        who: "ed",
        why: "test: a tie",
        op: "api create ties",
      });
    } finally {
      await fresh.close();
    }
    const after = await finding();
    expect(after.ties).toBe(before.ties + 1);
    expect(JSON.stringify(after)).not.toBe(JSON.stringify(before));

    // A stale write (an old ETag) is refused whole: Neo4j keeps the tie as it was and records nothing.
    const last = (await json(await call("/api/history?limit=1"))).items[0].id;
    const ok = await call(`/api/ties/${tie.id}`, {
      method: "PUT",
      headers: { "if-match": etag },
      body: JSON.stringify({ ...tie, confidence: 0.4 }),
    });
    expect(ok.status).toBe(200);
    const stale = await call(`/api/ties/${tie.id}`, {
      method: "PUT",
      headers: { "if-match": etag },
      body: JSON.stringify({ ...tie, confidence: 0.2 }),
    });
    expect(stale.status).toBe(409);
    // Who changed it, as Neo4j's history records it (not the accounts file's).
    expect(((await stale.json()) as { error: { changedBy: { who: string } } }).error.changedBy.who).toBe(
      "ed",
    );
    const again = await connectTestNeo4j();
    try {
      expect((await again.loadDataset()).ties.find((t) => t.id === tie.id)?.confidence).toBe(0.4);
      expect((await again.history(1))[0]!.id).toBe(last + 1);
    } finally {
      await again.close();
    }
  });

  it("checks and applies an editor's writes as the embedded server does, without reading the whole dataset", {
    timeout: 300_000,
  }, async () => {
    const fresh = await serveNeo4j("accounts-3.db");
    try {
      await fresh.state.accounts.users.add({ username: "ed", password: PASSWORD, role: "editor" });
      const token = fresh.state.accounts.tokens.create("ed", "test").token;
      const onNeo4j = (path: string, init: RequestInit = {}) => {
        const headers = new Headers(init.headers);
        headers.set("authorization", `Bearer ${token}`);
        if (typeof init.body === "string") headers.set("content-type", "application/json");
        return fetch(fresh.url + path, { ...init, headers });
      };
      const ds = loadSeed(SHIPPED_SEED);
      // Not a firm the tie test above wrote a tie of (Neo4j holds that tie, the embedded server not).
      const tied = new Set([ds.firms.find((f) => isLocalFirm(f))!.id, ds.firms[0]!.id, ds.firms[1]!.id]);
      const local = ds.firms.find((f) => isLocalFirm(f) && f.segments.length > 0 && !tied.has(f.id))!;
      const segment = local.segments[0]!.segment;
      const source = {
        id: "neo4j-write-test-source",
        title: "写入测试来源",
        url: "https://example.org/neo4j-write-test",
        kind: "press",
        published: "2026-12-01",
        read: "2026-12-07",
      };
      const newFirm = {
        id: "neo4j-write-test-firm",
        name: { zh: "写入测试企业", aliases: [] },
        location: { country: "CN", region: local.location.region },
        segments: [{ segment, grade: "medium", basis: "inferred", confidence: 0.5, sources: [source.id] }],
        sources: [source.id],
      };
      const tie = {
        id: "neo4j-write-test-tie",
        supplier: newFirm.id,
        customer: local.id,
        product: "测试产品",
        segment,
        basis: "inferred",
        confidence: 0.3,
        sources: [source.id],
      };
      // Each step on both servers: the same status, body and warnings. PUT and DELETE send the ETag each read.
      const steps: Array<[method: string, path: string, body?: unknown]> = [
        ["POST", "/api/sources", source],
        ["POST", "/api/firms", newFirm],
        [
          "POST",
          "/api/firms",
          {
            ...newFirm,
            id: "neo4j-write-test-bad",
            segments: [{ ...newFirm.segments[0], segment: "no-such-segment" }],
          },
        ],
        ["PUT", `/api/firms/${newFirm.id}`, { ...newFirm, parent: "no-such-firm" }],
        ["PUT", `/api/firms/${newFirm.id}`, { ...newFirm, parent: local.id }],
        ["POST", "/api/ties", tie],
        ["POST", "/api/ties", { ...tie, id: "neo4j-write-test-self", customer: tie.supplier }],
        ["DELETE", `/api/segments/${segment}`],
        ["DELETE", `/api/sources/${source.id}`],
        ["DELETE", `/api/firms/${local.id}`],
        ["DELETE", `/api/firms/${newFirm.id}`],
        ["PUT", `/api/sources/${ds.sources[1]!.id}`, { ...ds.sources[1], url: ds.sources[0]!.url }],
        ["DELETE", `/api/ties/${tie.id}`],
        ["DELETE", `/api/firms/${newFirm.id}`],
        ["DELETE", `/api/sources/${source.id}`],
      ];
      const statuses: number[] = [];
      for (const [method, path, body] of steps) {
        const answer = async (send: (p: string, i?: RequestInit) => Promise<Response>) => {
          const headers: Record<string, string> = {};
          if (method !== "POST") headers["if-match"] = (await send(path)).headers.get("etag") ?? "";
          const r = await send(path, {
            method,
            headers,
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          });
          return { status: r.status, body: await r.text(), warnings: r.headers.get("x-atlas-warnings") };
        };
        const want = await answer((p, i) => embedded.call(p, i));
        const got = await answer(onNeo4j);
        expect(got, `${method} ${path}`).toEqual(want);
        expect(fresh.state.wholeReads, `${method} ${path}`).toBe(0);
        statuses.push(got.status);
      }
      // The steps refuse and apply: not all one or the other.
      expect(statuses).toEqual([201, 201, 400, 400, 200, 201, 400, 400, 400, 400, 400, 200, 204, 204, 204]);
      // The map as both servers now hold it, read whole from a fresh connection: the same.
      const back = await connectTestNeo4j();
      try {
        const mine = (await back.loadDataset()).sources[1];
        expect(mine?.url).toBe(ds.sources[0]!.url);
      } finally {
        await back.close();
      }
    } finally {
      await fresh.close();
    }
  });

  it("registers a project by its investor's name, refuses the same investor under another spelling, and lands it at 投产, without reading the whole dataset", {
    timeout: 300_000,
  }, async () => {
    const fresh = await serveNeo4j("accounts-4.db");
    try {
      await fresh.state.accounts.users.add({ username: "adm", password: PASSWORD, role: "admin" });
      const token = fresh.state.accounts.tokens.create("adm", "test").token;
      const post = (path: string, body: unknown) =>
        fetch(fresh.url + path, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        });
      const project = (id: string, name: string) => ({
        id,
        investor: { name },
        gaps: [{ segment: "pv-wafer", aim: "fill" }],
        region: "haining",
        amount: { millions: 1500, currency: "CNY" },
        assumed: true,
      });
      const r = await post("/api/projects", project("neo4j-jinko-wafer", "晶科能源股份有限公司"));
      expect(r.status, await r.clone().text()).toBe(201);
      expect(((await r.json()) as { project: { investor: { firm: string } } }).project.investor.firm).toBe(
        "jinkosolar",
      );
      expect(fresh.state.wholeReads).toBe(0);
      // The same investor (its firm's short name folds alike): the first report holds.
      const again = await post("/api/projects", project("neo4j-jinko-2", "晶科能源"));
      expect(again.status).toBe(409);
      expect(await again.text()).toContain("neo4j-jinko-wafer");
      for (const stage of ["contacted", "negotiating", "signed", "started"])
        expect((await post("/api/projects/neo4j-jinko-wafer/stage", { stage })).status, stage).toBe(200);
      const gaps = async () =>
        (
          (await (
            await fetch(`${fresh.url}/api/chains/pv/gaps`, { headers: { authorization: `Bearer ${token}` } })
          ).json()) as { findings: Array<{ segment: { id: string }; kind: string }> }
        ).findings.find((f) => f.segment.id === "pv-wafer")!.kind;
      expect(await gaps()).toBe("missing");
      const landed = await post("/api/projects/neo4j-jinko-wafer/stage", { stage: "production" });
      expect(landed.status, await landed.clone().text()).toBe(200);
      const b = (await landed.json()) as { landed: { kind: string; firm: string; segments: string[] } };
      expect(b.landed).toMatchObject({ kind: "add-firm", segments: ["pv-wafer"] });
      expect(await gaps()).not.toBe("missing");
      expect(fresh.state.wholeReads).toBe(0);
      // In Neo4j, as a fresh connection reads it: the plant, local to haining, a subsidiary of the investor.
      const back = await connectTestNeo4j();
      try {
        expect(await back.readEntity("firms", b.landed.firm)).toMatchObject({
          parent: "jinkosolar",
          location: { region: "haining" },
        });
        expect((await back.history(1))[0]).toMatchObject({ who: "adm", op: "landing" });
        // The pipeline is kept with the graph: the project and its changes are Neo4j's, not the accounts file's,
        // so another server or a command on the same Neo4j sees it.
        expect((await back.project("neo4j-jinko-wafer"))?.stage).toBe("production");
        expect((await back.projectChanges("neo4j-jinko-wafer")).map((c) => [c.op, c.who])).toEqual([
          ["add", "adm"],
          ...["contacted", "negotiating", "signed", "started", "production"].map(() => ["stage", "adm"]),
        ]);
        expect(await fresh.state.store.projects()).toEqual([]);
        const listed = runCli(["--store", NEO4J_TEST_URL, "--json", "project", "list"], NEO4J_TEST_ENV);
        expect(listed.stderr).toBe("");
        expect(
          (JSON.parse(listed.stdout) as Array<{ project: { id: string } }>).map((x) => x.project.id),
        ).toEqual(["neo4j-jinko-wafer"]);
      } finally {
        await back.close();
      }
    } finally {
      await fresh.close();
    }
  });

  it("says so at start when its accounts file holds projects an older chain-atlas kept there and Neo4j holds none", {
    timeout: 120_000,
  }, async () => {
    const remote = await connectTestNeo4j();
    const kept = await remote.readPipeline();
    await remote.replacePipeline({ projects: [], changes: [], settings: [] });
    const file = join(dir, "accounts-old.db");
    const old = new EmbeddedStore(file);
    await old.writeProject({ op: "add", who: "old" }, () =>
      Project.parse({
        id: "kept-locally",
        investor: { name: "某投资方" },
        gaps: [],
        region: "haining",
        owner: "haining",
        amount: { millions: 10, currency: "CNY" },
        stage: "lead",
        history: [{ stage: "lead", at: "2024-01-01", who: "old" }],
        assumed: true,
      }),
    );
    await old.close();
    const said: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      said.push(String(chunk));
      return true;
    });
    let started: RunningServer | undefined;
    try {
      started = await serveNeo4j("accounts-old.db");
    } finally {
      spy.mockRestore();
      await started?.close();
      await remote.replacePipeline(kept);
      await remote.close();
    }
    expect(said.join("")).toContain(
      `${file} holds 1 project(s) the graph store does not; projects are now kept with the graph (copy them with chain-atlas --db ${file} push --to URL --pipeline-only)`,
    );
  });

  it("imports a list through the API, asks its review question and applies the decision, without reading the whole dataset", {
    timeout: 300_000,
  }, async () => {
    const fresh = await serveNeo4j("accounts-5.db");
    try {
      await fresh.state.accounts.users.add({ username: "imp", password: PASSWORD, role: "editor" });
      const token = fresh.state.accounts.tokens.create("imp", "test").token;
      const auth = { authorization: `Bearer ${token}` };
      const csv =
        "企业名称,所属区县,主营产品\n福莱特光伏有限公司,秀洲区,光伏玻璃\n嘉兴示例接口导入有限公司,南湖区,玻纤纱\n";
      const r = await fetch(`${fresh.url}/api/ingest?as=local-firms&filename=api-list.csv`, {
        method: "POST",
        headers: { ...auth, "content-type": "text/csv" },
        body: csv,
      });
      expect(r.status, await r.clone().text()).toBe(200);
      const out = (await r.json()) as {
        added: Array<{ id: string; name: string }>;
        queued: Array<{ review: number; candidate: { id: string } }>;
        changeId: number | null;
        warnings: unknown[];
      };
      expect(out.added.map((a) => a.name)).toEqual(["嘉兴示例接口导入有限公司"]);
      expect(out.queued.map((q) => q.candidate.id)).toEqual(["flat-glass"]);
      expect(out.changeId).toEqual(expect.any(Number));
      expect(out.warnings).toEqual([]);
      const list = (await (await fetch(`${fresh.url}/api/review`, { headers: auth })).json()) as {
        items: Array<{ id: number; candidate: string; file: string }>;
      };
      const item = list.items.find((i) => i.file === "api-list.csv")!;
      expect(item).toMatchObject({ id: out.queued[0]!.review, candidate: "flat-glass" });
      const decided = await fetch(`${fresh.url}/api/review/${item.id}`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ decision: "merge" }),
      });
      expect(decided.status, await decided.clone().text()).toBe(200);
      expect(fresh.state.wholeReads).toBe(0);
      const firm = (await (await fetch(`${fresh.url}/api/firms/flat-glass`, { headers: auth })).json()) as {
        name: { aliases: string[] };
      };
      expect(firm.name.aliases).toContain("福莱特光伏有限公司");
      expect(fresh.state.wholeReads).toBe(0);
    } finally {
      await fresh.close();
    }
  });
});
